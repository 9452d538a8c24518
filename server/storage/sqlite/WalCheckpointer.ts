import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { workerExecArgv } from '../../system/nodeFlags.js';

/** How often the worker copies the WAL into the database file. */
export const WAL_CHECKPOINT_EVERY_MS = 1_000;
/** Quick passes after the first, for the frames committed while it ran. */
export const WAL_CATCH_UP_PASSES = 4;
/** A WAL past this many pages (16 MB of 4 KB pages) is restarted, even if the next commit waits. */
export const WAL_RESTART_ABOVE_FRAMES = 4_096;
/** What the WAL file is cut back to when it starts again (bytes). */
export const WAL_SIZE_LIMIT_BYTES = 16 * 2 ** 20;
/** SQLite's own default, put back if the worker is gone. */
const AUTOCHECKPOINT_PAGES = 1_000;

export interface CheckpointReport {
	/** Pages in the WAL and how many of them are now in the database file. */
	log: number;
	checkpointed: number;
	/** How long a RESTART held the next commit (ms), or null when none was needed. */
	restartMs: number | null;
}

/**
 * Issue 11: SQLite's automatic checkpoint ran on the connection that commits, every thousand
 * pages, about once a second at 50 rooms: 3 fsyncs each, 4-45 ms of the main thread during
 * which no room's keystroke moved (measured with strace). This turns it off on that connection
 * and checkpoints from a worker thread's connection instead. If the worker fails, the main
 * connection checkpoints itself again, as before.
 */
export class WalCheckpointer {
	/** Checkpoints run, RESTARTs among them, and the longest a RESTART held the writer (for the benchmark). */
	checkpoints = 0;
	restarts = 0;
	longestRestartMs = 0;
	private readonly worker: Worker;
	private closing = false;
	private readonly listeners = new Set<(r: CheckpointReport) => void>();

	constructor(
		file: string,
		private readonly db: Database.Database,
		private readonly onFailure: (reason: string) => void = () => undefined,
		everyMs = WAL_CHECKPOINT_EVERY_MS
	) {
		db.pragma('wal_autocheckpoint = 0');
		db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
		this.worker = new Worker(new URL('./walCheckpointWorker.mjs', import.meta.url), {
			execArgv: workerExecArgv(process.execArgv),
			workerData: {
				file,
				everyMs,
				catchUpPasses: WAL_CATCH_UP_PASSES,
				restartAboveFrames: WAL_RESTART_ABOVE_FRAMES,
				journalSizeLimit: WAL_SIZE_LIMIT_BYTES
			},
			resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 4 }
		});
		this.worker.unref();
		this.worker.on('message', (m: { op: string; reason?: string } & CheckpointReport) => {
			if (m.op === 'checkpointed') {
				const report = { log: m.log, checkpointed: m.checkpointed, restartMs: m.restartMs };
				this.checkpoints++;
				if (report.restartMs !== null) {
					this.restarts++;
					this.longestRestartMs = Math.max(this.longestRestartMs, report.restartMs);
				}
				for (const l of this.listeners) l(report);
			} else if (m.op === 'failed') this.fallBack(`checkpoint failed: ${m.reason}`);
		});
		this.worker.on('error', (err) => this.fallBack(err.message));
		this.worker.on('exit', (code) => this.fallBack(`worker exited (${code})`));
	}

	/** Resolves with the next checkpoint's report (for tests). */
	next(): Promise<CheckpointReport> {
		return new Promise((resolve) => {
			const once = (r: CheckpointReport) => {
				this.listeners.delete(once);
				resolve(r);
			};
			this.listeners.add(once);
		});
	}

	/** Stops the worker; its connection closes first, so the main connection's close checkpoints last. */
	async close(): Promise<void> {
		if (this.closing) return;
		this.closing = true;
		const closed = new Promise<void>((resolve) => {
			this.worker.on('message', (m: { op: string }) => m.op === 'closed' && resolve());
			this.worker.once('exit', () => resolve());
		});
		this.worker.postMessage({ op: 'close' });
		await closed;
		await this.worker.terminate();
	}

	private fallBack(reason: string): void {
		if (this.closing) return;
		this.closing = true;
		if (this.db.open) this.db.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
		this.onFailure(reason);
		void this.worker.terminate();
	}
}
