import { describe, expect, it } from 'vitest';
import { FakeScheduler } from '../testing/FakeScheduler.js';
import { WindowBudget } from './WindowBudget.js';

describe('WindowBudget', () => {
	it('counts what fits, refuses what does not, and refills once the window has passed', () => {
		const time = new FakeScheduler(0);
		const budget = new WindowBudget(time, 10, 1_000);
		expect(budget.spend(6)).toBe(true);
		expect(budget.spend(4)).toBe(true);
		expect(budget.spend(1)).toBe(false);
		time.advance(999);
		expect(budget.spend(1)).toBe(false);
		expect(budget.expired()).toBe(false);
		time.advance(1);
		expect(budget.expired()).toBe(true);
		expect(budget.spend(10)).toBe(true);
	});

	it('lets the first spend of a window through whatever its size when asked to', () => {
		const time = new FakeScheduler(0);
		const budget = new WindowBudget(time, 10, 1_000, true);
		expect(budget.spend(50)).toBe(true);
		expect(budget.spend(1)).toBe(false);
		expect(new WindowBudget(time, 10, 1_000).spend(50)).toBe(false);
	});
});
