import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Rubric } from '../../src/lib/shared/rubric.js';
import type { Submission } from '../../src/lib/shared/scorecard.js';
import { ObservedStore } from '../testing/ObservedStore.js';
import { InterviewService, type Participant } from './InterviewService.js';
import { ScorecardService } from './ScorecardService.js';
import type { Problem } from './types.js';

/*
 * The scorecard rules over the in-memory stores (the same contract suites as SQLite), so these
 * run without a database file or a server.
 */

const RUBRIC: Rubric = {
	id: 'r',
	title: 'Rubric',
	defaultFor: [],
	competencies: ['problem_solving', 'communication'].map((id) => ({
		id,
		name: id,
		weight: 1,
		levels: ['one', 'two', 'three', 'four']
	}))
};
const PROBLEM: Problem = {
	id: 'p',
	title: 'P',
	kind: 'coding',
	statement: '',
	tests: '',
	starter: '',
	timeBoxMinutes: 30,
	competencies: [],
	scene: null,
	packages: []
};

let store: ObservedStore;
let now: number;
let scorecards: ScorecardService;
let ines: Participant;
let ivan: Participant;
let cara: Participant;

beforeEach(async () => {
	store = new ObservedStore();
	now = 10_000;
	let n = 0;
	const clock = { now: () => now };
	const interviews = new InterviewService({
		store,
		problems: { get: () => PROBLEM, getPrivate: () => undefined, list: () => [PROBLEM] },
		rubrics: { get: (id) => (id === 'r' ? RUBRIC : undefined), defaultFor: () => undefined },
		clock,
		newId: () => `id-${++n}`,
		newToken: () => `token-${++n}`,
		hashToken: (t) => `hash:${t}`
	});
	scorecards = new ScorecardService({
		store: store.stores.scorecards,
		interviews,
		rubrics: { get: (id) => (id === 'r' ? RUBRIC : undefined), list: () => [RUBRIC], defaultFor: () => undefined },
		clock
	});
	const created = await interviews.create({
		title: 'T',
		candidate: { name: 'Cara' },
		problems: ['p'],
		rubric: 'r',
		interviewers: [{ name: 'Ines' }, { name: 'Ivan' }]
	});
	ines = await interviews.authenticate(created.id, created.interviewers[0].token);
	ivan = await interviews.authenticate(created.id, created.interviewers[1].token);
	cara = await interviews.authenticate(created.id, created.candidate.token);
});
afterEach(() => store.close());

/** Extreme levels need evidence, so every rating carries a note. */
const card = (level: 1 | 2 | 3 | 4, reason?: string): Submission => ({
	ratings: {
		problem_solving: { level, notes: [{ id: 'n1', text: 'evidence', t: 10_000 }] },
		communication: { level, notes: [{ id: 'n2', text: 'evidence', t: 10_000 }] }
	},
	recommendation: level >= 3 ? 'hire' : 'no-hire',
	confidence: 'high',
	...(reason ? { reason } : {})
});

describe('ScorecardService over the in-memory stores', () => {
	it('SCORE-1: a candidate has no scorecard', async () => {
		await expect(scorecards.panel(cara)).rejects.toMatchObject({ code: 'forbidden' });
		await expect(scorecards.submit(cara, card(4))).rejects.toMatchObject({ code: 'forbidden' });
	});

	it('SCORE-2: others stay hidden until one has submitted one’s own', async () => {
		await scorecards.submit(ivan, card(2));
		expect((await scorecards.panel(ines)).others).toBeNull();
		await expect(scorecards.scorecardOf(ines, ivan.participant.id)).rejects.toMatchObject({ code: 'forbidden' });
		await scorecards.submit(ines, card(4));
		const others = (await scorecards.panel(ines)).others!;
		expect(others.map((v) => [v.interviewer.name, v.recommendation])).toEqual([['Ivan', 'no-hire']]);
	});

	it('SCORE-4/5: an amendment needs a reason, and after seeing others it says so', async () => {
		await scorecards.submit(ines, card(4));
		await expect(scorecards.submit(ines, card(3))).rejects.toMatchObject({ code: 'invalid', field: 'reason' });
		await scorecards.submit(ivan, card(2));
		now = 20_000;
		await scorecards.panel(ines); // shows Ivan's: the first time Ines saw others
		const amended = await scorecards.submit(ines, card(3, 'after the debrief'));
		expect(amended).toMatchObject({ version: 2, reason: 'after the debrief', afterSeeingOthers: true });
		expect(await store.stores.scorecards.seenOthersAt(ines.interview.id, ines.participant.id)).toBe(20_000);
	});

	it('a submission clears the interviewer’s draft, and only theirs', async () => {
		const draft = { ratings: {}, recommendation: null, confidence: null, reason: '' };
		await scorecards.saveDraft(ines, draft);
		await scorecards.saveDraft(ivan, { ...draft, reason: 'thinking' });
		await scorecards.submit(ines, card(4));
		expect((await scorecards.panel(ines)).draft).toBeNull();
		expect((await scorecards.panel(ivan)).draft).toMatchObject({ reason: 'thinking' });
	});
});
