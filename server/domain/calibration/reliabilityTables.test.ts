import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/lib/shared/agreement/prng.js';
import { NOT_ASSESSED, RECOMMENDATIONS, type Rubric } from '../../../src/lib/shared/rubric.js';
import { LEVEL_CATEGORIES } from './calibrationStatistics.js';
import { packTable, unpackTable } from './packedTable.js';
import { reliabilityTables } from './reliabilityTables.js';
import type { Sample } from './ratingSamples.js';

const rubric = {
	id: 'r',
	title: 'R',
	competencies: [
		{ id: 'a', name: 'A' },
		{ id: 'b', name: 'B' }
	]
} as unknown as Rubric;

/** Interviews of 2-3 of 6 people, some levels "not assessed", some people with two cards on one interview. */
function samples(n: number): Sample[] {
	const random = mulberry32(9);
	const level = () => (random() < 0.15 ? NOT_ASSESSED : ((1 + Math.floor(random() * 4)) as 1 | 2 | 3 | 4));
	return Array.from({ length: n }, (_, i) => ({
		interviewId: `iv${i}`,
		at: i,
		cards: Array.from({ length: 2 + Math.floor(random() * 2) }, () => {
			const who = `p${Math.floor(random() * 6)}`;
			return {
				who,
				name: `Person ${who}`,
				ratings: { a: { level: level(), notes: [] }, b: { level: level(), notes: [] } },
				recommendation: RECOMMENDATIONS[Math.floor(random() * 4)]
			};
		})
	}));
}

describe('reliabilityTables (CAL-10)', () => {
	it('holds, cell by cell, what looking up each person’s first card of each interview gives', () => {
		const list = samples(300);
		const { who, tables } = reliabilityTables(rubric, list);
		const first = (s: Sample, w: string) => s.cards.find((c) => c.who === w);
		const level = (s: Sample, w: string, c: string) => {
			const l = first(s, w)?.ratings[c]?.level;
			return typeof l === 'number' ? l : null;
		};
		expect(tables.map((t) => t.level)).toEqual(['ordinal', 'ordinal', 'nominal']);
		for (const [k, c] of rubric.competencies.entries()) {
			expect(unpackTable(tables[k].table, LEVEL_CATEGORIES)).toEqual(
				who.map(([w]) => list.map((s) => level(s, w, c.id)))
			);
		}
		expect(unpackTable(tables[2].table, [...RECOMMENDATIONS])).toEqual(
			who.map(([w]) => list.map((s) => first(s, w)?.recommendation ?? null))
		);
		// People in the order they first rated, each named by their last card's name.
		expect(who.map(([w]) => w)).toEqual([...new Set(list.flatMap((s) => s.cards.map((c) => c.who)))]);
	});
});

describe('packTable', () => {
	it('round-trips a table, missing cells included', () => {
		const ratings = [
			[1, null, 4],
			[null, 2, 3]
		];
		expect(unpackTable(packTable(ratings, LEVEL_CATEGORIES), LEVEL_CATEGORIES)).toEqual(ratings);
	});

	it('refuses a rating outside the scale and rows of unequal length', () => {
		expect(() => packTable([[5]], LEVEL_CATEGORIES)).toThrow('5 is not one of the scale');
		expect(() => packTable([[1, 2], [3]], LEVEL_CATEGORIES)).toThrow('row 1 has 1 ratings, not 2');
	});
});
