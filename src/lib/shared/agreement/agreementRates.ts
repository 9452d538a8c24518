import { notDefined, type Figure } from './figure.js';
import { unitCodes, type Scale } from './scale.js';

/**
 * How often two raters of the same unit agree: exactly, or within one step of the ordered scale.
 * For each unit with two or more ratings, the share of its rater pairs that agree; then the mean
 * over those units, so every unit counts once however many people rated it. The exact rate is
 * Gwet's percent agreement p_a with identity weights (irrCAC's `pa`).
 */
export function agreementRates(scale: Scale): { exact: Figure; withinOne: Figure; pairs: number } {
	let pairs = 0;
	let units = 0;
	let exact = 0;
	let withinOne = 0;
	for (let u = 0; u < scale.units; u++) {
		const values = unitCodes(scale.codes, u);
		if (values.length < 2) continue;
		let unitPairs = 0;
		let unitExact = 0;
		let unitWithinOne = 0;
		for (let i = 0; i < values.length; i++)
			for (let j = i + 1; j < values.length; j++) {
				const gap = Math.abs(values[i] - values[j]);
				unitPairs++;
				if (gap === 0) unitExact++;
				if (gap <= 1) unitWithinOne++;
			}
		units++;
		pairs += unitPairs;
		exact += unitExact / unitPairs;
		withinOne += unitWithinOne / unitPairs;
	}
	if (units === 0) {
		const none = notDefined('no unit has ratings from two or more raters, so there is no pair to compare');
		return { exact: none, withinOne: none, pairs };
	}
	return { exact: { value: exact / units }, withinOne: { value: withinOne / units }, pairs };
}
