import { describe, expect, it } from 'vitest';
import { describeMovement } from './alphaMovement';

describe('describeMovement', () => {
	it('says which way alpha moved, by how much, and what that means', () => {
		expect(describeMovement({ value: 0.412 }, { value: 0.815 })).toBe(
			'Up 0.403, from 0.412 to 0.815: the raters agree more.'
		);
		expect(describeMovement({ value: 0.5 }, { value: -0.25 })).toBe(
			'Down 0.750, from 0.500 to \u22120.250: the raters agree less.'
		);
		expect(describeMovement({ value: 0.7 }, { value: 0.7 })).toBe('Unchanged at 0.700.');
	});

	it('names an undefined round instead of printing NaN', () => {
		const none = { value: null, reason: 'no variation' } as const;
		expect(describeMovement(none, { value: 0.9 })).toBe('Not defined before; now 0.900.');
		expect(describeMovement({ value: 0.9 }, none)).toBe('Was 0.900; not defined now.');
		expect(describeMovement(none, none)).toBe('Not defined in either round.');
	});
});
