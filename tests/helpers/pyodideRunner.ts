/** Runs problem files inside Pyodide, the interpreter candidates use in the browser. */
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { TEST_HARNESS_PY } from '../../src/lib/shared/python/testHarness.js';

/**
 * Helpers for the static checks (imports, test names) and for running a file as a script;
 * tests themselves run through the shared harness (TEST_HARNESS_PY).
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

export interface TestResult {
	name: string;
	status: 'pass' | 'fail' | 'error' | 'skipped';
	message: string;
}
export interface RunReport {
	loadError: string | null;
	results: TestResult[];
}
export interface Inspection {
	nonStdlibImports: string[];
	duplicateTests: string[];
	testCount: number;
	importsSolutionStar: boolean;
}

let pyodide: PyodideAPI;

/** Loads Pyodide with the helpers and the browser's test harness; call it from beforeAll. */
export async function loadPython(): Promise<void> {
	pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
	pyodide.runPython(PY_HELPERS);
	pyodide.runPython(TEST_HARNESS_PY);
}

export function callPy<T>(fn: string, ...args: string[]): T {
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
export function runTests(moduleSrc: string, testSrc: string, filename: string): RunReport {
	const report = JSON.parse(callPy<string>('_pb_run_tests', moduleSrc, testSrc, filename)) as {
		loadError: string | null;
		tests: { name: string; status: TestResult['status']; message: string }[];
	};
	return {
		loadError: report.loadError,
		results: report.tests.map(({ name, status, message }) => ({ name, status, message }))
	};
}

export function notPassing(report: RunReport): string[] {
	return report.results.filter((r) => r.status !== 'pass').map((r) => `${r.name}: ${r.status}: ${r.message}`);
}
