/** HTTP API request schemas, shared by the server adapter and the organizer's form. */
import { z } from 'zod';
import { PersonRefSchema } from './calibration/people.js';

const name = z.string().trim().min(1, 'is required').max(80, 'is longer than 80 characters');

export const CreateInterviewSchema = z.object({
	title: z.string().trim().min(1, 'is required').max(200, 'is longer than 200 characters'),
	candidate: z.object({ name }),
	problems: z.array(z.string().min(1).max(64)).min(1, 'needs at least one problem').max(20),
	rubric: z.string().min(1).max(64).optional(),
	/** Each a person picked by id, or a typed name (which is, or becomes, a person). */
	interviewers: z.array(PersonRefSchema).min(1, 'needs at least one interviewer').max(10),
	mode: z.enum(['live', 'take-home']).default('live'),
	/** Take-home only; defaults to the sum of the problems' time boxes. */
	timeBoxMinutes: z
		.number()
		.int()
		.min(5, 'must be at least 5')
		.max(24 * 60, 'must be at most a day')
		.optional(),
	observers: z.array(z.object({ name })).max(10).optional()
});
export type CreateInterviewInput = z.input<typeof CreateInterviewSchema>;

export interface CreateInterviewReply {
	id: string;
	links: {
		candidate: string;
		/** `personId`: the person the link belongs to (PEOPLE-1). */
		interviewers: { name: string; url: string; personId: string | null }[];
		observers: { name: string; url: string }[];
	};
}

export interface ProblemSummary {
	id: string;
	title: string;
	kind: string;
	timeBoxMinutes: number;
	/** Python packages the problem declares, and those among them this server cannot serve. */
	packages: string[];
	missingPackages: string[];
}

/** Turns a zod error into one sentence naming the field: `candidate.name is required`. */
export function describeZodError(error: z.ZodError): { field: string; message: string } {
	const issue = error.issues[0];
	const field = issue.path
		.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
		.join('');
	// zod 4 leaves the input out of its issues: a missing field is told by its message.
	const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
	const message = missing
		? 'is missing'
		: issue.code === 'invalid_type'
			? `must be ${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`
			: issue.message;
	return { field: field || '(body)', message: `${field || 'body'} ${message}` };
}
