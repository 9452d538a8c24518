import { RECOMMENDATIONS, type Rubric } from '../../../src/lib/shared/rubric.js';
import { LEVEL_CATEGORIES, type FiguresRequest } from './calibrationStatistics.js';
import { categoryIndex, emptyTable, MISSING_CELL } from './packedTable.js';
import type { Sample } from './ratingSamples.js';

/**
 * CAL-10's tables: raters are people (in the order they first rated), units the interviews; one
 * table per competency of the rubric, then the recommendation. Built card by card, so the cost
 * grows with the cards and not with people × interviews (looking each cell up was 225 ms of the
 * rooms' thread for 60 interviewers over 10,000 interviews). A person with two cards on one
 * interview counts with the first, as everywhere else.
 */
export function reliabilityTables(
	rubric: Rubric,
	samples: Sample[]
): { who: [personId: string, name: string][]; tables: FiguresRequest[] } {
	const who = [...new Map(samples.flatMap((s) => s.cards.map((c) => [c.who, c.name] as const))).entries()];
	const row = new Map(who.map(([w], r) => [w, r]));
	const units = samples.length;
	const levels = rubric.competencies.map(() => emptyTable(who.length, units));
	const recommendations = emptyTable(who.length, units);
	const recommendationScale = [...RECOMMENDATIONS];
	const counted = new Uint8Array(who.length * units);
	for (const [u, s] of samples.entries()) {
		for (const card of s.cards) {
			const cell = row.get(card.who)! * units + u;
			if (counted[cell]) continue;
			counted[cell] = 1;
			for (const [k, c] of rubric.competencies.entries()) {
				const level = card.ratings[c.id]?.level;
				if (typeof level === 'number') levels[k].cells[cell] = categoryIndex(LEVEL_CATEGORIES, level);
			}
			recommendations.cells[cell] = card.recommendation
				? categoryIndex(recommendationScale, card.recommendation)
				: MISSING_CELL;
		}
	}
	return {
		who,
		tables: [
			...levels.map((table) => ({ table, categories: LEVEL_CATEGORIES, level: 'ordinal' as const })),
			{ table: recommendations, categories: recommendationScale, level: 'nominal' }
		]
	};
}
