import { describe, expect, it } from 'vitest';
import { FakeScheduler } from '../testing/FakeScheduler.js';
import { COST_WINDOW_MS, MAX_COST_PER_WINDOW_MS, MAX_UPDATE_COST_MS, WorkBudget } from './WorkBudget.js';

describe('WorkBudget (LIMIT-6)', () => {
	it('lets a thousand cheap updates through in one window', () => {
		const budget = new WorkBudget(new FakeScheduler(0));
		// Ten seconds of typing at 8 characters a second is 80 updates of well under a millisecond.
		for (let i = 0; i < 1_000; i++) expect(budget.spend('typist', 0.1, 'code')).toBeNull();
	});

	it("refuses one update that costs more than its document's per-update limit", () => {
		const budget = new WorkBudget(new FakeScheduler(0));
		expect(budget.spend('p', MAX_UPDATE_COST_MS.code + 1, 'code')).toMatch(
			/too long to apply \(101 ms; the limit is 100 ms\)/
		);
		// The canvas holds no text to fragment: the same cost is an honest large scene there.
		expect(budget.spend('p', MAX_UPDATE_COST_MS.code + 1, 'canvas')).toBeNull();
		expect(budget.spend('p', MAX_UPDATE_COST_MS.canvas + 1, 'canvas')).toMatch(/the limit is 1000 ms/);
	});

	it('refuses a participant whose updates add up past the window budget, until the window passes', () => {
		const time = new FakeScheduler(0);
		const budget = new WorkBudget(time);
		const each = MAX_COST_PER_WINDOW_MS / 4;
		for (let i = 0; i < 4; i++) expect(budget.spend('attacker', each, 'canvas')).toBeNull();
		expect(budget.spend('attacker', each, 'canvas')).toMatch(/wait a moment/);
		expect(budget.spend('someone else', each, 'canvas')).toBeNull();
		time.advance(COST_WINDOW_MS);
		expect(budget.spend('attacker', each, 'canvas')).toBeNull();
	});
});
