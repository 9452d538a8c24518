import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LoopStore, ScorecardStore, Stores } from '../domain/ports.js';
import type { ScorecardVersionRecord } from '../domain/types.js';
import type { StoresUnderTest } from './storeFixtures.js';

/**
 * What every ScorecardStore and LoopStore must do; the SQLite and in-memory repositories run
 * it, a PostgreSQL one would too. `durable`: checked across close and reopen (`reopen` given).
 */
export function scorecardStoreContract(
	make: () => StoresUnderTest | Promise<StoresUnderTest>,
	{ durable = false }: { durable?: boolean } = {}
): void {
	let subject: StoresUnderTest;
	let stores: Stores;
	let store: ScorecardStore;
	let loops: LoopStore;
	let closed: boolean;

	beforeEach(async () => {
		subject = await make();
		stores = subject.stores;
		store = stores.scorecards;
		loops = stores.loops;
		closed = false;
		await stores.interviews.createInterview(
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
	afterEach(async () => {
		if (!closed) await stores.close();
		await subject.cleanup?.();
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

	const loop = {
		id: 'L1',
		title: 'Loop',
		candidateName: 'C',
		decisionRule: { minHireShare: 0.75, vetoOnStrongNoHire: true, minScorecards: 2 },
		panelTokenHash: 'ph',
		createdAt: 5
	};

	describe('scorecards', () => {
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

		it('lists versions in submission order across interviewers, and only of that interview', async () => {
			await store.appendVersion({ ...version('b', 1), submittedAt: 50 });
			await store.appendVersion(version('a', 1));
			await store.appendVersion({ ...version('b', 2), submittedAt: 500 });
			await store.appendVersion({ ...version('a', 1), interviewId: 'iv-other' });
			expect((await store.listVersions('iv1')).map((v) => [v.participantId, v.version])).toEqual([
				['b', 1],
				['a', 1],
				['b', 2]
			]);
		});

		it('a draft of one interviewer is untouched by another’s submission', async () => {
			const draft = { ratings: {}, recommendation: null, confidence: null, reason: 'mine' };
			await store.saveDraft({ interviewId: 'iv1', participantId: 'b', draft, savedAt: 3 });
			await store.appendVersion(version('a', 1));
			expect((await store.getDraft('iv1', 'b'))?.draft).toEqual(draft);
		});

		it('SCORE-5: the first time an interviewer saw others is kept', async () => {
			expect(await store.seenOthersAt('iv1', 'a')).toBeNull();
			expect(await store.markSeenOthers('iv1', 'a', 10)).toBe(10);
			expect(await store.markSeenOthers('iv1', 'a', 20)).toBe(10);
			expect(await store.seenOthersAt('iv1', 'a')).toBe(10);
			expect(await store.seenOthersAt('iv1', 'b')).toBeNull();
		});
	});

	describe('loops', () => {
		it('keeps interviews in the order added, once each, and finds the loops of an interview', async () => {
			await loops.createLoop(loop, ['iv1', 'iv2']);
			await loops.addLoopInterview('L1', 'iv3');
			await loops.addLoopInterview('L1', 'iv1');
			expect(await loops.listLoopInterviews('L1')).toEqual(['iv1', 'iv2', 'iv3']);
			expect(await loops.loopsOfInterview('iv3')).toEqual(['L1']);
			expect(await loops.getLoop('L1')).toEqual(loop);
			expect(await loops.findLoopByPanelTokenHash(loop.panelTokenHash)).toEqual(loop);
			expect(await loops.findLoopByPanelTokenHash('no-such-hash')).toBeUndefined();
			expect(await loops.listLoops()).toEqual([{ ...loop, interviews: 3 }]);
		});

		it('keeps every decision in order', async () => {
			await loops.createLoop(loop, []);
			await loops.appendDecision({ loopId: 'L1', decision: 'hire', rationale: 'r1', decidedBy: 'P', decidedAt: 1 });
			await loops.appendDecision({ loopId: 'L1', decision: 'no-hire', rationale: 'r2', decidedBy: 'P', decidedAt: 2 });
			expect((await loops.listDecisions('L1')).map((d) => d.rationale)).toEqual(['r1', 'r2']);
			expect(await loops.listDecisions('L2')).toEqual([]);
		});

		it('lists loops most recent first; an interview added to an unknown loop is refused', async () => {
			await loops.createLoop(loop, ['iv1']);
			await loops.createLoop({ ...loop, id: 'L2', panelTokenHash: 'ph2', createdAt: 9 }, []);
			expect((await loops.listLoops()).map((l) => [l.id, l.interviews])).toEqual([
				['L2', 0],
				['L1', 1]
			]);
			await expect(loops.addLoopInterview('nope', 'iv1')).rejects.toThrow();
			expect(await loops.getLoop('nope')).toBeUndefined();
		});

		it('refuses a panel token hash already taken', async () => {
			await loops.createLoop(loop, []);
			await expect(loops.createLoop({ ...loop, id: 'L2' }, [])).rejects.toThrow();
			expect(await loops.getLoop('L2')).toBeUndefined();
		});
	});

	if (durable)
		it('everything survives closing and reopening the database', async () => {
			if (!subject.reopen) throw new Error('durable stores under test must offer reopen()');
			const draft = { ratings: {}, recommendation: null, confidence: null, reason: 'kept' };
			await store.appendVersion(version('a', 1));
			await store.saveDraft({ interviewId: 'iv1', participantId: 'b', draft, savedAt: 4 });
			await store.markSeenOthers('iv1', 'a', 7);
			await loops.createLoop(loop, ['iv1']);
			await loops.appendDecision({ loopId: 'L1', decision: 'hire', rationale: 'r', decidedBy: 'P', decidedAt: 1 });
			await stores.close();
			closed = true;
			stores = await subject.reopen();
			closed = false;
			expect(await stores.scorecards.listVersions('iv1')).toEqual([version('a', 1)]);
			expect((await stores.scorecards.getDraft('iv1', 'b'))?.draft).toEqual(draft);
			expect(await stores.scorecards.seenOthersAt('iv1', 'a')).toBe(7);
			expect(await stores.loops.getLoop('L1')).toEqual(loop);
			expect(await stores.loops.listLoopInterviews('L1')).toEqual(['iv1']);
			expect(await stores.loops.listDecisions('L1')).toHaveLength(1);
		});
}
