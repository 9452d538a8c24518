import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { RubricFileSchema, toRubric, type Rubric } from '../../src/lib/shared/rubric.js';
import type { RubricCatalog } from '../domain/ScorecardService.js';

export class RubricFileError extends Error {
	constructor(
		readonly file: string,
		readonly field: string,
		detail: string
	) {
		super(`Rubric ${file}: ${field}: ${detail}`);
		this.name = 'RubricFileError';
	}
}

/** Reads and validates one `rubrics/<id>.yaml`; a bad file names the file and the field. */
export function loadRubric(file: string): Rubric {
	const base = path.basename(file);
	const id = base.replace(/\.ya?ml$/, '');
	if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
		throw new RubricFileError(base, '(file name)', 'must be lowercase letters, digits and dashes, ending in .yaml');
	}
	let raw: unknown;
	try {
		raw = YAML.parse(fs.readFileSync(file, 'utf8'));
	} catch (err) {
		throw new RubricFileError(base, '(file)', `is not valid YAML (${(err as Error).message})`);
	}
	const parsed = RubricFileSchema.safeParse(raw);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const field = issue.path.map(String).join('.') || '(root)';
		const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is missing' : issue.message;
		throw new RubricFileError(base, field, message);
	}
	return toRubric(id, parsed.data);
}

export function loadRubrics(root: string): Rubric[] {
	if (!fs.existsSync(root)) throw new Error(`Rubrics folder not found: ${root}`);
	return fs
		.readdirSync(root)
		.filter((f) => /\.ya?ml$/.test(f))
		.map((f) => loadRubric(path.join(root, f)))
		.sort((a, b) => a.id.localeCompare(b.id));
}

export class FileRubricCatalog implements RubricCatalog {
	private readonly byId: Map<string, Rubric>;

	constructor(rubrics: Rubric[]) {
		this.byId = new Map(rubrics.map((r) => [r.id, r]));
	}

	static fromDir(root: string): FileRubricCatalog {
		return new FileRubricCatalog(loadRubrics(root));
	}

	get(id: string): Rubric | undefined {
		return this.byId.get(id);
	}

	list(): Rubric[] {
		return [...this.byId.values()];
	}

	/** The rubric proposed for a problem kind (`default_for`), if any. */
	defaultFor(kind: string): Rubric | undefined {
		return this.list().find((r) => r.defaultFor.includes(kind));
	}
}
