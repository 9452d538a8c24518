import { defined, notDefined, type Figure } from './figure.js';
import {
	differenceFunction,
	midRanks,
	NO_VARIATION,
	NOTHING_PAIRABLE,
	type AlphaLevel,
	type PairableUnit
} from './krippendorff.js';

/**
 * Alpha for a multiset of pairable units, picked by index, without building the coincidence
 * matrix: the same sums grouped by unit, sum(o_ck d_ck) = sum over units of the unit's own
 * disagreement. A bootstrap draw then costs O(ratings) at the nominal, ordinal and interval levels
 * (O(values²) at the ratio level, whose difference does not factor), which keeps a thousand draws
 * cheap. The point estimate still goes through the matrix (krippendorff.ts); a test holds the two
 * equal. Plain loops on purpose: this is the one hot path of the folder.
 */
export function alphaResampler(
	units: PairableUnit[],
	level: AlphaLevel,
	values: number[] | null,
	size: number
): ((picks: ArrayLike<number>) => Figure) | string {
	const check = differenceFunction(level, values, new Array<number>(size).fill(0));
	if (typeof check === 'string') return check;
	const ratio = level === 'ratio' ? ratioDifferences(values!) : null;
	const fixed =
		level === 'ordinal' ? null : units.map((u) => unitDisagreement(u, level === 'nominal' ? null : values!, ratio));
	const marginals = new Float64Array(size);
	return (picks: ArrayLike<number>) => {
		marginals.fill(0);
		let n = 0;
		for (let p = 0; p < picks.length; p++) {
			const { codes, counts, m } = units[picks[p]];
			for (let j = 0; j < codes.length; j++) marginals[codes[j]] += counts[j];
			n += m;
		}
		if (n < 2) return notDefined(NOTHING_PAIRABLE);
		const used: number[] = [];
		for (let c = 0; c < size; c++) if (marginals[c] > 0) used.push(c);
		if (used.length < 2) return notDefined(NO_VARIATION);
		const all: PairableUnit = { codes: used, counts: used.map((c) => marginals[c]), m: n };
		let observed = 0;
		let expected: number;
		if (fixed) {
			for (let p = 0; p < picks.length; p++) observed += fixed[picks[p]];
			expected = unitDisagreement(all, level === 'nominal' ? null : values!, ratio);
		} else {
			const ranks = midRanks([...marginals]);
			for (let p = 0; p < picks.length; p++) observed += spread(units[picks[p]], ranks);
			expected = spread(all, ranks);
		}
		// `expected` here is sum n_c n_k d_ck / (n - 1), the whole draw taken as one unit.
		return defined(1 - observed / expected);
	};
}

/**
 * One unit's sum over pairs of its ratings of d_ck, divided by m - 1: nominal (x null) counts
 * differing pairs, interval uses the spread of x, ratio its precomputed differences.
 */
function unitDisagreement(unit: PairableUnit, x: number[] | null, ratio: RatioDifferences | null): number {
	const { codes, counts, m } = unit;
	if (ratio) {
		let sum = 0;
		for (let i = 0; i < codes.length; i++) {
			const row = codes[i] * ratio.size;
			for (let j = 0; j < codes.length; j++) sum += counts[i] * counts[j] * ratio.d[row + codes[j]];
		}
		return sum / (m - 1);
	}
	if (x) return spread(unit, x);
	let same = 0;
	for (const n of counts) same += n * n;
	return (m * m - same) / (m - 1);
}

/** sum_ck n_c n_k (x_c - x_k)² / (m - 1) = 2 m sum n_c (x_c - mean)² / (m - 1). */
function spread({ codes, counts, m }: PairableUnit, x: ArrayLike<number>): number {
	let total = 0;
	for (let i = 0; i < codes.length; i++) total += counts[i] * x[codes[i]];
	const mean = total / m;
	let squares = 0;
	for (let i = 0; i < codes.length; i++) squares += counts[i] * (x[codes[i]] - mean) ** 2;
	return (2 * m * squares) / (m - 1);
}

interface RatioDifferences {
	size: number;
	d: Float64Array;
}

function ratioDifferences(values: number[]): RatioDifferences {
	const delta = differenceFunction('ratio', values, []) as (c: number, k: number) => number;
	const d = new Float64Array(values.length * values.length);
	for (let c = 0; c < values.length; c++)
		for (let k = 0; k < values.length; k++) d[c * values.length + k] = delta(c, k);
	return { size: values.length, d };
}
