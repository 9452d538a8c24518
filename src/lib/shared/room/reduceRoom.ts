/**
 * The room's state as a fold of its events: one pure function that the server (what a
 * joining participant is told), the room page (what it shows) and the replay (what it shows
 * at a moment) all use, so the three cannot disagree.
 */
import {
	MAX_RUN_OUTPUT_CHARS,
	type ParticipantView,
	type RoomSnapshot,
	type RunView,
	type TestRunView,
	type TestSuite
} from '../protocol.js';
import type { RoomEvent } from './roomEvents.js';

export interface RoomState {
	/** Everyone the events have named, by participant id (who ran, who tested). */
	people: Record<string, ParticipantView>;
	/** Who is in the room, in the order they joined. */
	present: ParticipantView[];
	run: RunView | null;
	/** The latest test run per suite. */
	tests: Partial<Record<TestSuite, TestRunView>>;
	/** What happened last, so the page shows that pane. */
	lastActivity: 'run' | TestSuite | null;
	endedAt: number | null;
}

export const SERVER_ACTOR = 'server';

export function emptyRoom(people: ParticipantView[] = []): RoomState {
	return {
		people: Object.fromEntries(people.map((p) => [p.id, p])),
		present: [],
		run: null,
		tests: {},
		lastActivity: null,
		endedAt: null
	};
}

/** Someone the events never introduced (a deleted participant, the server). */
export function unknownPerson(id: string): ParticipantView {
	return { id, name: id === SERVER_ACTOR ? 'Server' : 'Someone', role: 'observer', color: '#64748b' };
}

export function personOf(state: RoomState, id: string): ParticipantView {
	return state.people[id] ?? unknownPerson(id);
}

/**
 * The part of `text` a run may still show, and whether the cap is reached with it. The server
 * cuts output with it before recording; the reducer applies it again, a no-op on stored output.
 */
export function capOutput(run: RunView, text: string): { text: string; truncated: boolean } {
	const shown = run.output.reduce((n, o) => n + o.text.length, 0);
	const room = Math.max(0, MAX_RUN_OUTPUT_CHARS - shown);
	return text.length > room ? { text: text.slice(0, room), truncated: true } : { text, truncated: false };
}

type Timed = RoomEvent & { t: number };

export function reduceRoom(state: RoomState, event: Timed): RoomState {
	switch (event.type) {
		case 'participant:join': {
			const known = state.people[event.actor];
			const person: ParticipantView = {
				id: event.actor,
				name: event.data.name,
				role: event.data.role,
				color: event.data.color ?? known?.color ?? unknownPerson(event.actor).color
			};
			return {
				...state,
				people: { ...state.people, [event.actor]: person },
				present: [...state.present.filter((p) => p.id !== event.actor), person]
			};
		}
		case 'participant:leave':
			return { ...state, present: state.present.filter((p) => p.id !== event.actor) };
		case 'run:start':
			return {
				...state,
				lastActivity: 'run',
				run: {
					runId: event.data.runId,
					problemId: event.data.problemId,
					by: personOf(state, event.actor),
					startedAt: event.t,
					output: [],
					truncated: false
				}
			};
		case 'run:output': {
			const run = state.run;
			if (!run || run.runId !== event.data.runId || run.truncated) return state;
			const cut = capOutput(run, event.data.text);
			const last = run.output.at(-1);
			const output = !cut.text
				? run.output
				: last && last.stream === event.data.stream
					? [...run.output.slice(0, -1), { stream: last.stream, text: last.text + cut.text }]
					: [...run.output, { stream: event.data.stream, text: cut.text }];
			return { ...state, run: { ...run, output, truncated: cut.truncated || event.data.truncated } };
		}
		case 'run:end': {
			const run = state.run;
			if (!run || run.runId !== event.data.runId || run.end) return state;
			const { outcome, durationMs, message } = event.data;
			return { ...state, run: { ...run, end: { outcome, durationMs, message, endedAt: event.t } } };
		}
		case 'tests:start':
			return {
				...state,
				lastActivity: event.data.suite,
				tests: {
					...state.tests,
					[event.data.suite]: {
						runId: event.data.runId,
						problemId: event.data.problemId,
						suite: event.data.suite,
						by: personOf(state, event.actor),
						startedAt: event.t
					}
				}
			};
		case 'tests:result': {
			const view = state.tests[event.data.suite];
			if (!view || view.runId !== event.data.runId || view.result) return state;
			const { runId, outcome, report, message } = event.data;
			return {
				...state,
				tests: {
					...state.tests,
					[view.suite]: { ...view, result: { runId, outcome, report, message, endedAt: event.t } }
				}
			};
		}
		case 'interview:end':
			return state.endedAt === null ? { ...state, endedAt: event.data.endedAt } : state;
		case 'consent:accepted':
		case 'signal:paste':
		case 'signal:focus':
			return state;
	}
}

/** PRIV-2: what a participant may be shown of the state (hidden tests: interviewers only). */
export function roomStateFor(state: RoomState, maySeeHidden: boolean): RoomState {
	if (maySeeHidden || !state.tests.hidden) return state;
	const { hidden: _hidden, ...visible } = state.tests;
	return { ...state, tests: visible, lastActivity: state.lastActivity === 'hidden' ? null : state.lastActivity };
}

/** The snapshot a joining participant receives (the Socket.IO `room:snapshot` payload). */
export function toSnapshot(state: RoomState, presence: RoomSnapshot['presence'], maySeeHidden: boolean): RoomSnapshot {
	const s = roomStateFor(state, maySeeHidden);
	return {
		presence,
		lastRun: s.run ?? undefined,
		lastTests: { visible: s.tests.visible, hidden: s.tests.hidden },
		endedAt: s.endedAt ?? undefined
	};
}

/** The state a page starts from, rebuilt from the snapshot it was sent on joining. */
export function fromSnapshot(snap: RoomSnapshot, me: ParticipantView): RoomState {
	const state = emptyRoom([me, ...snap.presence]);
	for (const by of [snap.lastRun?.by, snap.lastTests?.visible?.by, snap.lastTests?.hidden?.by]) {
		if (by) state.people[by.id] = by;
	}
	const tests = Object.fromEntries(Object.entries(snap.lastTests ?? {}).filter(([, v]) => v !== undefined));
	return {
		...state,
		present: snap.presence.map(({ connections: _c, ...p }) => p),
		run: snap.lastRun ?? null,
		tests,
		endedAt: snap.endedAt ?? null
	};
}
