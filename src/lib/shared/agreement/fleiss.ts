import { notDefined, ratio, type Figure } from './figure.js';
import { unitCodes, type Scale } from './scale.js';

/**
 * Fleiss' kappa (Fleiss 1971, nominal): every rated unit must carry the same number m >= 2 of
 * ratings, as the formula assumes; units nobody rated are left out. Which raters gave them does
 * not matter, so the raters need not be the same people for every unit.
 */
export function fleissKappa(scale: Scale): Figure {
	const units = [...Array(scale.units).keys()].map((u) => unitCodes(scale.codes, u)).filter((v) => v.length > 0);
	if (units.length === 0) return notDefined('no unit has a rating');
	const m = units[0].length;
	if (units.some((v) => v.length !== m))
		return notDefined('units have different numbers of ratings, and Fleiss\u2019 kappa needs the same number for each');
	if (m < 2) return notDefined('each unit has only one rating');
	const q = scale.categories.length;
	const totals = new Array<number>(q).fill(0);
	let agreement = 0;
	for (const values of units) {
		const counts = new Array<number>(q).fill(0);
		for (const v of values) counts[v]++;
		let squares = 0;
		for (let j = 0; j < q; j++) {
			squares += counts[j] ** 2;
			totals[j] += counts[j];
		}
		agreement += (squares - m) / (m * (m - 1));
	}
	const observed = agreement / units.length;
	const chance = totals.reduce((s, t) => s + (t / (units.length * m)) ** 2, 0);
	return ratio(observed - chance, 1 - chance, 'every rating falls in one category, so chance agreement is already 1');
}
