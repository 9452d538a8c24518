/** The schema of a problem's `meta.yaml` (see problems/README.md). */
import { z } from 'zod';
import { CanvasElementSchema } from './canvas/canvasRules.js';

export const PROBLEM_KINDS = [
	'coding',
	'debugging',
	'code-review',
	'performance',
	'system-design',
	'behavioural'
] as const;
export type ProblemKind = (typeof PROBLEM_KINDS)[number];

/** The levels a problem is written for; the organizer filters on them. */
export const SENIORITY_LEVELS = ['junior', 'mid', 'senior', 'staff'] as const;
export type Seniority = (typeof SENIORITY_LEVELS)[number];

/** A rubric competency id (rubrics/README.md): the loader also checks that some rubric has it. */
const CompetencyIdSchema = z
	.string()
	.regex(/^[a-z0-9_]+$/, 'must be a rubric competency id (lowercase letters, digits and _)');

export const ProblemMetaSchema = z
	.object({
		title: z.string().min(1).max(120),
		kind: z.enum(PROBLEM_KINDS),
		/** Rubric competencies the problem gives evidence for. */
		competencies: z
			.array(CompetencyIdSchema)
			.min(1)
			.refine((ids) => new Set(ids).size === ids.length, 'lists a competency twice'),
		seniority: z
			.array(z.enum(SENIORITY_LEVELS))
			.min(1)
			.refine((s) => new Set(s).size === s.length, 'lists a level twice'),
		/** Free-form keywords (edge-cases, numerical-stability): shown, never validated against rubrics. */
		topics: z.array(z.string().min(1).max(40)).max(12).optional(),
		time_box_minutes: z.number().int().min(5).max(240),
		difficulty: z.enum(['easy', 'medium', 'hard']).optional(),
		/** Pyodide packages the room loads before running (`npm run python:packages` installs them). */
		packages: z
			.array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a package name such as numpy'))
			.max(30)
			.optional()
	})
	.strict();

export type ProblemMeta = z.infer<typeof ProblemMetaSchema>;

/** Files every problem folder must have, behavioural question sets included. */
export const PROBLEM_FILES = ['interviewer.md', 'meta.yaml'] as const;

/** The candidate's statement: every kind but a behavioural question set has one. */
export const STATEMENT_FILE = 'problem.md';

/** Files a problem with code must have; a system-design problem may leave them out. */
export const CODE_PROBLEM_FILES = ['starter.py', 'tests.py', 'hidden_tests.py', 'solution.py'] as const;

/** A system-design problem's optional starting scene, as Excalidraw saves it. */
export const SCENE_FILE = 'scene.excalidraw';

/** What the editor holds for a system-design problem without a starter. */
export const DESIGN_STARTER = '# Notes, estimates and interfaces for the design go here.\n';

/** What the editor holds in a behavioural round: a notes pad everyone in the room shares. */
export const BEHAVIOURAL_STARTER = '# Shared notes: anyone in the room can write here.\n';

export const SceneFileSchema = z
	.object({
		type: z.literal('excalidraw'),
		elements: z.array(CanvasElementSchema).max(500)
	})
	.passthrough();
