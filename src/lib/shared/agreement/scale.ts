import type { AgreementInput, RatingValue } from './input.js';

/**
 * The ratings recoded once for every statistic: `codes[r][u]` is the position of rater r's rating
 * of unit u on the ordered scale (null when missing), `numbers[r][u]` its numeric value when the
 * scale is numeric. Interval, ratio, ICC and offsets need `numbers`; the rest need only `codes`.
 */
export interface Scale {
	categories: RatingValue[];
	codes: (number | null)[][];
	numbers: (number | null)[][] | null;
	raters: number;
	units: number;
}

export function buildScale(input: AgreementInput): Scale {
	const categories = input.categories ?? observedCategories(input.ratings);
	const position = new Map<RatingValue, number>(categories.map((c, i) => [c, i]));
	const codes = input.ratings.map((row) => row.map((v) => (v === null ? null : position.get(v)!)));
	const numeric = categories.every((c) => typeof c === 'number');
	const numbers = numeric ? input.ratings.map((row) => row.map((v) => (v === null ? null : (v as number)))) : null;
	return { categories, codes, numbers, raters: input.ratings.length, units: input.ratings[0].length };
}

/** The default scale: the values observed, numbers in numeric order, labels in code-point order. */
export function observedCategories(ratings: (RatingValue | null)[][]): RatingValue[] {
	const seen = new Set<RatingValue>();
	for (const row of ratings) for (const v of row) if (v !== null) seen.add(v);
	return [...seen].sort((a, b) =>
		typeof a === 'number' && typeof b === 'number' ? a - b : String(a) < String(b) ? -1 : 1
	);
}

/** The codes given to unit u, missing ones left out. */
export function unitCodes(codes: (number | null)[][], u: number): number[] {
	const out: number[] = [];
	for (const row of codes) if (row[u] !== null) out.push(row[u] as number);
	return out;
}
