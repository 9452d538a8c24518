import { describe, expect, it } from 'vitest';
import type { Stores } from '../domain/ports.js';
import type { ScorecardVersionRecord } from '../domain/types.js';
import { bytes, event, interview, participants, readAll, yjs } from './storeFixtures.js';

/** Everything one interview can leave in the stores, in every concept. */
async function fill(stores: Stores, id: string): Promise<void> {
	await stores.interviews.createInterview(interview(id), participants(id));
	await stores.consent.markConsented(id, 1_500);
	await stores.log.appendBatch([yjs(id, 'code', [1]), event(id, 'run:start'), yjs(id, 'canvas', [2])]);
	await stores.log.writeCheckpoint(id, 'code', { seq: 1, state: bytes(1) });
	await stores.log.writeCheckpoint(id, 'canvas', { seq: 3, state: bytes(3) });
	await stores.reviewerLinks.createReviewerLink({
		id: `link-${id}`,
		interviewId: id,
		tokenHash: `rh-${id}`,
		anonymised: false,
		createdAt: 2
	});
	const who = `${id}-interviewer`;
	const draft = { ratings: {}, recommendation: null, confidence: null, reason: '' };
	const version: ScorecardVersionRecord = {
		interviewId: id,
		participantId: who,
		version: 1,
		ratings: { problem_solving: { level: 3, notes: [] } },
		recommendation: 'hire',
		confidence: 'high',
		reason: null,
		afterSeeingOthers: false,
		submittedAt: 10
	};
	await stores.scorecards.appendVersion(version);
	await stores.scorecards.saveDraft({ interviewId: id, participantId: who, draft, savedAt: 11 });
	await stores.scorecards.markSeenOthers(id, who, 12);
	await stores.loops.addLoopInterview('loop', id);
}

/** DEL-1, for every implementation of InterviewErasure over the other ports. */
export function erasureContract(stores: () => Stores): void {
	describe('erasure (DEL-1)', () => {
		it('removes the interview from every concept and leaves the others untouched', async () => {
			const s = stores();
			await s.loops.createLoop(
				{
					id: 'loop',
					title: 'Loop',
					candidateName: 'Cara',
					decisionRule: { minHireShare: 0.5, vetoOnStrongNoHire: true, minScorecards: 1 },
					panelTokenHash: 'panel',
					createdAt: 1
				},
				[]
			);
			await fill(s, 'gone');
			await fill(s, 'kept');

			expect(await s.erasure.eraseInterview('gone')).toBe(true);

			const gone = 'gone-interviewer';
			expect(await s.interviews.getInterview('gone')).toBeUndefined();
			expect(await s.interviews.participantsOf('gone')).toEqual([]);
			expect(await s.interviews.findParticipantByTokenHash('hash-gone-candidate')).toBeUndefined();
			expect(await readAll(s, 'gone')).toEqual([]);
			expect(await s.log.listCheckpoints('gone')).toEqual([]);
			expect(await s.log.latestCheckpoint('gone', 'code')).toBeUndefined();
			expect(await s.reviewerLinks.findReviewerLinkByTokenHash('rh-gone')).toBeUndefined();
			expect(await s.scorecards.listVersions('gone')).toEqual([]);
			expect(await s.scorecards.getDraft('gone', gone)).toBeUndefined();
			expect(await s.scorecards.seenOthersAt('gone', gone)).toBeNull();
			expect(await s.loops.listLoopInterviews('loop')).toEqual(['kept']);
			expect(await s.loops.loopsOfInterview('gone')).toEqual([]);

			const kept = 'kept-interviewer';
			expect(await s.interviews.getInterview('kept')).toEqual({ ...interview('kept'), consentedAt: 1_500 });
			expect(await s.interviews.participantsOf('kept')).toEqual(participants('kept'));
			expect(await readAll(s, 'kept')).toHaveLength(3);
			expect(await s.log.listCheckpoints('kept')).toHaveLength(2);
			expect(await s.reviewerLinks.findReviewerLinkByTokenHash('rh-kept')).toBeDefined();
			expect(await s.scorecards.listVersions('kept')).toHaveLength(1);
			expect(await s.scorecards.getDraft('kept', kept)).toBeDefined();
			expect(await s.scorecards.seenOthersAt('kept', kept)).toBe(12);
			expect(await s.loops.getLoop('loop')).toBeDefined();
		});

		it('answers false for an unknown interview, and for one already erased', async () => {
			const s = stores();
			expect(await s.erasure.eraseInterview('nope')).toBe(false);
			await s.interviews.createInterview(interview('iv1'), participants('iv1'));
			expect(await s.erasure.eraseInterview('iv1')).toBe(true);
			expect(await s.erasure.eraseInterview('iv1')).toBe(false);
		});

		it('an id used again after erasure starts a new log from seq 1', async () => {
			const s = stores();
			await s.interviews.createInterview(interview('iv1'), participants('iv1'));
			await s.log.appendBatch([event('iv1', 'a'), event('iv1', 'b')]);
			await s.erasure.eraseInterview('iv1');
			const [first] = await s.log.appendBatch([event('iv1', 'again')]);
			expect(first.seq).toBe(1);
		});
	});
}
