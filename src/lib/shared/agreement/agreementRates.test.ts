import { describe, expect, it } from 'vitest';
import { agreementRates } from './agreementRates.js';
import { gwetRaw4raters } from './publishedData.fixture.js';
import { expectNotDefined, expectPublished, scaleFor } from './testing.fixture.js';

describe('exact and within-one agreement', () => {
	// irrCAC's README (github kgwet/irrCAC): pa.coeff.raw(cac.raw4raters) 0.8181818, the per-unit
	// mean of agreeing pairs (also gwet.ac1.raw's pa; the Python port asserts 0.818).
	it('exact agreement is Gwet\u2019s pa, 0.8181818 on cac.raw4raters (irrCAC pa.coeff.raw)', () =>
		expectPublished(agreementRates(scaleFor(gwetRaw4raters)).exact, 0.8181818, 7));

	it('counts pairs one unit at a time, each unit weighing the same', () => {
		// Unit 1: 3 raters 1,1,2 -> pairs (1,1) exact, (1,2) x2 within one: exact 1/3, within 3/3.
		// Unit 2: 2 raters 1,3 -> one pair two steps apart: exact 0, within 0.
		// Unit 3: 1 rating, no pair, left out.
		const { exact, withinOne, pairs } = agreementRates(
			scaleFor(
				[
					[1, 1, 4],
					[1, 3, null],
					[2, null, null]
				],
				[1, 2, 3, 4]
			)
		);
		expect(exact.value).toBeCloseTo((1 / 3 + 0) / 2, 12);
		expect(withinOne.value).toBeCloseTo((1 + 0) / 2, 12);
		expect(pairs).toBe(4);
	});

	it('within one is measured in steps of the scale, not in values', () => {
		const { withinOne } = agreementRates(scaleFor([[10], [20]], [10, 20, 30]));
		expect(withinOne.value).toBe(1);
	});

	it('without a unit rated twice both rates are not defined', () => {
		const rates = agreementRates(
			scaleFor([
				[1, null],
				[null, 2]
			])
		);
		expectNotDefined(rates.exact, /no pair/);
		expectNotDefined(rates.withinOne, /no pair/);
	});
});
