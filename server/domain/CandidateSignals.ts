import type { CandidateSignal, FocusState, ParticipantView } from '../../src/lib/shared/protocol.js';
import { insertedChars } from '../../src/lib/shared/replay/updateInfo.js';
import { roomEvent } from '../../src/lib/shared/room/roomEvents.js';
import { DomainError } from './errors.js';
import type { Participant } from './InterviewService.js';
import { toView } from './InterviewService.js';
import type { Clock } from './ports.js';
import type { Recorder } from './Recorder.js';
import { LARGE_PASTE_CHARS, PASTE_WINDOW_MS } from './replayRules.js';

export type SignalListener = (interviewId: string, signal: CandidateSignal) => void;

/**
 * SIG-1: the candidate's large pastes and focus changes, recorded as they happen; SIG-2: the
 * transports hand them to interviewers only.
 *
 * Pastes are read on the server from the stored update itself (characters inserted in one
 * change), so a page that does not report them cannot hide them. Focus can only be seen by the
 * page, which reports it.
 */
export class CandidateSignals {
	private readonly listeners = new Set<SignalListener>();
	/** Characters each candidate inserted lately, for pastes split over several changes. */
	private readonly recentInserts = new Map<string, { t: number; chars: number }[]>();

	constructor(
		private readonly recorder: Recorder,
		private readonly clock: Clock
	) {}

	onSignal(listener: SignalListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/**
	 * A stored change of the code document; records a paste when the candidate inserted many
	 * characters at once, or within PASTE_WINDOW_MS over several changes (a modified page could
	 * split a paste into pieces just under the limit; nobody types that fast).
	 */
	async codeStored(interviewId: string, by: ParticipantView | null, update: Uint8Array): Promise<void> {
		if (by?.role !== 'candidate') return;
		const chars = insertedChars(update);
		if (chars === 0) return;
		const now = this.clock.now();
		const key = `${interviewId}/${by.id}`;
		if (chars >= LARGE_PASTE_CHARS) {
			this.recentInserts.delete(key);
			return this.record(interviewId, by, { kind: 'paste', chars });
		}
		const recent = (this.recentInserts.get(key) ?? []).filter((r) => now - r.t < PASTE_WINDOW_MS);
		recent.push({ t: now, chars });
		const total = recent.reduce((n, r) => n + r.chars, 0);
		if (total < LARGE_PASTE_CHARS) {
			this.recentInserts.set(key, recent);
			return;
		}
		this.recentInserts.delete(key);
		await this.record(interviewId, by, { kind: 'paste', chars: total });
	}

	async focus(p: Participant, state: FocusState): Promise<void> {
		if (p.participant.role !== 'candidate') throw new DomainError('forbidden', 'Only the candidate reports focus');
		await this.record(p.interview.id, toView(p.participant), { kind: 'focus', state });
	}

	private async record(
		interviewId: string,
		by: ParticipantView,
		what: { kind: 'paste'; chars: number } | { kind: 'focus'; state: FocusState }
	): Promise<void> {
		const t = this.clock.now();
		const event =
			what.kind === 'paste'
				? roomEvent('signal:paste', by.id, { chars: what.chars })
				: roomEvent('signal:focus', by.id, { state: what.state });
		await this.recorder.append({ interviewId, t, kind: 'event', ...event });
		const signal = { ...what, t, by } as CandidateSignal;
		for (const l of this.listeners) l(interviewId, signal);
	}
}
