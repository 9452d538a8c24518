import type { Logger, Scheduler } from '../domain/ports.js';

/** Node's timers behind the domain's Scheduler; they never keep the process alive on their own. */
export const nodeScheduler: Scheduler = {
	after(ms, task) {
		const timer = setTimeout(task, ms);
		timer.unref?.();
		return { cancel: () => clearTimeout(timer) };
	}
};

/** The next turn of the event loop: the recorder batches everything appended before it. */
export const nextTurn = (fn: () => void): void => void setImmediate(fn);

/** The same as a promise: adapters that work in slices (reading a log, packing it) await it between slices. */
export const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The operator's console, prefixed so the server's lines stand out among a host's logs. */
export const consoleLogger: Logger = {
	error: (message, err) => console.error(`[pairboard] ${message}:`, err ?? ''),
	warn: (message) => console.warn(`[pairboard] ${message}`),
	info: (message) => console.log(`[pairboard] ${message}`)
};
