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

/** A unit rated two or more times: the distinct scale positions given to it and how often each. */
export interface PairableUnit {
	codes: number[];
	counts: number[];
	m: number;
}

export function pairableUnits(scale: Scale): PairableUnit[] {
	const out: PairableUnit[] = [];
	for (let u = 0; u < scale.units; u++) {
		const values = unitCodes(scale.codes, u);
		if (values.length < 2) continue;
		const tally = new Map<number, number>();
		for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
		const codes = [...tally.keys()].sort((a, b) => a - b);
		out.push({ codes, counts: codes.map((c) => tally.get(c)!), m: values.length });
	}
	return out;
}

/** o_ck: each unit adds (pairs of c and k within it) / (m_u - 1). */
export function coincidenceMatrix(units: PairableUnit[], size: number): number[][] {
	const o = Array.from({ length: size }, () => new Array<number>(size).fill(0));
	for (const { codes, counts, m } of units)
		for (let i = 0; i < codes.length; i++)
			for (let j = 0; j < codes.length; j++)
				o[codes[i]][codes[j]] += (i === j ? counts[i] * (counts[i] - 1) : counts[i] * counts[j]) / (m - 1);
	return o;
}

/**
 * The squared difference d_ck between scale positions at a level. Ordinal uses Krippendorff's
 * (sum of n_g for g from c to k - (n_c + n_k) / 2)², which is the squared gap between the two
 * positions' mid-ranks; computing it that way keeps it O(1) per pair.
 */
export function differenceFunction(
	level: AlphaLevel,
	values: number[] | null,
	marginals: number[]
): ((c: number, k: number) => number) | string {
	if (level === 'nominal') return (c, k) => (c === k ? 0 : 1);
	if (level === 'ordinal') {
		const ranks = midRanks(marginals);
		return (c, k) => (ranks[c] - ranks[k]) ** 2;
	}
	if (!values) return `the ${level} level needs numeric ratings, and these are labels`;
	if (level === 'interval') return (c, k) => (values[c] - values[k]) ** 2;
	if (values.some((v) => v < 0)) return 'the ratio level needs ratings of zero or more, and some are negative';
	return (c, k) => (values[c] + values[k] === 0 ? 0 : ((values[c] - values[k]) / (values[c] + values[k])) ** 2);
}

/** Position c's mid-rank among the pairable values: n_0 + ... + n_(c-1) + n_c / 2. */
export function midRanks(marginals: number[]): number[] {
	let below = 0;
	return marginals.map((n) => {
		const rank = below + n / 2;
		below += n;
		return rank;
	});
}

export const NOTHING_PAIRABLE = 'no unit has ratings from two or more raters, so nothing can be paired';
export const NO_VARIATION = 'every pairable rating has the same value, so there is no variation to agree on';

export function alphaFromCoincidences(o: number[][], level: AlphaLevel, values: number[] | null): Figure {
	const marginals = o.map((row) => row.reduce((a, b) => a + b, 0));
	const n = marginals.reduce((a, b) => a + b, 0);
	if (n < 2) return notDefined(NOTHING_PAIRABLE);
	const delta = differenceFunction(level, values, marginals);
	if (typeof delta === 'string') return notDefined(delta);
	let observed = 0;
	let expected = 0;
	for (let c = 0; c < o.length; c++) {
		if (marginals[c] === 0) continue;
		for (let k = 0; k < o.length; k++) {
			if (c === k || marginals[k] === 0) continue;
			const d = delta(c, k);
			observed += o[c][k] * d;
			expected += marginals[c] * marginals[k] * d;
		}
	}
	if (expected === 0) return notDefined(NO_VARIATION);
	return defined(1 - ((n - 1) * observed) / expected);
}

/** Alpha at each requested level; the matrix is built once and shared by the levels. */
export function krippendorffAlphas<L extends AlphaLevel>(scale: Scale, levels: readonly L[]): Record<L, Figure> {
	const o = coincidenceMatrix(pairableUnits(scale), scale.categories.length);
	const values = numericCategories(scale);
	return Object.fromEntries(levels.map((level) => [level, alphaFromCoincidences(o, level, values)])) as Record<
		L,
		Figure
	>;
}

export function krippendorffAlpha(scale: Scale, level: AlphaLevel): Figure {
	return krippendorffAlphas(scale, [level])[level];
}

export function numericCategories(scale: Scale): number[] | null {
	return scale.categories.every((c) => typeof c === 'number') ? (scale.categories as number[]) : null;
}
