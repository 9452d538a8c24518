/**
 * Content checks for problems/: every folder loads and validates, and inside Pyodide (the
 * interpreter candidates use in the browser) the reference solution passes every visible and
 * hidden test while the starter fails at least one visible test.
 */
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadProblems, type ProblemFiles } from '../../server/storage/loadProblems.js';
import { readScene, seedScene } from '../../src/lib/shared/canvas/canvasDoc.js';
import { canvasEntryProblem } from '../../src/lib/shared/canvas/canvasRules.js';
import { PROBLEMS_DIR, SAMPLE_IDS } from '../helpers/problemBank.js';
import { callPy, loadPython, notPassing, runTests, type Inspection } from '../helpers/pyodideRunner.js';

beforeAll(loadPython);

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
