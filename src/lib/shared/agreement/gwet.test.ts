import { describe, it } from 'vitest';
import { gwetAc } from './gwet.js';
import { gwetRaw4raters } from './publishedData.fixture.js';
import { expectNotDefined, expectPublished, scaleFor } from './testing.fixture.js';

describe("Gwet's AC1 and AC2", () => {
	const scale = scaleFor(gwetRaw4raters);
	// Gwet (2014), Handbook of Inter-Rater Reliability, 4th ed.; irrCAC's README (github kgwet/irrCAC)
	// prints gwet.ac1.raw(cac.raw4raters): pa 0.8181818, pe 0.1903212, coeff.val 0.77544.
	it('AC1 0.77544 on cac.raw4raters (irrCAC gwet.ac1.raw)', () =>
		expectPublished(gwetAc(scale, 'identity'), 0.77544, 5));
	// The Python irrCAC port, test/unit/irrCAC/raw/test_gwet.py, with weights='linear' / 'quadratic'.
	it('AC2 linear 0.859 on raw_4raters (irrCAC test_gwet_raw4raters_linear_weights)', () =>
		expectPublished(gwetAc(scale, 'linear'), 0.859, 3));
	it('AC2 quadratic 0.914 on raw_4raters (irrCAC test_gwet_raw4raters_quadratic_weights)', () =>
		expectPublished(gwetAc(scale, 'quadratic'), 0.914, 3));

	it('is not defined with one category', () =>
		expectNotDefined(
			gwetAc(
				scaleFor([
					[1, 1],
					[1, 1]
				]),
				'identity'
			),
			/one category/
		));
	it('is not defined when no unit is rated twice', () =>
		expectNotDefined(
			gwetAc(
				scaleFor([
					[1, null],
					[null, 2]
				]),
				'identity'
			),
			/paired/
		));
});
