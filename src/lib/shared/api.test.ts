import { describe, expect, it } from 'vitest';
import { CreateInterviewSchema, describeZodError } from './api.js';

const base = { title: 'T', candidate: { name: 'C' }, problems: ['p'], interviewers: [{ name: 'I' }] };
const describe_ = (body: unknown) => {
	const parsed = CreateInterviewSchema.safeParse(body);
	if (parsed.success) throw new Error('expected the body to be refused');
	return describeZodError(parsed.error);
};

describe('describeZodError', () => {
	it('a field left out is "missing"', () => {
		expect(describe_({ ...base, title: undefined })).toEqual({ field: 'title', message: 'title is missing' });
	});

	it('a field of the wrong type says what it must be, not that it is missing', () => {
		expect(describe_({ ...base, candidate: { name: 5 } })).toEqual({
			field: 'candidate.name',
			message: 'candidate.name must be a string'
		});
		expect(describe_({ ...base, problems: 'p' }).message).toBe('problems must be an array');
	});
});
