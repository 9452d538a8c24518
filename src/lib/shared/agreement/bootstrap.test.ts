import { describe, expect, it } from 'vitest';
import { bootstrapAlpha, quantile } from './bootstrap.js';
import { krippendorffAlpha } from './krippendorff.js';
import { krippendorff2011 } from './publishedData.fixture.js';
import { scaleFor } from './testing.fixture.js';

describe('bootstrap interval for alpha', () => {
	const scale = scaleFor(krippendorff2011);

	it('is the same interval for the same data and seed', () => {
		const a = bootstrapAlpha(scale, 'ordinal', { draws: 500, seed: 7 });
		const b = bootstrapAlpha(scaleFor(krippendorff2011), 'ordinal', { draws: 500, seed: 7 });
		expect(a).toEqual(b);
	});

	it('a different seed draws different resamples', () => {
		const a = bootstrapAlpha(scale, 'interval', { draws: 200, seed: 1 });
		const b = bootstrapAlpha(scale, 'interval', { draws: 200, seed: 2 });
		expect(a).not.toEqual(b);
	});

	it('brackets the point estimate and stays within alpha\u2019s range', () => {
		const interval = bootstrapAlpha(scale, 'ordinal', { draws: 1000, seed: 3 });
		const point = krippendorffAlpha(scale, 'ordinal').value!;
		if (interval.low === null) throw new Error(interval.reason);
		expect(interval.low).toBeLessThan(point);
		expect(interval.high).toBeGreaterThanOrEqual(point);
		expect(interval.high).toBeLessThanOrEqual(1);
		expect(interval.draws).toBe(1000);
	});

	it('perfect agreement resamples to [1, 1]', () => {
		const interval = bootstrapAlpha(
			scaleFor([
				[1, 2, 3, 4],
				[1, 2, 3, 4]
			]),
			'ordinal',
			{ draws: 100, seed: 1 }
		);
		expect(interval).toMatchObject({ low: 1, high: 1 });
	});

	it('counts the resamples in which alpha is not defined and leaves them out', () => {
		// Two units, one all 1s and one all 2s: a resample of the same unit twice has no variation.
		const interval = bootstrapAlpha(
			scaleFor([
				[1, 2],
				[1, 2]
			]),
			'nominal',
			{ draws: 400, seed: 5 }
		);
		if (interval.low === null) throw new Error(interval.reason);
		expect(interval.undefinedDraws).toBeGreaterThan(0);
		expect(interval.undefinedDraws).toBeLessThan(400);
		expect([interval.low, interval.high]).toEqual([1, 1]);
	});

	it('with fewer than two pairable units there is nothing to resample', () => {
		const interval = bootstrapAlpha(
			scaleFor([
				[1, 3],
				[2, null]
			]),
			'ordinal'
		);
		expect(interval.low).toBeNull();
		if (interval.low === null) expect(interval.reason).toMatch(/nothing to resample/);
	});

	it('percentiles interpolate between order statistics (R type 7)', () => {
		expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
		expect(quantile([1, 2, 3, 4, 5], 0.025)).toBeCloseTo(1.1, 12);
		expect(quantile([7], 0.975)).toBe(7);
	});
});
