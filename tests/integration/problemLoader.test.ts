/** loadProblems on altered copies of a problem folder: each fault names the problem and the file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadProblems, ProblemFileError } from '../../server/storage/loadProblems.js';
import { PROBLEMS_DIR, SAMPLE_IDS } from '../helpers/problemBank.js';

describe('invalid problem folders', () => {
	const tmpRoots: string[] = [];
	afterAll(() => {
		for (const r of tmpRoots) fs.rmSync(r, { recursive: true, force: true });
	});

	/** A temp problems root holding one copy of a sample problem, altered by `mutate`. */
	function brokenRoot(id: string, mutate: (dir: string) => void): string {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-problems-'));
		tmpRoots.push(root);
		const dir = path.join(root, id);
		fs.cpSync(path.join(PROBLEMS_DIR, SAMPLE_IDS[0]), dir, { recursive: true });
		mutate(dir);
		return root;
	}

	function loadError(root: string): ProblemFileError {
		try {
			loadProblems(root);
		} catch (err) {
			expect(err).toBeInstanceOf(ProblemFileError);
			return err as ProblemFileError;
		}
		throw new Error(`loadProblems(${root}) did not throw`);
	}

	it('an unaltered copy loads (so the failures below come from the alteration)', () => {
		const root = brokenRoot('intact-copy', () => {});
		expect(loadProblems(root).map((p) => p.id)).toEqual(['intact-copy']);
	});

	it('declared packages load from meta.yaml (and a problem without any declares none)', () => {
		const root = brokenRoot('with-packages', (dir) =>
			fs.appendFileSync(path.join(dir, 'meta.yaml'), '\npackages: [numpy, pandas]\n')
		);
		expect(loadProblems(root)[0].packages).toEqual(['numpy', 'pandas']);
		expect(loadProblems(brokenRoot('without-packages', () => {}))[0].packages).toEqual([]);
	});

	it.each(['problem.md', 'starter.py', 'tests.py', 'hidden_tests.py', 'solution.py', 'interviewer.md', 'meta.yaml'])(
		'a missing %s names the problem and the file',
		(file) => {
			const id = `missing-${file.replace(/[._]/g, '-')}`;
			const err = loadError(brokenRoot(id, (dir) => fs.rmSync(path.join(dir, file))));
			expect(err.problemId).toBe(id);
			expect(err.file).toBe(file);
			expect(err.message).toContain(`"${id}"`);
			expect(err.message).toContain(file);
		}
	);

	it.each([
		['an unknown kind', 'title: X\nkind: quiz\ncompetencies: [a]\nseniority: [mid]\ntime_box_minutes: 20\n', /kind/],
		['a missing title', 'kind: coding\ncompetencies: [a]\nseniority: [mid]\ntime_box_minutes: 20\n', /title/],
		[
			'an out-of-range time box',
			'title: X\nkind: coding\ncompetencies: [a]\nseniority: [mid]\ntime_box_minutes: 1\n',
			/time_box_minutes/
		],
		[
			'an unknown key',
			'title: X\nkind: coding\ncompetencies: [a]\nseniority: [mid]\ntime_box_minutes: 20\nextra: 1\n',
			/extra|unrecognized/i
		],
		['malformed YAML', 'title: [unclosed\nkind: coding\n', /YAML/],
		[
			'packages that are not a list of names',
			'title: X\nkind: coding\ncompetencies: [a]\nseniority: [mid]\ntime_box_minutes: 20\npackages: numpy\n',
			/packages/
		],
		[
			'a package name with a path in it',
			'title: X\nkind: coding\ncompetencies: [a]\nseniority: [mid]\ntime_box_minutes: 20\npackages: [../numpy]\n',
			/packages\.0: must be a package name/
		]
	])('invalid meta.yaml (%s) names the problem and meta.yaml', (_label, meta, detail) => {
		const id = 'bad-meta';
		const err = loadError(brokenRoot(id, (dir) => fs.writeFileSync(path.join(dir, 'meta.yaml'), meta)));
		expect(err.problemId).toBe(id);
		expect(err.file).toBe('meta.yaml');
		expect(err.message).toContain(`"${id}"`);
		expect(err.message).toContain('meta.yaml');
		expect(err.message).toMatch(detail);
	});

	/** A design problem folder: statement, notes and metadata only, plus what `files` adds. */
	function designRoot(id: string, files: Record<string, string>): string {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-problems-'));
		tmpRoots.push(root);
		const dir = path.join(root, id);
		fs.mkdirSync(dir);
		fs.writeFileSync(path.join(dir, 'problem.md'), '# Design\n\nDesign a system.');
		fs.writeFileSync(path.join(dir, 'interviewer.md'), '# Notes');
		fs.writeFileSync(
			path.join(dir, 'meta.yaml'),
			'title: D\nkind: system-design\ncompetencies: [a]\nseniority: [mid]\ntime_box_minutes: 45\n'
		);
		for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
		return root;
	}
	const rect = {
		id: 'r1',
		type: 'rectangle',
		x: 0,
		y: 0,
		width: 10,
		height: 10,
		version: 1,
		versionNonce: 1,
		isDeleted: false
	};

	it('a system-design problem needs no code files, and gets a notes starter and no tests', () => {
		const [p] = loadProblems(designRoot('design-only', {}));
		expect(p.scene).toBeNull();
		expect(p.tests).toBe('');
		expect(p.starter).toMatch(/^# /);
	});

	it('a system-design problem loads its starting scene', () => {
		const [p] = loadProblems(
			designRoot('design-scene', { 'scene.excalidraw': JSON.stringify({ type: 'excalidraw', elements: [rect] }) })
		);
		expect(p.scene).toEqual([rect]);
	});

	it.each([
		['not JSON', '{ type: excalidraw', /JSON/],
		[
			'an element with an invalid field',
			JSON.stringify({ type: 'excalidraw', elements: [{ ...rect, x: 'left' }] }),
			/elements\.0\.x/
		],
		[
			'an unknown element type',
			JSON.stringify({ type: 'excalidraw', elements: [{ ...rect, type: 'hexagon' }] }),
			/type/
		],
		['a repeated element id', JSON.stringify({ type: 'excalidraw', elements: [rect, rect] }), /twice/]
	])('a scene.excalidraw with %s names the problem and the file', (_label, text, detail) => {
		const err = loadError(designRoot('bad-scene', { 'scene.excalidraw': text }));
		expect(err.problemId).toBe('bad-scene');
		expect(err.file).toBe('scene.excalidraw');
		expect(err.message).toMatch(detail);
	});

	it('a coding problem with a starting scene is refused', () => {
		const err = loadError(
			brokenRoot('coding-scene', (dir) =>
				fs.writeFileSync(path.join(dir, 'scene.excalidraw'), JSON.stringify({ type: 'excalidraw', elements: [] }))
			)
		);
		expect(err.file).toBe('scene.excalidraw');
	});
});
