import type { RatingValue } from '../../../src/lib/shared/agreement/index.js';

/** A cell without a rating (no card, or "not assessed"). */
export const MISSING_CELL = 255;

/**
 * A raters × units table of ratings, one byte a cell: cell `r * units + u` is the index of rater
 * r's rating of unit u in the scale's categories, or MISSING_CELL. A team's reliability table is
 * 60 interviewers × 10,000 interviews: as nested arrays it cost the rooms' thread hundreds of
 * milliseconds to build, to remember and to hand to the statistics thread; as bytes, a copy.
 */
export interface PackedTable {
	raters: number;
	units: number;
	cells: Uint8Array;
}

export function emptyTable(raters: number, units: number): PackedTable {
	return { raters, units, cells: new Uint8Array(raters * units).fill(MISSING_CELL) };
}

/** `ratings[r][u]` as a packed table; a rating outside `categories` is a mistake of the caller. */
export function packTable(ratings: (RatingValue | null)[][], categories: RatingValue[]): PackedTable {
	const units = ratings[0]?.length ?? 0;
	const t = emptyTable(ratings.length, units);
	for (const [r, row] of ratings.entries()) {
		if (row.length !== units) throw new Error(`row ${r} has ${row.length} ratings, not ${units}`);
		for (const [u, value] of row.entries())
			if (value !== null) t.cells[r * units + u] = categoryIndex(categories, value);
	}
	return t;
}

export function unpackTable(t: PackedTable, categories: RatingValue[]): (RatingValue | null)[][] {
	return Array.from({ length: t.raters }, (_, r) =>
		Array.from({ length: t.units }, (_, u) => {
			const cell = t.cells[r * t.units + u];
			return cell === MISSING_CELL ? null : categories[cell];
		})
	);
}

export function categoryIndex(categories: RatingValue[], value: RatingValue): number {
	const i = categories.indexOf(value);
	if (i < 0 || i >= MISSING_CELL) throw new Error(`${JSON.stringify(value)} is not one of the scale's categories`);
	return i;
}
