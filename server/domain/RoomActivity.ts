import {
	MAX_RUN_OUTPUT_CHARS,
	type PresenceEntry,
	type Role,
	type RoomSnapshot,
	type RunEnd,
	type RunOutput,
	type RunStart,
	type TestsResult,
	type TestsStart
} from '../../src/lib/shared/protocol.js';
import { can } from '../../src/lib/shared/permissions.js';
import { capOutput, emptyRoom, reduceRoom, toSnapshot, type RoomState } from '../../src/lib/shared/room/reduceRoom.js';
import { roomEvent, type CommittedRoomEvent, type RoomEvent } from '../../src/lib/shared/room/roomEvents.js';
import { DomainError } from './errors.js';
import { toView, type InterviewService, type Participant } from './InterviewService.js';
import type { Clock, Logger } from './ports.js';
import type { Recorder } from './Recorder.js';

interface InterviewActivity {
	/** Open Socket.IO connections per participant (tabs); not recorded, only the first and last are. */
	connections: Map<string, PresenceEntry>;
	state: RoomState;
	/** QUOTA-3: output recorded for the interview so far, every run together. */
	outputChars: number;
}

/**
 * QUOTA-3: output recorded per interview, all runs together (a run keeps MAX_RUN_OUTPUT_CHARS).
 * Sixteen runs that each print their whole cap; beyond it runs still run, their output is cut.
 */
export const MAX_INTERVIEW_OUTPUT_CHARS = 16 * MAX_RUN_OUTPUT_CHARS;

/**
 * Presence, runs and tests of each interview. Runs happen in the browser of whoever pressed
 * Run; the server checks who may report them, records each event (log first), folds it into
 * the room's state with the shared reducer, and hands the committed event back to relay.
 */
/** Told of events the server itself causes (the end of an interview), once committed. */
export type RoomEventListener = (interviewId: string, event: CommittedRoomEvent) => void;

export class RoomActivity {
	private readonly byInterview = new Map<string, InterviewActivity>();
	private readonly listeners = new Set<RoomEventListener>();
	private readonly presenceListeners = new Set<(interviewId: string) => void>();

	constructor(
		private readonly recorder: Recorder,
		private readonly clock: Clock
	) {}

	private activity(interviewId: string): InterviewActivity {
		let a = this.byInterview.get(interviewId);
		if (!a) {
			a = { connections: new Map(), state: emptyRoom(), outputChars: 0 };
			this.byInterview.set(interviewId, a);
		}
		return a;
	}

	async join(p: Participant): Promise<PresenceEntry[]> {
		const a = this.activity(p.interview.id);
		const entry = a.connections.get(p.participant.id);
		if (entry) entry.connections++;
		else {
			const view = toView(p.participant);
			a.connections.set(p.participant.id, { ...view, connections: 1 });
			await this.commit(
				p.interview.id,
				roomEvent('participant:join', view.id, { name: view.name, role: view.role, color: view.color })
			);
			this.presenceChanged(p.interview.id);
		}
		return this.presence(p.interview.id);
	}

	async leave(p: Participant): Promise<PresenceEntry[]> {
		const a = this.activity(p.interview.id);
		const entry = a.connections.get(p.participant.id);
		if (entry && --entry.connections <= 0) {
			a.connections.delete(p.participant.id);
			await this.commit(p.interview.id, roomEvent('participant:leave', p.participant.id, {}));
			this.presenceChanged(p.interview.id);
		}
		const list = this.presence(p.interview.id);
		if (a.connections.size === 0 && !a.state.run && !a.state.tests.visible && !a.state.tests.hidden) {
			this.byInterview.delete(p.interview.id);
		}
		return list;
	}

	/** DEL-1: the interview was deleted. */
	forget(interviewId: string): void {
		this.byInterview.delete(interviewId);
	}

	presence(interviewId: string): PresenceEntry[] {
		return [...(this.byInterview.get(interviewId)?.connections.values() ?? [])];
	}

	/** What a participant joining now needs; hidden test results only for interviewers (PRIV-2). */
	snapshot(interviewId: string, endedAt: number | null, role: Role): RoomSnapshot {
		const state = this.byInterview.get(interviewId)?.state ?? emptyRoom();
		return toSnapshot({ ...state, endedAt }, this.presence(interviewId), can(role, 'seeHiddenTests'));
	}

	/** Visible tests: anyone who may run. Hidden tests: interviewers only (PRIV-2). */
	async startTests(p: Participant, ended: boolean, start: TestsStart): Promise<CommittedRoomEvent> {
		const role = p.participant.role;
		const allowed = start.suite === 'hidden' ? can(role, 'runHiddenTests') : can(role, 'run', { ended });
		if (!allowed) {
			throw new DomainError(
				'forbidden',
				ended ? 'The interview has ended' : `A ${role} cannot run the ${start.suite} tests`
			);
		}
		this.assertProblemOf(p, start.problemId);
		return this.commit(
			p.interview.id,
			roomEvent('tests:start', p.participant.id, {
				runId: start.runId,
				problemId: start.problemId,
				suite: start.suite
			}),
			p
		);
	}

	async endTests(p: Participant, result: TestsResult): Promise<CommittedRoomEvent> {
		const { tests } = this.activity(p.interview.id).state;
		const view = [tests.visible, tests.hidden].find((t) => t?.runId === result.runId);
		if (!view) throw new DomainError('not_found', `No current test run "${result.runId}"`);
		if (view.by.id !== p.participant.id) throw new DomainError('forbidden', 'Only who started a test run reports it');
		if (view.result) throw new DomainError('conflict', 'This test run has already ended');
		return this.commit(
			p.interview.id,
			roomEvent('tests:result', p.participant.id, {
				runId: view.runId,
				problemId: view.problemId,
				suite: view.suite,
				outcome: result.outcome,
				summary: result.report?.summary ?? null,
				report: result.report,
				...(result.message !== undefined ? { message: result.message } : {})
			})
		);
	}

	async startRun(p: Participant, ended: boolean, start: RunStart): Promise<CommittedRoomEvent> {
		if (!can(p.participant.role, 'run', { ended })) {
			throw new DomainError('forbidden', ended ? 'The interview has ended' : `A ${p.participant.role} cannot run code`);
		}
		this.assertProblemOf(p, start.problemId);
		return this.commit(
			p.interview.id,
			roomEvent('run:start', p.participant.id, { runId: start.runId, problemId: start.problemId }),
			p
		);
	}

	/**
	 * Records the output cut at the run's cap and the interview's (QUOTA-3); null (nothing
	 * recorded) once a cap was reached. ROLE-4: a run the candidate started before the end
	 * reports nothing after it.
	 */
	async appendOutput(p: Participant, ended: boolean, out: RunOutput): Promise<CommittedRoomEvent | null> {
		const run = this.ownRun(p, out.runId, ended);
		if (run.truncated) return null;
		const a = this.activity(p.interview.id);
		const cut = capOutput(run, out.text);
		const left = Math.max(0, MAX_INTERVIEW_OUTPUT_CHARS - a.outputChars);
		const text = cut.text.slice(0, left);
		const truncated = cut.truncated || text.length < cut.text.length;
		a.outputChars += text.length;
		return this.commit(
			p.interview.id,
			roomEvent('run:output', p.participant.id, { runId: out.runId, stream: out.stream, text, truncated })
		);
	}

	async endRun(p: Participant, ended: boolean, end: RunEnd): Promise<CommittedRoomEvent> {
		const run = this.ownRun(p, end.runId, ended);
		if (run.end) throw new DomainError('conflict', 'This run has already ended');
		return this.commit(
			p.interview.id,
			roomEvent('run:end', p.participant.id, {
				runId: end.runId,
				outcome: end.outcome,
				durationMs: end.durationMs,
				...(end.message !== undefined ? { message: end.message } : {})
			})
		);
	}

	/**
	 * ROLE-3, TAKE-3: records every end the interviews report (an interviewer's, or a take-home's
	 * deadline), then tells the listeners, which relay it to the room.
	 */
	watchEnds(interviews: Pick<InterviewService, 'onEnded'>, logger: Logger): () => void {
		return interviews.onEnded((interviewId, endedAt, by) => {
			this.recordEnded(interviewId, by, endedAt).then(
				(event) => {
					for (const l of this.listeners) l(interviewId, event);
				},
				(err) => logger.error(`could not record the end of ${interviewId}`, err)
			);
		});
	}

	/** ORG-1: told when someone enters a room or its last tab closes (not for a second tab). */
	onPresenceChanged(listener: (interviewId: string) => void): () => void {
		this.presenceListeners.add(listener);
		return () => this.presenceListeners.delete(listener);
	}

	private presenceChanged(interviewId: string): void {
		for (const l of this.presenceListeners) l(interviewId);
	}

	onServerEvent(listener: RoomEventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** `by` null: a take-home's time ran out. */
	async recordEnded(interviewId: string, by: Participant | null, endedAt: number): Promise<CommittedRoomEvent> {
		return this.commit(
			interviewId,
			roomEvent('interview:end', by?.participant.id ?? 'server', {
				endedAt,
				reason: by ? 'ended' : 'time box ran out'
			})
		);
	}

	private assertProblemOf(p: Participant, problemId: string): void {
		if (!p.interview.problemIds.includes(problemId)) {
			throw new DomainError('invalid', `problemId "${problemId}" is not a problem of this interview`, 'problemId');
		}
	}

	private ownRun(p: Participant, runId: string, ended: boolean) {
		if (!can(p.participant.role, 'run', { ended })) throw new DomainError('forbidden', 'The interview has ended');
		const run = this.activity(p.interview.id).state.run;
		if (!run || run.runId !== runId) throw new DomainError('not_found', `No current run "${runId}"`);
		if (run.by.id !== p.participant.id) throw new DomainError('forbidden', 'Only who started a run reports it');
		return run;
	}

	/**
	 * Folds the event into the room's state at once, in the order events are accepted (the
	 * recorder appends in the same order), and resolves once it is committed: callers relay it
	 * only then (log first).
	 */
	private async commit(interviewId: string, event: RoomEvent, by?: Participant): Promise<CommittedRoomEvent> {
		const t = this.clock.now();
		const a = this.activity(interviewId);
		if (by && !a.state.people[by.participant.id]) {
			a.state = { ...a.state, people: { ...a.state.people, [by.participant.id]: toView(by.participant) } };
		}
		a.state = reduceRoom(a.state, { ...event, t });
		const stored = await this.recorder.append({ interviewId, t, kind: 'event', ...event });
		return { ...event, seq: stored.seq, t } as CommittedRoomEvent;
	}
}
