import type { LogStore } from './ports.js';
import type { LogEntry, NewLogEntry } from './types.js';

interface Pending {
	entry: NewLogEntry;
	resolve(e: LogEntry): void;
	reject(err: unknown): void;
}

/**
 * Appends to the interview log in batches: everything appended while the previous batch
 * was being written goes into the next transaction, so many busy rooms cost one commit per
 * turn of the event loop instead of one per keystroke. `append` resolves only once its
 * entry is committed; callers broadcast after that (nothing is acknowledged before it is
 * on disk).
 */
export class Recorder {
	private queue: Pending[] = [];
	private flushing: Promise<void> | null = null;
	private scheduled = false;
	/** DEL-1: deleted interviews; their entries are dropped, never written again. */
	private readonly forgotten = new Set<string>();

	constructor(
		private readonly log: LogStore,
		/** Runs `fn` on the next turn of the event loop (the composition root passes setImmediate). */
		private readonly schedule: (fn: () => void) => void
	) {}

	append(entry: NewLogEntry): Promise<LogEntry> {
		if (this.forgotten.has(entry.interviewId)) return Promise.resolve({ ...entry, seq: 0 } as LogEntry);
		return new Promise((resolve, reject) => {
			this.queue.push({ entry, resolve, reject });
			this.kick();
		});
	}

	/** Resolves once everything appended so far is committed. */
	async drain(): Promise<void> {
		while (this.queue.length > 0 || this.flushing || this.scheduled) {
			if (this.flushing) await this.flushing;
			else await new Promise<void>((r) => this.schedule(r));
		}
	}

	private kick(): void {
		if (this.scheduled || this.flushing) return;
		this.scheduled = true;
		this.schedule(() => {
			this.scheduled = false;
			this.flushing = this.flush().finally(() => {
				this.flushing = null;
				if (this.queue.length > 0) this.kick();
			});
		});
	}

	/** DEL-1: from now on the interview's entries, queued ones included, are dropped (seq 0). */
	forget(interviewId: string): void {
		this.forgotten.add(interviewId);
	}

	private async flush(): Promise<void> {
		const batch = this.queue.filter((p) => {
			if (!this.forgotten.has(p.entry.interviewId)) return true;
			p.resolve({ ...p.entry, seq: 0 } as LogEntry);
			return false;
		});
		this.queue = [];
		try {
			const written = await this.log.appendBatch(batch.map((p) => p.entry));
			batch.forEach((p, i) => p.resolve(written[i]));
		} catch (err) {
			for (const p of batch) p.reject(err);
		}
	}
}
