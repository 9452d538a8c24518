import { describe, it } from 'vitest';
import { fleissKappa } from './fleiss.js';
import {
	distrib6ratersCounts,
	fleissDiagnoses,
	fromCounts,
	gwetRaw4raters,
	wikipediaFleissCounts
} from './publishedData.fixture.js';
import { expectNotDefined, expectPublished, scaleFor } from './testing.fixture.js';

describe("Fleiss' kappa", () => {
	// R irr: kappam.fleiss(diagnoses) = 0.4302445, as recorded in statsmodels'
	// stats/tests/test_inter_rater.py (test_fleiss_kappa_irr); Fleiss (1971) prints .430.
	it('0.4302445 on Fleiss (1971) diagnoses (irr kappam.fleiss via statsmodels tests)', () =>
		expectPublished(fleissKappa(scaleFor(fleissDiagnoses)), 0.4302445, 7));

	// Wikipedia's worked example, kappa 0.210, as statsmodels' test_fleiss_kappa asserts (decimal=3).
	it('0.210 on the 10 × 14 example (statsmodels test_fleiss_kappa)', () =>
		expectPublished(fleissKappa(scaleFor(fromCounts(wikipediaFleissCounts, [1, 2, 3, 4, 5]))), 0.21, 3));

	// irrCAC README (github kgwet/irrCAC): fleiss.kappa.dist(distrib.6raters) coeff 0.4139265.
	it('0.4139265 on distrib.6raters (irrCAC fleiss.kappa.dist)', () =>
		expectPublished(fleissKappa(scaleFor(fromCounts(distrib6ratersCounts, [1, 2, 3, 4, 5]))), 0.4139265, 7));

	it('is not defined when units have different numbers of ratings', () =>
		expectNotDefined(fleissKappa(scaleFor(gwetRaw4raters)), /different numbers of ratings/));
	it('is not defined when every rating is in one category', () =>
		expectNotDefined(
			fleissKappa(
				scaleFor([
					[1, 1],
					[1, 1]
				])
			),
			/one category/
		));
});
