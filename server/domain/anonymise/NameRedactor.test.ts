import { describe, expect, it } from 'vitest';
import { NameRedactor } from './NameRedactor.js';
import { redactEventData } from './redactEventData.js';

describe('NameRedactor (REPLAY-7)', () => {
	const dan = new NameRedactor('Dan An');
	it.each([
		['Dan An', 'Candidate'],
		['dan   AN said hi', 'Candidate said hi'],
		["Dan's code, An's test", "Candidate's code, Candidate's test"],
		['an array', 'Candidate array'], // the word "an" is a word of the name: privacy first
		['ranking candidate Danny and_an Dan2 andan', 'ranking candidate Danny and_an Dan2 andan'],
		['Dan-An', 'Candidate-Candidate']
	])('redacts whole words only: %j', (input, output) => expect(dan.redact(input)).toBe(output));

	it('handles letters beyond ASCII and hyphenated names, never initials alone', () => {
		const jose = new NameRedactor('José Ñúñez-Mora J.');
		expect(jose.redact('josé and ÑÚÑEZ-MORA, Mora, Núñez, josée, j')).toBe(
			'Candidate and Candidate, Candidate, Núñez, josée, j'
		);
	});

	it('redacts the first letters of the name in a text that holds the name at some time', () => {
		expect(dan.redactWithPrefixes('D')).toBe('Candidate');
		expect(dan.redactWithPrefixes('Da and A: strong')).toBe('Candidate and Candidate: strong');
	});

	it('leaves identifiers and keys of event data intact', () => {
		const data = {
			role: 'candidate',
			problemId: 'an-example',
			runId: 'x-Dan-1',
			name: 'Dan An',
			report: { tests: [{ name: 'test_an', message: 'Dan expected an int' }] },
			An: 1
		};
		expect(redactEventData(data, dan)).toEqual({
			role: 'candidate',
			problemId: 'an-example',
			runId: 'x-Dan-1',
			name: 'Candidate',
			report: { tests: [{ name: 'test_an', message: 'Candidate expected Candidate int' }] },
			An: 1
		});
	});
});
