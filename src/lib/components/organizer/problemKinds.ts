import type { ProblemKind } from '$lib/shared/problemSchema';

/** Labels in the order the organizer lists the kinds. */
export const KIND_LABEL: Record<ProblemKind, string> = {
	coding: 'Coding',
	debugging: 'Debugging',
	'code-review': 'Code review',
	performance: 'Performance',
	'system-design': 'System design',
	behavioural: 'Behavioural'
};

export const TIME_BOX_CHOICES = [20, 30, 45, 60] as const;
