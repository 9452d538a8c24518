import { describe, expect, it } from 'vitest';
import { ObservedStore } from '../testing/ObservedStore.js';
import { interview, participants } from '../testing/storeFixtures.js';
import { InterviewDirectory, OPEN_SCAN_LIMIT } from './InterviewDirectory.js';
import type { PersonSummary } from '../../src/lib/shared/organizer.js';

function directory(present: Record<string, PersonSummary[]>, now = 10_000) {
	const { stores } = new ObservedStore();
	const dir = new InterviewDirectory({
		interviews: stores.interviews,
		loops: stores.loops,
		problems: { get: (id) => (id === 'softmax' ? ({ title: 'Softmax' } as never) : undefined) },
		presence: { presence: (id) => present[id] ?? [] },
		clock: { now: () => now }
	});
	return { stores, dir };
}

describe('InterviewDirectory (ORG-1, ORG-2)', () => {
	it('a live room found by state lies beyond the limit of newer waiting ones', async () => {
		const caraIn = participants('old-live')[0];
		const { stores, dir } = directory({ 'old-live': [caraIn] });
		await stores.interviews.createInterview(interview('old-live', { createdAt: 1 }), participants('old-live'));
		for (let i = 0; i < 5; i++) await stores.interviews.createInterview(interview(`w${i}`, { createdAt: 100 + i }), []);
		const live = await dir.list({ state: 'live', limit: 2 });
		expect(live.map((r) => [r.id, r.state, r.present.map((p) => p.name)])).toEqual([
			['old-live', 'live', ['candidate of old-live']]
		]);
		expect((await dir.list({ state: 'waiting', limit: 2 })).map((r) => r.id)).toEqual(['w4', 'w3']);
		expect(OPEN_SCAN_LIMIT).toBeGreaterThan(2);
	});

	it('a take-home past its deadline is ended before the sweep marks it, and is filtered as such', async () => {
		const { stores, dir } = directory({}, 10_000 + 30 * 60_000);
		await stores.interviews.createInterview(
			interview('th', { mode: 'take-home', timeBoxMinutes: 30, startedAt: 10_000 }),
			[]
		);
		expect((await dir.list({ limit: 5 }))[0]).toMatchObject({ state: 'ended', deadline: 10_000 + 30 * 60_000 });
		expect(await dir.list({ state: 'take-home', limit: 5 })).toEqual([]);
	});

	it('names problems by title (the id when the bank no longer has it) and lists loops', async () => {
		const { stores, dir } = directory({});
		await stores.interviews.createInterview(interview('iv1'), participants('iv1'));
		await stores.loops.createLoop(
			{
				id: 'L1',
				title: 'Cara loop',
				candidateName: 'Cara',
				decisionRule: { minHireShare: 0.75, vetoOnStrongNoHire: true, minScorecards: 2 },
				panelTokenHash: 'h',
				createdAt: 1
			},
			['iv1']
		);
		const [row] = await dir.list({ limit: 5 });
		expect(row.problems).toEqual([
			{ id: 'moving-average', title: 'moving-average' },
			{ id: 'softmax', title: 'Softmax' }
		]);
		expect(row.loops).toEqual([{ id: 'L1', title: 'Cara loop' }]);
		expect(row.people.map((p) => p.role)).toEqual(['candidate', 'interviewer', 'observer']);
		expect(JSON.stringify(row)).not.toContain('hash-');
	});
});
