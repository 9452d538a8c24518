import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScorecardStore, ScorecardVersionRecord } from '../domain/ScorecardStore.js';
import type { Store } from '../domain/ports.js';

export interface ScorecardStoreUnderTest {
	/** The interview store that owns interviews and participants, and the scorecard store beside it. */
	stores: { interviews: Store; scorecards: ScorecardStore };
	/** Opens the same database again after both stores were closed. */
	reopen(): { interviews: Store; scorecards: ScorecardStore };
}

/** What every ScorecardStore must do; SqliteScorecardStore runs it, a PostgreSQL one would too. */
export function scorecardStoreContract(make: () => ScorecardStoreUnderTest): void {
	let subject: ScorecardStoreUnderTest;
	let store: ScorecardStore;

	beforeEach(async () => {
		subject = make();
		store = subject.stores.scorecards;
		await subject.stores.interviews.createInterview(
			{
				id: 'iv1',
				title: 'T',
				candidateName: 'C',
				problemIds: ['p'],
				rubricId: 'ml-coding',
				createdAt: 1,
				endedAt: null,
				mode: 'live',
				timeBoxMinutes: null,
				startedAt: null
			},
			[
				{ id: 'cand', interviewId: 'iv1', name: 'C', role: 'candidate', color: '#000', tokenHash: 'h0' },
				{ id: 'a', interviewId: 'iv1', name: 'Ines', role: 'interviewer', color: '#000', tokenHash: 'h1' },
				{ id: 'b', interviewId: 'iv1', name: 'Ivan', role: 'interviewer', color: '#000', tokenHash: 'h2' },
				{ id: 'o', interviewId: 'iv1', name: 'Olga', role: 'observer', color: '#000', tokenHash: 'h3' }
			]
		);
	});
	afterEach(() => {
		try {
			subject.stores.scorecards.close();
			subject.stores.interviews.close();
		} catch {
			// Already closed by the durability test.
		}
	});

	const version = (participantId: string, v: number): ScorecardVersionRecord => ({
		interviewId: 'iv1',
		participantId,
		version: v,
		ratings: { problem_solving: { level: 4, notes: [{ id: 'n', text: 'evidence', t: 5 }] } },
		recommendation: 'hire',
		confidence: 'high',
		reason: v > 1 ? 'why' : null,
		afterSeeingOthers: v > 2,
		submittedAt: 100 + v
	});

	describe('scorecards', () => {
		it('lists only the interviewers of an interview, in creation order', async () => {
			expect((await store.listInterviewers('iv1')).map((p) => p.name)).toEqual(['Ines', 'Ivan']);
		});

		it('a draft is stored per interviewer, replaced on save, and cleared by a submission', async () => {
			const draft = { ratings: {}, recommendation: null, confidence: null, reason: '' };
			await store.saveDraft({ interviewId: 'iv1', participantId: 'a', draft, savedAt: 1 });
			await store.saveDraft({ interviewId: 'iv1', participantId: 'a', draft: { ...draft, reason: 'x' }, savedAt: 2 });
			expect(await store.getDraft('iv1', 'a')).toEqual({
				interviewId: 'iv1',
				participantId: 'a',
				draft: { ...draft, reason: 'x' },
				savedAt: 2
			});
			expect(await store.getDraft('iv1', 'b')).toBeUndefined();
			expect(await store.appendVersion(version('a', 1))).toBe(true);
			expect(await store.getDraft('iv1', 'a')).toBeUndefined();
		});

		it('SCORE-4: versions are kept as written; a second write of the same version is refused and changes nothing', async () => {
			expect(await store.appendVersion(version('a', 1))).toBe(true);
			expect(await store.appendVersion({ ...version('a', 1), recommendation: 'no-hire' })).toBe(false);
			expect(await store.appendVersion(version('a', 2))).toBe(true);
			expect(await store.listVersions('iv1')).toEqual([version('a', 1), version('a', 2)]);
		});

		it('SCORE-5: the first time an interviewer saw others is kept', async () => {
			expect(await store.seenOthersAt('iv1', 'a')).toBeNull();
			expect(await store.markSeenOthers('iv1', 'a', 10)).toBe(10);
			expect(await store.markSeenOthers('iv1', 'a', 20)).toBe(10);
			expect(await store.seenOthersAt('iv1', 'a')).toBe(10);
		});
	});

	describe('loops', () => {
		const loop = {
			id: 'L1',
			title: 'Loop',
			candidateName: 'C',
			decisionRule: { minHireShare: 0.75, vetoOnStrongNoHire: true, minScorecards: 2 },
			panelTokenHash: 'ph',
			createdAt: 5
		};
		it('keeps interviews in the order added, once each, and finds the loops of an interview', async () => {
			await store.createLoop(loop, ['iv1', 'iv2']);
			await store.addLoopInterview('L1', 'iv3');
			await store.addLoopInterview('L1', 'iv1');
			expect(await store.listLoopInterviews('L1')).toEqual(['iv1', 'iv2', 'iv3']);
			expect(await store.loopsOfInterview('iv3')).toEqual(['L1']);
			expect(await store.getLoop('L1')).toEqual(loop);
			expect(await store.findLoopByPanelTokenHash(loop.panelTokenHash)).toEqual(loop);
			expect(await store.findLoopByPanelTokenHash('no-such-hash')).toBeUndefined();
			expect(await store.listLoops()).toEqual([{ ...loop, interviews: 3 }]);
		});

		it('keeps every decision in order', async () => {
			await store.createLoop(loop, []);
			await store.appendDecision({ loopId: 'L1', decision: 'hire', rationale: 'r1', decidedBy: 'P', decidedAt: 1 });
			await store.appendDecision({ loopId: 'L1', decision: 'no-hire', rationale: 'r2', decidedBy: 'P', decidedAt: 2 });
			expect((await store.listDecisions('L1')).map((d) => d.rationale)).toEqual(['r1', 'r2']);
		});
	});

	it('everything survives closing and reopening the database', async () => {
		await store.appendVersion(version('a', 1));
		await store.markSeenOthers('iv1', 'a', 7);
		subject.stores.scorecards.close();
		subject.stores.interviews.close();
		const again = subject.reopen();
		try {
			expect(await again.scorecards.listVersions('iv1')).toEqual([version('a', 1)]);
			expect(await again.scorecards.seenOthersAt('iv1', 'a')).toBe(7);
		} finally {
			again.scorecards.close();
			again.interviews.close();
		}
	});
}
