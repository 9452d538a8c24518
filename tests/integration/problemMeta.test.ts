/**
 * The bank's metadata: competency and seniority tags (checked against the shipped rubrics) and
 * behavioural question sets, which hold only interviewer material.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
	ProblemFileError,
	checkProblemCompetencies,
	loadProblems,
	type ProblemFiles
} from '../../server/storage/loadProblems.js';
import { loadRubrics } from '../../server/storage/loadRubrics.js';
import { BEHAVIOURAL_STARTER } from '../../src/lib/shared/problemSchema.js';
import {
	BANK_TABLE_END,
	BANK_TABLE_START,
	bankTable,
	normaliseTable,
	withBankTable
} from '../../server/catalog/bankTable.js';

const problems = loadProblems('problems');
const rubrics = loadRubrics('rubrics');
const rubricIds = new Set(rubrics.flatMap((r) => r.competencies.map((c) => c.id)));

const tmpRoots: string[] = [];
afterAll(() => {
	for (const r of tmpRoots) fs.rmSync(r, { recursive: true, force: true });
});

/** A temp problems root with one folder holding `files`. */
function root(id: string, files: Record<string, string>): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-meta-'));
	tmpRoots.push(dir);
	fs.mkdirSync(path.join(dir, id));
	for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, id, f), text);
	return dir;
}

function loadError(dir: string): ProblemFileError {
	try {
		loadProblems(dir);
	} catch (err) {
		expect(err).toBeInstanceOf(ProblemFileError);
		return err as ProblemFileError;
	}
	throw new Error(`loadProblems(${dir}) did not throw`);
}

const BEHAVIOURAL_META =
	'title: B\nkind: behavioural\ncompetencies: [ownership]\nseniority: [mid]\ntime_box_minutes: 45\n';

describe('competency and seniority tags', () => {
	it('every shipped problem is tagged with competencies some rubric scores, and with levels', () => {
		expect(() => checkProblemCompetencies(problems, rubricIds)).not.toThrow();
		for (const p of problems) expect(p.seniority.length, p.id).toBeGreaterThan(0);
	});

	it('a competency no rubric has names the problem, the file and the entry', () => {
		const [p] = problems;
		const typo: ProblemFiles = { ...p, competencies: [...p.competencies, 'problem_solvin'] };
		expect(() => checkProblemCompetencies([typo], rubricIds)).toThrow(
			new ProblemFileError(
				p.id,
				'meta.yaml',
				`competencies.${p.competencies.length}: "problem_solvin" is not a competency of any rubric`
			)
		);
	});

	it.each([
		[
			'a kebab-case tag',
			'competencies: [problem-solving]\nseniority: [mid]\n',
			/competencies\.0: must be a rubric competency id/
		],
		['no seniority', 'competencies: [testing]\n', /seniority/],
		['an unknown level', 'competencies: [testing]\nseniority: [principal]\n', /seniority\.0/],
		[
			'a repeated competency',
			'competencies: [testing, testing]\nseniority: [mid]\n',
			/competencies: lists a competency twice/
		]
	])('meta.yaml with %s is refused at load, naming the field', (_label, tags, detail) => {
		const meta = `title: X\nkind: behavioural\n${tags}time_box_minutes: 30\n`;
		const err = loadError(root('tagged', { 'meta.yaml': meta, 'interviewer.md': '# Q' }));
		expect(err.file).toBe('meta.yaml');
		expect(err.message).toMatch(detail);
	});

	it('the server refuses to start on a tag no rubric has', async () => {
		const { createPairboard } = await import('../../server/app.js');
		const { tempDataDir } = await import('../helpers/startServer.js');
		const dir = tempDataDir();
		fs.cpSync('problems/moving-average', path.join(dir, 'problems', 'moving-average'), { recursive: true });
		fs.cpSync('rubrics', path.join(dir, 'rubrics'), { recursive: true });
		const meta = path.join(dir, 'problems', 'moving-average', 'meta.yaml');
		fs.writeFileSync(meta, fs.readFileSync(meta, 'utf8').replace('  - testing', '  - testing_and_more'));
		await expect(
			createPairboard({
				config: { port: 0, host: '127.0.0.1', dataDir: path.join(dir, 'data'), problemsDir: path.join(dir, 'problems') }
			})
		).rejects.toThrow(
			'Problem "moving-average", meta.yaml: competencies.1: "testing_and_more" is not a competency of any rubric'
		);
	});
});

describe('behavioural question sets', () => {
	const sets = problems.filter((p) => p.kind === 'behavioural');

	it('the bank ships at least two, covering ownership/impact and collaboration', () => {
		expect(sets.length).toBeGreaterThanOrEqual(2);
		const tags = new Set(sets.flatMap((s) => s.competencies));
		for (const c of ['ownership', 'impact', 'collaboration']) expect(tags).toContain(c);
	});

	it.each(sets.map((s) => [s.id, s] as const))(
		'%s: questions for interviewers, nothing for the candidate',
		(_id, s) => {
			expect(s.statement).toBe('');
			expect(s.tests).toBe('');
			expect(s.solution).toBe('');
			expect(s.hiddenTests).toBe('');
			expect(s.scene).toBeNull();
			expect(s.starter).toBe(BEHAVIOURAL_STARTER);
			// STAR questions with follow-ups, and the rubric's levels for this set
			expect(s.interviewerNotes.match(/^## Q\d/gm)?.length ?? 0).toBeGreaterThanOrEqual(3);
			expect(s.interviewerNotes).toMatch(/Follow-ups:/);
			expect(s.interviewerNotes).toMatch(/What each rubric level looks like/);
		}
	);

	it('the behavioural rubric is the default for a behavioural round', () => {
		expect(rubrics.find((r) => r.defaultFor.includes('behavioural'))?.id).toBe('behavioural-star');
	});

	it('a folder with only interviewer.md and meta.yaml loads', () => {
		const [p] = loadProblems(root('qs', { 'meta.yaml': BEHAVIOURAL_META, 'interviewer.md': '# Questions' }));
		expect(p).toMatchObject({ id: 'qs', kind: 'behavioural', statement: '', interviewerNotes: '# Questions' });
	});

	it.each(['problem.md', 'starter.py', 'tests.py', 'hidden_tests.py', 'solution.py', 'scene.excalidraw'])(
		'a behavioural folder with a %s is refused, naming it',
		(file) => {
			const err = loadError(
				root('qs', { 'meta.yaml': BEHAVIOURAL_META, 'interviewer.md': '# Questions', [file]: 'x' })
			);
			expect(err.file).toBe(file);
			expect(err.message).toMatch(/holds only interviewer\.md and meta\.yaml/);
		}
	);

	it('a behavioural folder without interviewer.md is refused', () => {
		expect(loadError(root('qs', { 'meta.yaml': BEHAVIOURAL_META })).file).toBe('interviewer.md');
	});
});

describe("README's bank table", () => {
	const names = new Map(rubrics.flatMap((r) => r.competencies.map((c) => [c.id, c.name] as const)).reverse());
	const readme = fs.readFileSync('README.md', 'utf8');
	const between = (text: string) => text.slice(text.indexOf(BANK_TABLE_START), text.indexOf(BANK_TABLE_END));

	it('lists every problem with its kind, competencies and time box, as generated from meta.yaml (npm run bank:table)', () => {
		const table = bankTable(problems, names);
		expect(normaliseTable(between(readme))).toBe(normaliseTable(table));
		for (const p of problems) expect(between(readme)).toContain(`\`${p.id}\``);
	});

	it('the comparison notices a changed time box', () => {
		const changed = problems.map((p, i) => (i === 0 ? { ...p, timeBoxMinutes: p.timeBoxMinutes + 5 } : p));
		const stale = withBankTable(readme, bankTable(changed, names));
		expect(normaliseTable(between(stale))).not.toBe(normaliseTable(between(readme)));
	});
});
