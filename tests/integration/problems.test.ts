/**
 * Content checks for problems/: every folder loads and validates, and inside Pyodide (the
 * interpreter candidates use in the browser) the reference solution passes every visible and
 * hidden test while the starter fails at least one visible test.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { loadProblems, ProblemFileError, type ProblemFiles } from '../../server/storage/loadProblems.js';
import * as Y from 'yjs';
import { readScene, seedScene } from '../../src/lib/shared/canvas/canvasDoc.js';
import { canvasEntryProblem } from '../../src/lib/shared/canvas/canvasRules.js';
import { TEST_HARNESS_PY } from '../../src/lib/shared/python/testHarness.js';

const PROBLEMS_DIR = fileURLToPath(new URL('../../problems', import.meta.url));
const SAMPLE_IDS = ['moving-average', 'softmax-cross-entropy'];

/**
 * Helpers for the static checks (imports, test names) and for running a file as a script;
 * tests themselves run through the shared harness below.
 */
const PY_HELPERS = String.raw`
import ast
import importlib
import json
import sys

sys.dont_write_bytecode = True  # a stale .pyc of the previous module must never be imported
if '/home/pyodide' not in sys.path:
    sys.path.insert(0, '/home/pyodide')

_NS_NAME = '__pairboard_tests__'


def _describe(e):
    return f'{type(e).__name__}: {e}'


def _pairboard_run_script(src, filename):
    try:
        exec(compile(src, filename, 'exec'), {'__name__': '__main__', '__file__': filename})
    except BaseException as e:
        return _describe(e)
    return None


def _pairboard_inspect(src, filename):
    tree = ast.parse(src, filename)
    imports = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imports.update(alias.name.split('.')[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imports.add(node.module.split('.')[0])
    test_defs = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and n.name.startswith('test_')]
    star_solution = any(
        isinstance(n, ast.ImportFrom) and n.module == 'solution' and [a.name for a in n.names] == ['*']
        for n in tree.body
    )
    return json.dumps({
        'nonStdlibImports': sorted(m for m in imports if m not in sys.stdlib_module_names and m != 'solution'),
        'duplicateTests': sorted({n for n in test_defs if test_defs.count(n) > 1}),
        'testCount': len(test_defs),
        'importsSolutionStar': star_solution,
    })
`;

interface TestResult {
	name: string;
	status: 'pass' | 'fail' | 'error' | 'skipped';
	message: string;
}
interface RunReport {
	loadError: string | null;
	results: TestResult[];
}
interface Inspection {
	nonStdlibImports: string[];
	duplicateTests: string[];
	testCount: number;
	importsSolutionStar: boolean;
}

let pyodide: PyodideAPI;

function callPy<T>(fn: string, ...args: string[]): T {
	const f = pyodide.globals.get(fn);
	try {
		return f(...args) as T;
	} finally {
		f.destroy();
	}
}

/**
 * Runs one test file against `moduleSrc` with the very harness the browser's "Run tests" uses
 * (src/lib/shared/python/testHarness.ts), so the bank is proven the way candidates are judged.
 */
function runTests(moduleSrc: string, testSrc: string, filename: string): RunReport {
	const report = JSON.parse(callPy<string>('_pb_run_tests', moduleSrc, testSrc, filename)) as {
		loadError: string | null;
		tests: { name: string; status: TestResult['status']; message: string }[];
	};
	return {
		loadError: report.loadError,
		results: report.tests.map(({ name, status, message }) => ({ name, status, message }))
	};
}

function notPassing(report: RunReport): string[] {
	return report.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status}: ${r.message}`);
}

beforeAll(async () => {
	pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
	pyodide.runPython(PY_HELPERS);
	pyodide.runPython(TEST_HARNESS_PY);
});

const problemDirs = fs
	.readdirSync(PROBLEMS_DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.map((d) => d.name)
	.sort();
const problems: ProblemFiles[] = loadProblems(PROBLEMS_DIR);

describe('problems/ folder', () => {
	it('loads every problem folder, including the samples', () => {
		expect(problems.map((p) => p.id)).toEqual(problemDirs);
		for (const id of SAMPLE_IDS) expect(problemDirs).toContain(id);
	});
});

describe.each(problems.map((p) => [p.id, p] as const))('problem %s', (_id, problem) => {
	it('has a statement (none for a behavioural question set), a title and a time box', () => {
		expect(problem.title.trim()).not.toBe('');
		if (problem.kind === 'behavioural') expect(problem.statement).toBe('');
		else expect(problem.statement.trim().length).toBeGreaterThan(50);
		expect(problem.interviewerNotes.trim().length).toBeGreaterThan(50);
		expect(problem.timeBoxMinutes).toBeGreaterThanOrEqual(5);
	});
});

const designProblems = problems.filter((p) => p.kind === 'system-design');
const codeProblems = problems.filter((p) => p.kind !== 'system-design' && p.kind !== 'behavioural');

describe('system-design problems', () => {
	it('the bank has some', () => {
		expect(designProblems.length).toBeGreaterThanOrEqual(2);
	});

	// The scene is optional: only problems that have one are checked here, each by name.
	it.each(designProblems.flatMap((p) => (p.scene ? [[p.id, p.scene] as const] : [])))(
		'%s: its starting scene is accepted by the canvas rules and seeds labelled boxes',
		(id, scene) => {
			const problem = { scene };
			const doc = new Y.Doc();
			expect(seedScene(doc, problem.scene)).toBe(problem.scene.length);
			for (const e of problem.scene) expect(canvasEntryProblem('elements', e.id, e), `${id}: ${e.id}`).toBeNull();
			const labels = readScene(doc).elements.filter((e) => e.type === 'text' && e.containerId);
			expect(labels.length, `${id}: the scene has labelled boxes`).toBeGreaterThan(0);
			for (const label of labels) {
				const box = problem.scene.find((e) => e.id === label.containerId);
				expect(box, `${id}: label ${label.id} sits in a box of the scene`).toBeDefined();
			}
		}
	);
});

describe.each(codeProblems.map((p) => [p.id, p] as const))('problem %s', (id, problem) => {
	it('test files import the candidate module with "from solution import *" and only the standard library', () => {
		for (const [file, src] of [
			['tests.py', problem.tests],
			['hidden_tests.py', problem.hiddenTests]
		] as const) {
			const info = JSON.parse(callPy<string>('_pairboard_inspect', src, file)) as Inspection;
			expect(info.importsSolutionStar, `${id}/${file} must do "from solution import *"`).toBe(true);
			expect(info.testCount, `${id}/${file} defines no test_* functions`).toBeGreaterThan(0);
			expect(info.duplicateTests, `${id}/${file} redefines tests`).toEqual([]);
			expect(info.nonStdlibImports, `${id}/${file} imports outside the standard library`).toEqual([]);
		}
		const sol = JSON.parse(callPy<string>('_pairboard_inspect', problem.solution, 'solution.py')) as Inspection;
		expect(sol.nonStdlibImports, `${id}/solution.py imports outside the standard library`).toEqual([]);
	});

	it('reference solution passes every visible and hidden test', () => {
		for (const [file, src] of [
			['tests.py', problem.tests],
			['hidden_tests.py', problem.hiddenTests]
		] as const) {
			const report = runTests(problem.solution, src, file);
			expect(report.loadError, `${id}/${file} failed to load against solution.py`).toBeNull();
			expect(report.results.length, `${id}/${file} ran no tests`).toBeGreaterThan(0);
			expect(notPassing(report), `${id}/${file} against solution.py`).toEqual([]);
		}
	});

	it('starter imports cleanly and fails at least one visible test', () => {
		const report = runTests(problem.starter, problem.tests, 'tests.py');
		expect(report.loadError, `${id}: tests.py failed to load against starter.py`).toBeNull();
		expect(report.results.length).toBeGreaterThan(0);
		expect(notPassing(report).length, `${id}: starter.py passes every visible test`).toBeGreaterThan(0);
	});

	it('starter and solution run as scripts without crashing', () => {
		expect(callPy<string | undefined>('_pairboard_run_script', problem.starter, 'starter.py') ?? null).toBeNull();
		expect(callPy<string | undefined>('_pairboard_run_script', problem.solution, 'solution.py') ?? null).toBeNull();
	});
});

describe('the Python test harness', () => {
	it('reports failures and errors per test, not just passes', () => {
		const report = runTests(
			'def double(x):\n    return x * 3\n',
			[
				'from solution import *',
				'def test_ok():\n    assert double(0) == 0',
				'def test_wrong():\n    assert double(2) == 4, "double(2) should be 4"',
				'def test_crash():\n    raise KeyError("boom")',
				'def helper():\n    raise AssertionError("not a test")'
			].join('\n'),
			'tests.py'
		);
		expect(report.loadError).toBeNull();
		expect(report.results).toEqual([
			{ name: 'test_ok', status: 'pass', message: '' },
			{ name: 'test_wrong', status: 'fail', message: 'double(2) should be 4 (tests.py, line 5)' },
			{ name: 'test_crash', status: 'error', message: "KeyError: 'boom' (tests.py, line 7)" }
		]);
	});

	it("a candidate's sys.exit(), a test file's own exception, and megabytes of output do not break the runner", () => {
		const raw = JSON.parse(
			callPy<string>(
				'_pb_run_tests',
				'import sys\ndef quit_now():\n    sys.exit(3)\ndef chatty():\n    print("x" * 2_000_000)\n    return 1\n',
				[
					'from solution import *',
					'def test_exit():\n    quit_now()',
					'def test_chatty():\n    assert chatty() == 1',
					'def test_after():\n    assert True'
				].join('\n'),
				'tests.py'
			)
		) as { tests: { name: string; status: string; message: string; output: string }[]; summary: { passed: number } };
		expect(raw.tests.map((t) => [t.name, t.status])).toEqual([
			['test_exit', 'error'],
			['test_chatty', 'pass'],
			['test_after', 'pass']
		]);
		expect(raw.tests[0].message).toBe('called sys.exit(3)');
		expect(raw.tests[1].output.length).toBeLessThan(9000);
		expect(raw.tests[1].output).toMatch(/output cut$/);
		expect(raw.summary.passed).toBe(2);
		const broken = runTests('X = 1\n', 'from solution import *\nraise RuntimeError("bad test file")\n', 'tests.py');
		expect(broken.loadError).toMatch(/^RuntimeError: bad test file \(tests.py, line 2\)/);
	});

	it('re-imports the module on every run', () => {
		const test = 'from solution import *\ndef test_value():\n    assert VALUE == 2, f"VALUE is {VALUE}"\n';
		expect(notPassing(runTests('VALUE = 1\n', test, 'tests.py'))).toHaveLength(1);
		expect(notPassing(runTests('VALUE = 2\n', test, 'tests.py'))).toEqual([]);
		expect(notPassing(runTests('VALUE = 3\n', test, 'tests.py'))).toHaveLength(1);
	});

	it('reports a module that fails to import as a load error', () => {
		const report = runTests('def broken(:\n', 'from solution import *\ndef test_x():\n    pass\n', 'tests.py');
		expect(report.loadError).toMatch(/SyntaxError/);
		expect(report.results).toEqual([]);
	});
});

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
			'title: X\nkind: coding\ncompetencies: [a]\ntime_box_minutes: 20\npackages: numpy\n',
			/packages/
		],
		[
			'a package name with a path in it',
			'title: X\nkind: coding\ncompetencies: [a]\ntime_box_minutes: 20\npackages: [../numpy]\n',
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
