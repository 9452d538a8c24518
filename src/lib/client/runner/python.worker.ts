/// <reference lib="webworker" />
/**
 * Runs candidate Python with Pyodide, off the page's thread. Pyodide's files and its packages
 * come from the app itself (/pyodide/, see server/transport/pyodideAssets.ts): no CDN.
 */
import { HARNESS_PY, USER_FILENAME } from '$lib/shared/python/harness';
import { TEST_HARNESS_PY } from '$lib/shared/python/testHarness';
import type { RunOutcome } from '$lib/shared/protocol';
import { STDIN_BYTES, STDIN_STATE, type FromWorker, type ToWorker } from './protocol';
import {
	FIND_IMPORTS_PY,
	preparePackages,
	servedPackages,
	type PackageLoader,
	type ServedLock
} from './workerPackages';
import type { ServedPackages } from '$lib/shared/python/packages';
import { mark, startPyodide } from './pyodideStartup';

declare const self: DedicatedWorkerGlobalScope;

interface PyodideLike extends PackageLoader {
	setInterruptBuffer(b: Int32Array): void;
	setStdout(o: { write: (b: Uint8Array) => number }): void;
	setStderr(o: { write: (b: Uint8Array) => number }): void;
	setStdin(o: { stdin: () => string | null; isatty?: boolean }): void;
}

/** Output is posted at most this often while a program prints in a tight loop. */
const OUTPUT_FLUSH_MS = 40;
const OUTPUT_FLUSH_CHARS = 16 * 1024;
/** Beyond this much output in one run the worker stops posting (the page caps it too). */
const OUTPUT_HARD_CAP_CHARS = 2 * 1024 * 1024;

let py: PyodideLike | null = null;
let served: ServedPackages = { installed: {}, notInstalled: {} };
/** Package loads and runs happen one after another, in the order the page sent them. */
let queue: Promise<void> = Promise.resolve();
let stdinCtl: Int32Array;
let stdinData: Uint8Array;
let currentRun = 0;

const post = (m: FromWorker) => self.postMessage(m);

function limitMemory(limitBytes: number): void {
	// Pyodide's memory is created inside its module, so its maximum cannot be set; refusing
	// to grow past the limit makes malloc fail and Python raise MemoryError instead of taking
	// gigabytes of the interviewer's laptop.
	const grow = WebAssembly.Memory.prototype.grow;
	WebAssembly.Memory.prototype.grow = function (this: WebAssembly.Memory, delta: number) {
		if (this.buffer.byteLength + delta * 65536 > limitBytes) throw new RangeError('memory limit');
		return grow.call(this, delta);
	};
}

function makeWriter(stream: 'stdout' | 'stderr') {
	const decoder = new TextDecoder();
	let pending = '';
	let last = performance.now();
	let sent = 0;
	const flush = () => {
		if (!pending) return;
		if (sent < OUTPUT_HARD_CAP_CHARS) post({ type: 'output', id: currentRun, stream, text: pending });
		sent += pending.length;
		pending = '';
		last = performance.now();
	};
	return {
		write(bytes: Uint8Array): number {
			pending += decoder.decode(bytes, { stream: true });
			if (pending.length > OUTPUT_FLUSH_CHARS || performance.now() - last > OUTPUT_FLUSH_MS) flush();
			return bytes.length;
		},
		flush,
		reset() {
			sent = 0;
			pending = '';
		}
	};
}

const stdout = makeWriter('stdout');
const stderr = makeWriter('stderr');

function readStdinLine(): string | null {
	stdout.flush();
	stderr.flush();
	Atomics.store(stdinCtl, 0, STDIN_STATE.EMPTY);
	post({ type: 'stdin-request', id: currentRun });
	Atomics.wait(stdinCtl, 0, STDIN_STATE.EMPTY);
	if (Atomics.load(stdinCtl, 0) === STDIN_STATE.EOF) return null;
	const len = Atomics.load(stdinCtl, 1);
	return new TextDecoder().decode(stdinData.slice(0, len));
}

async function init(msg: Extract<ToWorker, { type: 'init' }>): Promise<void> {
	const t0 = performance.now();
	limitMemory(msg.memoryLimitBytes);
	stdinCtl = new Int32Array(msg.stdin, 0, 2);
	stdinData = new Uint8Array(msg.stdin, 8, STDIN_BYTES);
	const started = await startPyodide<PyodideLike, ServedLock>(msg);
	py = started.py;
	served = servedPackages(started.lock);
	py.setInterruptBuffer(new Int32Array(msg.interrupt));
	py.setStdout(stdout);
	py.setStderr(stderr);
	py.setStdin({ stdin: readStdinLine, isatty: false });
	py.runPython(HARNESS_PY);
	py.runPython(TEST_HARNESS_PY);
	py.runPython(FIND_IMPORTS_PY);
	mark('ready');
	post({ type: 'ready', loadMs: Math.round(performance.now() - t0) });
}

const status = (text: string | null) => post({ type: 'status', text });

async function preload(names: string[]): Promise<void> {
	if (!py) return;
	const t0 = performance.now();
	const r = await preparePackages(py, served, names, [], status);
	post({ type: 'packages', missing: r.ok ? [] : r.missing, loadMs: Math.round(performance.now() - t0) });
}

async function prepareAndRun(msg: Extract<ToWorker, { type: 'run' | 'tests' }>): Promise<void> {
	if (!py) throw new Error('Python is not loaded');
	const sources = msg.type === 'run' ? [msg.code] : [msg.module, msg.tests];
	const r = await preparePackages(py, served, msg.packages, sources, status);
	if (!r.ok) {
		// In the output, where a traceback would have been, for everyone in the room.
		post({ type: 'output', id: msg.id, stream: 'stderr', text: `${r.message}\n` });
		post({ type: 'done', id: msg.id, outcome: 'error', message: r.message, durationMs: 0 });
		return;
	}
	post({ type: 'started', id: msg.id });
	run(msg);
}

function run(msg: Extract<ToWorker, { type: 'run' | 'tests' }>): void {
	if (!py) throw new Error('Python is not loaded');
	currentRun = msg.id;
	stdout.reset();
	stderr.reset();
	const t0 = performance.now();
	let result: { outcome: RunOutcome; message?: string; report?: string };
	try {
		if (msg.type === 'run') result = JSON.parse(py.globals.get('_pb_run')(msg.code, USER_FILENAME));
		else {
			const report = py.globals.get('_pb_run_tests')(msg.module, msg.tests, msg.filename);
			const parsed = JSON.parse(report) as { interrupted?: boolean };
			result = { outcome: parsed.interrupted ? 'stopped' : 'ok', report };
		}
	} catch (err) {
		// Errors that escape the harness: Pyodide's own fatal errors, or MemoryError while
		// reporting one. The worker is not trusted after this; the page replaces it.
		const text = err instanceof Error ? err.message : String(err);
		result = /MemoryError|memory limit/i.test(text)
			? { outcome: 'out-of-memory', message: 'The program ran out of memory' }
			: { outcome: 'crashed', message: text.split('\n').slice(-3).join(' ').slice(0, 300) };
	}
	stdout.flush();
	stderr.flush();
	post({
		type: 'done',
		id: msg.id,
		outcome: result.outcome,
		message: result.message,
		report: result.report,
		durationMs: Math.round(performance.now() - t0)
	});
}

self.onmessage = (e: MessageEvent<ToWorker>) => {
	const msg = e.data;
	if (msg.type === 'init') {
		queue = init(msg).catch((err) =>
			post({ type: 'fatal', message: `Python could not start: ${err?.message ?? err}` })
		);
	} else if (msg.type === 'packages') {
		queue = queue
			.then(() => preload(msg.names))
			.catch((err) => status(`Could not load packages: ${err?.message ?? err}`));
	} else if (msg.type === 'run' || msg.type === 'tests') {
		queue = queue
			.then(() => prepareAndRun(msg))
			.catch((err) => post({ type: 'fatal', message: String((err as Error)?.message ?? err) }));
	}
};
