import { DomainError } from './errors.js';
import { laterTurn, type NextTurn } from './laterTurn.js';
import type { Clock, InterviewErasure, InterviewStore } from './ports.js';
import type { Recorder } from './Recorder.js';

export const DAY_MS = 24 * 3600 * 1000;

/** Told before the rows go, so live rooms can be closed and nothing more is written. */
export type DeletionListener = (interviewId: string, reason: string) => void | Promise<void>;

export interface InterviewDeletionDeps {
	interviews: Pick<InterviewStore, 'getInterview' | 'listEndedBefore'>;
	erasure: InterviewErasure;
	recorder: Recorder;
	clock: Clock;
	/** RET-1: null keeps recordings until the organizer deletes them. */
	retentionDays: number | null;
	/** Runs `fn` on a later turn of the event loop: the sweep lets the rooms run between two erasures. */
	nextTurn?: NextTurn;
}

/** DEL-1 (the organizer deletes an interview) and RET-1 (the retention sweep). */
export class InterviewDeletion {
	private readonly listeners = new Set<DeletionListener>();

	constructor(private readonly deps: InterviewDeletionDeps) {}

	onDeleting(listener: DeletionListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * The recorder stops taking the interview's entries first, the rooms are closed, what was
	 * already queued is written, and only then are the rows deleted, so nothing of the
	 * interview can be written again after the delete.
	 */
	async delete(interviewId: string, reason = 'This interview was deleted by the organizer'): Promise<void> {
		if (!(await this.deps.interviews.getInterview(interviewId)))
			throw new DomainError('not_found', `No interview with id "${interviewId}"`);
		this.deps.recorder.forget(interviewId);
		for (const l of this.listeners) await l(interviewId, reason);
		await this.deps.recorder.drain();
		await this.deps.erasure.eraseInterview(interviewId);
	}

	/** RET-1: deletes every interview that ended more than the retention period ago; answers their ids. */
	async sweep(): Promise<string[]> {
		if (this.deps.retentionDays === null) return [];
		const cutoff = this.deps.clock.now() - this.deps.retentionDays * DAY_MS;
		const due = await this.deps.interviews.listEndedBefore(cutoff);
		for (const [i, iv] of due.entries()) {
			// An erasure holds the rooms' thread for tens of milliseconds (SQLite deletes every row of
			// the recording, then checkpoints): back to back, a first sweep over hundreds of old
			// interviews froze every live room for a minute.
			if (i > 0) await laterTurn(this.deps.nextTurn);
			await this.delete(iv.id, `This interview's recording reached the end of its retention period`);
		}
		return due.map((i) => i.id);
	}
}
