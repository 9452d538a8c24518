import { nextTurn } from '../system/timers.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_RUN_OUTPUT_CHARS, type Role, type RunStart } from '../../src/lib/shared/protocol.js';
import { ObservedStore } from '../testing/ObservedStore.js';
import type { Participant } from './InterviewService.js';
import { Recorder } from './Recorder.js';
import { MAX_INTERVIEW_OUTPUT_CHARS, RoomActivity } from './RoomActivity.js';
import type { InterviewRecord } from './types.js';

const INTERVIEW: InterviewRecord = {
	id: 'iv1',
	title: 'Backend loop',
	candidateName: 'Cara',
	problemIds: ['moving-average'],
	rubricId: null,
	createdAt: 0,
	endedAt: null,
	mode: 'live',
	timeBoxMinutes: null,
	startedAt: null
};

function person(role: Role, n = 1): Participant {
	return {
		interview: INTERVIEW,
		participant: {
			id: `${role}-${n}`,
			interviewId: INTERVIEW.id,
			name: `${role} ${n}`,
			role,
			color: '#123456',
			tokenHash: `hash-${role}-${n}`
		}
	};
}
const cara = person('candidate');
const ivan = person('interviewer');
const olga = person('observer');
const RUN: RunStart = { runId: 'run-1', problemId: 'moving-average' };

let store: ObservedStore;
let now: number;
let activity: RoomActivity;
beforeEach(() => {
	store = new ObservedStore();
	now = 1_000;
	activity = new RoomActivity(new Recorder(store, nextTurn), { now: () => now });
});
afterEach(() => store.close());

/** The events recorded so far, as `type by actor`. */
function recorded(): string[] {
	return store.committed.map((e) => (e.kind === 'event' ? `${e.type} by ${e.actor}` : `yjs by ${e.actor}`));
}

describe('RoomActivity presence', () => {
	it('counts tabs per participant and records a join and a leave only at the first and last tab', async () => {
		await activity.join(cara);
		await activity.join(ivan);
		const afterSecondTab = await activity.join(cara);
		expect(afterSecondTab.map((p) => [p.id, p.connections])).toEqual([
			['candidate-1', 2],
			['interviewer-1', 1]
		]);

		expect((await activity.leave(cara)).map((p) => [p.id, p.connections])).toEqual([
			['candidate-1', 1],
			['interviewer-1', 1]
		]);
		expect((await activity.leave(cara)).map((p) => p.id)).toEqual(['interviewer-1']);
		expect(recorded()).toEqual([
			'participant:join by candidate-1',
			'participant:join by interviewer-1',
			'participant:leave by candidate-1'
		]);
	});

	it('ignores a leave without a join', async () => {
		expect(await activity.leave(olga)).toEqual([]);
		expect(recorded()).toEqual([]);
	});

	it('gives a snapshot with presence, the last run and the end time', async () => {
		await activity.join(cara);
		await activity.startRun(cara, false, RUN);
		expect(activity.snapshot(INTERVIEW.id, 7_000, 'interviewer')).toEqual({
			presence: [expect.objectContaining({ id: 'candidate-1', connections: 1 })],
			lastRun: expect.objectContaining({ runId: RUN.runId, by: expect.objectContaining({ id: 'candidate-1' }) }),
			lastTests: { visible: undefined, hidden: undefined },
			endedAt: 7_000
		});
		expect(activity.snapshot('other', null, 'interviewer')).toEqual({
			presence: [],
			lastRun: undefined,
			lastTests: { visible: undefined, hidden: undefined },
			endedAt: undefined
		});
	});
});

describe('RoomActivity runs', () => {
	it.each<[string, Participant, boolean, string | null]>([
		['ROLE-1: the candidate may run', cara, false, null],
		['ROLE-1: an interviewer may run', ivan, false, null],
		['ROLE-1: an observer may not run', olga, false, 'forbidden'],
		['ROLE-4: the candidate may not run once the interview ended', cara, true, 'forbidden'],
		['ROLE-5: an interviewer may still run once the interview ended (review)', ivan, true, null]
	])('%s', async (_what, p, ended, error) => {
		const started = activity.startRun(p, ended, RUN);
		if (error) {
			await expect(started).rejects.toMatchObject({ code: error });
			expect(recorded()).toEqual([]);
			return;
		}
		// The committed event is what the room is told; the state folded from it is what joiners see.
		expect(await started).toEqual({
			seq: 1,
			t: 1_000,
			type: 'run:start',
			actor: p.participant.id,
			data: { runId: 'run-1', problemId: 'moving-average' }
		});
		expect(activity.snapshot(INTERVIEW.id, null, 'interviewer').lastRun).toEqual({
			runId: 'run-1',
			problemId: 'moving-average',
			by: { id: p.participant.id, name: p.participant.name, role: p.participant.role, color: '#123456' },
			startedAt: 1_000,
			output: [],
			truncated: false
		});
		expect(recorded()).toEqual([`run:start by ${p.participant.id}`]);
	});

	it('refuses a problem that is not part of the interview, naming the field', async () => {
		await expect(activity.startRun(cara, false, { runId: 'r', problemId: 'softmax' })).rejects.toMatchObject({
			code: 'invalid',
			field: 'problemId'
		});
	});

	it.each<[string, Participant, string, string]>([
		['another participant', ivan, 'run-1', 'forbidden'],
		['the starter, naming another run', cara, 'run-2', 'not_found']
	])('only the starter reports output and the end: %s is refused', async (_what, p, runId, code) => {
		await activity.startRun(cara, false, RUN);
		await expect(activity.appendOutput(p, false, { runId, stream: 'stdout', text: 'x' })).rejects.toMatchObject({
			code
		});
		await expect(activity.endRun(p, false, { runId, outcome: 'ok', durationMs: 5 })).rejects.toMatchObject({ code });
		const run = activity.snapshot(INTERVIEW.id, null, 'interviewer').lastRun;
		expect(run?.output).toEqual([]);
		expect(run?.end).toBeUndefined();
	});

	it('keeps output by stream and ends a run once', async () => {
		await activity.startRun(cara, false, RUN);
		for (const [stream, text] of [
			['stdout', 'a'],
			['stdout', 'b'],
			['stderr', 'oops'],
			['stdout', 'c']
		] as const) {
			expect((await activity.appendOutput(cara, false, { runId: 'run-1', stream, text }))?.data).toEqual({
				runId: 'run-1',
				stream,
				text,
				truncated: false
			});
		}
		now = 3_000;
		expect(await activity.endRun(cara, false, { runId: 'run-1', outcome: 'ok', durationMs: 42 })).toMatchObject({
			t: 3_000,
			type: 'run:end',
			data: { runId: 'run-1', outcome: 'ok', durationMs: 42 }
		});
		await expect(activity.endRun(cara, false, { runId: 'run-1', outcome: 'ok', durationMs: 43 })).rejects.toMatchObject(
			{
				code: 'conflict'
			}
		);
		expect(activity.snapshot(INTERVIEW.id, null, 'interviewer').lastRun).toMatchObject({
			output: [
				{ stream: 'stdout', text: 'ab' },
				{ stream: 'stderr', text: 'oops' },
				{ stream: 'stdout', text: 'c' }
			],
			end: { outcome: 'ok', durationMs: 42, endedAt: 3_000 }
		});
	});

	it.each<[string, number[], number[]]>([
		// chunk sizes sent → sizes relayed; the last reply is the one that reaches the cap.
		[
			'exactly the cap is kept whole',
			[MAX_RUN_OUTPUT_CHARS / 2, MAX_RUN_OUTPUT_CHARS / 2],
			[MAX_RUN_OUTPUT_CHARS / 2, MAX_RUN_OUTPUT_CHARS / 2]
		],
		[
			'a chunk crossing the cap is cut',
			[100_000, 100_000, 100_000],
			[100_000, 100_000, MAX_RUN_OUTPUT_CHARS - 200_000]
		],
		['one chunk over the cap is cut', [MAX_RUN_OUTPUT_CHARS + 1], [MAX_RUN_OUTPUT_CHARS]]
	])('caps output at MAX_RUN_OUTPUT_CHARS: %s', async (_what, sizes, relayed) => {
		await activity.startRun(cara, false, RUN);
		const replies = [];
		for (const size of sizes) {
			const e = await activity.appendOutput(cara, false, { runId: 'run-1', stream: 'stdout', text: 'x'.repeat(size) });
			replies.push(e?.type === 'run:output' ? e.data : null);
		}
		expect(replies.map((r) => r?.text.length)).toEqual(relayed);
		const cut = sizes.reduce((a, b) => a + b, 0) > MAX_RUN_OUTPUT_CHARS;
		expect(replies.at(-1)?.truncated).toBe(cut);
		expect(activity.snapshot(INTERVIEW.id, null, 'interviewer').lastRun?.output[0].text.length).toBe(
			Math.min(
				MAX_RUN_OUTPUT_CHARS,
				sizes.reduce((a, b) => a + b, 0)
			)
		);

		const after = await activity.appendOutput(cara, false, { runId: 'run-1', stream: 'stderr', text: 'more' });
		if (cut) expect(after).toBeNull();
		else expect(after?.data).toEqual({ runId: 'run-1', stream: 'stderr', text: '', truncated: true });
		const storedChars = store.committed.reduce(
			(n, e) => n + (e.kind === 'event' && e.type === 'run:output' ? (e.data as { text: string }).text.length : 0),
			0
		);
		expect(storedChars).toBe(MAX_RUN_OUTPUT_CHARS);
	});

	it('a new run starts with a fresh output budget', async () => {
		await activity.startRun(cara, false, RUN);
		await activity.appendOutput(cara, false, {
			runId: 'run-1',
			stream: 'stdout',
			text: 'x'.repeat(MAX_RUN_OUTPUT_CHARS + 1)
		});
		await activity.startRun(ivan, false, { runId: 'run-2', problemId: 'moving-average' });
		expect(
			(await activity.appendOutput(ivan, false, { runId: 'run-2', stream: 'stdout', text: 'hello' }))?.data
		).toEqual({
			runId: 'run-2',
			stream: 'stdout',
			text: 'hello',
			truncated: false
		});
	});

	it('records the end of the interview', async () => {
		await activity.recordEnded(INTERVIEW.id, ivan, 9_000);
		expect(store.committed).toEqual([
			expect.objectContaining({
				kind: 'event',
				type: 'interview:end',
				actor: 'interviewer-1',
				data: { endedAt: 9_000, reason: 'ended' }
			})
		]);
	});
});

describe('RoomActivity after the end and across runs', () => {
	it('ROLE-4: output and the end of a run the candidate started before the end are refused after it', async () => {
		await activity.startRun(cara, false, RUN);
		await expect(
			activity.appendOutput(cara, true, { runId: 'run-1', stream: 'stdout', text: 'late' })
		).rejects.toMatchObject({ code: 'forbidden' });
		await expect(activity.endRun(cara, true, { runId: 'run-1', outcome: 'ok', durationMs: 1 })).rejects.toMatchObject({
			code: 'forbidden'
		});
		expect(recorded()).toEqual(['run:start by candidate-1']);
	});

	it('ROLE-5: an interviewer’s review run still reports after the end', async () => {
		await activity.startRun(ivan, true, RUN);
		expect(await activity.appendOutput(ivan, true, { runId: 'run-1', stream: 'stdout', text: 'ok' })).not.toBeNull();
		await activity.endRun(ivan, true, { runId: 'run-1', outcome: 'ok', durationMs: 1 });
	});

	it('QUOTA-3: the output recorded for one interview stops at MAX_INTERVIEW_OUTPUT_CHARS, whatever the number of runs', async () => {
		const runs = MAX_INTERVIEW_OUTPUT_CHARS / MAX_RUN_OUTPUT_CHARS + 3;
		for (let i = 0; i < runs; i++) {
			await activity.startRun(cara, false, { runId: `r${i}`, problemId: 'moving-average' });
			await activity.appendOutput(cara, false, {
				runId: `r${i}`,
				stream: 'stdout',
				text: 'x'.repeat(MAX_RUN_OUTPUT_CHARS)
			});
			await activity.endRun(cara, false, { runId: `r${i}`, outcome: 'ok', durationMs: 1 });
		}
		const stored = store.committed.reduce(
			(n, e) => n + (e.kind === 'event' && e.type === 'run:output' ? e.data.text.length : 0),
			0
		);
		expect(stored).toBe(MAX_INTERVIEW_OUTPUT_CHARS);
		expect(activity.snapshot(INTERVIEW.id, null, 'interviewer').lastRun).toMatchObject({ output: [], truncated: true });
	});
});
