/**
 * computeAgreement on a calibration-sized table (6 raters, 8 competencies, levels 1-4, a few
 * "not assessed") and on tables at the input limits (many raters, many units, many distinct
 * values), with the default 1000 bootstrap draws at each of the four levels. Prints JSON; not a
 * test.
 *   npx tsx bench/agreement.ts [--repeat 5]
 */
import { computeAgreement, parseAgreementInput } from '../src/lib/shared/agreement/index.js';
import { MAX_CATEGORIES, MAX_RATINGS } from '../src/lib/shared/agreement/input.js';
import { mulberry32 } from '../src/lib/shared/agreement/prng.js';
import { arg } from './numberArg.js';

const REPEAT = arg('repeat', 5);

function table(raters: number, units: number, values: number, missing: number, seed: number): (number | null)[][] {
	const random = mulberry32(seed);
	return Array.from({ length: raters }, () =>
		Array.from({ length: units }, () => (random() < missing ? null : 1 + Math.floor(random() * values)))
	);
}

function medianMs(ratings: (number | null)[][]): number {
	const input = parseAgreementInput({ ratings });
	const times: number[] = [];
	for (let i = 0; i < REPEAT; i++) {
		const start = performance.now();
		computeAgreement(input);
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return Math.round(times[Math.floor(times.length / 2)] * 10) / 10;
}

const cases = {
	calibration_6x8: table(6, 8, 4, 0.1, 1),
	manyRaters_200x250_distinct200: table(200, MAX_RATINGS / 200, MAX_CATEGORIES, 0, 2),
	manyUnits_10x5000_distinct200: table(10, MAX_RATINGS / 10, MAX_CATEGORIES, 0.2, 3)
};
const result = Object.fromEntries(
	Object.entries(cases).map(([name, ratings]) => [name, { medianMs: medianMs(ratings) }])
);
process.stdout.write(JSON.stringify({ repeat: REPEAT, bootstrapDraws: 1000, ...result }) + '\n');
