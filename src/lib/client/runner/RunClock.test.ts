import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RunClock, type RunClockExpiry } from './RunClock';

const LIMITS = { runningMs: 10_000, overallMs: 600_000 };

describe('RunClock', () => {
	let expired: RunClockExpiry[];
	let clock: RunClock;
	beforeEach(() => {
		vi.useFakeTimers();
		expired = [];
		clock = new RunClock(
			LIMITS,
			(w) => expired.push(w),
			() => Date.now()
		);
	});
	afterEach(() => vi.useRealTimers());

	it('ends a program that runs past its running limit', () => {
		clock.start();
		vi.advanceTimersByTime(9_999);
		expect(expired).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(expired).toEqual(['running']);
	});

	it('does not count time spent waiting for input', () => {
		clock.start();
		vi.advanceTimersByTime(4_000);
		clock.pause();
		vi.advanceTimersByTime(60_000); // the person takes a minute to type
		expect(expired).toEqual([]);
		clock.resume();
		expect(clock.runningMs).toBe(4_000);
		vi.advanceTimersByTime(5_999);
		expect(expired).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(expired).toEqual(['running']);
	});

	it('ends a run left waiting past the overall cap', () => {
		clock.start();
		vi.advanceTimersByTime(1_000);
		clock.pause();
		vi.advanceTimersByTime(LIMITS.overallMs - 1_001);
		expect(expired).toEqual([]);
		vi.advanceTimersByTime(1);
		expect(expired).toEqual(['overall']);
		// Expired once: input arriving afterwards does not start the running limit again.
		clock.resume();
		vi.advanceTimersByTime(LIMITS.runningMs);
		expect(expired).toEqual(['overall']);
	});

	it('a cleared clock never fires', () => {
		clock.start();
		clock.clear();
		vi.advanceTimersByTime(LIMITS.overallMs * 2);
		expect(expired).toEqual([]);
	});
});
