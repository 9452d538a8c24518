import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { PROBLEM_FILES, ProblemMetaSchema } from '../../src/lib/shared/problemSchema.js';
import type { ProblemCatalog } from '../domain/InterviewService.js';
import type { PrivateProblem, Problem } from '../domain/types.js';

export class ProblemFileError extends Error {
	constructor(
		readonly problemId: string,
		readonly file: string,
		detail: string
	) {
		super(`Problem "${problemId}", ${file}: ${detail}`);
		this.name = 'ProblemFileError';
	}
}

/** Everything a problem folder holds; only the catalog's `Problem` fields reach the room. */
export interface ProblemFiles extends Problem {
	hiddenTests: string;
	solution: string;
	interviewerNotes: string;
}

export function loadProblem(dir: string): ProblemFiles {
	const id = path.basename(dir);
	if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
		throw new ProblemFileError(id, '(folder)', 'the folder name must be lowercase letters, digits and dashes');
	}
	const read = (file: string): string => {
		const p = path.join(dir, file);
		if (!fs.existsSync(p)) throw new ProblemFileError(id, file, 'file is missing');
		return fs.readFileSync(p, 'utf8');
	};
	for (const f of PROBLEM_FILES) read(f);
	let raw: unknown;
	try {
		raw = YAML.parse(read('meta.yaml'));
	} catch (err) {
		throw new ProblemFileError(id, 'meta.yaml', `is not valid YAML (${(err as Error).message})`);
	}
	const meta = ProblemMetaSchema.safeParse(raw);
	if (!meta.success) {
		const issue = meta.error.issues[0];
		throw new ProblemFileError(id, 'meta.yaml', `${issue.path.join('.') || '(root)'}: ${issue.message}`);
	}
	return {
		id,
		title: meta.data.title,
		kind: meta.data.kind,
		statement: read('problem.md'),
		starter: read('starter.py'),
		timeBoxMinutes: meta.data.time_box_minutes,
		competencies: meta.data.competencies,
		tests: read('tests.py'),
		hiddenTests: read('hidden_tests.py'),
		solution: read('solution.py'),
		interviewerNotes: read('interviewer.md')
	};
}

export function loadProblems(root: string): ProblemFiles[] {
	if (!fs.existsSync(root)) throw new Error(`Problems folder not found: ${root}`);
	return fs
		.readdirSync(root, { withFileTypes: true })
		.filter((d) => d.isDirectory())
		.map((d) => loadProblem(path.join(root, d.name)))
		.sort((a, b) => a.id.localeCompare(b.id));
}

export class FileProblemCatalog implements ProblemCatalog {
	private readonly byId: Map<string, ProblemFiles>;

	constructor(problems: ProblemFiles[]) {
		this.byId = new Map(problems.map((p) => [p.id, p]));
	}

	static fromDir(root: string): FileProblemCatalog {
		return new FileProblemCatalog(loadProblems(root));
	}

	get(id: string): ProblemFiles | undefined {
		return this.byId.get(id);
	}

	getPrivate(id: string): PrivateProblem | undefined {
		const p = this.byId.get(id);
		return p && { id: p.id, solution: p.solution, hiddenTests: p.hiddenTests, interviewerNotes: p.interviewerNotes };
	}

	list(): ProblemFiles[] {
		return [...this.byId.values()];
	}
}
