import { defined, notDefined, type Figure } from './figure.js';
import { unitCodes, type Scale } from './scale.js';

/**
 * Krippendorff's alpha through the coincidence matrix, as in Krippendorff (2011), "Computing
 * Krippendorff's Alpha-Reliability": alpha = 1 - (n - 1) * sum(o_ck * d_ck) / sum(n_c * n_k * d_ck).
 * Any number of raters, missing ratings allowed; a unit with fewer than two ratings is not pairable
 * and is dropped.
 */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';
export const ALPHA_LEVELS: readonly AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** One pairable unit's share of the coincidence matrix: entries (c, k, weight), weight = pairs / (m - 1). */
export type UnitCoincidence = { c: number; k: number; w: number }[];

export function unitCoincidences(scale: Scale): UnitCoincidence[] {
	const out: UnitCoincidence[] = [];
	for (let u = 0; u < scale.units; u++) {
		const values = unitCodes(scale.codes, u);
		if (values.length < 2) continue;
		const counts = new Map<number, number>();
		for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
		const entries: UnitCoincidence = [];
		for (const [c, nc] of counts)
			for (const [k, nk] of counts) {
				const pairs = c === k ? nc * (nc - 1) : nc * nk;
				if (pairs > 0) entries.push({ c, k, w: pairs / (values.length - 1) });
			}
		out.push(entries);
	}
	return out;
}

export function coincidenceMatrix(units: UnitCoincidence[], size: number): number[][] {
	const o = Array.from({ length: size }, () => new Array<number>(size).fill(0));
	for (const entries of units) for (const { c, k, w } of entries) o[c][k] += w;
	return o;
}

/** Squared difference between positions c and k at a level; `marginals` are n_c of the matrix. */
export function differenceFunction(
	level: AlphaLevel,
	values: number[] | null,
	marginals: number[]
): ((c: number, k: number) => number) | string {
	if (level === 'nominal') return (c, k) => (c === k ? 0 : 1);
	if (level === 'ordinal')
		return (c, k) => {
			const [lo, hi] = c < k ? [c, k] : [k, c];
			let between = 0;
			for (let g = lo; g <= hi; g++) between += marginals[g];
			return (between - (marginals[lo] + marginals[hi]) / 2) ** 2;
		};
	if (!values) return `the ${level} level needs numeric ratings, and these are labels`;
	if (level === 'interval') return (c, k) => (values[c] - values[k]) ** 2;
	if (values.some((v) => v < 0)) return 'the ratio level needs ratings of zero or more, and some are negative';
	return (c, k) => (values[c] + values[k] === 0 ? 0 : ((values[c] - values[k]) / (values[c] + values[k])) ** 2);
}

export function alphaFromCoincidences(o: number[][], level: AlphaLevel, values: number[] | null): Figure {
	const marginals = o.map((row) => row.reduce((a, b) => a + b, 0));
	const n = marginals.reduce((a, b) => a + b, 0);
	if (n < 2) return notDefined('no unit has ratings from two or more raters, so nothing can be paired');
	const delta = differenceFunction(level, values, marginals);
	if (typeof delta === 'string') return notDefined(delta);
	let observed = 0;
	let expected = 0;
	for (let c = 0; c < o.length; c++)
		for (let k = 0; k < o.length; k++) {
			if (c === k) continue;
			const d = delta(c, k);
			observed += o[c][k] * d;
			expected += marginals[c] * marginals[k] * d;
		}
	if (expected === 0)
		return notDefined('every pairable rating has the same value, so there is no variation to agree on');
	return defined(1 - ((n - 1) * observed) / expected);
}

export function krippendorffAlpha(scale: Scale, level: AlphaLevel): Figure {
	const o = coincidenceMatrix(unitCoincidences(scale), scale.categories.length);
	return alphaFromCoincidences(o, level, numericCategories(scale));
}

export function numericCategories(scale: Scale): number[] | null {
	return scale.categories.every((c) => typeof c === 'number') ? (scale.categories as number[]) : null;
}
