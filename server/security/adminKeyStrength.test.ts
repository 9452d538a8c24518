import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { adminKeyWeakness } from './adminKeyStrength.js';

describe('adminKeyWeakness', () => {
	it.each([
		['31 characters', 'Zq7pL2vN9xKc4RtY8mWb3HsJ6dFg1Ae', /at least 32 characters \(it has 31\)/],
		['one character repeated', 'x'.repeat(64), /too predictable/],
		['a word repeated', 'hunter2!'.repeat(5), /too predictable/]
	])('refuses %s', (_label, key, why) => {
		expect(adminKeyWeakness(key)).toMatch(why);
		expect(adminKeyWeakness(key)).not.toContain(key);
	});

	it('accepts a random hex key whose characters happen to repeat (openssl rand -hex 16 made it)', () => {
		// About one such key in 10,000: the suite below, 200 keys a run, failed now and then on one.
		expect(adminKeyWeakness('a96baa28a088ff0ea66abaea05a0aa6e')).toBeNull();
	});

	it('accepts random keys as openssl and the generator make them', () => {
		for (let i = 0; i < 200; i++) {
			expect(adminKeyWeakness(randomBytes(16).toString('hex'))).toBeNull();
			expect(adminKeyWeakness(randomBytes(24).toString('base64url'))).toBeNull();
			expect(adminKeyWeakness(randomBytes(32).toString('base64'))).toBeNull();
		}
	});
});
