import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import {
	BEHAVIOURAL_STARTER,
	CODE_PROBLEM_FILES,
	DESIGN_STARTER,
	PROBLEM_FILES,
	ProblemMetaSchema,
	SCENE_FILE,
	STATEMENT_FILE,
	SceneFileSchema,
	type ProblemKind,
	type ProblemMeta
} from '../../src/lib/shared/problemSchema.js';
import type { CanvasElement } from '../../src/lib/shared/canvas/canvasDoc.js';
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
	kind: ProblemKind;
	hiddenTests: string;
	solution: string;
	interviewerNotes: string;
	seniority: ProblemMeta['seniority'];
	topics: string[];
	difficulty: NonNullable<ProblemMeta['difficulty']> | null;
}

export function loadProblem(dir: string): ProblemFiles {
	const id = path.basename(dir);
	if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) {
		throw new ProblemFileError(id, '(folder)', 'the folder name must be lowercase letters, digits and dashes');
	}
	const has = (file: string) => fs.existsSync(path.join(dir, file));
	const read = (file: string): string => {
		if (!has(file)) throw new ProblemFileError(id, file, 'file is missing');
		return fs.readFileSync(path.join(dir, file), 'utf8');
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
	const design = meta.data.kind === 'system-design';
	// A behavioural question set is for interviewers only: nothing in it may be meant for the
	// candidate, so a statement, code or a scene in its folder is a mistake, not an extra.
	const behavioural = meta.data.kind === 'behavioural';
	if (behavioural) {
		for (const f of [STATEMENT_FILE, ...CODE_PROBLEM_FILES, SCENE_FILE]) {
			if (has(f))
				throw new ProblemFileError(id, f, 'a behavioural question set holds only interviewer.md and meta.yaml');
		}
	}
	if (!design && !behavioural) for (const f of CODE_PROBLEM_FILES) read(f);
	if (!design && has(SCENE_FILE)) {
		throw new ProblemFileError(id, SCENE_FILE, 'only system-design problems have a starting scene');
	}
	// A design problem's code files are optional: the editor is for notes and sketches of code.
	const optional = (file: string, fallback = '') => (has(file) ? read(file) : fallback);
	return {
		id,
		title: meta.data.title,
		kind: meta.data.kind,
		statement: behavioural ? '' : read(STATEMENT_FILE),
		starter: optional('starter.py', behavioural ? BEHAVIOURAL_STARTER : DESIGN_STARTER),
		timeBoxMinutes: meta.data.time_box_minutes,
		competencies: meta.data.competencies,
		seniority: meta.data.seniority,
		topics: meta.data.topics ?? [],
		difficulty: meta.data.difficulty ?? null,
		packages: meta.data.packages ?? [],
		tests: optional('tests.py'),
		hiddenTests: optional('hidden_tests.py'),
		solution: optional('solution.py'),
		interviewerNotes: read('interviewer.md'),
		scene: has(SCENE_FILE) ? loadScene(id, read(SCENE_FILE)) : null
	};
}

function loadScene(id: string, text: string): CanvasElement[] {
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (err) {
		throw new ProblemFileError(id, SCENE_FILE, `is not valid JSON (${(err as Error).message})`);
	}
	const scene = SceneFileSchema.safeParse(raw);
	if (!scene.success) {
		const issue = scene.error.issues[0];
		throw new ProblemFileError(id, SCENE_FILE, `${issue.path.join('.') || '(root)'}: ${issue.message}`);
	}
	const ids = new Set<string>();
	for (const e of scene.data.elements) {
		if (ids.has(e.id)) throw new ProblemFileError(id, SCENE_FILE, `element id "${e.id}" appears twice`);
		ids.add(e.id);
	}
	return scene.data.elements as CanvasElement[];
}

/**
 * Every competency a problem is tagged with must be one some rubric scores, so the organizer's
 * coverage of a rubric means something; a typo names the problem, the file and the field.
 */
export function checkProblemCompetencies(problems: readonly ProblemFiles[], knownIds: ReadonlySet<string>): void {
	for (const p of problems) {
		p.competencies.forEach((c, i) => {
			if (!knownIds.has(c)) {
				throw new ProblemFileError(p.id, 'meta.yaml', `competencies.${i}: "${c}" is not a competency of any rubric`);
			}
		});
	}
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
