import { notDefined, ratio, type Figure } from './figure.js';
import { unitCodes, type Scale } from './scale.js';
import { weightMatrix, type Weighting } from './weights.js';

/**
 * Gwet's AC1 (identity weights) and AC2 (linear or quadratic weights) for any number of raters
 * with missing ratings, as in Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., ch. 5,
 * and irrCAC's gwet.ac1.raw: p_a averages over the units with two or more ratings; the chance
 * term p_e = T_w / (q (q - 1)) * sum pi_k (1 - pi_k) averages over every unit with a rating.
 */
export function gwetAc(scale: Scale, weighting: Weighting): Figure {
	const q = scale.categories.length;
	if (q < 2) return notDefined('only one category is in use, so chance agreement is not defined');
	const w = weightMatrix(q, weighting);
	const units = [...Array(scale.units).keys()].map((u) => tallyOf(unitCodes(scale.codes, u)));
	const rated = units.filter((u) => u.total > 0);
	const paired = rated.filter((u) => u.total >= 2);
	if (paired.length === 0) return notDefined('no unit has ratings from two or more raters, so nothing can be paired');
	let agreement = 0;
	// Only the categories a unit received contribute, so the sums run over those, not all q.
	for (const { codes, counts, total } of paired) {
		let sum = 0;
		for (let i = 0; i < codes.length; i++) {
			const row = w[codes[i]];
			let weighted = 0;
			for (let j = 0; j < codes.length; j++) weighted += row[codes[j]] * counts[j];
			sum += counts[i] * (weighted - 1);
		}
		agreement += sum / (total * (total - 1));
	}
	const pa = agreement / paired.length;
	const pi = new Array<number>(q).fill(0);
	for (const { codes, counts, total } of rated) codes.forEach((k, i) => (pi[k] += counts[i] / total / rated.length));
	const weightTotal = w.flat().reduce((s, v) => s + v, 0);
	const pe = (weightTotal / (q * (q - 1))) * pi.reduce((s, p) => s + p * (1 - p), 0);
	return ratio(pa - pe, 1 - pe, 'chance agreement is already complete');
}

function tallyOf(values: number[]): { codes: number[]; counts: number[]; total: number } {
	const tally = new Map<number, number>();
	for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
	return { codes: [...tally.keys()], counts: [...tally.values()], total: values.length };
}
