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
	return x.map((row, rater) => {
		let sum = 0;
		let n = 0;
		row.forEach((own, u) => {
			if (own === null) return;
			const others = x
				.filter((_, r) => r !== rater)
				.map((r) => r[u])
				.filter((v): v is number => v !== null);
			if (others.length === 0) return;
			sum += own - others.reduce((s, v) => s + v, 0) / others.length;
			n++;
		});
		const offset = n === 0 ? notDefined('no unit this rater rated was rated by anyone else') : { value: sum / n };
		return { rater, offset, n };
	});
}
