import { describe, expect, it } from 'vitest';
import { AgreementInputError, MAX_RATERS, parseAgreementInput } from './input.js';

function refusal(raw: unknown): string {
	try {
		parseAgreementInput(raw);
	} catch (e) {
		expect(e).toBeInstanceOf(AgreementInputError);
		return (e as Error).message;
	}
	throw new Error('accepted');
}

describe('the agreement input gate', () => {
	it('accepts numbers, labels and nulls', () => {
		expect(
			parseAgreementInput({
				ratings: [
					[1, null],
					[2, 3]
				]
			}).ratings
		).toEqual([
			[1, null],
			[2, 3]
		]);
		expect(parseAgreementInput({ ratings: [['no hire'], ['hire']], categories: ['no hire', 'hire'] })).toBeTruthy();
	});

	it.each([
		[{}, /ratings is missing/],
		[{ ratings: 'x' }, /ratings must be an array of rows/],
		[{ ratings: [] }, /ratings is empty/],
		[{ ratings: [[]] }, /ratings\[0\] is empty/],
		[{ ratings: [[1, 2], [1]] }, /ratings\[1\] has 1 units but ratings\[0\] has 2/],
		[{ ratings: [[1, true]] }, /ratings\[0\]\[1\] must be a number, a label/],
		[{ ratings: [[1, {}]] }, /ratings\[0\]\[1\] must be a number, a label/],
		[{ ratings: [[1, '']] }, /ratings\[0\]\[1\]/],
		[{ ratings: [[1, 'two']] }, /mixes numbers and labels/],
		[{ ratings: [[1, 5]], categories: [1, 2, 3] }, /ratings\[0\]\[1\] is 5, which is not one of the categories/],
		[{ ratings: [[1]], categories: [1, 1] }, /categories lists a value twice/],
		[{ ratings: [[1]], categories: [] }, /categories is empty/],
		[{ ratings: [[1]], extra: 1 }, /unknown field "extra"/],
		[{ ratings: [[1], 'x'] }, /ratings\[1\] must be a row/],
		[[1, 2], /the input must be one JSON object/],
		[{ ratings: Array.from({ length: MAX_RATERS + 1 }, () => [1]) }, /more than 200 raters/]
	])('refuses %j with a message naming what is wrong', (raw, message) => {
		const text = refusal(raw);
		expect(text).toMatch(message);
		expect(text).not.toMatch(/\n/);
	});
});
