/**
 * People: the team's interviewers, kept by the organizer. Every interviewer link, calibration
 * rater link and scorecard belongs to one person, so a person's scores are followed across
 * interviews (issue 14, item 1). Shapes and request schemas shared by the server and the pages.
 */
import { z } from 'zod';

export const MAX_PERSON_NAME_CHARS = 80;

const personName = z
	.string()
	.trim()
	.min(1, 'is required')
	.max(MAX_PERSON_NAME_CHARS, `is longer than ${MAX_PERSON_NAME_CHARS} characters`);
const optionalText = (max: number) => z.string().trim().max(max, `is longer than ${max} characters`);

/** An id as the server issues it (base64url). */
export const PersonIdSchema = z
	.string()
	.min(1)
	.max(64)
	.regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');

export interface Person {
	id: string;
	name: string;
	/** Lowercased; unique among people when set. */
	email: string | null;
	/** Free text, e.g. "Staff ML engineer". */
	role: string | null;
	/** Free text, e.g. "L5". */
	level: string | null;
	createdAt: number;
}

export const CreatePersonSchema = z
	.object({
		name: personName,
		email: z
			.email('must be an email address')
			.max(200)
			.transform((e) => e.toLowerCase())
			.nullable()
			.optional(),
		role: optionalText(80).nullable().optional(),
		level: optionalText(40).nullable().optional()
	})
	.strict();
export type CreatePersonInput = z.input<typeof CreatePersonSchema>;
export type CreatePerson = z.output<typeof CreatePersonSchema>;

/** Only the fields sent change; `null` clears an optional one. */
export const UpdatePersonSchema = CreatePersonSchema.partial().strict();
export type UpdatePersonInput = z.input<typeof UpdatePersonSchema>;
export type UpdatePerson = z.output<typeof UpdatePersonSchema>;

/**
 * Who an interviewer or rater is when an interview or a session is created: a person picked by
 * id, or a typed name. A typed name that is exactly one person's name (case and spacing aside)
 * is that person; any other name becomes a new person.
 */
export const PersonRefSchema = z
	.object({ personId: PersonIdSchema.optional(), name: personName.optional() })
	.superRefine((ref, ctx) => {
		if (ref.personId === undefined && ref.name === undefined)
			ctx.addIssue({ code: 'custom', path: ['name'], message: 'is required (or give personId)' });
	});
export type PersonRef = z.output<typeof PersonRefSchema>;

export interface PeopleList {
	people: Person[];
}

/** PEOPLE-1: how a typed name is matched with a person's: trimmed, spaces collapsed, lowercased. */
export function personNameKey(name: string): string {
	return name.trim().replace(/\s+/g, ' ').toLowerCase();
}
