/**
 * What the reveal derives from the levels it was given, with no statistics library: how many
 * chose each level (the distribution chart) and how far apart the choices lie (the spread).
 * The agreement statistics themselves come from the server, computed by src/lib/shared/agreement.
 */
import { LEVELS, NOT_ASSESSED } from '$lib/shared/rubric';

/** A rater's choice as the reveal receives it: a level, "not assessed", or nothing (no card). */
export type LevelGiven = number | typeof NOT_ASSESSED | null;

/** One bar per level of the scale, in order, including levels nobody chose. */
export function levelCounts(given: LevelGiven[]): { label: string; count: number }[] {
	return LEVELS.map((level) => ({ label: String(level), count: given.filter((g) => g === level).length }));
}

export type Spread =
	| { kind: 'none'; sentence: string }
	| { kind: 'same'; level: number; sentence: string }
	| { kind: 'range'; low: number; high: number; width: number; sentence: string };

/** The lowest and highest level given, in words; "not assessed" and missing cards are left out. */
export function spreadOf(given: LevelGiven[]): Spread {
	const levels = given.filter((g): g is number => typeof g === 'number');
	if (levels.length === 0) return { kind: 'none', sentence: 'No levels given, so there is no spread.' };
	const low = Math.min(...levels);
	const high = Math.max(...levels);
	if (low === high)
		return {
			kind: 'same',
			level: low,
			sentence:
				levels.length === 1
					? `Only one level given (${low}), so there is no spread.`
					: `Everyone who assessed it chose level ${low}.`
		};
	const width = high - low;
	return {
		kind: 'range',
		low,
		high,
		width,
		sentence: `From level ${low} to level ${high}: ${width} ${width === 1 ? 'level' : 'levels'} apart.`
	};
}

/** A share (0–1) as a whole percentage, for agreement rates. */
export function percent(share: number): string {
	return `${Math.round(share * 100)} %`;
}
