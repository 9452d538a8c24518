import { describe, expect, it } from 'vitest';
import { describePeriod, periodFromDates, periodQuery, presetPeriod } from './period';

const local = (y: number, m: number, d: number) => new Date(y, m - 1, d).getTime();

describe('periods', () => {
	it('a preset starts at the start of a local day and counts today as one of its days', () => {
		const now = local(2026, 12, 1) + 15 * 3_600_000;
		expect(presetPeriod('30d', now)).toEqual({ from: local(2026, 11, 2), to: null });
		expect(presetPeriod('all', now)).toEqual({ from: null, to: null });
	});

	it('two dates give whole days with the end day included', () => {
		expect(periodFromDates('2026-01-01', '2026-01-31')).toEqual({ from: local(2026, 1, 1), to: local(2026, 2, 1) });
		expect(periodFromDates('', '2026-01-31')).toEqual({ from: null, to: local(2026, 2, 1) });
	});

	it('refuses an end before the start and a date it cannot read, in words', () => {
		expect(periodFromDates('2026-02-01', '2026-01-31')).toEqual({ error: 'The end date is before the start date.' });
		expect(periodFromDates('1 Feb', '')).toEqual({ error: 'Enter the dates as year-month-day.' });
	});

	it('says the period in words and as a query without its open ends', () => {
		expect(describePeriod({ from: null, to: null })).toBe('all time');
		expect(describePeriod({ from: local(2026, 1, 1), to: null })).toMatch(/^since /);
		const oneDay = describePeriod({ from: local(2026, 1, 1), to: local(2026, 1, 2) });
		expect(describePeriod({ from: local(2026, 1, 1), to: local(2026, 1, 1) + 15 * 3_600_000 })).toBe(oneDay);
		expect(periodQuery({ from: 5, to: null })).toBe('?from=5');
		expect(periodQuery({ from: null, to: null })).toBe('');
	});
});
