import { notDefined, type Figure } from './figure.js';
import { unitCodes, type Scale } from './scale.js';

/**
 * Share of rating pairs within a unit that agree: exactly, or within one step of the ordered
 * scale. Pooled over every pair of raters who both rated a unit, so a unit rated by more people
 * counts for more pairs.
 */
export function agreementRates(scale: Scale): { exact: Figure; withinOne: Figure; pairs: number } {
	let pairs = 0;
	let exact = 0;
	let withinOne = 0;
	for (let u = 0; u < scale.units; u++) {
		const values = unitCodes(scale.codes, u);
		for (let i = 0; i < values.length; i++)
			for (let j = i + 1; j < values.length; j++) {
				pairs++;
				const gap = Math.abs(values[i] - values[j]);
				if (gap === 0) exact++;
				if (gap <= 1) withinOne++;
			}
	}
	if (pairs === 0) {
		const none = notDefined('no unit has ratings from two or more raters, so there is no pair to compare');
		return { exact: none, withinOne: none, pairs };
	}
	return { exact: { value: exact / pairs }, withinOne: { value: withinOne / pairs }, pairs };
}
