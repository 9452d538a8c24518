import { describe, expect, it } from 'vitest';
import { raterOffsets } from './raterOffsets.js';
import { scaleFor } from './testing.fixture.js';

describe('rater offsets (against the mean of the other raters)', () => {
	it('a rater one level above two others who agree is +1, each of them -0.5', () => {
		// Unit means of the others: rater 0 sees (2 + 2) / 2 = 2 -> +1; raters 1 and 2 see
		// (3 + 2) / 2 = 2.5 -> -0.5, on every unit.
		const offsets = raterOffsets(
			scaleFor([
				[3, 4, 2],
				[2, 3, 1],
				[2, 3, 1]
			])
		);
		expect(offsets.map((o) => o.offset.value)).toEqual([1, -0.5, -0.5]);
		expect(offsets.map((o) => o.n)).toEqual([3, 3, 3]);
	});

	it('skips units nobody else rated and says so when none is left', () => {
		const offsets = raterOffsets(
			scaleFor([
				[4, 1, null],
				[2, null, 3]
			])
		);
		expect(offsets[0]).toEqual({ rater: 0, offset: { value: 2 }, n: 1 });
		expect(offsets[1]).toEqual({ rater: 1, offset: { value: -2 }, n: 1 });
		const alone = raterOffsets(
			scaleFor([
				[4, null],
				[null, 3]
			])
		);
		expect(alone[0].offset.value).toBeNull();
		expect(alone[0].offset.reason).toMatch(/no unit this rater rated was rated by anyone else/);
	});

	it('on an ordered label scale offsets are in steps of the scale', () => {
		const offsets = raterOffsets(scaleFor([['high'], ['low']], ['low', 'mid', 'high']));
		expect(offsets.map((o) => o.offset.value)).toEqual([2, -2]);
	});
});
