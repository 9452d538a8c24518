import { describe, it } from 'vitest';
import { cohenKappa } from './cohen.js';
import { abstractorsCategories, abstractorsTable, anxiety, fromContingency } from './publishedData.fixture.js';
import { expectNotDefined, expectPublished, scaleFor } from './testing.fixture.js';

describe("Cohen's kappa", () => {
	// R irr: kappa2(anxiety[,2:3]) with weight "unweighted", "equal", "squared", recorded in
	// statsmodels' stats/tests/test_inter_rater.py (test_cohens_kappa_irr). irr weights by the
	// positions of the observed levels (1, 2, 3, 4, 6 here), as this module does.
	const raters2and3 = scaleFor([anxiety[1], anxiety[2]]);
	it('unweighted -0.006289308 (irr kappa2 on anxiety[,2:3])', () =>
		expectPublished(cohenKappa(raters2and3, 'identity'), -0.006289308, 9));
	it('linear ("equal") 0.1459075 (irr kappa2 on anxiety[,2:3])', () =>
		expectPublished(cohenKappa(raters2and3, 'linear'), 0.1459075, 7));
	it('quadratic ("squared") 0.2520325 (irr kappa2 on anxiety[,2:3])', () =>
		expectPublished(cohenKappa(raters2and3, 'quadratic'), 0.2520325, 7));

	// irrCAC (Gwet 2014) kappa2.table(cont3x3abstractors): 0.796, linear 0.843, quadratic 0.892, as
	// asserted in the Python irrCAC port's test/unit/irrCAC/table/test_cohen.py.
	const abstractors = scaleFor(fromContingency(abstractorsTable, abstractorsCategories), abstractorsCategories);
	// irrCAC's README (github kgwet/irrCAC) prints kappa2.table(cont3x3abstractors) 0.7964094.
	it('unweighted 0.7964094 on cont3x3abstractors (irrCAC kappa2.table)', () =>
		expectPublished(cohenKappa(abstractors, 'identity'), 0.7964094, 7));
	it('linear 0.843 on cont3x3abstractors (irrCAC)', () => expectPublished(cohenKappa(abstractors, 'linear'), 0.843, 3));
	it('quadratic 0.892 on cont3x3abstractors (irrCAC)', () =>
		expectPublished(cohenKappa(abstractors, 'quadratic'), 0.892, 3));

	it('needs exactly two raters', () =>
		expectNotDefined(cohenKappa(scaleFor(anxiety), 'identity'), /exactly two raters/));
	it('needs both ratings of every unit', () =>
		expectNotDefined(
			cohenKappa(
				scaleFor([
					[1, 2, 3],
					[1, null, 3]
				]),
				'linear'
			),
			/lacks one of the two ratings/
		));
	it('is not defined with a single category', () =>
		expectNotDefined(
			cohenKappa(
				scaleFor([
					[1, 1],
					[1, 1]
				]),
				'identity'
			),
			/one category/
		));
});
