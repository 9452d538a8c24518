import type { Figure } from '$lib/shared/agreement/index';
import { formatFigure } from './format';

/** How alpha moved from one round to the next, in words (never NaN: an undefined end is named). */
export function describeMovement(before: Figure, after: Figure): string {
	if (before.value === null && after.value === null) return 'Not defined in either round.';
	if (before.value === null) return `Not defined before; now ${formatFigure(after.value as number)}.`;
	if (after.value === null) return `Was ${formatFigure(before.value)}; not defined now.`;
	const change = after.value - before.value;
	const size = formatFigure(Math.abs(change));
	if (size === '0.000') return `Unchanged at ${formatFigure(after.value)}.`;
	return `${change > 0 ? 'Up' : 'Down'} ${size}, from ${formatFigure(before.value)} to ${formatFigure(after.value)}${
		change > 0 ? ': the raters agree more' : ': the raters agree less'
	}.`;
}
