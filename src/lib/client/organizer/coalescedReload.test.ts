import { describe, expect, it } from 'vitest';
import { coalescedReload } from './coalescedReload';

/** Loads that stay open until the test lets each finish; `started(n)` waits for the n-th to begin. */
function gatedLoads() {
	const finish: (() => void)[] = [];
	const waiting = new Map<number, () => void>();
	const load = () =>
		new Promise<void>((resolve) => {
			finish.push(resolve);
			waiting.get(finish.length)?.();
		});
	const started = (n: number) => (finish.length >= n ? Promise.resolve() : new Promise<void>((r) => waiting.set(n, r)));
	return { load, finish, count: () => finish.length, started };
}

describe('coalescedReload', () => {
	it('runs a request at once, and folds every request made meanwhile into one more load after it', async () => {
		const g = gatedLoads();
		const reload = coalescedReload(g.load);
		const first = reload.request();
		expect(g.count()).toBe(1);
		void reload.request();
		void reload.request();
		void reload.request();
		expect(g.count()).toBe(1);
		g.finish[0]();
		await g.started(2);
		g.finish[1]();
		await first;
		expect(g.count()).toBe(2);
		// Idle again: the next request starts a load of its own.
		void reload.request();
		expect(g.count()).toBe(3);
		g.finish[2]();
	});

	it('keeps going after a load that failed', async () => {
		let calls = 0;
		const reload = coalescedReload(async () => {
			calls++;
			if (calls === 1) throw new Error('offline');
		});
		await reload.request();
		await reload.request();
		expect(calls).toBe(2);
	});
});
