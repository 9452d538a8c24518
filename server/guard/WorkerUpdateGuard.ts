import { Worker } from 'node:worker_threads';
import type { DocSchema, GuardVerdict, UpdateGuard } from '../domain/ports.js';

/** How long one update may take to apply to its mirror before the worker is killed. */
export const GUARD_APPLY_TIMEOUT_MS = 2_000;
/** Heap of the worker holding the mirrors; an update that needs more is refused. */
export const GUARD_HEAP_MB = 512;

interface Request {
	id: number;
	op: 'load' | 'check' | 'apply' | 'drop';
	key: string;
	update?: Uint8Array;
	protect?: string[];
	schema?: DocSchema;
}

interface Mirrored {
	snapshot: () => Uint8Array;
	schema?: DocSchema;
}

interface Reply {
	id: number;
	ok: boolean;
	reason?: string;
	reload?: boolean;
	clients?: number[];
	costMs?: number;
}

interface Pending {
	request: Request;
	resolve(v: GuardVerdict): void;
}

export interface WorkerUpdateGuardOptions {
	timeoutMs?: number;
	heapMb?: number;
	onRestart?(reason: string): void;
}

/**
 * The UpdateGuard on a worker thread. Requests are answered in order, so only the oldest
 * unanswered request can be the one that hangs: its clock starts when the one before it is
 * answered. Only untrusted updates (`check`) are timed: loading a mirror from the real document
 * is not a client's doing, and counting it would blame the update queued behind it. On a timeout
 * or a crash the worker is replaced, its mirrors are reloaded from the real documents, and the
 * requests behind the bad one are sent again.
 */
export class WorkerUpdateGuard implements UpdateGuard {
	private worker!: Worker;
	private nextId = 1;
	private pending = new Map<number, Pending>();
	private readonly mirrored = new Map<string, Mirrored>();
	private timer: ReturnType<typeof setTimeout> | null = null;
	/** The clock only runs once the worker has started: its boot is not the update's fault. */
	private workerReady = false;
	private readonly timeoutMs: number;
	private readonly heapMb: number;
	private closed = false;
	restarts = 0;

	constructor(private readonly options: WorkerUpdateGuardOptions = {}) {
		this.timeoutMs = options.timeoutMs ?? GUARD_APPLY_TIMEOUT_MS;
		this.heapMb = options.heapMb ?? GUARD_HEAP_MB;
		this.spawn();
	}

	async load(key: string, snapshot: () => Uint8Array, schema?: DocSchema): Promise<void> {
		this.mirrored.set(key, { snapshot, schema });
		const v = await this.send({ id: 0, op: 'load', key, update: snapshot(), schema });
		if (!v.ok) throw new Error(`Could not mirror ${key}: ${v.reason}`);
	}

	check(key: string, update: Uint8Array, protect?: string[]): Promise<GuardVerdict> {
		return this.send({ id: 0, op: 'check', key, update, protect });
	}

	/** An update checked elsewhere (another process) that the real document applied. */
	applyTrusted(key: string, update: Uint8Array): void {
		if (this.mirrored.has(key)) void this.send({ id: 0, op: 'apply', key, update });
	}

	/** The mirror took an update the real document refused: reload it from the real one. */
	reload(key: string): void {
		this.reloadMirror(key);
	}

	drop(key: string): void {
		this.mirrored.delete(key);
		void this.send({ id: 0, op: 'drop', key });
	}

	async close(): Promise<void> {
		this.closed = true;
		this.stopTimer();
		for (const p of this.pending.values()) p.resolve({ ok: false, reason: 'server is shutting down' });
		this.pending.clear();
		await this.worker.terminate();
	}

	private spawn(): void {
		const worker = new Worker(new URL('./updateGuardWorker.mjs', import.meta.url), {
			resourceLimits: { maxOldGenerationSizeMb: this.heapMb, maxYoungGenerationSizeMb: 32 }
		});
		worker.unref();
		this.workerReady = false;
		worker.on('message', (reply: Reply | { ready: true }) => {
			if ('ready' in reply) {
				if (worker !== this.worker) return;
				this.workerReady = true;
				if (this.pending.size > 0 && !this.timer) this.startTimer();
				return;
			}
			this.onReply(worker, reply);
		});
		worker.on('error', (err) => {
			if (worker === this.worker) this.failHead(`it could not be applied (${describeWorkerError(err)})`);
		});
		worker.on('exit', () => {
			if (worker === this.worker && !this.closed) this.failHead('the update checker stopped');
		});
		this.worker = worker;
	}

	private send(request: Request): Promise<GuardVerdict> {
		if (this.closed) return Promise.resolve({ ok: false, reason: 'server is shutting down' });
		return new Promise((resolve) => {
			request.id = this.nextId++;
			this.pending.set(request.id, { request, resolve });
			this.post(request);
			if (this.pending.size === 1) this.startTimer();
		});
	}

	private loadRequest(key: string, m: Mirrored): Request {
		return { id: this.nextId++, op: 'load', key, update: m.snapshot(), schema: m.schema };
	}

	private post(request: Request): void {
		this.worker.postMessage(request);
	}

	private onReply(worker: Worker, reply: Reply): void {
		if (worker !== this.worker) return;
		const p = this.pending.get(reply.id);
		if (!p) return;
		this.pending.delete(reply.id);
		// A failed load is not retried here: it would fail the same way, forever.
		if (!reply.ok && reply.reload && p.request.op !== 'load') this.reloadMirror(p.request.key);
		p.resolve(
			reply.ok
				? { ok: true, clients: reply.clients ?? [], costMs: reply.costMs ?? 0 }
				: { ok: false, reason: reply.reason ?? 'invalid update' }
		);
		this.stopTimer();
		if (this.pending.size > 0) this.startTimer();
	}

	private reloadMirror(key: string): void {
		const m = this.mirrored.get(key);
		if (m) void this.send({ id: 0, op: 'load', key, update: m.snapshot(), schema: m.schema });
	}

	private startTimer(): void {
		if (!this.workerReady) return;
		const head = this.pending.values().next().value;
		if (head?.request.op !== 'check') return;
		const headId = this.pending.keys().next().value;
		// A main thread that was itself busy fires this late, with the answer already waiting in the
		// queue: let it be read first (messages come before setImmediate) rather than blame the update.
		this.timer = setTimeout(
			() =>
				setImmediate(() => {
					if (this.pending.keys().next().value === headId)
						this.failHead(`applying it took longer than ${this.timeoutMs} ms`);
				}),
			this.timeoutMs
		);
		this.timer.unref?.();
	}

	private stopTimer(): void {
		if (this.timer) clearTimeout(this.timer);
		this.timer = null;
	}

	/** The oldest request is the culprit: refuse it, replace the worker, replay the rest. */
	private failHead(reason: string): void {
		if (this.closed) return;
		this.stopTimer();
		const [headId, head] = this.pending.entries().next().value ?? [];
		if (headId !== undefined) this.pending.delete(headId);
		const old = this.worker;
		this.restarts++;
		this.options.onRestart?.(reason);
		this.spawn();
		void old.terminate();
		// The reloads go first, in the worker's queue and in ours, so the clock skips them.
		const waiting = this.pending;
		this.pending = new Map();
		for (const [key, m] of this.mirrored) {
			const load = this.loadRequest(key, m);
			this.pending.set(load.id, { request: load, resolve: () => undefined });
		}
		for (const [id, p] of waiting) this.pending.set(id, p);
		for (const p of this.pending.values()) this.post(p.request);
		head?.resolve({ ok: false, reason });
		if (this.pending.size > 0) this.startTimer();
	}
}

function describeWorkerError(err: unknown): string {
	const code = (err as { code?: string }).code;
	if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'it needs too much memory';
	return err instanceof Error ? err.message : String(err);
}
