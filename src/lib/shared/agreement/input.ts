import { z } from 'zod';

/** Bounds that keep one request cheap: the coincidence matrix is categories², the bootstrap repeats it. */
export const MAX_RATERS = 200;
export const MAX_UNITS = 5_000;
export const MAX_RATINGS = 50_000;
export const MAX_CATEGORIES = 200;

const ratingValue = z.union([z.number(), z.string().min(1).max(200)], {
	error: 'must be a number, a label (a non-empty string) or null'
});
export type RatingValue = z.infer<typeof ratingValue>;

export const agreementInputSchema = z
	.strictObject(
		{
			/** raters × units; null is a missing rating ("not assessed"). */
			ratings: z.array(z.array(ratingValue.nullable(), { error: 'must be a row: an array with one entry per unit' }), {
				error: 'must be an array of rows, one per rater'
			}),
			/** The ordered scale; default: the values observed, sorted. */
			categories: z.array(ratingValue, { error: "must be an array of the scale's values, in order" }).optional()
		},
		{
			error: (issue) =>
				issue.code === 'invalid_type'
					? 'must be one JSON object: {"ratings": [[...], ...], "categories"?: [...]}'
					: undefined
		}
	)
	.superRefine((input, ctx) => {
		const problem = findShapeProblem(input.ratings, input.categories);
		if (problem) ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
	});

export type AgreementInput = z.infer<typeof agreementInputSchema>;

export class AgreementInputError extends Error {}

/** The one gate every outside input passes: returns typed input or throws a one-line reason. */
export function parseAgreementInput(raw: unknown): AgreementInput {
	const parsed = agreementInputSchema.safeParse(raw, { reportInput: true });
	if (!parsed.success) throw new AgreementInputError(describeIssue(parsed.error.issues[0]));
	return parsed.data;
}

/** `ratings[1][3] must be a number, ...`: the path as one would index the JSON, then the reason. */
function describeIssue(issue: z.core.$ZodIssue): string {
	const path = issue.path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`));
	const field = path.join('') || 'the input';
	if (issue.code === 'unrecognized_keys')
		return `unknown field ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}: only "ratings" and "categories" are read`;
	const missing = issue.code === 'invalid_type' && issue.input === undefined;
	return `${field} ${missing ? 'is missing' : issue.message}`;
}

type Problem = { path: (string | number)[]; message: string };

function findShapeProblem(ratings: (RatingValue | null)[][], categories?: RatingValue[]): Problem | null {
	if (ratings.length === 0) return { path: ['ratings'], message: 'is empty: give one row per rater' };
	if (ratings.length > MAX_RATERS) return { path: ['ratings'], message: `has more than ${MAX_RATERS} raters` };
	const units = ratings[0].length;
	if (units === 0) return { path: ['ratings', 0], message: 'is empty: each row needs one entry per unit' };
	if (units > MAX_UNITS) return { path: ['ratings', 0], message: `has more than ${MAX_UNITS} units` };
	if (units * ratings.length > MAX_RATINGS)
		return { path: ['ratings'], message: `holds more than ${MAX_RATINGS} cells` };
	for (let r = 1; r < ratings.length; r++) {
		if (ratings[r].length !== units)
			return {
				path: ['ratings', r],
				message: `has ${ratings[r].length} units but ratings[0] has ${units}: every row needs one entry per unit`
			};
	}
	return categories ? checkAgainstCategories(ratings, categories) : checkObserved(ratings);
}

function checkAgainstCategories(ratings: (RatingValue | null)[][], categories: RatingValue[]): Problem | null {
	if (categories.length === 0) return { path: ['categories'], message: 'is empty: leave it out or list the scale' };
	if (categories.length > MAX_CATEGORIES)
		return { path: ['categories'], message: `has more than ${MAX_CATEGORIES} values` };
	const known = new Set<RatingValue>(categories);
	if (known.size !== categories.length) return { path: ['categories'], message: 'lists a value twice' };
	for (let r = 0; r < ratings.length; r++)
		for (let u = 0; u < ratings[r].length; u++) {
			const v = ratings[r][u];
			if (v !== null && !known.has(v))
				return { path: ['ratings', r, u], message: `is ${JSON.stringify(v)}, which is not one of the categories` };
		}
	return null;
}

function checkObserved(ratings: (RatingValue | null)[][]): Problem | null {
	const kinds = new Set<string>();
	const values = new Set<RatingValue>();
	for (const row of ratings)
		for (const v of row)
			if (v !== null) {
				kinds.add(typeof v);
				values.add(v);
			}
	if (kinds.size > 1)
		return { path: ['ratings'], message: 'mixes numbers and labels: give "categories" to say how they are ordered' };
	if (values.size > MAX_CATEGORIES)
		return { path: ['ratings'], message: `holds more than ${MAX_CATEGORIES} distinct values` };
	return null;
}
