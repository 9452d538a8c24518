import { describe, expect, it } from 'vitest';
import { describeSpread, percent } from './levelFigures';

describe('describeSpread', () => {
	it('names the lowest and highest level and how far apart they are', () => {
		expect(describeSpread({ low: 2, high: 4, spread: { value: 2 } })).toBe('From level 2 to level 4: 2 levels apart.');
		expect(describeSpread({ low: 2, high: 3, spread: { value: 1 } })).toBe('From level 2 to level 3: 1 level apart.');
	});

	it('says when everyone agrees, and why a spread is not defined (never NaN)', () => {
		expect(describeSpread({ low: 3, high: 3, spread: { value: 0 } })).toBe('Everyone who assessed it chose level 3.');
		const text = describeSpread({
			low: 3,
			high: 3,
			spread: { value: null, reason: 'fewer than two levels were given' }
		});
		expect(text).toBe('Not defined: fewer than two levels were given.');
	});
});

describe('percent', () => {
	it('rounds a share to a whole percentage', () => {
		expect(percent(2 / 3)).toBe('67 %');
		expect(percent(1)).toBe('100 %');
	});
});
