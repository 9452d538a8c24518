/** The reveal's small figures in words: a competency's spread and an agreement share. */
import type { Figure } from '$lib/shared/agreement/index';
import type { LevelChoice } from '$lib/shared/scorecard';

/** A rater's choice as the reveal receives it: a level, "not assessed", or nothing (no card). */
export type LevelGiven = LevelChoice | null;

/** The spread of one interview's levels (the server's: highest minus lowest assessed level), in words. */
export function describeSpread(s: { low: number | null; high: number | null; spread: Figure }): string {
	if (s.spread.value === null || s.low === null || s.high === null)
		return `Not defined: ${s.spread.reason ?? 'no levels given'}.`;
	if (s.spread.value === 0) return `Everyone who assessed it chose level ${s.low}.`;
	const width = s.spread.value;
	return `From level ${s.low} to level ${s.high}: ${width} ${width === 1 ? 'level' : 'levels'} apart.`;
}

/** A share (0–1) as a whole percentage, for agreement rates. */
export function percent(share: number): string {
	return `${Math.round(share * 100)} %`;
}
