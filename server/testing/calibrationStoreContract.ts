import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Stores } from '../domain/ports.js';
import type {
	PersonRecord,
	RaterCardRecord,
	RaterRecord,
	RoundRecord
} from '../domain/calibration/calibrationTypes.js';
import { interview, participants, type StoresUnderTest } from './storeFixtures.js';

const person = (id: string, over: Partial<PersonRecord> = {}): PersonRecord => ({
	id,
	name: `Person ${id}`,
	email: `${id}@example.com`,
	role: null,
	level: null,
	createdAt: 1_000,
	...over
});
const rater = (id: string, personId: string, sessionId = 's1'): RaterRecord => ({
	id,
	sessionId,
	personId,
	tokenHash: `rater-hash-${id}`,
	createdAt: 2_000
});
const round1 = (sessionId = 's1'): RoundRecord => ({
	sessionId,
	round: 1,
	openedAt: 2_000,
	revealedAt: null,
	revealedBy: null
});
const card = (raterId: string, interviewId: string, round = 1, submittedAt = 3_000): RaterCardRecord => ({
	sessionId: 's1',
	raterId,
	interviewId,
	round,
	ratings: { problem_solving: { level: 3, notes: [{ id: 'n1', text: 'Named the edge case', t: 1_500 }] } },
	recommendation: 'hire',
	confidence: 'medium',
	submittedAt
});
const draft = { ratings: {}, recommendation: null, confidence: null, reason: '' };

/**
 * What every PeopleStore and CalibrationStore must do (PEOPLE-1..3, CAL-1..8), and the erasure
 * of an interview from its calibration sessions; SQLite, PostgreSQL and the in-memory stores
 * run it. `durable`: checked across close and reopen (`reopen` given).
 */
export function calibrationStoreContract(
	make: () => StoresUnderTest | Promise<StoresUnderTest>,
	{ durable = false }: { durable?: boolean } = {}
): void {
	let subject: StoresUnderTest;
	let stores: Stores;
	let closed: boolean;

	beforeEach(async () => {
		subject = await make();
		stores = subject.stores;
		closed = false;
		for (const id of ['iv1', 'iv2']) {
			await stores.interviews.createInterview(interview(id, { endedAt: 5_000 }), participants(id));
		}
	});
	afterEach(async () => {
		if (!closed) await stores.close();
		await subject.cleanup?.();
	});

	async function session(raters = ['ra', 'rb'], interviews = ['iv1', 'iv2']): Promise<void> {
		for (const r of raters) await stores.people.createPerson(person(`p-${r}`));
		await stores.calibrations.createSession(
			{ id: 's1', title: 'Calibration', rubricId: 'ml-coding', blind: true, createdAt: 2_000 },
			interviews,
			raters.map((r) => rater(r, `p-${r}`)),
			round1()
		);
	}

	describe('people (PEOPLE-1..3)', () => {
		it('keeps people, lists them by name, finds them by their name key, and refuses a taken email', async () => {
			expect(await stores.people.createPerson(person('b', { name: 'Zoe  Quinn' }))).toBe(true);
			expect(await stores.people.createPerson(person('a', { name: 'Amir', email: null }))).toBe(true);
			expect(await stores.people.createPerson(person('c', { email: 'b@example.com' }))).toBe(false);
			expect(await stores.people.getPerson('c')).toBeUndefined();
			expect((await stores.people.listPeople()).map((p) => p.id)).toEqual(['a', 'b']);
			expect(await stores.people.findPeopleByNameKey('zoe quinn')).toEqual([person('b', { name: 'Zoe  Quinn' })]);
			expect(await stores.people.findPeopleByNameKey('zoe')).toEqual([]);
		});

		it('PEOPLE-1: interviews naming a new person at the same moment get one person, not one each', async () => {
			// Several processes, or one on PostgreSQL, create interviews in parallel (scale-out CI caught it).
			const made = await Promise.all(
				Array.from({ length: 32 }, (_, i) =>
					stores.people.createPersonNamed(person(`n${i}`, { name: 'Ines  Interviewer', email: null }))
				)
			);
			expect(new Set(made.map((p) => p.id)).size).toBe(1);
			expect(await stores.people.findPeopleByNameKey('ines interviewer')).toHaveLength(1);
			// An existing person of that name is the answer; with several, the oldest.
			await stores.people.createPerson(
				person('later', { name: 'ines interviewer', email: null, createdAt: made[0].createdAt + 1 })
			);
			expect((await stores.people.createPersonNamed(person('x', { name: 'Ines Interviewer', email: null }))).id).toBe(
				made[0].id
			);
		});

		it('updates a person, refusing an email another person has, and deletes one', async () => {
			await stores.people.createPerson(person('a'));
			await stores.people.createPerson(person('b'));
			expect(await stores.people.updatePerson(person('a', { name: 'Ada', email: 'b@example.com' }))).toBe(false);
			expect(await stores.people.getPerson('a')).toEqual(person('a'));
			expect(await stores.people.updatePerson(person('a', { name: 'Ada', role: 'Staff' }))).toBe(true);
			expect(await stores.people.findPeopleByNameKey('ada')).toEqual([person('a', { name: 'Ada', role: 'Staff' })]);
			expect(await stores.people.updatePerson(person('nobody'))).toBe(false);
			expect(await stores.people.deletePerson('b')).toBe(true);
			expect(await stores.people.deletePerson('b')).toBe(false);
		});

		it('PEOPLE-2: lists interviewer links without a person, links them, and counts a person’s links', async () => {
			await stores.people.createPerson(person('a'));
			const unlinked = await stores.people.listUnlinkedInterviewers();
			expect(unlinked.map((p) => p.id)).toEqual(['iv1-interviewer', 'iv2-interviewer']);
			await stores.people.linkParticipant('iv1-interviewer', 'a');
			expect((await stores.people.listUnlinkedInterviewers()).map((p) => p.id)).toEqual(['iv2-interviewer']);
			expect((await stores.people.participantsOfPerson('a')).map((p) => p.id)).toEqual(['iv1-interviewer']);
			expect((await stores.interviews.participantsOf('iv1'))[1].personId).toBe('a');
			expect(await stores.people.linksOf('a')).toEqual({ interviewLinks: 1, raterLinks: 0 });
		});

		it('PEOPLE-1: an interview created with a person on its interviewer link reads it back', async () => {
			await stores.people.createPerson(person('a'));
			const [cand, iv] = participants('iv3');
			await stores.interviews.createInterview(interview('iv3'), [cand, { ...iv, personId: 'a' }]);
			expect(await stores.interviews.participantsOf('iv3')).toEqual([cand, { ...iv, personId: 'a' }]);
		});
	});

	describe('calibration sessions (CAL-1..7)', () => {
		it('creates a session with its interviews in order, its raters and round 1', async () => {
			await session(['ra', 'rb'], ['iv2', 'iv1']);
			const c = stores.calibrations;
			expect(await c.getSession('s1')).toEqual({
				id: 's1',
				title: 'Calibration',
				rubricId: 'ml-coding',
				blind: true,
				createdAt: 2_000
			});
			expect(await c.sessionInterviews('s1')).toEqual(['iv2', 'iv1']);
			expect(await c.listRaters('s1')).toEqual([rater('ra', 'p-ra'), rater('rb', 'p-rb')]);
			expect(await c.findRaterByTokenHash('rater-hash-rb')).toEqual(rater('rb', 'p-rb'));
			expect(await c.findRaterByTokenHash('nope')).toBeUndefined();
			expect(await c.ratersOfPerson('p-ra')).toEqual([rater('ra', 'p-ra')]);
			expect(await c.listRounds('s1')).toEqual([round1()]);
			expect((await c.listSessions()).map((s) => s.id)).toEqual(['s1']);
			expect(await stores.people.linksOf('p-ra')).toEqual({ interviewLinks: 0, raterLinks: 1 });
		});

		it('refuses a session whose rater token hash is taken, storing none of it', async () => {
			await session();
			await stores.people.createPerson(person('p-x'));
			await expect(
				stores.calibrations.createSession(
					{ id: 's2', title: 'Again', rubricId: 'ml-coding', blind: false, createdAt: 3_000 },
					['iv1'],
					[{ ...rater('rx', 'p-x', 's2'), tokenHash: 'rater-hash-ra' }],
					round1('s2')
				)
			).rejects.toThrow();
			expect(await stores.calibrations.getSession('s2')).toBeUndefined();
			expect(await stores.calibrations.sessionInterviews('s2')).toEqual([]);
		});

		it('CAL-4: keeps a draft per rater, interview and round; a card clears it and is stored once', async () => {
			await session();
			const c = stores.calibrations;
			await c.saveDraft({ sessionId: 's1', raterId: 'ra', interviewId: 'iv1', round: 1, draft, savedAt: 2_500 });
			await c.saveDraft({ sessionId: 's1', raterId: 'ra', interviewId: 'iv2', round: 1, draft, savedAt: 2_600 });
			expect((await c.getDraft('s1', 'ra', 'iv1', 1))?.savedAt).toBe(2_500);
			expect(await c.getDraft('s1', 'rb', 'iv1', 1)).toBeUndefined();
			expect(await c.submitCard(card('ra', 'iv1'))).toBe('stored');
			expect(await c.getDraft('s1', 'ra', 'iv1', 1)).toBeUndefined();
			expect(await c.getDraft('s1', 'ra', 'iv2', 1)).toBeDefined();
			expect(await c.submitCard({ ...card('ra', 'iv1'), recommendation: 'no-hire' })).toBe('exists');
			expect(await c.listCards('s1')).toEqual([card('ra', 'iv1')]);
		});

		it('CAL-5: reveals a round once; a card for a revealed or unknown round is refused', async () => {
			await session();
			const c = stores.calibrations;
			expect(await c.submitCard(card('ra', 'iv1'))).toBe('stored');
			expect(await c.revealRound('s1', 1, 4_000, 'closed-by-organizer')).toBe(true);
			expect(await c.revealRound('s1', 1, 4_100, 'all-submitted')).toBe(false);
			expect((await c.listRounds('s1'))[0]).toEqual({
				...round1(),
				revealedAt: 4_000,
				revealedBy: 'closed-by-organizer'
			});
			expect(await c.submitCard(card('rb', 'iv1'))).toBe('closed');
			expect(await c.submitCard(card('rb', 'iv1', 2))).toBe('closed');
			expect(await c.listCards('s1')).toHaveLength(1);
		});

		it('CAL-7: opens the next round only after the last is revealed, once, and keeps every round’s cards', async () => {
			await session();
			const c = stores.calibrations;
			const next: RoundRecord = { sessionId: 's1', round: 2, openedAt: 5_000, revealedAt: null, revealedBy: null };
			expect(await c.openRound(next)).toBe(false);
			await c.submitCard(card('ra', 'iv1', 1, 3_000));
			await c.revealRound('s1', 1, 4_000, 'closed-by-organizer');
			expect(await c.openRound(next)).toBe(true);
			expect(await c.openRound(next)).toBe(false);
			expect(await c.openRound({ ...next, round: 4 })).toBe(false);
			expect(await c.submitCard(card('ra', 'iv1', 2, 6_000))).toBe('stored');
			expect(await c.submitCard(card('rb', 'iv1', 2, 5_500))).toBe('stored');
			expect((await c.listRounds('s1')).map((r) => r.round)).toEqual([1, 2]);
			expect((await c.listCards('s1')).map((x) => [x.round, x.raterId])).toEqual([
				[1, 'ra'],
				[2, 'rb'],
				[2, 'ra']
			]);
		});

		it('deletes a session with everything of it', async () => {
			await session();
			const c = stores.calibrations;
			await c.submitCard(card('ra', 'iv1'));
			expect(await c.deleteSession('s1')).toBe(true);
			expect(await c.deleteSession('s1')).toBe(false);
			expect(await c.getSession('s1')).toBeUndefined();
			expect(await c.findRaterByTokenHash('rater-hash-ra')).toBeUndefined();
			expect(await c.listCards('s1')).toEqual([]);
			expect(await c.listRounds('s1')).toEqual([]);
			expect(await stores.people.deletePerson('p-ra')).toBe(true);
		});
	});

	describe('erasure (CAL-8)', () => {
		it('takes the interview out of its sessions with its drafts and cards; the others stay', async () => {
			await session();
			const c = stores.calibrations;
			await c.submitCard(card('ra', 'iv1'));
			await c.submitCard(card('ra', 'iv2', 1, 3_100));
			await c.saveDraft({ sessionId: 's1', raterId: 'rb', interviewId: 'iv1', round: 1, draft, savedAt: 2_500 });
			expect(await stores.erasure.eraseInterview('iv1')).toBe(true);
			expect(await c.sessionInterviews('s1')).toEqual(['iv2']);
			expect(await c.listCards('s1')).toEqual([card('ra', 'iv2', 1, 3_100)]);
			expect(await c.getDraft('s1', 'rb', 'iv1', 1)).toBeUndefined();
			expect(await c.findRaterByTokenHash('rater-hash-ra')).toBeDefined();
		});

		it('a session left with no interview goes, and its rater links open nothing', async () => {
			await session(['ra', 'rb'], ['iv1']);
			await stores.calibrations.submitCard(card('ra', 'iv1'));
			expect(await stores.erasure.eraseInterview('iv1')).toBe(true);
			expect(await stores.calibrations.getSession('s1')).toBeUndefined();
			expect(await stores.calibrations.findRaterByTokenHash('rater-hash-ra')).toBeUndefined();
			expect(await stores.calibrations.listRounds('s1')).toEqual([]);
			expect(await stores.people.linksOf('p-ra')).toEqual({ interviewLinks: 0, raterLinks: 0 });
		});
	});

	if (durable) {
		it('keeps people, sessions, rounds and cards across close and reopen', async () => {
			await session();
			await stores.calibrations.submitCard(card('ra', 'iv1'));
			await stores.calibrations.revealRound('s1', 1, 4_000, 'all-submitted');
			await stores.close();
			closed = true;
			const again = await subject.reopen!();
			try {
				expect(await again.people.getPerson('p-ra')).toEqual(person('p-ra'));
				expect(await again.calibrations.listCards('s1')).toEqual([card('ra', 'iv1')]);
				expect((await again.calibrations.listRounds('s1'))[0].revealedBy).toBe('all-submitted');
				expect(await again.calibrations.findRaterByTokenHash('rater-hash-rb')).toEqual(rater('rb', 'p-rb'));
			} finally {
				await again.close();
			}
		});
	}
}
