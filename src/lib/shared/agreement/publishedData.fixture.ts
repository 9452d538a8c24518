/**
 * Published reliability data, copied as printed, for the tests beside this file. Every table is
 * raters × units (the shape of the command-line contract); null is a missing rating.
 */

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", the worked example with
 * 4 observers, 12 units and missing values; the same table is the ordinal and ratio test of
 * Python's `krippendorff` package (tests/test_krippendorff.py).
 */
export const krippendorff2011 = [
	[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
	[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
	[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
	[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
];

/** Python `krippendorff` tests/test_krippendorff.py: 3 coders × 15 units (Wikipedia's example). */
export const wikipedia3x15 = [
	[null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
	[1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
	[null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4]
];

/**
 * Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed., p. 120, as irrCAC's `cac.raw4raters`
 * (Python port: irrCAC/datasets.py raw_4raters). Same values as krippendorff2011 except that the
 * lone rating of unit 12 sits with rater 3.
 */
export const gwetRaw4raters = [
	[1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
	[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, null],
	[null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 3],
	[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]
];

/**
 * Fleiss (1971) Table 1 as R irr's `diagnoses` (30 patients × 6 raters), printed in statsmodels'
 * stats/tests/test_inter_rater.py as patients × raters with codes 1..5; transposed here.
 */
const diagnosesByPatient = [
	[4, 4, 4, 4, 4, 4],
	[2, 2, 2, 5, 5, 5],
	[2, 3, 3, 3, 3, 5],
	[5, 5, 5, 5, 5, 5],
	[2, 2, 2, 4, 4, 4],
	[1, 1, 3, 3, 3, 3],
	[3, 3, 3, 3, 5, 5],
	[1, 1, 3, 3, 3, 4],
	[1, 1, 4, 4, 4, 4],
	[5, 5, 5, 5, 5, 5],
	[1, 4, 4, 4, 4, 4],
	[1, 2, 4, 4, 4, 4],
	[2, 2, 2, 3, 3, 3],
	[1, 4, 4, 4, 4, 4],
	[2, 2, 4, 4, 4, 5],
	[3, 3, 3, 3, 3, 5],
	[1, 1, 1, 4, 5, 5],
	[1, 1, 1, 1, 1, 2],
	[2, 2, 4, 4, 4, 4],
	[1, 3, 3, 5, 5, 5],
	[5, 5, 5, 5, 5, 5],
	[2, 4, 4, 4, 4, 4],
	[2, 2, 4, 5, 5, 5],
	[1, 1, 4, 4, 4, 4],
	[1, 4, 4, 4, 4, 5],
	[2, 2, 2, 2, 2, 4],
	[1, 1, 1, 1, 5, 5],
	[2, 2, 4, 4, 4, 4],
	[1, 3, 3, 3, 3, 3],
	[5, 5, 5, 5, 5, 5]
];
export const fleissDiagnoses = transpose(diagnosesByPatient);

/**
 * irrCAC's `distrib.6raters` (Fleiss 1971, 15 patients × 6 psychiatrists), counts per category
 * Depression, Personality Disorder, Schizophrenia, Neurosis, Other, as printed in irrCAC's README.
 */
export const distrib6ratersCounts = [
	[0, 0, 0, 6, 0],
	[0, 3, 0, 0, 3],
	[0, 1, 4, 0, 1],
	[0, 0, 0, 0, 6],
	[0, 3, 0, 3, 0],
	[2, 0, 4, 0, 0],
	[0, 0, 4, 0, 2],
	[2, 0, 3, 1, 0],
	[2, 0, 0, 4, 0],
	[0, 0, 0, 0, 6],
	[1, 0, 0, 5, 0],
	[1, 1, 0, 4, 0],
	[0, 3, 3, 0, 0],
	[1, 0, 0, 5, 0],
	[0, 2, 0, 3, 1]
];

/**
 * Wikipedia's Fleiss' kappa example (10 subjects, 14 raters), the fleiss_kappa test in statsmodels'
 * stats/tests/test_inter_rater.py (table1), given as counts per category 1..5.
 */
export const wikipediaFleissCounts = [
	[0, 0, 0, 0, 14],
	[0, 2, 6, 4, 2],
	[0, 0, 3, 5, 6],
	[0, 3, 9, 2, 0],
	[2, 2, 8, 1, 1],
	[7, 7, 0, 0, 0],
	[3, 2, 6, 3, 0],
	[2, 5, 3, 2, 2],
	[6, 5, 2, 1, 0],
	[0, 2, 2, 3, 7]
];

/**
 * R irr's `anxiety` (20 subjects × 3 raters), printed column by column in statsmodels'
 * stats/tests/test_inter_rater.py (reshape(20, 3, order='F')): each row here is one rater.
 */
const anxietyColumnMajor = [
	3, 3, 3, 4, 5, 5, 2, 3, 5, 2, 2, 6, 1, 5, 2, 2, 1, 2, 4, 3, 3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3,
	4, 2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2
];
export const anxiety = [0, 1, 2].map((r) => anxietyColumnMajor.slice(r * 20, r * 20 + 20));

/** Shrout & Fleiss (1979), the worked example: 6 targets (rows) × 4 judges; transposed to judges × targets. */
export const shroutFleissByTarget = [
	[9, 2, 5, 8],
	[6, 1, 3, 2],
	[8, 4, 6, 8],
	[7, 1, 2, 6],
	[10, 5, 6, 9],
	[6, 2, 4, 7]
];
export const shroutFleiss = transpose(shroutFleissByTarget);

/**
 * Gwet (2014) via irrCAC's `cont3x3abstractors`: 100 pregnancies classified by two abstractors
 * (rows: one abstractor, columns: the other) into Ectopic, AIU, NIU.
 */
export const abstractorsCategories = ['Ectopic', 'AIU', 'NIU'];
export const abstractorsTable = [
	[13, 0, 0],
	[0, 20, 7],
	[0, 4, 56]
];

export function transpose<T>(rows: T[][]): T[][] {
	return rows[0].map((_, j) => rows.map((row) => row[j]));
}

/** Expands per-unit category counts into raters × units (Fleiss' kappa ignores who gave which). */
export function fromCounts(counts: number[][], categories: number[]): number[][] {
	const perUnit = counts.map((row) => row.flatMap((n, c) => new Array<number>(n).fill(categories[c])));
	return transpose(perUnit);
}

/** Expands a two-rater contingency table into the 2 × units ratings it counts. */
export function fromContingency<T>(table: number[][], categories: T[]): T[][] {
	const a: T[] = [];
	const b: T[] = [];
	table.forEach((row, i) =>
		row.forEach((n, j) => {
			for (let t = 0; t < n; t++) {
				a.push(categories[i]);
				b.push(categories[j]);
			}
		})
	);
	return [a, b];
}
