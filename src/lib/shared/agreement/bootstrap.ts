import { alphaResampler } from './alphaResampler.js';
import { numericCategories, pairableUnits, type AlphaLevel } from './krippendorff.js';
import { mulberry32 } from './prng.js';
import type { Scale } from './scale.js';

export const DEFAULT_BOOTSTRAP_DRAWS = 1000;
export const DEFAULT_BOOTSTRAP_SEED = 20_111_209;
/** Below this many pairable units a resampled interval says more about the resampling than the data. */
export const MIN_BOOTSTRAP_UNITS = 2;

export interface BootstrapOptions {
	draws?: number;
	seed?: number;
	/** 0.95 gives the 2.5th and 97.5th percentiles. */
	level?: number;
}

export type AlphaInterval =
	| { low: number; high: number; level: number; draws: number; undefinedDraws: number; seed: number }
	| { low: null; high: null; reason: string };

/**
 * Percentile bootstrap interval for alpha, resampling pairable units with replacement. The
 * generator is seeded, so the same data, draws and seed always give the same interval. Draws in
 * which alpha is not defined (for example every resampled unit agrees perfectly on one value) are
 * counted and left out.
 */
export function bootstrapAlpha(scale: Scale, level: AlphaLevel, options: BootstrapOptions = {}): AlphaInterval {
	const draws = options.draws ?? DEFAULT_BOOTSTRAP_DRAWS;
	const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
	const confidence = options.level ?? 0.95;
	const units = pairableUnits(scale);
	if (units.length < MIN_BOOTSTRAP_UNITS)
		return {
			low: null,
			high: null,
			reason: 'fewer than two units have two or more ratings, so there is nothing to resample'
		};
	const alphaOf = alphaResampler(units, level, numericCategories(scale), scale.categories.length);
	if (typeof alphaOf === 'string') return { low: null, high: null, reason: alphaOf };
	const random = mulberry32(seed);
	const alphas: number[] = [];
	const picks = new Int32Array(units.length);
	for (let d = 0; d < draws; d++) {
		for (let i = 0; i < picks.length; i++) picks[i] = Math.floor(random() * units.length);
		const alpha = alphaOf(picks);
		if (alpha.value !== null) alphas.push(alpha.value);
	}
	if (alphas.length === 0)
		return { low: null, high: null, reason: 'alpha is not defined in any resample of these units' };
	alphas.sort((a, b) => a - b);
	const tail = (1 - confidence) / 2;
	return {
		low: quantile(alphas, tail),
		high: quantile(alphas, 1 - tail),
		level: confidence,
		draws,
		undefinedDraws: draws - alphas.length,
		seed
	};
}

/** Linear interpolation between order statistics (R's default, type 7) on sorted values. */
export function quantile(sorted: number[], p: number): number {
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(lo + 1, sorted.length - 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
