/** The schema of a problem's `meta.yaml` (see problems/README.md). */
import { z } from 'zod';
import { CanvasElementSchema } from './canvas/canvasRules.js';

export const PROBLEM_KINDS = ['coding', 'debugging', 'code-review', 'performance', 'system-design'] as const;

export const ProblemMetaSchema = z
	.object({
		title: z.string().min(1).max(120),
		kind: z.enum(PROBLEM_KINDS),
		competencies: z.array(z.string().min(1)).min(1),
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

/** Files every problem folder must have. */
export const PROBLEM_FILES = ['problem.md', 'interviewer.md', 'meta.yaml'] as const;

/** Files a problem with code must have; a system-design problem may leave them out. */
export const CODE_PROBLEM_FILES = ['starter.py', 'tests.py', 'hidden_tests.py', 'solution.py'] as const;

/** A system-design problem's optional starting scene, as Excalidraw saves it. */
export const SCENE_FILE = 'scene.excalidraw';

/** What the editor holds for a system-design problem without a starter. */
export const DESIGN_STARTER = '# Notes, estimates and interfaces for the design go here.\n';

export const SceneFileSchema = z
	.object({
		type: z.literal('excalidraw'),
		elements: z.array(CanvasElementSchema).max(500)
	})
	.passthrough();
