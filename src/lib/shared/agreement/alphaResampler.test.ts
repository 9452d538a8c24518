import { describe, expect, it } from 'vitest';
import { alphaResampler } from './alphaResampler.js';
import { ALPHA_LEVELS, krippendorffAlpha, numericCategories, pairableUnits } from './krippendorff.js';
import { mulberry32 } from './prng.js';
import { krippendorff2011 } from './publishedData.fixture.js';
import { scaleFor } from './testing.fixture.js';

describe('the bootstrap\u2019s per-unit sums give the same alpha as the coincidence matrix', () => {
	it('on Krippendorff (2011) at every level', () => {
		const scale = scaleFor(krippendorff2011);
		const units = pairableUnits(scale);
		for (const level of ALPHA_LEVELS) {
			const alphaOf = alphaResampler(units, level, numericCategories(scale), scale.categories.length);
			if (typeof alphaOf === 'string') throw new Error(alphaOf);
			expect(alphaOf(units.map((_, i) => i)).value).toBeCloseTo(krippendorffAlpha(scale, level).value!, 12);
		}
	});

	it('on 200 random tables with missing ratings, zeros and repeated units', () => {
		const random = mulberry32(2011);
		for (let t = 0; t < 200; t++) {
			const raters = 2 + Math.floor(random() * 5);
			const units = 2 + Math.floor(random() * 12);
			const table = Array.from({ length: raters }, () =>
				Array.from({ length: units }, () => (random() < 0.3 ? null : Math.floor(random() * 6)))
			);
			const scale = scaleFor(table);
			const pairable = pairableUnits(scale);
			if (pairable.length === 0) continue;
			// A draw that repeats units is a table with those units copied; compare against that table.
			const picks = pairable.map(() => Math.floor(random() * pairable.length));
			const unitIndex = [...Array(units).keys()].filter((u) => table.filter((row) => row[u] !== null).length >= 2);
			const copied = scaleFor(
				table.map((row) => picks.map((p) => row[unitIndex[p]])),
				scale.categories
			);
			for (const level of ALPHA_LEVELS) {
				const alphaOf = alphaResampler(pairable, level, numericCategories(scale), scale.categories.length);
				if (typeof alphaOf === 'string') throw new Error(alphaOf);
				const fast = alphaOf(picks);
				const slow = krippendorffAlpha(copied, level);
				if (slow.value === null) expect(fast.value).toBeNull();
				else expect(fast.value).toBeCloseTo(slow.value, 10);
			}
		}
	});
});
