import { describe, expect, it } from 'vitest';
import { CPU_CLOCK_ABOVE_MS, CPU_CLOCK_LAG_MS, threadCpuClock, updateCost } from './threadCpuClock.mjs';

describe('threadCpuClock (LIMIT-6 counts the CPU an update used, not the time it waited for one)', () => {
	it.runIf(process.platform === 'linux')('does not advance while the thread sleeps, and does while it works', () => {
		const clock = threadCpuClock()!;
		expect(clock).not.toBeNull();
		const wall0 = performance.now();
		const cpu0 = clock();
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
		expect(performance.now() - wall0).toBeGreaterThanOrEqual(199);
		expect(clock() - cpu0).toBeLessThan(CPU_CLOCK_LAG_MS * 2);
		// Work until the clock has counted 50 ms of it (on a loaded machine that takes longer).
		const cpu1 = clock();
		const wall1 = performance.now();
		let spins = 0;
		while (clock() - cpu1 < 50 && performance.now() - wall1 < 10_000) spins++;
		expect(clock() - cpu1).toBeGreaterThanOrEqual(50);
		expect(spins).toBeGreaterThan(0);
	});
});

describe('updateCost', () => {
	it('is the wall time less the checks when the wall time is short', () => {
		expect(updateCost(3, 0, 1)).toBe(2);
		expect(updateCost(CPU_CLOCK_ABOVE_MS, 0, 0)).toBe(CPU_CLOCK_ABOVE_MS);
	});

	it('a keystroke that waited for a core is charged the CPU it used (the 168 ms keystroke of a busy machine)', () => {
		expect(updateCost(168, 1, 0.2)).toBeCloseTo(1 + CPU_CLOCK_LAG_MS - 0.2, 9);
	});

	it('an update that really works is charged its work: never less than its CPU time, never more than its wall time', () => {
		expect(updateCost(168, 160, 0)).toBe(168);
		expect(updateCost(400, 150, 0)).toBe(150 + CPU_CLOCK_LAG_MS);
		expect(updateCost(30, 25, 0)).toBe(30);
	});

	it('without a CPU clock (not Linux) it is the wall time, as before', () => {
		expect(updateCost(168, null, 0.2)).toBeCloseTo(167.8, 9);
	});
});
