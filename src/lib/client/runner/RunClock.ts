/**
 * The time limits of one run. The program's limit counts running time only: while it waits in
 * `input()` for the person to type, its clock is paused. An overall cap on the run's wall-clock
 * time (waiting included) ends a program that is left waiting for good.
 */
export interface RunClockLimits {
	/** Running time the program may use (waiting for input not counted). */
	runningMs: number;
	/** Wall-clock time the whole run may take, waiting included. */
	overallMs: number;
}

export type RunClockExpiry = 'running' | 'overall';

type Timer = ReturnType<typeof setTimeout>;

export class RunClock {
	private usedMs = 0;
	/** When the running stretch under way began; null while paused or not started. */
	private runningSince: number | null = null;
	private runningTimer: Timer | null = null;
	private overallTimer: Timer | null = null;
	private expired = false;

	constructor(
		private readonly limits: RunClockLimits,
		private readonly onExpire: (which: RunClockExpiry) => void,
		private readonly now: () => number = () => performance.now()
	) {}

	/** The program starts: both limits begin. */
	start(): void {
		this.clear();
		this.expired = false;
		this.usedMs = 0;
		this.overallTimer = setTimeout(() => this.expire('overall'), this.limits.overallMs);
		this.resume();
	}

	/** The program waits for input: its running time stops counting. */
	pause(): void {
		if (this.runningSince === null) return;
		this.usedMs += this.now() - this.runningSince;
		this.runningSince = null;
		if (this.runningTimer) clearTimeout(this.runningTimer);
		this.runningTimer = null;
	}

	/** The program runs again (input arrived): counting resumes where it stopped. */
	resume(): void {
		if (this.runningSince !== null || this.expired) return;
		this.runningSince = this.now();
		const left = Math.max(0, this.limits.runningMs - this.usedMs);
		this.runningTimer = setTimeout(() => this.expire('running'), left);
	}

	/** Running time used so far. */
	get runningMs(): number {
		return this.usedMs + (this.runningSince === null ? 0 : this.now() - this.runningSince);
	}

	clear(): void {
		if (this.runningTimer) clearTimeout(this.runningTimer);
		if (this.overallTimer) clearTimeout(this.overallTimer);
		this.runningTimer = this.overallTimer = null;
		if (this.runningSince !== null) this.usedMs += this.now() - this.runningSince;
		this.runningSince = null;
	}

	private expire(which: RunClockExpiry): void {
		if (this.expired) return;
		this.expired = true;
		this.clear();
		this.onExpire(which);
	}
}
