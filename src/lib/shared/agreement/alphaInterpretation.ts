import type { Figure } from './figure.js';

/**
 * Krippendorff's (2004, Content Analysis, 2nd ed., p. 241) rule of thumb: rely on variables with
 * alpha >= .800, draw tentative conclusions from .667 <= alpha < .800, and none below.
 */
export const ALPHA_RELIABLE = 0.8;
export const ALPHA_TENTATIVE = 0.667;

export type AlphaVerdict =
	{ kind: 'reliable' | 'tentative' | 'unreliable'; sentence: string } | { kind: 'not-defined'; sentence: string };

export function interpretAlpha(alpha: Figure): AlphaVerdict {
	if (alpha.value === null) return { kind: 'not-defined', sentence: `Not defined because ${alpha.reason}.` };
	if (alpha.value >= ALPHA_RELIABLE)
		return { kind: 'reliable', sentence: 'Reliable: at or above 0.800, the level Krippendorff asks for.' };
	if (alpha.value >= ALPHA_TENTATIVE)
		return {
			kind: 'tentative',
			sentence: 'Tentative: between 0.667 and 0.800, good enough only for tentative conclusions (Krippendorff).'
		};
	return { kind: 'unreliable', sentence: 'Not reliable: below 0.667, the lowest level Krippendorff accepts.' };
}
