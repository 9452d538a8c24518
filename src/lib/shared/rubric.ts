/**
 * Rubrics (`rubrics/<id>.yaml`, format in rubrics/README.md) and the scales every scorecard
 * uses. Pure: shared by the server (validation at start-up) and the interviewer's panel.
 */
import { z } from 'zod';
import { PROBLEM_KINDS } from './problemSchema.js';

/** Level 1 is the lowest. Levels 1 and 4 are the "extremes" that need evidence (SCORE-3). */
export const LEVELS = [1, 2, 3, 4] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_LABELS: Record<Level, string> = {
	1: 'Well below the bar',
	2: 'Below the bar',
	3: 'At the bar',
	4: 'Above the bar'
};
/** A competency the interview did not cover: counts as missing, never as a middle score (SCORE-6). */
export const NOT_ASSESSED = 'not-assessed';

export const RECOMMENDATIONS = ['strong-no-hire', 'no-hire', 'hire', 'strong-hire'] as const;
export type Recommendation = (typeof RECOMMENDATIONS)[number];
export const RECOMMENDATION_LABELS: Record<Recommendation, string> = {
	'strong-no-hire': 'Strong no hire',
	'no-hire': 'No hire',
	hire: 'Hire',
	'strong-hire': 'Strong hire'
};
/** Which side of the hire line a recommendation sits on. */
export function isHire(r: Recommendation): boolean {
	return r === 'hire' || r === 'strong-hire';
}

export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** A level described by behaviour an interviewer can observe; a bare adjective is too short to pass. */
const behaviour = z
	.string()
	.trim()
	.min(30, 'must describe observable behaviour (at least 30 characters), not an adjective')
	.max(600, 'is longer than 600 characters');

export const RubricCompetencySchema = z
	.object({
		id: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'must be lowercase letters, digits and _'),
		name: z.string().trim().min(1, 'is required').max(80),
		description: z.string().trim().max(500).optional(),
		weight: z.number().positive('must be more than 0').max(100, 'must be at most 100'),
		levels: z.array(behaviour).length(4, 'must list exactly four levels, lowest first')
	})
	.strict();

export const RubricFileSchema = z
	.object({
		title: z.string().trim().min(1, 'is required').max(120),
		description: z.string().trim().max(1000).optional(),
		/** Problem kinds for which the organizer page proposes this rubric. */
		default_for: z.array(z.enum(PROBLEM_KINDS)).default([]),
		competencies: z.array(RubricCompetencySchema).min(1, 'needs at least one competency').max(12)
	})
	.strict()
	.superRefine((r, ctx) => {
		const seen = new Set<string>();
		r.competencies.forEach((c, i) => {
			if (seen.has(c.id))
				ctx.addIssue({ code: 'custom', path: ['competencies', i, 'id'], message: `"${c.id}" is repeated` });
			seen.add(c.id);
		});
	});

export interface RubricCompetency {
	id: string;
	name: string;
	description?: string;
	weight: number;
	/** Four behaviour descriptions, level 1 first. */
	levels: [string, string, string, string];
}

export interface Rubric {
	id: string;
	title: string;
	description?: string;
	defaultFor: string[];
	competencies: RubricCompetency[];
}

export interface RubricSummary {
	id: string;
	title: string;
	defaultFor: string[];
	competencies: { id: string; name: string }[];
}

export function toRubric(id: string, file: z.infer<typeof RubricFileSchema>): Rubric {
	return {
		id,
		title: file.title,
		description: file.description,
		defaultFor: file.default_for,
		competencies: file.competencies.map((c) => ({ ...c, levels: c.levels as RubricCompetency['levels'] }))
	};
}
