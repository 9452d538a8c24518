import { notDefined, ratio, type Figure } from './figure.js';
import type { Scale } from './scale.js';

/** The six intraclass correlations of Shrout & Fleiss (1979), from the two-way ANOVA mean squares. */
export type IccName = 'ICC(1,1)' | 'ICC(2,1)' | 'ICC(3,1)' | 'ICC(1,k)' | 'ICC(2,k)' | 'ICC(3,k)';
export const ICC_NAMES: readonly IccName[] = ['ICC(1,1)', 'ICC(2,1)', 'ICC(3,1)', 'ICC(1,k)', 'ICC(2,k)', 'ICC(3,k)'];

export interface MeanSquares {
	/** between targets */ bms: number;
	/** within targets */ wms: number;
	/** between judges */ jms: number;
	/** residual */ ems: number;
}

/** Targets are the units, judges the raters: x[t][j] = scale.numbers[j][t]. */
export function meanSquares(x: number[][]): MeanSquares {
	const n = x.length;
	const k = x[0].length;
	const grand = x.flat().reduce((s, v) => s + v, 0) / (n * k);
	const rowMeans = x.map((row) => row.reduce((s, v) => s + v, 0) / k);
	const colMeans = x[0].map((_, j) => x.reduce((s, row) => s + row[j], 0) / n);
	const total = x.flat().reduce((s, v) => s + (v - grand) ** 2, 0);
	const between = k * rowMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
	const judges = n * colMeans.reduce((s, m) => s + (m - grand) ** 2, 0);
	return {
		bms: between / (n - 1),
		wms: (total - between) / (n * (k - 1)),
		jms: judges / (k - 1),
		ems: (total - between - judges) / ((n - 1) * (k - 1))
	};
}

export function intraclassCorrelations(scale: Scale): Record<IccName, Figure> {
	const why = whyNotDefined(scale);
	if (why) return Object.fromEntries(ICC_NAMES.map((name) => [name, notDefined(why)])) as Record<IccName, Figure>;
	const x = Array.from({ length: scale.units }, (_, t) => scale.numbers!.map((row) => row[t] as number));
	const { bms, wms, jms, ems } = meanSquares(x);
	const n = scale.units;
	const k = scale.raters;
	const flat = 'every unit gets the same mean score, so there is no between-unit variance to attribute';
	return {
		'ICC(1,1)': ratio(bms - wms, bms + (k - 1) * wms, flat),
		'ICC(2,1)': ratio(bms - ems, bms + (k - 1) * ems + (k * (jms - ems)) / n, flat),
		'ICC(3,1)': ratio(bms - ems, bms + (k - 1) * ems, flat),
		'ICC(1,k)': ratio(bms - wms, bms, flat),
		'ICC(2,k)': ratio(bms - ems, bms + (jms - ems) / n, flat),
		'ICC(3,k)': ratio(bms - ems, bms, flat)
	};
}

function whyNotDefined(scale: Scale): string | null {
	if (!scale.numbers) return 'intraclass correlations need numeric ratings, and these are labels';
	if (scale.raters < 2) return 'intraclass correlations need two or more raters';
	if (scale.units < 2) return 'intraclass correlations need two or more units';
	if (scale.numbers.some((row) => row.some((v) => v === null)))
		return 'a rating is missing, and these intraclass correlations need every rater to rate every unit';
	return null;
}
