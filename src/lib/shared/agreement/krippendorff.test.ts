import { describe, expect, it } from 'vitest';
import { krippendorffAlpha } from './krippendorff.js';
import {
	distrib6ratersCounts,
	fromCounts,
	gwetRaw4raters,
	krippendorff2011,
	wikipedia3x15
} from './publishedData.fixture.js';
import { expectNotDefined, expectPublished, scaleFor } from './testing.fixture.js';

describe("Krippendorff's alpha against published examples", () => {
	const scale = scaleFor(krippendorff2011);
	// Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability": the 4 observers × 12 units
	// example with missing data gives nominal .743, ordinal .815, interval .849, ratio .797.
	it('nominal 0.743 (Krippendorff 2011; irrCAC krippen.alpha.raw on cac.raw4raters)', () =>
		expectPublished(krippendorffAlpha(scale, 'nominal'), 0.743, 3));
	it('ordinal 0.815 (Krippendorff 2011; Python krippendorff test_ordinal_metric)', () =>
		expectPublished(krippendorffAlpha(scale, 'ordinal'), 0.815, 3));
	it('interval 0.849 (Krippendorff 2011)', () => expectPublished(krippendorffAlpha(scale, 'interval'), 0.849, 3));
	it('ratio 0.797 (Krippendorff 2011; Python krippendorff test_ratio_metric)', () =>
		expectPublished(krippendorffAlpha(scale, 'ratio'), 0.797, 3));

	// Python krippendorff tests/test_krippendorff.py, 3 coders × 15 units, asserted to 6 decimals.
	it('nominal 0.691358 on the 3 × 15 table (Python krippendorff test_nominal_metric_reliability_data)', () =>
		expectPublished(krippendorffAlpha(scaleFor(wikipedia3x15), 'nominal'), 0.691358, 6));
	it('interval 0.810845 on the 3 × 15 table (Python krippendorff test_interval_metric)', () =>
		expectPublished(krippendorffAlpha(scaleFor(wikipedia3x15), 'interval'), 0.810845, 6));

	it('ordinal 0.815 on labels ordered by categories (Python krippendorff test_string_labels_ordinal_with_domain)', () => {
		const names = ['very low', 'low', 'mid', 'high', 'very high'];
		const labels = krippendorff2011.map((row) => row.map((v) => (v === null ? null : names[v - 1])));
		expectPublished(krippendorffAlpha(scaleFor(labels, names), 'ordinal'), 0.815, 3);
	});

	// irrCAC's README (github kgwet/irrCAC): krippen.alpha.raw(cac.raw4raters) 0.74342 and
	// krippen.alpha.dist(distrib.6raters) 0.4204384.
	it('nominal 0.74342 on cac.raw4raters (irrCAC krippen.alpha.raw)', () =>
		expectPublished(krippendorffAlpha(scaleFor(gwetRaw4raters), 'nominal'), 0.74342, 5));
	it('nominal 0.4204384 on distrib.6raters (irrCAC krippen.alpha.dist)', () =>
		expectPublished(
			krippendorffAlpha(scaleFor(fromCounts(distrib6ratersCounts, [1, 2, 3, 4, 5])), 'nominal'),
			0.4204384,
			7
		));

	it('moving a lone rating to another rater changes nothing: Gwet\u2019s copy of the table gives the same alpha', () => {
		expect(krippendorffAlpha(scaleFor(gwetRaw4raters), 'nominal')).toEqual(krippendorffAlpha(scale, 'nominal'));
	});
});

describe("Krippendorff's alpha when it is not defined", () => {
	it('with no variation at all it says so instead of NaN', () =>
		expectNotDefined(
			krippendorffAlpha(
				scaleFor([
					[2, 2, 2],
					[2, 2, 2]
				]),
				'ordinal'
			),
			/same value/
		));
	it('with no unit rated twice it says nothing can be paired', () =>
		expectNotDefined(
			krippendorffAlpha(
				scaleFor([
					[1, null],
					[null, 2]
				]),
				'nominal'
			),
			/paired/
		));
	it('interval and ratio need numbers; labels give a reason', () => {
		const scale = scaleFor([
			['a', 'b'],
			['a', 'a']
		]);
		expectNotDefined(krippendorffAlpha(scale, 'interval'), /numeric/);
		expectNotDefined(krippendorffAlpha(scale, 'ratio'), /numeric/);
		expect(krippendorffAlpha(scale, 'nominal').value).not.toBeNull();
	});
	it('ratio refuses negative values', () =>
		expectNotDefined(
			krippendorffAlpha(
				scaleFor([
					[-1, 2],
					[1, 2]
				]),
				'ratio'
			),
			/negative/
		));
	it('units with a single rating are dropped, not counted as agreement', () => {
		const withLoners = [
			[1, 2, 3, 4, null],
			[1, 3, 3, null, 4]
		];
		const without = [
			[1, 2, 3],
			[1, 3, 3]
		];
		expect(krippendorffAlpha(scaleFor(withLoners, [1, 2, 3, 4]), 'nominal')).toEqual(
			krippendorffAlpha(scaleFor(without, [1, 2, 3, 4]), 'nominal')
		);
	});
	it('ratio treats two zeros as agreeing (Python krippendorff test_ratio_metric_with_zeros gives 1)', () =>
		expect(
			krippendorffAlpha(
				scaleFor([
					[0, 1, 2],
					[0, 1, 2]
				]),
				'ratio'
			).value
		).toBe(1));
});
