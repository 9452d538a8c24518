import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { HttpError, parseInput, route } from './http.js';

const noop = async () => {};

describe('route', () => {
	it.each<[string, string, string[] | null]>([
		['/api/interviews/:id/session', '/api/interviews/abc/session', ['abc']],
		['/api/interviews/:id/session', '/api/interviews/abc/session/', null],
		['/api/interviews/:id/session', '/api/interviews//session', null],
		['/api/interviews/:id/scorecards/:who', '/api/interviews/a/scorecards/b', ['a', 'b']],
		['/api/interviews/:id', '/api/interviews/a/b', null],
		// A dot in a literal segment is a dot, not "any character".
		['/api/loops/:id/export.csv', '/api/loops/L1/export.csv', ['L1']],
		['/api/loops/:id/export.csv', '/api/loops/L1/exportXcsv', null],
		// Matching sees the raw path; escapes are decoded after, per parameter.
		['/api/interviews/:id', '/api/interviews/a%2Fb', ['a%2Fb']]
	])('%s on %s matches %j', (path, pathname, raw) => {
		expect(route('GET', path, noop).match(pathname)).toEqual(raw);
	});

	it('names its parameters in path order', () => {
		expect(route('GET', '/api/interviews/:id/scorecards/:interviewerId', noop).names).toEqual(['id', 'interviewerId']);
	});
});

describe('parseInput', () => {
	const Schema = z.object({ people: z.array(z.object({ name: z.string().min(1) })) });

	it.each<['brackets' | 'dots', string]>([
		['brackets', 'people[0].name'],
		['dots', 'people.0.name']
	])('answers 400 naming the field in the %s style', (style, field) => {
		let err: unknown;
		try {
			parseInput(Schema, { people: [{ name: '' }] }, style);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(HttpError);
		expect(err).toMatchObject({ status: 400, field, message: expect.stringContaining(field) });
	});

	it('answers the parsed value when it is valid', () => {
		expect(parseInput(Schema, { people: [{ name: 'Ada' }], extra: 1 })).toEqual({ people: [{ name: 'Ada' }] });
	});
});
