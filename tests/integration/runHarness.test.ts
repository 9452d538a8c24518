/**
 * The harness that runs the candidate's buffer (Run), in Pyodide under Node: the interpreter
 * and the Python code the browser's worker uses.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPyodide, type PyodideAPI } from 'pyodide';
import { HARNESS_PY, USER_FILENAME } from '../../src/lib/shared/python/harness.js';

let py: PyodideAPI;
let stderr = '';

beforeAll(async () => {
	py = await loadPyodide({ stdout: () => {}, stderr: (line) => (stderr += line + '\n') });
	py.runPython(HARNESS_PY);
}, 120_000);

function run(src: string): { outcome: string; message?: string; stderr: string } {
	stderr = '';
	const f = py.globals.get('_pb_run');
	try {
		return { ...(JSON.parse(f(src, USER_FILENAME)) as { outcome: string; message?: string }), stderr };
	} finally {
		f.destroy();
	}
}

describe('the run harness', () => {
	it("a traceback shows the lines of the candidate's code, with the editor's line numbers", () => {
		const r = run('def ratio(a, b):\n    return a / b\n\nprint(ratio(1, 0))\n');
		expect(r.outcome).toBe('error');
		expect(r.message).toBe('ZeroDivisionError: division by zero (line 2)');
		expect(r.stderr).toContain(`File "${USER_FILENAME}", line 4, in <module>\n    print(ratio(1, 0))`);
		expect(r.stderr).toContain(`File "${USER_FILENAME}", line 2, in ratio\n    return a / b`);
		expect(r.stderr).not.toContain('_pb_run');
	});

	it('the lines shown are those of the code that ran, not of an earlier run', () => {
		run('x = 1\nraise ValueError("first")\n');
		const r = run('y = 2\nz = 3\nraise KeyError("second")\n');
		expect(r.stderr).toContain(`line 3, in <module>\n    raise KeyError("second")`);
		expect(r.stderr).not.toContain('first');
	});
});
