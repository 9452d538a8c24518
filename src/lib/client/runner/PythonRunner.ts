import { RUN_OVERALL_LIMIT_MS, RUN_TIME_LIMIT_MS, type RunOutcome } from '$lib/shared/protocol';
import { RunClock, type RunClockExpiry } from './RunClock';
import { STDIN_BYTES, STDIN_STATE, type FromWorker, type ToWorker } from './protocol';
import {
	PYODIDE_LOCK_PATH,
	PYODIDE_PACKAGES_PATH,
	missingPackagesMessage,
	pyodideIndexPath
} from '$lib/shared/python/packages';
import { version as PYODIDE_VERSION } from 'pyodide/package.json';

/**
 * A whole test file gets longer than one program: performance problems time a slow reference
 * inside the tests themselves.
 */
export const TEST_TIME_LIMIT_MS = 30_000;
/** After Stop (or the time limit), how long Python gets to notice before the worker is killed. */
export const STOP_GRACE_MS = 400;
/** Memory one program may take; past it Python raises MemoryError. */
export const MEMORY_LIMIT_BYTES = 512 * 1024 * 1024;
/** How long loading a run's packages may take before the run's own time limit starts. */
export const PACKAGE_LOAD_LIMIT_MS = 120_000;
const SIGINT = 2;

export type RunnerState = 'loading' | 'ready' | 'running' | 'waiting-input' | 'failed';

export interface RunResult {
	outcome: RunOutcome;
	message?: string;
	durationMs: number;
	/** For a test run: the harness's JSON report (see src/lib/shared/python/testHarness.ts). */
	report?: string;
}

export type RunJob =
	| { type: 'run'; code: string; packages: string[] }
	| { type: 'tests'; module: string; tests: string; filename: string; packages: string[] };

export interface RunHandlers {
	onOutput(stream: 'stdout' | 'stderr', text: string): void;
	onInputRequest?(): void;
}

interface Slot {
	worker: Worker;
	loaded: boolean;
	ready: Promise<number>;
	interrupt: Int32Array | null;
	stdinCtl: Int32Array | null;
	stdinData: Uint8Array | null;
}

interface Current {
	id: number;
	handlers: RunHandlers;
	startedAt: number;
	stopReason: 'stopped' | 'timeout' | null;
	/** Which limit ended the run, for its message. */
	expired: RunClockExpiry | null;
	limitMs: number;
	/** The program's limits, started when the worker says it starts (after its packages). */
	clock: RunClock;
	resolve(r: RunResult): void;
	/** The package-load bound and the grace after an interrupt. */
	timers: ReturnType<typeof setTimeout>[];
}

function timeoutMessage(cur: Current): string {
	if (cur.expired === 'overall')
		return `Stopped: the run waited for input past its overall limit of ${Math.round(RUN_OVERALL_LIMIT_MS / 60_000)} min`;
	return `Stopped: the time limit of ${Math.round(cur.limitMs / 1000)} s was reached`;
}

/**
 * Python in a Web Worker with Pyodide. Stop sets Pyodide's interrupt buffer (KeyboardInterrupt
 * within a fraction of a second); a program that does not notice (blocked in C) is ended by
 * terminating the worker, and a pre-warmed spare takes its place so the next Run starts at once.
 */
export class PythonRunner {
	private active: Slot;
	private spare: Slot | null = null;
	private nextId = 1;
	private current: Current | null = null;
	private _state: RunnerState = 'loading';
	private listeners = new Set<(s: RunnerState, detail?: string) => void>();
	lastLoadMs: number | null = null;
	/** How long the last `usePackages` took to load them, for the benchmark. */
	lastPackagesMs: number | null = null;
	failure: string | null = null;
	/** What the runner is doing or lacks, in words: "Loading numpy…", or the missing-package sentence. */
	private note: string | null = null;
	private packages: string[] = [];

	constructor(
		private readonly baseUrl: string,
		private readonly timeLimitMs = RUN_TIME_LIMIT_MS
	) {
		this.active = this.spawn();
		this.active.ready.then(
			(ms) => {
				this.lastLoadMs = ms;
				this.setState('ready');
				this.spare = this.spawn();
				this.spare.ready.catch(() => (this.spare = null));
			},
			(err: Error) => this.fail(err.message)
		);
	}

	get state(): RunnerState {
		return this._state;
	}

	subscribe(fn: (s: RunnerState, detail?: string) => void): () => void {
		this.listeners.add(fn);
		fn(this._state, this.detail());
		return () => this.listeners.delete(fn);
	}

	private detail(): string | undefined {
		return this.failure ?? this.note ?? undefined;
	}

	private setState(s: RunnerState): void {
		this._state = s;
		for (const l of this.listeners) l(s, this.detail());
	}

	private setNote(note: string | null): void {
		this.note = note;
		this.setState(this._state);
	}

	/**
	 * The packages the open problem declares: loaded now in the worker and its spare, so the
	 * first Run does not wait for them. Missing ones are named in the runner's status.
	 */
	usePackages(names: string[]): void {
		if (names.join() === this.packages.join()) return;
		this.packages = [...names];
		this.setNote(null);
		for (const slot of [this.active, this.spare])
			slot?.worker.postMessage({ type: 'packages', names } satisfies ToWorker);
	}

	private fail(message: string): void {
		this.failure = message;
		this.setState('failed');
	}

	private spawn(): Slot {
		performance.mark('pb:spawn');
		const worker = new Worker(new URL('./python.worker.ts', import.meta.url), { type: 'module', name: 'python' });
		const shared = typeof SharedArrayBuffer !== 'undefined';
		const interruptBuf = shared ? new SharedArrayBuffer(4) : null;
		const stdinBuf = shared ? new SharedArrayBuffer(8 + STDIN_BYTES) : null;
		const slot: Slot = {
			worker,
			loaded: false,
			ready: new Promise<number>((resolve, reject) => {
				worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
					if (e.data.type === 'ready') resolve(e.data.loadMs);
					else if (e.data.type === 'fatal') reject(new Error(e.data.message));
				});
				worker.addEventListener('error', (e) => reject(new Error(e.message || 'The Python worker failed to load')));
			}),
			interrupt: interruptBuf ? new Int32Array(interruptBuf) : null,
			stdinCtl: stdinBuf ? new Int32Array(stdinBuf, 0, 2) : null,
			stdinData: stdinBuf ? new Uint8Array(stdinBuf, 8, STDIN_BYTES) : null
		};
		slot.ready.then(
			() => {
				slot.loaded = true;
				if (slot === this.active && !this.current && this._state !== 'failed') this.setState('ready');
			},
			() => undefined
		);
		worker.addEventListener('message', (e: MessageEvent<FromWorker>) => this.onMessage(slot, e.data));
		const init: ToWorker = {
			type: 'init',
			indexUrl: `${this.baseUrl}${pyodideIndexPath(PYODIDE_VERSION)}`,
			lockUrl: `${this.baseUrl}${PYODIDE_LOCK_PATH}`,
			packagesUrl: `${this.baseUrl}${PYODIDE_PACKAGES_PATH}`,
			// Without cross-origin isolation there is no SharedArrayBuffer: Stop then terminates.
			interrupt: interruptBuf as SharedArrayBuffer,
			stdin: stdinBuf as SharedArrayBuffer,
			memoryLimitBytes: MEMORY_LIMIT_BYTES
		};
		worker.postMessage(init);
		if (this.packages.length > 0) worker.postMessage({ type: 'packages', names: this.packages } satisfies ToWorker);
		return slot;
	}

	/** Runs `code`; resolves when it ends, however it ends. Never rejects. */
	run(code: string, handlers: RunHandlers, packages: string[] = []): Promise<RunResult> {
		return this.start({ type: 'run', code, packages }, handlers);
	}

	/** Runs a test file against `module` (the candidate's buffer), under the same limits as a run. */
	runTests(
		module: string,
		tests: string,
		filename: string,
		handlers: RunHandlers,
		packages: string[] = []
	): Promise<RunResult> {
		return this.start({ type: 'tests', module, tests, filename, packages }, handlers);
	}

	private async start(job: RunJob, handlers: RunHandlers): Promise<RunResult> {
		if (this.current) throw new Error('A program is already running');
		if (this._state === 'failed')
			return { outcome: 'crashed', message: this.failure ?? 'Python failed to load', durationMs: 0 };
		const slot = this.active;
		try {
			await slot.ready;
		} catch (err) {
			this.fail((err as Error).message);
			return { outcome: 'crashed', message: this.failure ?? undefined, durationMs: 0 };
		}
		const id = this.nextId++;
		if (slot.interrupt) Atomics.store(slot.interrupt, 0, 0);
		return new Promise<RunResult>((resolve) => {
			const limitMs = job.type === 'tests' ? TEST_TIME_LIMIT_MS : this.timeLimitMs;
			const cur: Current = {
				id,
				handlers,
				startedAt: performance.now(),
				stopReason: null,
				expired: null,
				limitMs,
				clock: new RunClock({ runningMs: limitMs, overallMs: RUN_OVERALL_LIMIT_MS }, (which) => {
					cur.expired = which;
					this.interrupt('timeout');
				}),
				resolve,
				timers: []
			};
			this.current = cur;
			// Until the worker says the program started, it is loading packages: a longer bound.
			cur.timers.push(setTimeout(() => this.interrupt('timeout'), limitMs + PACKAGE_LOAD_LIMIT_MS));
			this.setState('running');
			slot.worker.postMessage({ ...job, id } satisfies ToWorker);
		});
	}

	stop(): void {
		this.interrupt('stopped');
	}

	/** Sends one line to a program waiting in input(). */
	provideInput(line: string): void {
		const slot = this.active;
		if (this._state !== 'waiting-input' || !slot.stdinCtl || !slot.stdinData) return;
		const bytes = new TextEncoder().encode(line.endsWith('\n') ? line : line + '\n').slice(0, STDIN_BYTES);
		slot.stdinData.set(bytes);
		Atomics.store(slot.stdinCtl, 1, bytes.length);
		Atomics.store(slot.stdinCtl, 0, STDIN_STATE.LINE);
		Atomics.notify(slot.stdinCtl, 0);
		this.current?.clock.resume();
		this.setState('running');
	}

	private interrupt(reason: 'stopped' | 'timeout'): void {
		const cur = this.current;
		if (!cur || cur.stopReason) return;
		cur.stopReason = reason;
		const slot = this.active;
		if (slot.interrupt) Atomics.store(slot.interrupt, 0, SIGINT);
		if (slot.stdinCtl) {
			Atomics.store(slot.stdinCtl, 0, STDIN_STATE.EOF);
			Atomics.notify(slot.stdinCtl, 0);
		}
		cur.timers.push(setTimeout(() => this.forceEnd(cur), slot.interrupt ? STOP_GRACE_MS : 0));
	}

	/** The program ignored the interrupt: kill the worker, promote the spare. */
	private forceEnd(cur: Current): void {
		if (this.current !== cur) return;
		this.replaceActive();
		this.finish(cur, { outcome: cur.stopReason ?? 'stopped' });
	}

	private replaceActive(): void {
		this.active.worker.terminate();
		this.active = this.spare ?? this.spawn();
		this.spare = null;
		this.active.ready.then(
			() => {
				if (!this.spare) {
					this.spare = this.spawn();
					this.spare.ready.catch(() => (this.spare = null));
				}
			},
			(err: Error) => this.fail(err.message)
		);
	}

	private onMessage(slot: Slot, msg: FromWorker): void {
		if (slot !== this.active) return;
		const cur = this.current;
		if (msg.type === 'fatal' && cur) {
			this.replaceActive();
			this.finish(cur, { outcome: 'crashed', message: msg.message });
			return;
		}
		if (msg.type === 'status') return this.setNote(msg.text);
		if (msg.type === 'packages') {
			this.lastPackagesMs = msg.loadMs;
			return this.setNote(msg.missing.length > 0 ? `This problem ${missingPackagesMessage(msg.missing)}` : null);
		}
		if (!cur || !('id' in msg) || msg.id !== cur.id) return;
		if (msg.type === 'started') {
			// A Stop during the package load keeps its own timers (the program gets the interrupt at once).
			if (cur.stopReason) return;
			for (const t of cur.timers) clearTimeout(t);
			cur.timers = [];
			cur.clock.start();
			cur.startedAt = performance.now();
		} else if (msg.type === 'output') cur.handlers.onOutput(msg.stream, msg.text);
		else if (msg.type === 'stdin-request') {
			// The person types at their own pace: only running time counts toward the limit.
			cur.clock.pause();
			this.setState('waiting-input');
			cur.handlers.onInputRequest?.();
		} else if (msg.type === 'done') {
			// Memory is not given back by WebAssembly, and a crash leaves Python unsure: start fresh.
			if (msg.outcome === 'out-of-memory' || msg.outcome === 'crashed') this.replaceActive();
			const outcome = cur.stopReason && msg.outcome !== 'ok' ? cur.stopReason : msg.outcome;
			this.finish(cur, { outcome, message: outcome === msg.outcome ? msg.message : undefined, report: msg.report });
		}
	}

	private finish(cur: Current, r: { outcome: RunOutcome; message?: string; report?: string }): void {
		for (const t of cur.timers) clearTimeout(t);
		cur.clock.clear();
		this.current = null;
		const message =
			r.message ?? (r.outcome === 'timeout' ? timeoutMessage(cur) : r.outcome === 'stopped' ? 'Stopped' : undefined);
		cur.resolve({
			outcome: r.outcome,
			message,
			report: r.report,
			durationMs: Math.round(performance.now() - cur.startedAt)
		});
		if (this._state !== 'failed') this.setState(this.active.loaded ? 'ready' : 'loading');
	}

	dispose(): void {
		this.active.worker.terminate();
		this.spare?.worker.terminate();
	}
}
