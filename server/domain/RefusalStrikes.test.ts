import { describe, expect, it } from 'vitest';
import { FakeScheduler } from '../testing/FakeScheduler.js';
import { MAX_REFUSALS, REFUSAL_COOLDOWN_MS, REFUSAL_WINDOW_MS, RefusalStrikes } from './RefusalStrikes.js';

describe('LIMIT-5: RefusalStrikes', () => {
	it(`keeps a participant out for REFUSAL_COOLDOWN_MS after ${MAX_REFUSALS} refusals, then lets them back`, () => {
		const time = new FakeScheduler(0);
		const strikes = new RefusalStrikes(time);
		for (let i = 0; i < MAX_REFUSALS - 1; i++) strikes.record('p');
		expect(strikes.blockedForMs('p')).toBe(0);
		strikes.record('p');
		expect(strikes.blockedForMs('p')).toBe(REFUSAL_COOLDOWN_MS);
		expect(strikes.blockedForMs('other')).toBe(0);
		time.advance(REFUSAL_COOLDOWN_MS);
		expect(strikes.blockedForMs('p')).toBe(0);
	});

	it('refusals further apart than REFUSAL_WINDOW_MS never add up', () => {
		const time = new FakeScheduler(0);
		const strikes = new RefusalStrikes(time);
		for (let i = 0; i < MAX_REFUSALS * 3; i++) {
			strikes.record('p');
			time.advance(REFUSAL_WINDOW_MS);
		}
		expect(strikes.blockedForMs('p')).toBe(0);
	});
});
