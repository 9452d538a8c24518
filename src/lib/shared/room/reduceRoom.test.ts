import { describe, expect, it } from 'vitest';
import { MAX_RUN_OUTPUT_CHARS, type ParticipantView } from '../protocol.js';
import { emptyRoom, fromSnapshot, reduceRoom, roomStateFor, toSnapshot, type RoomState } from './reduceRoom.js';
import { RoomEventSchema, audienceOf, roomEvent, type RoomEvent } from './roomEvents.js';

const cara: ParticipantView = { id: 'c1', name: 'Cara', role: 'candidate', color: '#0f766e' };
const ivan: ParticipantView = { id: 'i1', name: 'Ivan', role: 'interviewer', color: '#7c3aed' };

/** Folds events given as [t, event], starting from a room that knows Cara and Ivan. */
function fold(events: [number, RoomEvent][], from: RoomState = emptyRoom([cara, ivan])): RoomState {
	return events.reduce((s, [t, e]) => reduceRoom(s, { ...e, t }), from);
}

const start = (runId: string, by = cara): [number, RoomEvent] => [
	10,
	roomEvent('run:start', by.id, { runId, problemId: 'p1' })
];
const out = (runId: string, text: string, stream: 'stdout' | 'stderr' = 'stdout'): [number, RoomEvent] => [
	11,
	roomEvent('run:output', cara.id, { runId, stream, text, truncated: false })
];

describe('reduceRoom', () => {
	it('a run collects its output by stream, in order, and ends once', () => {
		const s = fold([
			start('r1'),
			out('r1', 'a'),
			out('r1', 'b'),
			out('r1', 'oops', 'stderr'),
			out('r1', 'c'),
			[20, roomEvent('run:end', cara.id, { runId: 'r1', outcome: 'ok', durationMs: 9 })],
			[30, roomEvent('run:end', cara.id, { runId: 'r1', outcome: 'error', durationMs: 99 })]
		]);
		expect(s.run).toEqual({
			runId: 'r1',
			problemId: 'p1',
			by: cara,
			startedAt: 10,
			output: [
				{ stream: 'stdout', text: 'ab' },
				{ stream: 'stderr', text: 'oops' },
				{ stream: 'stdout', text: 'c' }
			],
			truncated: false,
			end: { outcome: 'ok', durationMs: 9, message: undefined, endedAt: 20 }
		});
		expect(s.lastActivity).toBe('run');
	});

	it.each<[string, RoomEvent]>([
		[
			'output of another run',
			roomEvent('run:output', cara.id, { runId: 'old', stream: 'stdout', text: 'x', truncated: false })
		],
		['the end of another run', roomEvent('run:end', cara.id, { runId: 'old', outcome: 'ok', durationMs: 1 })],
		[
			'a test result of another test run',
			roomEvent('tests:result', cara.id, {
				runId: 'old',
				problemId: 'p1',
				suite: 'visible',
				outcome: 'ok',
				summary: null,
				report: null
			})
		]
	])('ignores %s', (_what, late) => {
		const before = fold([
			start('r1'),
			[12, roomEvent('tests:start', cara.id, { runId: 't1', problemId: 'p1', suite: 'visible' })]
		]);
		expect(reduceRoom(before, { ...late, t: 50 })).toBe(before);
	});

	it(`cuts output at MAX_RUN_OUTPUT_CHARS and marks the run truncated, then ignores more`, () => {
		const half = 'x'.repeat(MAX_RUN_OUTPUT_CHARS / 2 + 1);
		const s = fold([start('r1'), out('r1', half), out('r1', half), out('r1', 'more')]);
		expect(s.run?.output.reduce((n, o) => n + o.text.length, 0)).toBe(MAX_RUN_OUTPUT_CHARS);
		expect(s.run?.truncated).toBe(true);
	});

	it('a new run replaces the last one and starts with a fresh budget', () => {
		const s = fold([start('r1'), out('r1', 'x'.repeat(MAX_RUN_OUTPUT_CHARS + 5)), start('r2', ivan), out('r2', 'hi')]);
		expect(s.run).toMatchObject({
			runId: 'r2',
			by: ivan,
			output: [{ stream: 'stdout', text: 'hi' }],
			truncated: false
		});
	});

	it('keeps the latest test run per suite with its result', () => {
		const result = roomEvent('tests:result', ivan.id, {
			runId: 'h1',
			problemId: 'p1',
			suite: 'hidden',
			outcome: 'ok',
			summary: null,
			report: null
		});
		const s = fold([
			[1, roomEvent('tests:start', cara.id, { runId: 'v1', problemId: 'p1', suite: 'visible' })],
			[2, roomEvent('tests:start', ivan.id, { runId: 'h1', problemId: 'p1', suite: 'hidden' })],
			[3, result]
		]);
		expect(s.tests.visible).toMatchObject({ runId: 'v1', by: cara, startedAt: 1 });
		expect(s.tests.hidden).toMatchObject({ runId: 'h1', by: ivan, result: { outcome: 'ok', endedAt: 3 } });
		expect(s.lastActivity).toBe('hidden');
	});

	it('presence follows joins and leaves; a join introduces a person the room did not know', () => {
		const olga: ParticipantView = { id: 'o1', name: 'Olga', role: 'observer', color: '#123456' };
		const s = fold(
			[
				[1, roomEvent('participant:join', olga.id, { name: 'Olga', role: 'observer', color: '#123456' })],
				[2, roomEvent('participant:join', cara.id, { name: 'Cara', role: 'candidate' })],
				[3, roomEvent('participant:leave', olga.id, {})]
			],
			emptyRoom([cara])
		);
		expect(s.present).toEqual([cara]);
		expect(s.people[olga.id]).toEqual(olga);
	});

	it('the first end is the end', () => {
		const s = fold([
			[1, roomEvent('interview:end', ivan.id, { endedAt: 100, reason: 'ended' })],
			[2, roomEvent('interview:end', 'server', { endedAt: 200, reason: 'time box ran out' })]
		]);
		expect(s.endedAt).toBe(100);
	});

	it('an actor the events never named is "Someone", never undefined', () => {
		expect(fold([start('r1', { ...cara, id: 'gone' })]).run?.by.name).toBe('Someone');
	});
});

describe('PRIV-2: what a participant is shown', () => {
	const s = fold([
		[1, roomEvent('tests:start', cara.id, { runId: 'v1', problemId: 'p1', suite: 'visible' })],
		[2, roomEvent('tests:start', ivan.id, { runId: 'h1', problemId: 'p1', suite: 'hidden' })]
	]);

	it('hidden test runs are left out of the state and snapshot of anyone who may not see them', () => {
		expect(roomStateFor(s, false).tests.hidden).toBeUndefined();
		expect(roomStateFor(s, false).lastActivity).toBeNull();
		expect(JSON.stringify(toSnapshot(s, [], false))).not.toContain('h1');
		expect(toSnapshot(s, [], true).lastTests?.hidden?.runId).toBe('h1');
	});

	it('hidden test events and candidate signals go to interviewers only', () => {
		expect(audienceOf(roomEvent('tests:start', ivan.id, { runId: 'h', problemId: 'p1', suite: 'hidden' }))).toBe(
			'interviewers'
		);
		expect(audienceOf(roomEvent('signal:paste', cara.id, { chars: 500 }))).toBe('interviewers');
		expect(audienceOf(roomEvent('signal:focus', cara.id, { state: 'hidden' }))).toBe('interviewers');
		expect(audienceOf(roomEvent('tests:start', cara.id, { runId: 'v', problemId: 'p1', suite: 'visible' }))).toBe(
			'room'
		);
		expect(audienceOf(roomEvent('run:start', cara.id, { runId: 'r', problemId: 'p1' }))).toBe('room');
	});

	it('a page rebuilt from the snapshot holds the same run and tests as the server', () => {
		const server = fold([start('r1'), out('r1', 'hello\n')], s);
		const page = fromSnapshot(toSnapshot(server, [{ ...cara, connections: 1 }], true), ivan);
		expect(page.run).toEqual(server.run);
		expect(page.tests).toEqual(server.tests);
		const next: [number, RoomEvent] = [
			40,
			roomEvent('run:end', cara.id, { runId: 'r1', outcome: 'ok', durationMs: 3 })
		];
		expect(fold([next], page).run).toEqual(fold([next], server).run);
	});
});

describe('RoomEventSchema', () => {
	it.each<[string, unknown]>([
		['an unknown type', { type: 'run:explode', actor: 'a', data: {} }],
		[
			'a run:output without truncated',
			{ type: 'run:output', actor: 'a', data: { runId: 'r', stream: 'stdout', text: 'x' } }
		],
		[
			'a run:end with an unknown outcome',
			{ type: 'run:end', actor: 'a', data: { runId: 'r', outcome: 'exploded', durationMs: 1 } }
		],
		[
			'a join with a role that does not exist',
			{ type: 'participant:join', actor: 'a', data: { name: 'x', role: 'admin' } }
		]
	])('refuses %s', (_what, raw) => {
		expect(RoomEventSchema.safeParse(raw).success).toBe(false);
	});

	it('accepts a valid event and keeps its data', () => {
		const e = roomEvent('signal:paste', 'c1', { chars: 240 });
		expect(RoomEventSchema.parse(e)).toEqual(e);
	});
});
