import type { Clock, Logger, ScheduledTask, Scheduler } from '../domain/ports.js';

/** Time that moves only when a test says so: `advance` runs every task that falls due, in order. */
export class FakeScheduler implements Scheduler, Clock {
	private tasks: { at: number; run: () => void; id: number }[] = [];
	private nextId = 0;

	constructor(private time = 0) {}

	now(): number {
		return this.time;
	}

	after(ms: number, run: () => void): ScheduledTask {
		const task = { at: this.time + ms, run, id: this.nextId++ };
		this.tasks.push(task);
		return { cancel: () => (this.tasks = this.tasks.filter((t) => t !== task)) };
	}

	get pending(): number {
		return this.tasks.length;
	}

	advance(ms: number): void {
		const until = this.time + ms;
		for (;;) {
			const due = this.tasks.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
			if (!due) break;
			this.tasks = this.tasks.filter((t) => t !== due);
			this.time = due.at;
			due.run();
		}
		this.time = until;
	}
}

/** Keeps what the domain reported, so a test can assert on it. */
export class MemoryLogger implements Logger {
	readonly lines: { level: 'error' | 'warn' | 'info'; message: string; err?: unknown }[] = [];
	error(message: string, err?: unknown): void {
		this.lines.push({ level: 'error', message, err });
	}
	warn(message: string): void {
		this.lines.push({ level: 'warn', message });
	}
	info(message: string): void {
		this.lines.push({ level: 'info', message });
	}
}
