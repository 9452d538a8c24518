/**
 * A whole interview rebuilt from its recording, standing at any moment: the code and canvas
 * documents exactly as the server held them, the run and test results on screen, who was in
 * the room, each person's cursor, and the timeline's markers. Pure: the browser's player, the
 * tests and the benchmark all use it.
 *
 * REPLAY-1: the documents at time t are the server's documents after every entry with t' ≤ t.
 * REPLAY-2: seeking starts from the nearest checkpoint or decoded document, never from the start.
 *   `prepare`, run while the page is idle, decodes documents at a few moments ahead of need.
 * REPLAY-3: a damaged log shows everything up to the damaged entry and names it.
 */
import * as Y from 'yjs';
import type { DocName, ParticipantView, RunOutcome, RunView, TestRunView, TestSuite } from '../protocol.js';
import { emptyRoom, personOf, reduceRoom, type RoomState } from '../room/reduceRoom.js';
import { filesOf, activeProblemOf } from '../codeDoc.js';
import { DocTrack } from './DocTrack.js';
import { parseRecording, ReplayLogError, type ReplayEntry } from './parseRecording.js';
import type { CursorMark } from './updateInfo.js';

export type MarkerKind =
	'run' | 'tests' | 'problem' | 'paste' | 'focus' | 'join' | 'leave' | 'consent' | 'end' | 'note';

export interface Marker {
	t: number;
	seq: number;
	kind: MarkerKind;
	label: string;
	/** A participant id, or a name for notes. */
	actor: string;
	tone?: 'ok' | 'bad' | 'warn';
}

export interface ReplayCursor {
	participant: ParticipantView;
	/** Character offset in the active problem's buffer. */
	index: number;
}

export interface ReplayFrame {
	t: number;
	/** The last entry shown (0 before the first). */
	seq: number;
	code: Y.Doc;
	canvas: Y.Doc;
	codeVersion: number;
	canvasVersion: number;
	activeProblem: string | undefined;
	run: RunView | null;
	tests: Partial<Record<TestSuite, TestRunView>>;
	presence: ParticipantView[];
	cursors: ReplayCursor[];
}

export interface ReplayCheckpoint {
	doc: DocName;
	seq: number;
	state: Uint8Array;
	/** The state is in Yjs's v2 encoding (what /replay/checkpoints serves). */
	v2?: boolean;
}

export interface ReplaySource {
	interviewId: string;
	/** The recording as NDJSON (GET /api/interviews/{id}/replay/log). */
	ndjson: string;
	checkpoints: ReplayCheckpoint[];
	participants: ParticipantView[];
	problems?: { id: string; title: string }[];
}

/** Gaps longer than this with nothing happening are skipped by "skip idle". */
export const IDLE_GAP_MS = 5_000;

const OUTCOME_WORD: Record<RunOutcome, string> = {
	ok: 'finished',
	error: 'error',
	stopped: 'stopped',
	timeout: 'time limit',
	'out-of-memory': 'out of memory',
	crashed: 'crashed'
};

export class ReplayModel {
	readonly entries: ReplayEntry[];
	readonly error: ReplayLogError | null;
	readonly markers: Marker[];
	readonly start: number;
	readonly end: number;
	private readonly tracks: Record<DocName, DocTrack>;
	/** The room before its first event: everyone the bundle names. */
	private readonly initialRoom: RoomState;
	private folded: { seq: number; index: number; state: RoomState };
	private readonly problemTitles = new Map<string, string>();
	/** Running maximum of t, so a clock step back on the server cannot break the search. */
	private readonly tMax: number[];
	private readonly events: Extract<ReplayEntry, { kind: 'event' }>[] = [];
	private readonly cursorMarks = new Map<string, { seq: number; mark: CursorMark }[]>();

	constructor(src: ReplaySource) {
		const { entries, error } = parseRecording(src.interviewId, src.ndjson);
		this.entries = entries;
		this.initialRoom = emptyRoom(src.participants);
		this.folded = { seq: 0, index: 0, state: this.initialRoom };
		for (const p of src.problems ?? []) this.problemTitles.set(p.id, p.title);
		const updates: Record<DocName, { seq: number; update: Uint8Array }[]> = { code: [], canvas: [] };
		this.tMax = [];
		let max = -Infinity;
		for (const e of entries) {
			max = Math.max(max, e.t);
			this.tMax.push(max);
			if (e.kind === 'yjs') {
				updates[e.doc].push({ seq: e.seq, update: e.update });
				if (e.info?.cursor && e.actor !== 'server') {
					let list = this.cursorMarks.get(e.actor);
					if (!list) this.cursorMarks.set(e.actor, (list = []));
					list.push({ seq: e.seq, mark: e.info.cursor });
				}
			} else this.events.push(e);
		}
		const cps = (doc: DocName) => src.checkpoints.filter((c) => c.doc === doc);
		this.tracks = {
			code: new DocTrack(updates.code, cps('code')),
			canvas: new DocTrack(updates.canvas, cps('canvas'))
		};
		this.error = error;
		this.start = entries[0]?.t ?? 0;
		this.end = entries.at(-1) ? max : this.start;
		this.markers = this.buildMarkers();
	}

	person(id: string): ParticipantView {
		return personOf(this.initialRoom, id);
	}

	/** The error of the log, or of a document that could not be rebuilt past some entry. */
	get damage(): ReplayLogError | null {
		const failed = [this.tracks.code.failedSeq, this.tracks.canvas.failedSeq].filter((s): s is number => s !== null);
		if (failed.length > 0 && (!this.error || Math.min(...failed) < this.error.seq)) {
			const interviewId = this.error?.interviewId ?? '';
			return new ReplayLogError(interviewId, Math.min(...failed), 'the Yjs update cannot be applied');
		}
		return this.error;
	}

	/** How many entries have t ≤ `t`; the seq of the last of them is the frame's seq. */
	private countAt(t: number): number {
		let lo = 0;
		let hi = this.tMax.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.tMax[mid] <= t) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	seqAt(t: number): number {
		const n = this.countAt(t);
		return n === 0 ? 0 : this.entries[n - 1].seq;
	}

	/** The whole room as it was at server time `t`. */
	seek(t: number): ReplayFrame {
		return this.seekSeq(this.seqAt(t), t);
	}

	/** The room after entry `seq` (tests compare with the server at a known entry). */
	seekSeq(seq: number, t = this.entries.find((e) => e.seq === seq)?.t ?? this.start): ReplayFrame {
		const code = this.tracks.code.seekSeq(seq);
		const canvas = this.tracks.canvas.seekSeq(seq);
		const activeProblem = activeProblemOf(code);
		return {
			t,
			seq,
			code,
			canvas,
			codeVersion: this.tracks.code.version,
			canvasVersion: this.tracks.canvas.version,
			activeProblem,
			...this.roomAt(seq),
			cursors: this.cursorsAt(seq, code, activeProblem)
		};
	}

	/**
	 * Background work for idle time: decoded documents at a few moments spread over each track, so
	 * seeks near them start there, and V8 has optimised Yjs's decoding before the first real seek.
	 * Runs steps (one decode and at most a checkpoint's distance of updates, 5–15 ms once warm)
	 * while `hasTime()` says so; false once all is done. It changes no frame: a seek gives the same
	 * room with or without it, only sooner.
	 */
	prepare(hasTime: () => boolean): boolean {
		let more = true;
		while (more && hasTime()) {
			const code = this.tracks.code.prepareStep();
			const canvas = this.tracks.canvas.prepareStep();
			more = code || canvas;
		}
		return more;
	}

	/** Text of a problem's buffer at the current frame (after `seek`). */
	static textOf(frame: ReplayFrame, problemId = frame.activeProblem): string {
		return problemId ? (filesOf(frame.code).get(problemId)?.toString() ?? '') : '';
	}

	/** The next moment after `t` where something happens, for "skip idle" (null at the end). */
	nextActivity(t: number): number | null {
		const n = this.countAt(t);
		return n < this.entries.length ? this.entries[n].t : null;
	}

	/**
	 * Runs, tests and presence after entry `seq`: the room's own reducer folded over the events.
	 * Playing forward continues from the previous fold instead of starting again.
	 */
	private roomAt(seq: number): Pick<ReplayFrame, 'run' | 'tests' | 'presence'> {
		let { index, state } = this.folded.seq <= seq ? this.folded : { index: 0, state: this.initialRoom };
		while (index < this.events.length && this.events[index].seq <= seq) state = reduceRoom(state, this.events[index++]);
		this.folded = { seq, index, state };
		return { run: state.run, tests: state.tests, presence: state.present };
	}

	private cursorsAt(seq: number, code: Y.Doc, activeProblem: string | undefined): ReplayCursor[] {
		const text = activeProblem ? filesOf(code).get(activeProblem) : undefined;
		if (!text) return [];
		const out: ReplayCursor[] = [];
		for (const [actor, marks] of this.cursorMarks) {
			let lo = 0;
			let hi = marks.length;
			while (lo < hi) {
				const mid = (lo + hi) >> 1;
				if (marks[mid].seq <= seq) lo = mid + 1;
				else hi = mid;
			}
			if (lo === 0) continue;
			const { mark } = marks[lo - 1];
			const rel = Y.createRelativePositionFromJSON({ item: { client: mark.client, clock: mark.clock }, assoc: 0 });
			const abs = Y.createAbsolutePositionFromRelativePosition(rel, code);
			if (!abs || abs.type !== text) continue;
			out.push({ participant: this.person(actor), index: Math.min(text.length, abs.index + (mark.after ? 1 : 0)) });
		}
		return out;
	}

	private buildMarkers(): Marker[] {
		const markers: Marker[] = [];
		const runStarts = new Map<string, Marker>();
		const name = (id: string) => this.person(id).name;
		for (const e of this.entries) {
			if (e.kind === 'yjs') {
				if (e.info?.activeProblem && e.actor !== 'server') {
					const title = this.problemTitles.get(e.info.activeProblem) ?? e.info.activeProblem;
					markers.push({ t: e.t, seq: e.seq, kind: 'problem', label: `Switched to ${title}`, actor: e.actor });
				}
				continue;
			}
			const at = { t: e.t, seq: e.seq, actor: e.actor };
			switch (e.type) {
				case 'run:start': {
					const m: Marker = { ...at, kind: 'run', label: `${name(e.actor)} ran the code` };
					runStarts.set(e.data.runId, m);
					markers.push(m);
					break;
				}
				case 'run:end': {
					const m = runStarts.get(e.data.runId);
					if (m) {
						m.label = `${name(m.actor)} ran the code: ${OUTCOME_WORD[e.data.outcome]}`;
						m.tone = e.data.outcome === 'ok' ? 'ok' : e.data.outcome === 'stopped' ? 'warn' : 'bad';
					}
					break;
				}
				case 'tests:result': {
					const s = e.data.summary;
					const suite = e.data.suite === 'hidden' ? 'Hidden tests' : 'Tests';
					markers.push({
						...at,
						kind: 'tests',
						label:
							s && s.total > 0
								? `${suite}: ${s.passed} passed, ${s.failed + s.errors} failed of ${s.total}`
								: e.data.report?.loadError
									? `${suite}: the test file could not run`
									: `${suite}: ${OUTCOME_WORD[e.data.outcome]}`,
						tone: s && s.failed + s.errors === 0 && s.total > 0 ? 'ok' : 'bad'
					});
					break;
				}
				case 'signal:paste':
					markers.push({
						...at,
						kind: 'paste',
						label: `${name(e.actor)} pasted ${e.data.chars} characters`,
						tone: 'warn'
					});
					break;
				case 'signal:focus':
					if (e.data.state === 'hidden') {
						markers.push({ ...at, kind: 'focus', label: `${name(e.actor)}'s page lost focus`, tone: 'warn' });
					}
					break;
				case 'participant:join':
					markers.push({ ...at, kind: 'join', label: `${name(e.actor)} joined` });
					break;
				case 'participant:leave':
					markers.push({ ...at, kind: 'leave', label: `${name(e.actor)} left` });
					break;
				case 'consent:accepted':
					markers.push({ ...at, kind: 'consent', label: `${name(e.actor)} accepted the recording` });
					break;
				case 'interview:end':
					markers.push({ ...at, kind: 'end', label: 'Interview ended' });
					break;
			}
		}
		return markers;
	}
}

export { ReplayLogError };
