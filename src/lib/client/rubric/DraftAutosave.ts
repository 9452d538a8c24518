/** Typing pauses this long before the draft is sent. */
export const SAVE_DEBOUNCE_MS = 600;
/** After a failed save, try again after this long. */
export const SAVE_RETRY_MS = 3_000;

/** What the save indicator says. */
export type AutosaveStatus =
	| { state: 'idle' }
	/** A change waits for the pause, or is on its way. */
	| { state: 'saving' }
	/** The server holds the draft as shown; `at` is its time, when known. */
	| { state: 'saved'; at: number | null }
	/** The last save failed, with the reason in words; it is retried. */
	| { state: 'error'; reason: string };

/** Timers passed in, so tests drive a fake clock. */
export interface Timers {
	set(fn: () => void, ms: number): unknown;
	clear(handle: unknown): void;
}

const realTimers: Timers = {
	set: (fn, ms) => setTimeout(fn, ms),
	clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>)
};

export interface AutosaveOptions {
	/** The form as it is now, serialised (what would be sent). */
	read(): string;
	/** Stores a serialised draft; answers with the server's time of the save. */
	send(snapshot: string): Promise<{ savedAt: number }>;
	timers?: Timers;
}

/**
 * The scorecard draft's autosave: every change is sent after a short pause, one request at a
 * time, the newest form each time; a failure is shown with its reason and retried.
 */
export class DraftAutosave {
	private current: AutosaveStatus = { state: 'idle' };
	private lastSent = '';
	private timer: unknown = undefined;
	private inFlight: Promise<void> | null = null;
	private listeners = new Set<(s: AutosaveStatus) => void>();
	private readonly timers: Timers;

	constructor(private readonly opts: AutosaveOptions) {
		this.timers = opts.timers ?? realTimers;
	}

	get status(): AutosaveStatus {
		return this.current;
	}

	subscribe(fn: (s: AutosaveStatus) => void): () => void {
		this.listeners.add(fn);
		fn(this.current);
		return () => this.listeners.delete(fn);
	}

	/** Starts over: `snapshot` is what the server holds now. */
	reset(snapshot: string, status: AutosaveStatus): void {
		this.lastSent = snapshot;
		this.set(status);
	}

	/** Forgets what was sent, so the next change is saved even if it matches (a new amendment). */
	forget(): void {
		this.lastSent = '';
	}

	/** The form changed: save it after a pause, unless the server already has it. */
	changed(snapshot: string): void {
		if (snapshot === this.lastSent) return;
		this.set({ state: 'saving' });
		this.schedule(SAVE_DEBOUNCE_MS);
	}

	/**
	 * Before a submission: drops a save still waiting for its pause and resolves once none is on
	 * its way, so no draft lands after the submission (which clears the draft).
	 */
	async settle(): Promise<void> {
		this.timers.clear(this.timer);
		await this.inFlight;
	}

	dispose(): void {
		this.timers.clear(this.timer);
		this.listeners.clear();
	}

	private schedule(ms: number): void {
		this.timers.clear(this.timer);
		this.timer = this.timers.set(() => void this.save(), ms);
	}

	private async save(): Promise<void> {
		if (this.inFlight) {
			this.schedule(SAVE_DEBOUNCE_MS);
			return;
		}
		const snapshot = this.opts.read();
		let done = () => {};
		this.inFlight = new Promise((r) => (done = r));
		try {
			const res = await this.opts.send(snapshot);
			this.lastSent = snapshot;
			this.set(this.opts.read() === snapshot ? { state: 'saved', at: res.savedAt } : { state: 'saving' });
		} catch (err) {
			this.set({ state: 'error', reason: (err as Error).message });
			this.schedule(SAVE_RETRY_MS);
		} finally {
			this.inFlight = null;
			done();
		}
	}

	private set(s: AutosaveStatus): void {
		this.current = s;
		for (const fn of this.listeners) fn(s);
	}
}
