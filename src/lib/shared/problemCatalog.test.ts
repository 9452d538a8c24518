import { describe, expect, it } from 'vitest';
import { NO_FILTER, matchesFilter, rubricCoverage, type ProblemCard } from './problemCatalog.js';

const card = (over: Partial<ProblemCard>): ProblemCard => ({
	id: 'p',
	title: 'P',
	kind: 'coding',
	timeBoxMinutes: 30,
	competencies: ['problem_solving'],
	seniority: ['mid'],
	topics: [],
	difficulty: null,
	packages: [],
	missingPackages: [],
	...over
});

describe('matchesFilter', () => {
	const p = card({
		kind: 'debugging',
		timeBoxMinutes: 35,
		competencies: ['testing', 'communication'],
		seniority: ['mid', 'senior']
	});

	it.each([
		['no filter', NO_FILTER, true],
		['its kind', { ...NO_FILTER, kind: 'debugging' as const }, true],
		['another kind', { ...NO_FILTER, kind: 'coding' as const }, false],
		['one of its competencies', { ...NO_FILTER, competency: 'communication' }, true],
		['a competency it does not probe', { ...NO_FILTER, competency: 'trade_offs' }, false],
		['one of its levels', { ...NO_FILTER, seniority: 'senior' as const }, true],
		['a level it is not for', { ...NO_FILTER, seniority: 'staff' as const }, false],
		['a time box it fits exactly', { ...NO_FILTER, maxMinutes: 35 }, true],
		['a shorter time box', { ...NO_FILTER, maxMinutes: 30 }, false],
		[
			'all criteria at once',
			{ kind: 'debugging' as const, competency: 'testing', seniority: 'mid' as const, maxMinutes: 45 },
			true
		]
	])('%s', (_label, filter, expected) => {
		expect(matchesFilter(p, filter)).toBe(expected);
	});
});

describe('rubricCoverage', () => {
	const rubric = [
		{ id: 'problem_solving', name: 'Problem solving' },
		{ id: 'testing', name: 'Testing and debugging' },
		{ id: 'communication', name: 'Communication' }
	];

	it('lists each competency once, with the chosen problems that probe it, and the ones none covers', () => {
		const chosen = [
			card({ title: 'A', competencies: ['testing', 'trade_offs'] }),
			card({ title: 'B', competencies: ['testing', 'problem_solving'] })
		];
		expect(rubricCoverage(rubric, chosen)).toEqual({
			covered: [
				{ id: 'problem_solving', name: 'Problem solving', problems: ['B'] },
				{ id: 'testing', name: 'Testing and debugging', problems: ['A', 'B'] }
			],
			uncovered: [{ id: 'communication', name: 'Communication' }]
		});
	});

	it('with nothing chosen, every competency is uncovered', () => {
		expect(rubricCoverage(rubric, []).uncovered.map((c) => c.id)).toEqual([
			'problem_solving',
			'testing',
			'communication'
		]);
	});
});
