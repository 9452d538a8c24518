import { Worker } from 'node:worker_threads';
import type { DocSchema, GuardVerdict } from '../domain/ports.js';
import { workerExecArgv } from '../system/nodeFlags.js';

/** Each worker's young generation (MB): enough for a large canvas check, small enough to stay cheap while idle. */
export const GUARD_YOUNG_MB = 8;

export interface GuardRequest {
	id: number;
	op: 'load' | 'check' | 'apply' | 'drop';
	key: string;
	update?: Uint8Array;
	/** 'apply': what the real document applied, in order. */
	updates?: Uint8Array[];
	protect?: string[];
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

export interface Pending {
	request: GuardRequest;
	resolve(v: GuardVerdict): void;
}

export interface GuardWorkerHooks {
	timeoutMs: number;
	heapMb: number;
	/** The mirror `key` took something the real document did not: load it again. */
	reload(key: string): void;
	/** The worker was replaced: these load requests put back the mirrors it held. */
	reloads(worker: GuardWorker): GuardRequest[];
	/** Its oldest check has been running `stallMs`: the rooms waiting behind it may move. */
	onStall(worker: GuardWorker): void;
	stallMs: number;
	onRestart(reason: string): void;
	nextId(): number;
}

/**
 * One worker thread holding mirrors, with its queue. Requests are answered in order, so only the
 * oldest unanswered one can be the one that hangs: its clock starts when the one before it is
 * answered. Only untrusted updates (`check`) are timed: loading a mirror is not a client's doing.
 * On a timeout or a crash the thread is replaced, its mirrors are loaded again, and the requests
 * behind the bad one are sent again.
 */
export class GuardWorker {
	private worker!: Worker;
	private pending = new Map<number, Pending>();
	private killTimer: ReturnType<typeof setTimeout> | null = null;
	private stallTimer: ReturnType<typeof setTimeout> | null = null;
	/** When the oldest request started running in the thread (as far as this side can tell). */
	private headSince = 0;
	/** The clock only runs once the thread has started: its boot is not the update's fault. */
	private ready = false;
	private closed = false;
	restarts = 0;

	constructor(private readonly hooks: GuardWorkerHooks) {
		this.spawn();
	}

	get queued(): number {
		return this.pending.size;
	}

	/** The key of the check running now, if a check is what runs. */
	get runningCheck(): string | null {
		const head = this.pending.values().next().value;
		return head?.request.op === 'check' ? head.request.key : null;
	}

	/** Whether its oldest check has run longer than a keystroke should ever wait. */
	stalled(now = performance.now()): boolean {
		return this.ready && this.runningCheck !== null && now - this.headSince >= this.hooks.stallMs;
	}

	send(request: Omit<GuardRequest, 'id'>): Promise<GuardVerdict> {
		if (this.closed) return Promise.resolve({ ok: false, reason: 'server is shutting down' });
		return new Promise((resolve) => this.enqueue({ request: { ...request, id: this.hooks.nextId() }, resolve }));
	}

	/** Takes back the requests of `key` waiting behind the one running (the room moves elsewhere). */
	takeWaiting(key: string): Pending[] {
		const headId = this.pending.keys().next().value;
		const taken: Pending[] = [];
		for (const [id, p] of this.pending) {
			if (id !== headId && p.request.key === key) {
				taken.push(p);
				this.pending.delete(id);
			}
		}
		return taken;
	}

	/** Keys with requests waiting behind the running one. */
	waitingKeys(): Set<string> {
		const headId = this.pending.keys().next().value;
		return new Set([...this.pending].filter(([id]) => id !== headId).map(([, p]) => p.request.key));
	}

	enqueue(p: Pending): void {
		this.pending.set(p.request.id, p);
		this.worker.postMessage(p.request);
		if (this.pending.size === 1) this.startClocks();
	}

	async close(): Promise<void> {
		this.closed = true;
		this.stopClocks();
		for (const p of this.pending.values()) p.resolve({ ok: false, reason: 'server is shutting down' });
		this.pending.clear();
		await this.worker.terminate();
	}

	private spawn(): void {
		const worker = new Worker(new URL('./updateGuardWorker.mjs', import.meta.url), {
			// Plain JavaScript: without the parent's TypeScript loader each worker is about 6 MB smaller.
			execArgv: workerExecArgv(process.execArgv),
			// A small young generation: a mirror's garbage is short-lived, and a large one stays resident.
			resourceLimits: { maxOldGenerationSizeMb: this.hooks.heapMb, maxYoungGenerationSizeMb: GUARD_YOUNG_MB }
		});
		worker.unref();
		this.ready = false;
		worker.on('message', (reply: Reply | { ready: true }) => {
			if (worker !== this.worker) return;
			if ('ready' in reply) {
				this.ready = true;
				if (this.pending.size > 0 && !this.killTimer) this.startClocks();
				return;
			}
			this.onReply(reply);
		});
		worker.on('error', (err) => {
			if (worker === this.worker) this.failHead(`it could not be applied (${describeWorkerError(err)})`);
		});
		worker.on('exit', () => {
			if (worker === this.worker && !this.closed) this.failHead('the update checker stopped');
		});
		this.worker = worker;
	}

	private onReply(reply: Reply): void {
		const p = this.pending.get(reply.id);
		// A reply to a request taken back (its room moved) or replayed after a restart.
		if (!p) return;
		this.pending.delete(reply.id);
		// A failed load is not retried here: it would fail the same way, forever.
		if (!reply.ok && reply.reload && p.request.op !== 'load') this.hooks.reload(p.request.key);
		p.resolve(
			reply.ok
				? { ok: true, clients: reply.clients ?? [], costMs: reply.costMs ?? 0 }
				: { ok: false, reason: reply.reason ?? 'invalid update' }
		);
		this.stopClocks();
		if (this.pending.size > 0) this.startClocks();
	}

	private startClocks(): void {
		if (!this.ready) return;
		this.headSince = performance.now();
		const headId = this.pending.keys().next().value;
		if (this.runningCheck === null) return;
		const stillHead = () => this.pending.keys().next().value === headId;
		// A main thread that was itself busy fires these late, with the answer already waiting in the
		// queue: let it be read first (messages come before setImmediate) rather than blame the update.
		const later = (ms: number, then: () => void) => {
			const t = setTimeout(() => setImmediate(() => stillHead() && then()), ms);
			t.unref?.();
			return t;
		};
		this.stallTimer = later(this.hooks.stallMs, () => this.hooks.onStall(this));
		this.killTimer = later(this.hooks.timeoutMs, () =>
			this.failHead(`applying it took longer than ${this.hooks.timeoutMs} ms`)
		);
	}

	private stopClocks(): void {
		if (this.killTimer) clearTimeout(this.killTimer);
		if (this.stallTimer) clearTimeout(this.stallTimer);
		this.killTimer = null;
		this.stallTimer = null;
	}

	/** The oldest request is the culprit: refuse it, replace the thread, replay the rest. */
	private failHead(reason: string): void {
		if (this.closed) return;
		this.stopClocks();
		const [headId, head] = this.pending.entries().next().value ?? [];
		if (headId !== undefined) this.pending.delete(headId);
		const old = this.worker;
		this.restarts++;
		this.hooks.onRestart(reason);
		this.spawn();
		void old.terminate();
		// The reloads go first, in the thread's queue and in ours, so the clock skips them.
		const waiting = this.pending;
		this.pending = new Map();
		for (const load of this.hooks.reloads(this)) this.pending.set(load.id, { request: load, resolve: () => undefined });
		for (const [id, p] of waiting) this.pending.set(id, p);
		for (const p of this.pending.values()) this.worker.postMessage(p.request);
		head?.resolve({ ok: false, reason });
		if (this.pending.size > 0) this.startClocks();
	}
}

function describeWorkerError(err: unknown): string {
	const code = (err as { code?: string }).code;
	if (code === 'ERR_WORKER_OUT_OF_MEMORY') return 'it needs too much memory';
	return err instanceof Error ? err.message : String(err);
}
