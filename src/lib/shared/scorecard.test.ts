import { describe, expect, it } from 'vitest';
import type { Rubric } from './rubric.js';
import {
	DEFAULT_DECISION_RULE,
	evaluateDecisionRule,
	findDisagreements,
	submissionProblems,
	weightedScore,
	type CardForComparison
} from './scorecard.js';

const L = (s: string) => `${s} — a behaviour long enough to be observable in the room`;
const rubric: Rubric = {
	id: 'test',
	title: 'Test',
	defaultFor: [],
	competencies: [
		{ id: 'a', name: 'A', weight: 3, levels: [L('1'), L('2'), L('3'), L('4')] },
		{ id: 'b', name: 'B', weight: 1, levels: [L('1'), L('2'), L('3'), L('4')] }
	]
};
const note = { id: 'n1', text: 'named the leakage', t: 1 };

describe('submission (SCORE-3)', () => {
	const complete = {
		ratings: { a: { level: 3 as const, notes: [] }, b: { level: 2 as const, notes: [] } },
		recommendation: 'hire',
		confidence: 'medium'
	};
	it('SCORE-3: a complete submission has no problems', () => {
		expect(submissionProblems(rubric, complete)).toEqual([]);
	});
	it('SCORE-3: every competency needs a level or "not assessed", naming the field', () => {
		const p = submissionProblems(rubric, { ...complete, ratings: { a: { level: 3, notes: [] } } });
		expect(p).toEqual([{ field: 'ratings.b.level', message: 'B: choose a level, or mark it not assessed' }]);
		expect(
			submissionProblems(rubric, { ...complete, ratings: { ...complete.ratings, b: { level: null, notes: [] } } })[0]
				.field
		).toBe('ratings.b.level');
	});
	it('SCORE-3: a recommendation and a confidence are required', () => {
		const fields = submissionProblems(rubric, { ...complete, recommendation: null, confidence: undefined }).map(
			(p) => p.field
		);
		expect(fields).toEqual(['recommendation', 'confidence']);
	});
	it.each([1, 4] as const)('SCORE-3: level %i (an extreme) needs at least one evidence note', (level) => {
		const without = { ...complete, ratings: { ...complete.ratings, a: { level, notes: [] } } };
		expect(submissionProblems(rubric, without).map((p) => p.field)).toEqual(['ratings.a.notes']);
		const withNote = { ...complete, ratings: { ...complete.ratings, a: { level, notes: [note] } } };
		expect(submissionProblems(rubric, withNote)).toEqual([]);
	});
	it('SCORE-3: "not assessed" is accepted, but not for every competency', () => {
		const one = { ...complete, ratings: { ...complete.ratings, b: { level: 'not-assessed' as const, notes: [] } } };
		expect(submissionProblems(rubric, one)).toEqual([]);
		const none = {
			...complete,
			ratings: { a: { level: 'not-assessed' as const, notes: [] }, b: { level: 'not-assessed' as const, notes: [] } }
		};
		expect(submissionProblems(rubric, none).map((p) => p.field)).toEqual(['ratings']);
	});
	it('SCORE-3: a competency the rubric does not have is refused', () => {
		const p = submissionProblems(rubric, {
			...complete,
			ratings: { ...complete.ratings, zzz: { level: 3, notes: [] } }
		});
		expect(p.map((x) => x.field)).toEqual(['ratings.zzz']);
	});
});

describe('weighted score (SCORE-6)', () => {
	it.each<[string, Record<string, { level: 1 | 2 | 3 | 4 | 'not-assessed' | null }>, number | null]>([
		['weights every level', { a: { level: 4 }, b: { level: 2 } }, 3.5],
		['all the same level gives that level', { a: { level: 3 }, b: { level: 3 } }, 3],
		['not assessed is left out and weights renormalised', { a: { level: 'not-assessed' }, b: { level: 1 } }, 1],
		['a missing competency is left out too', { a: { level: 2 } }, 2],
		['nothing assessed gives null', { a: { level: 'not-assessed' }, b: { level: null } }, null]
	])('SCORE-6: %s', (_what, ratings, expected) => {
		expect(weightedScore(rubric, ratings)).toBe(expected);
	});
	it('SCORE-6: "not assessed" never counts as a middle score', () => {
		// Had b counted as 2.5, the score would be (3·4 + 2.5)/4 = 3.63.
		expect(weightedScore(rubric, { a: { level: 4 }, b: { level: 'not-assessed' } })).toBe(4);
	});
});

describe('disagreements (SCORE-7)', () => {
	const card = (
		id: string,
		a: number | 'not-assessed',
		rec: CardForComparison['recommendation']
	): CardForComparison => ({
		interviewer: { id, name: id },
		ratings: { a: { level: a as 1 }, b: { level: 3 } },
		recommendation: rec
	});
	it.each<[string, CardForComparison[], { a: boolean; rec: boolean }]>([
		['levels one apart are not flagged', [card('x', 2, 'hire'), card('y', 3, 'strong-hire')], { a: false, rec: false }],
		['levels two apart are flagged', [card('x', 2, 'hire'), card('y', 4, 'hire')], { a: true, rec: false }],
		['levels three apart are flagged', [card('x', 1, 'no-hire'), card('y', 4, 'no-hire')], { a: true, rec: false }],
		['hire and no hire are flagged', [card('x', 3, 'no-hire'), card('y', 3, 'hire')], { a: false, rec: true }],
		[
			'strong no hire and no hire are the same side',
			[card('x', 3, 'no-hire'), card('y', 3, 'strong-no-hire')],
			{ a: false, rec: false }
		],
		[
			'not assessed never counts as a level',
			[card('x', 'not-assessed', 'hire'), card('y', 4, 'hire')],
			{ a: false, rec: false }
		],
		['one card alone cannot disagree', [card('x', 1, 'hire')], { a: false, rec: false }],
		[
			'any pair among three counts',
			[card('x', 2, 'hire'), card('y', 3, 'hire'), card('z', 4, 'hire')],
			{ a: true, rec: false }
		]
	])('SCORE-7: %s', (_what, cards, expected) => {
		const d = findDisagreements(['a', 'b'], cards);
		expect(d.competencies.some((c) => c.competencyId === 'a')).toBe(expected.a);
		expect(d.competencies.some((c) => c.competencyId === 'b')).toBe(false);
		expect(d.recommendation).toBe(expected.rec);
	});
});

describe('decision rule (SCORE-8)', () => {
	const rule = { minHireShare: 0.75, vetoOnStrongNoHire: true, minScorecards: 2 };
	it.each<[string, string[], string]>([
		['3 of 4 hire meets three quarters', ['hire', 'hire', 'strong-hire', 'no-hire'], 'hire'],
		['2 of 4 hire does not', ['hire', 'hire', 'no-hire', 'no-hire'], 'no-hire'],
		['a strong no hire vetoes', ['strong-hire', 'strong-hire', 'hire', 'strong-no-hire'], 'no-hire'],
		['fewer than minScorecards waits', ['hire'], 'waiting'],
		['no votes waits', [], 'waiting'],
		['all hire', ['hire', 'strong-hire'], 'hire']
	])('SCORE-8: %s', (_what, recs, outcome) => {
		expect(evaluateDecisionRule(rule, recs as never).outcome).toBe(outcome);
	});
	it('SCORE-8: without the veto, a strong no hire is one vote among others', () => {
		const r = evaluateDecisionRule({ ...rule, vetoOnStrongNoHire: false, minHireShare: 0.5 }, [
			'hire',
			'strong-no-hire'
		]);
		expect(r).toMatchObject({ outcome: 'hire', hireVotes: 1, votes: 2 });
	});
	it('SCORE-8: the outcome waits, naming them, while an interview of the loop has no scorecard', () => {
		const r = evaluateDecisionRule(rule, ['no-hire', 'no-hire'], ['System design']);
		expect(r).toMatchObject({ outcome: 'waiting', votes: 2 });
		expect(r.explanation).toBe('Waiting for a scorecard of “System design”');
	});
	it('SCORE-8: the default rule is three quarters hire and no strong no hire', () => {
		expect(DEFAULT_DECISION_RULE).toEqual({ minHireShare: 0.75, vetoOnStrongNoHire: true, minScorecards: 2 });
	});
});
