// The calling thread's CPU time, for LIMIT-6's cost of an update. Plain JavaScript: the guard's
// worker loads it without tsx.
import fs from 'node:fs';

/**
 * A clock of the time this thread has run on a CPU, in ms, or null where there is none (not
 * Linux). Linux keeps it in /proc/thread-self/schedstat (nanoseconds, first field), opened once
 * here so that each reading is one read of a few bytes (about 4 µs). The kernel brings the figure
 * up to date at each tick and switch, so a reading lags by at most a tick (10 ms here).
 * @returns {(() => number) | null}
 */
export function threadCpuClock() {
	let fd;
	try {
		fd = fs.openSync('/proc/thread-self/schedstat', 'r');
	} catch {
		return null;
	}
	const buf = Buffer.alloc(64);
	return () => {
		const n = fs.readSync(fd, buf, 0, buf.length, 0);
		const text = buf.toString('latin1', 0, n);
		return Number(text.slice(0, text.indexOf(' '))) / 1e6;
	};
}

/** Above this wall time an update's cost is read from the CPU clock; below, wall time is close enough. */
export const CPU_CLOCK_ABOVE_MS = 20;
/** How far a reading may lag (one tick at 100 Hz), given to the update rather than held against it. */
export const CPU_CLOCK_LAG_MS = 10;

/**
 * What applying an update cost: `wallMs` minus the guard's own checks, unless the wall time is
 * long and the thread's CPU time says it mostly waited for a core. On a busy machine an ordinary
 * four-character keystroke took 168 ms of wall time in the guard, was refused as too expensive
 * (LIMIT-6: 100 ms) and its connection closed. Never more than the wall time, and never less than
 * the CPU time the update used (so a crafted update cannot pass as cheap).
 * @param {number} wallMs
 * @param {number | null} cpuMs
 * @param {number} checkingMs
 * @returns {number}
 */
export function updateCost(wallMs, cpuMs, checkingMs) {
	const spent = cpuMs === null || wallMs <= CPU_CLOCK_ABOVE_MS ? wallMs : Math.min(wallMs, cpuMs + CPU_CLOCK_LAG_MS);
	return Math.max(0, spent - checkingMs);
}
