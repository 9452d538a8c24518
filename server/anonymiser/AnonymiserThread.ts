import { Worker } from 'node:worker_threads';
import type { AnonymisedRecording } from '../domain/anonymise/anonymiseRecording.js';
import type { Anonymiser } from '../domain/ports.js';
import type { DocName } from '../../src/lib/shared/protocol.js';
import type { LogEntry } from '../domain/types.js';
import { workerExecArgv } from '../system/nodeFlags.js';
import { packEntries, transferables, type PackedEntries } from './packedEntries.js';

export interface AnonymiseJob {
	id: number;
	entries: PackedEntries;
	candidateName: string;
	checkpointsAt: { doc: DocName; seq: number }[];
}

export type AnonymiseReply =
	| { id: number; ok: true; recording: AnonymisedRecording; nice: number | null }
	| { id: number; ok: false; reason: string };

export interface AnonymiserThreadOptions {
	/** The thread's heap: a recording past it fails with a message, and the server goes on. */
	heapMb?: number;
	/** The thread ends once it has had nothing to do this long (it holds tens of MB while it lives). */
	idleMs?: number;
}

interface Waiting {
	resolve(r: AnonymisedRecording): void;
	reject(err: Error): void;
}

/**
 * REPLAY-7's rewrite off the main thread. Rewriting a recording without the candidate's name
 * replays every update of it: seconds for a long interview, tens of seconds when the name is in
 * the code. Run in the request, it froze every live room of the process meanwhile (a keystroke
 * waited for a blind calibration rater's replay to be ready). One thread, started when the first
 * anonymised replay is asked for and ended when idle; its jobs run one after the other.
 */
export class AnonymiserThread implements Anonymiser {
	private worker: Worker | null = null;
	private readonly waiting = new Map<number, Waiting>();
	private nextId = 1;
	/** Rewrites asked for so far (each page load of an anonymised replay should cost one). */
	jobs = 0;
	/** The thread's nice value as it last reported it (null: it could not lower it, or no job yet). */
	threadNice: number | null = null;
	private idleTimer: ReturnType<typeof setTimeout> | null = null;
	private readonly heapMb: number;
	private readonly idleMs: number;

	constructor(opts: AnonymiserThreadOptions = {}) {
		this.heapMb = opts.heapMb ?? 1024;
		this.idleMs = opts.idleMs ?? 60_000;
	}

	anonymise(
		entries: LogEntry[],
		candidateName: string,
		checkpointsAt: { doc: DocName; seq: number }[]
	): Promise<AnonymisedRecording> {
		const id = this.nextId++;
		this.jobs++;
		const worker = this.running();
		if (this.idleTimer) clearTimeout(this.idleTimer);
		this.idleTimer = null;
		// Held open by a job only: an idle thread never keeps the process alive.
		worker.ref();
		const answer = new Promise<AnonymisedRecording>((resolve, reject) => this.waiting.set(id, { resolve, reject }));
		void packEntries(entries).then((packed) => {
			// Closed or lost while packing: the job has failed already.
			if (this.worker !== worker || !this.waiting.has(id)) return;
			const job: AnonymiseJob = { id, entries: packed, candidateName, checkpointsAt };
			worker.postMessage(job, transferables(packed));
		});
		return answer;
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
		// The rewrite is TypeScript shared with the page: the thread loads it through tsx, as the server does.
		const worker = new Worker(new URL('./anonymiserThread.mjs', import.meta.url), {
			execArgv: workerExecArgv(process.execArgv),
			resourceLimits: { maxOldGenerationSizeMb: this.heapMb }
		});
		worker.on('message', (reply: AnonymiseReply) => this.answer(reply));
		worker.on('error', (err) => this.lost(worker, err.message));
		worker.on('exit', (code) => this.lost(worker, `it stopped (exit code ${code})`));
		this.worker = worker;
		return worker;
	}

	private answer(reply: AnonymiseReply): void {
		const w = this.waiting.get(reply.id);
		if (!w) return;
		this.waiting.delete(reply.id);
		if (reply.ok) {
			this.threadNice = reply.nice;
			w.resolve(reply.recording);
		} else w.reject(new Error(`The anonymised recording could not be prepared: ${reply.reason}`));
		if (this.waiting.size > 0) return;
		this.worker?.unref();
		this.idleTimer = setTimeout(() => void this.close(), this.idleMs).unref();
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
		for (const w of waiting) w.reject(new Error(`The anonymised recording could not be prepared: ${why}`));
	}
}
