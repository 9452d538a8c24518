import { Worker, type Transferable } from 'node:worker_threads';
import { workerExecArgv } from '../system/nodeFlags.js';

/** What the thread posts back for a job (see serveJobs). */
export type JobReply<Result> =
	{ id: number; ok: true; result: Result; nice: number | null } | { id: number; ok: false; reason: string };

export interface BackgroundThreadOptions {
	/** The thread's module (TypeScript, run through tsx): it calls serveJobs. */
	main: URL;
	/** Starts every failure's message: what could not be done, in words a user reads. */
	failure: string;
	/** The thread's heap: a job past it fails with a message, and the server goes on. */
	heapMb?: number;
	/** The thread ends once it has had nothing to do this long (it holds tens of MB while it lives). */
	idleMs?: number;
}

interface Waiting<Result> {
	resolve(r: Result): void;
	reject(err: Error): void;
}

/**
 * Work that takes the rooms' thread too long (seconds of rewriting, hundreds of milliseconds of
 * statistics) done on a worker thread of its own at the lowest CPU priority: while it ran in the
 * request, every live room of the process waited for it. The thread starts with the first job
 * and ends when idle; its jobs run one after the other. It never keeps the process alive idle.
 */
export class BackgroundThread<Job, Result> {
	private worker: Worker | null = null;
	private readonly waiting = new Map<number, Waiting<Result>>();
	private nextId = 1;
	/** Jobs asked for so far. */
	jobs = 0;
	/** Threads started so far (a new one after each idle end or loss). */
	started = 0;
	/** The thread's nice value as it last reported it (null: it could not lower it, or no job yet). */
	threadNice: number | null = null;
	private idleTimer: ReturnType<typeof setTimeout> | null = null;

	constructor(private readonly opts: BackgroundThreadOptions) {}

	/**
	 * Runs a job; `job` may still be on its way (prepared in slices on this thread). `transfer`
	 * lists the buffers the message hands over without a copy.
	 */
	run(job: Job | Promise<Job>, transfer: (job: Job) => Transferable[] = () => []): Promise<Result> {
		const id = this.nextId++;
		this.jobs++;
		const worker = this.running();
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		// Held open by a job only: an idle thread never keeps the process alive.
		worker.ref();
		const answer = new Promise<Result>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
		void Promise.resolve(job).then(
			(ready) => {
				// Closed or lost while it was prepared: the job has failed already.
				if (this.worker !== worker || !this.waiting.has(id)) return;
				worker.postMessage({ id, job: ready }, transfer(ready));
			},
			(err: unknown) => this.settle({ id, ok: false, reason: err instanceof Error ? err.message : String(err) })
		);
		return answer;
	}

	/** Whether a thread is up now. */
	get alive(): boolean {
		return this.worker !== null;
	}

	/** Ends the thread; jobs still waiting fail. */
	async close(): Promise<void> {
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		const worker = this.worker;
		this.worker = null;
		this.failAll('the server is shutting down');
		await worker?.terminate();
	}

	private running(): Worker {
		if (this.worker) return this.worker;
		const worker = new Worker(new URL('./backgroundThread.mjs', import.meta.url), {
			execArgv: workerExecArgv(process.execArgv),
			workerData: { main: this.opts.main.href },
			resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb ?? 1024 }
		});
		worker.on('message', (reply: JobReply<Result>) => this.settle(reply));
		worker.on('error', (err) => this.lost(worker, err.message));
		worker.on('exit', (code) => this.lost(worker, `it stopped (exit code ${code})`));
		this.worker = worker;
		this.started++;
		return worker;
	}

	private settle(reply: JobReply<Result>): void {
		const w = this.waiting.get(reply.id);
		if (!w) return;
		this.waiting.delete(reply.id);
		if (reply.ok) {
			this.threadNice = reply.nice;
			w.resolve(reply.result);
		} else w.reject(new Error(`${this.opts.failure}: ${reply.reason}`));
		if (this.waiting.size > 0) return;
		this.worker?.unref();
		this.idleTimer = setTimeout(() => void this.close(), this.opts.idleMs ?? 60_000).unref();
	}

	/** The thread died (out of memory, most likely): what it held fails, the next job starts a new one. */
	private lost(worker: Worker, why: string): void {
		if (this.worker !== worker) return;
		this.worker = null;
		this.failAll(why);
	}

	private failAll(why: string): void {
		const waiting = [...this.waiting.values()];
		this.waiting.clear();
		for (const w of waiting) w.reject(new Error(`${this.opts.failure}: ${why}`));
	}
}
