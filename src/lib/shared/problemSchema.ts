/** The schema of a problem's `meta.yaml` (see problems/README.md). */
import { z } from 'zod';

export const PROBLEM_KINDS = ['coding', 'debugging', 'code-review', 'performance', 'system-design'] as const;

export const ProblemMetaSchema = z
	.object({
		title: z.string().min(1).max(120),
		kind: z.enum(PROBLEM_KINDS),
		competencies: z.array(z.string().min(1)).min(1),
		time_box_minutes: z.number().int().min(5).max(240),
		difficulty: z.enum(['easy', 'medium', 'hard']).optional()
	})
	.strict();

export type ProblemMeta = z.infer<typeof ProblemMetaSchema>;

/** Files every problem folder must have. */
export const PROBLEM_FILES = [
	'problem.md',
	'starter.py',
	'tests.py',
	'hidden_tests.py',
	'solution.py',
	'interviewer.md',
	'meta.yaml'
] as const;
