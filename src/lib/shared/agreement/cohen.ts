import { notDefined, ratio, type Figure } from './figure.js';
import type { Scale } from './scale.js';
import { weightMatrix, type Weighting } from './weights.js';

/**
 * Cohen's kappa for exactly two raters who both rated every unit (Cohen 1960; weighted, Cohen
 * 1968): kappa = (p_o - p_e) / (1 - p_e) with p_o = sum w_ij p_ij and p_e = sum w_ij p_i. p_.j.
 */
export function cohenKappa(scale: Scale, weighting: Weighting): Figure {
	if (scale.raters !== 2)
		return notDefined(`Cohen\u2019s kappa needs exactly two raters, and there are ${scale.raters}`);
	const [a, b] = scale.codes;
	if (a.some((v, u) => v === null || b[u] === null))
		return notDefined('a unit lacks one of the two ratings, and Cohen\u2019s kappa needs both for every unit');
	const q = scale.categories.length;
	const w = weightMatrix(q, weighting);
	const joint = Array.from({ length: q }, () => new Array<number>(q).fill(0));
	for (let u = 0; u < scale.units; u++) joint[a[u]!][b[u]!] += 1 / scale.units;
	const rows = joint.map((row) => row.reduce((s, p) => s + p, 0));
	const cols = joint[0].map((_, j) => joint.reduce((s, row) => s + row[j], 0));
	let observed = 0;
	let chance = 0;
	for (let i = 0; i < q; i++)
		for (let j = 0; j < q; j++) {
			observed += w[i][j] * joint[i][j];
			chance += w[i][j] * rows[i] * cols[j];
		}
	return ratio(observed - chance, 1 - chance, 'chance agreement is already complete (one category only)');
}
