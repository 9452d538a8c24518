import { notDefined, type Figure } from './figure.js';
import type { Scale } from './scale.js';

export interface RaterOffset {
	rater: number;
	/** Mean of (this rater's rating - the mean of the OTHER raters' ratings of the same unit). */
	offset: Figure;
	/** Units this rater rated that at least one other rater also rated. */
	n: number;
}

/**
 * Each rater's leniency: how far above (+) or below (-) the others they score, on average.
 * The comparison is with the mean of the other raters, not of the whole group, so a rater's own
 * score never pulls the yardstick towards them (with k raters a group mean would shrink every
 * offset by (k - 1) / k). Numeric scales use the values; label scales their positions on the
 * ordered scale, which is only meaningful when `categories` gave that order.
 */
export function raterOffsets(scale: Scale): RaterOffset[] {
	const x = scale.numbers ?? scale.codes;
	const sums = new Array<number>(scale.units).fill(0);
	const counts = new Array<number>(scale.units).fill(0);
	for (const row of x)
		row.forEach((v, u) => {
			if (v === null) return;
			sums[u] += v;
			counts[u]++;
		});
	return x.map((row, rater) => {
		let sum = 0;
		let n = 0;
		row.forEach((own, u) => {
			if (own === null || counts[u] < 2) return;
			sum += own - (sums[u] - own) / (counts[u] - 1);
			n++;
		});
		const offset = n === 0 ? notDefined('no unit this rater rated was rated by anyone else') : { value: sum / n };
		return { rater, offset, n };
	});
}
