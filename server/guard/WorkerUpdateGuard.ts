import type { DocSchema, GuardVerdict, UpdateGuard } from '../domain/ports.js';
import { GuardWorker, type GuardRequest } from './GuardWorker.js';

/**
 * How long one update may take to apply and check on its mirror before its worker is killed: a
 * hang or a bomb. An update that only costs too much is refused by its cost (LIMIT-6); this
 * stays longer because the checks of a large valid canvas (10,000 elements validated one by one)
 * take over a second on a busy machine.
 */
export const GUARD_APPLY_TIMEOUT_MS = 2_000;
/** Heap of each worker holding mirrors; an update that needs more is refused. */
export const GUARD_HEAP_MB = 512;
/**
 * ISO-1: once a check has run this long, the other rooms of its worker move to another worker
 * instead of waiting behind it. A keystroke's check takes well under a millisecond.
 */
export const GUARD_STALL_MS = 50;
/**
 * Workers started with the server; more are started (up to the maximum) when all are stalled.
 * Two, so that a free one is there when the first stalls: starting a worker takes 200-250 ms,
 * longer than most expensive updates run. Each costs about 18 MB.
 */
export const GUARD_WORKERS = 2;
export const GUARD_MAX_WORKERS = 4;
/**
 * Issue 11: cheap edits the room applied without a check reach the mirror only before the room's
 * next check. Past this many, a small document's mirror is loaded again then instead (one encode
 * of the document, rather than hundreds of applies and a wake of the worker for each)...
 */
export const MIRROR_BEHIND_MAX = 256;
/** ...and a larger one's are sent on, in one message: encoding it whole would cost more. */
export const MIRROR_RELOAD_MAX_BYTES = 512 * 1024;

export interface WorkerUpdateGuardOptions {
	timeoutMs?: number;
	heapMb?: number;
	stallMs?: number;
	workers?: number;
	maxWorkers?: number;
	onRestart?(reason: string): void;
}

interface Mirrored {
	snapshot: () => Uint8Array;
	schema?: DocSchema;
	home: GuardWorker;
	/** What the real document applied that the mirror has not yet (appliedUnchecked). */
	behind: Uint8Array[];
	/** More went by than `behind` keeps: the mirror is loaded again before its next check. */
	stale: boolean;
	/** The size of the last snapshot the mirror was loaded from. */
	bytes: number;
}

/**
 * The UpdateGuard on a pool of worker threads (ISO-1). Each document is mirrored by one worker;
 * its requests queue there, in order. A check that runs long (an expensive update, a hang before
 * the kill) holds up only its own room: the rooms with requests waiting behind it, or arriving
 * while it runs, are moved to a worker that is not stalled (their mirror is loaded there from the
 * real document and their waiting requests are sent again), and a new worker is started when
 * every worker is stalled, up to the maximum.
 */
export class WorkerUpdateGuard implements UpdateGuard {
	private readonly workers: GuardWorker[] = [];
	private readonly mirrored = new Map<string, Mirrored>();
	private nextId = 1;
	private closed = false;
	/** Rooms moved off a stalled worker (for the tests and the benchmark). */
	moves = 0;

	constructor(private readonly options: WorkerUpdateGuardOptions = {}) {
		for (let i = 0; i < (options.workers ?? GUARD_WORKERS); i++) this.workers.push(this.newWorker());
	}

	/** Worker restarts (timeouts and crashes), all workers together. */
	get restarts(): number {
		return this.workers.reduce((n, w) => n + w.restarts, 0);
	}

	get workerCount(): number {
		return this.workers.length;
	}

	/** Whether some worker is running a check of `key` now (for the tests). */
	isChecking(key: string): boolean {
		return this.workers.some((w) => w.runningCheck === key);
	}

	async load(key: string, snapshot: () => Uint8Array, schema?: DocSchema): Promise<void> {
		const m: Mirrored = { snapshot, schema, home: this.firstFree(), behind: [], stale: false, bytes: 0 };
		this.mirrored.set(key, m);
		const v = await m.home.send(this.loadOf(key, m));
		if (!v.ok) throw new Error(`Could not mirror ${key}: ${v.reason}`);
	}

	check(key: string, update: Uint8Array, protect?: string[]): Promise<GuardVerdict> {
		return this.homeFor(key).send({ op: 'check', key, update, protect });
	}

	/** An update checked elsewhere (another process) that the real document applied. */
	applyTrusted(key: string, update: Uint8Array): void {
		if (this.mirrored.has(key)) void this.homeFor(key).send({ op: 'apply', key, updates: [update] });
	}

	appliedUnchecked(key: string, update: Uint8Array): void {
		const m = this.mirrored.get(key);
		if (!m || m.stale) return;
		m.behind.push(update);
		if (m.behind.length < MIRROR_BEHIND_MAX) return;
		if (m.bytes <= MIRROR_RELOAD_MAX_BYTES) {
			m.stale = true;
			m.behind = [];
		} else this.catchUp(key, m);
	}

	/** Brings the mirror up to the real document, in its worker's queue before what comes next. */
	private catchUp(key: string, m: Mirrored): void {
		if (m.stale) void m.home.send(this.loadOf(key, m));
		else if (m.behind.length > 0) {
			const updates = m.behind;
			m.behind = [];
			void m.home.send({ op: 'apply', key, updates });
		}
	}

	/** The mirror took an update the real document refused: reload it from the real one. */
	reload(key: string): void {
		const m = this.mirrored.get(key);
		if (m) void m.home.send(this.loadOf(key, m));
	}

	drop(key: string): void {
		const m = this.mirrored.get(key);
		if (!m) return;
		this.mirrored.delete(key);
		void m.home.send({ op: 'drop', key });
	}

	async close(): Promise<void> {
		this.closed = true;
		await Promise.all(this.workers.map((w) => w.close()));
	}

	private newWorker(): GuardWorker {
		return new GuardWorker({
			timeoutMs: this.options.timeoutMs ?? GUARD_APPLY_TIMEOUT_MS,
			heapMb: this.options.heapMb ?? GUARD_HEAP_MB,
			stallMs: this.options.stallMs ?? GUARD_STALL_MS,
			reload: (key) => this.reload(key),
			reloads: (worker) =>
				[...this.mirrored]
					.filter(([, m]) => m.home === worker)
					.map(([key, m]) => ({ ...this.loadOf(key, m), id: this.nextId++ })),
			onStall: (worker) => this.moveWaiting(worker),
			onRestart: (reason) => this.options.onRestart?.(reason),
			nextId: () => this.nextId++
		});
	}

	/** A load of the real document as it is now, which holds everything the mirror was behind. */
	private loadOf(key: string, m: Mirrored): Omit<GuardRequest, 'id'> {
		const update = m.snapshot();
		m.behind = [];
		m.stale = false;
		m.bytes = update.length;
		return { op: 'load', key, update, schema: m.schema };
	}

	/**
	 * The worker `key` is mirrored on, after moving it if that worker is stuck on another room, with
	 * what the mirror was behind already queued there: what is sent next builds on it.
	 */
	private homeFor(key: string): GuardWorker {
		const m = this.mirrored.get(key);
		if (!m) return this.workers[0];
		if (m.home.stalled() && m.home.runningCheck !== key) this.move(key, m);
		this.catchUp(key, m);
		return m.home;
	}

	private moveWaiting(worker: GuardWorker): void {
		if (this.closed) return;
		const running = worker.runningCheck;
		for (const key of worker.waitingKeys()) {
			const m = this.mirrored.get(key);
			if (key !== running && m?.home === worker) this.move(key, m);
		}
	}

	/**
	 * Loads the room's mirror on a free worker from the real document and sends its waiting checks
	 * there. What else waited for it (loads, trusted applies) the fresh mirror already holds. The
	 * old worker forgets the mirror once it is free again.
	 */
	private move(key: string, m: Mirrored): void {
		const target = this.freeWorker(m.home);
		if (!target) return;
		const from = m.home;
		const waiting = from.takeWaiting(key);
		m.home = target;
		this.moves++;
		void target.send(this.loadOf(key, m));
		for (const p of waiting) {
			if (p.request.op === 'check') target.enqueue({ ...p, request: { ...p.request, id: this.nextId++ } });
			else p.resolve({ ok: true, clients: [], costMs: 0 });
		}
		void from.send({ op: 'drop', key });
	}

	/** A worker other than `busy` that is not stalled, the least queued; a new one if none is. */
	private freeWorker(busy: GuardWorker): GuardWorker | null {
		const free = this.workers.filter((w) => w !== busy && !w.stalled());
		if (free.length > 0) return free.reduce((a, b) => (b.queued < a.queued ? b : a));
		if (this.workers.length >= (this.options.maxWorkers ?? GUARD_MAX_WORKERS)) return null;
		const fresh = this.newWorker();
		this.workers.push(fresh);
		return fresh;
	}

	/**
	 * New documents go to the first worker that is not stalled: the others stay spare, ready for
	 * the rooms a stall moves. Spreading rooms evenly cost more CPU in bench:sync (each worker idle
	 * more often, so woken for more of its messages), and the main thread, not the guard, is what
	 * runs out first.
	 */
	private firstFree(): GuardWorker {
		return this.workers.find((w) => !w.stalled()) ?? this.workers[0];
	}
}
