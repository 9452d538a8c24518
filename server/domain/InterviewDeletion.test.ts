import { nextTurn } from '../system/timers.js';
import { describe, expect, it } from 'vitest';
import { ObservedStore } from '../testing/ObservedStore.js';
import { DAY_MS, InterviewDeletion } from './InterviewDeletion.js';
import { Recorder } from './Recorder.js';
import type { InterviewRecord } from './types.js';

function interview(id: string, endedAt: number | null): InterviewRecord {
	return {
		id,
		title: id,
		candidateName: 'C',
		problemIds: ['p'],
		rubricId: null,
		createdAt: 0,
		endedAt,
		mode: 'live',
		timeBoxMinutes: null,
		startedAt: null
	};
}

async function setup(retentionDays: number | null, now: number) {
	const store = new ObservedStore();
	const recorder = new Recorder(store, nextTurn);
	const deletion = new InterviewDeletion({
		interviews: store,
		erasure: store.stores.erasure,
		recorder,
		clock: { now: () => now },
		retentionDays
	});
	for (const [id, ended] of [
		['old', now - 31 * DAY_MS],
		['recent', now - 29 * DAY_MS],
		['running', null]
	] as const) {
		await store.createInterview(interview(id, ended), []);
		await recorder.append({ interviewId: id, t: 1, kind: 'event', type: 'consent:accepted', actor: 'a', data: {} });
	}
	return { store, recorder, deletion };
}

describe('InterviewDeletion', () => {
	it('RET-1: the sweep erases one interview per turn of the event loop, so the live rooms run between erasures', async () => {
		const now = 1_000 * DAY_MS;
		const store = new ObservedStore();
		const happened: string[] = [];
		const deletion = new InterviewDeletion({
			interviews: store,
			erasure: {
				eraseInterview: async (id) => {
					happened.push(`erase ${id}`);
					return store.stores.erasure.eraseInterview(id);
				}
			},
			recorder: new Recorder(store, nextTurn),
			clock: { now: () => now },
			retentionDays: 30,
			nextTurn: (fn) => {
				happened.push('turn');
				nextTurn(fn);
			}
		});
		for (const id of ['a', 'b', 'c']) await store.createInterview(interview(id, now - 40 * DAY_MS), []);
		expect(await deletion.sweep()).toEqual(['a', 'b', 'c']);
		expect(happened).toEqual(['erase a', 'turn', 'erase b', 'turn', 'erase c']);
	});

	it('RET-1: the sweep deletes interviews that ended more than the retention period ago, and only those', async () => {
		const now = 1_000 * DAY_MS;
		const { store, deletion } = await setup(30, now);
		const told: string[] = [];
		deletion.onDeleting((id) => void told.push(id));
		expect(await deletion.sweep()).toEqual(['old']);
		expect(told).toEqual(['old']);
		expect(await store.getInterview('old')).toBeUndefined();
		expect(await store.getInterview('recent')).toBeDefined();
		expect(await store.getInterview('running')).toBeDefined();
		for await (const e of store.readLog('old')) throw new Error(`entry ${e.seq} of a deleted interview`);
		expect(await deletion.sweep()).toEqual([]);
	});

	it('RET-1: without a retention period nothing is deleted', async () => {
		const { store, deletion } = await setup(null, 1_000 * DAY_MS);
		expect(await deletion.sweep()).toEqual([]);
		expect(await store.listInterviews(10)).toHaveLength(3);
	});

	it('DEL-1: entries appended after (or queued before) the deletion are never written', async () => {
		const { store, recorder, deletion } = await setup(null, 0);
		const queued = recorder.append({
			interviewId: 'recent',
			t: 2,
			kind: 'event',
			type: 'participant:leave',
			actor: 'a',
			data: {}
		});
		await deletion.delete('recent');
		await queued;
		await recorder.append({
			interviewId: 'recent',
			t: 3,
			kind: 'event',
			type: 'participant:leave',
			actor: 'b',
			data: {}
		});
		await recorder.drain();
		for await (const e of store.readLog('recent')) throw new Error(`entry ${e.seq} written after the deletion`);
		await expect(deletion.delete('recent')).rejects.toMatchObject({ code: 'not_found' });
	});
});
