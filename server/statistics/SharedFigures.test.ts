import { describe, expect, it } from 'vitest';
import type { TableStatistics } from '../domain/ports.js';
import { LEVEL_CATEGORIES, tableFigures, type FiguresRequest } from '../domain/calibration/calibrationStatistics.js';
import { packTable } from '../domain/calibration/packedTable.js';
import { SharedFigures } from './SharedFigures.js';

const table = (...rows: (number | null)[][]): FiguresRequest => ({
	table: packTable(rows, LEVEL_CATEGORIES),
	categories: LEVEL_CATEGORIES,
	level: 'ordinal'
});
const A = table([1, 2, 3, 4], [1, 2, 4, 4]);
const B = table([2, 2, 3, 1], [2, 3, 3, 1]);
const C = table([4, 4, 1, 1], [3, 4, 1, 2], [4, 3, 2, 1]);

/** The statistics as the thread computes them, with every table it was handed, and a way to fail. */
function counting() {
	const handed: FiguresRequest[][] = [];
	let failNext = false;
	const inner: TableStatistics = {
		figures: async (tables) => {
			handed.push(tables);
			if (failNext) {
				failNext = false;
				throw new Error('the thread is gone');
			}
			return tables.map(tableFigures);
		}
	};
	return { inner, handed, failOnce: () => (failNext = true) };
}

describe('SharedFigures (each table computed once while remembered)', () => {
	it('answers each table its own figures, in the order asked', async () => {
		const figures = await new SharedFigures(counting().inner).figures([B, A, C]);
		expect(figures).toEqual([B, A, C].map(tableFigures));
	});

	it('pages asking for the same tables at once, or later, share one computation', async () => {
		const c = counting();
		const shared = new SharedFigures(c.inner);
		const pages = await Promise.all(Array.from({ length: 9 }, () => shared.figures([A, B])));
		for (const p of pages) expect(p).toEqual([A, B].map(tableFigures));
		expect(await shared.figures([B])).toEqual([tableFigures(B)]);
		expect(c.handed).toEqual([[A, B]]);
		expect(shared.computed).toBe(2);
	});

	it('a table asked twice in one call is computed once; only the new ones of a page are computed', async () => {
		const c = counting();
		const shared = new SharedFigures(c.inner);
		expect(await shared.figures([A, A])).toEqual([tableFigures(A), tableFigures(A)]);
		await shared.figures([A, C, B]);
		expect(c.handed).toEqual([[A], [C, B]]);
	});

	it('tables that differ in one rating, the scale or the unit word are different tables', async () => {
		const c = counting();
		const shared = new SharedFigures(c.inner);
		await shared.figures([
			A,
			table([1, 2, 3, 4], [1, 2, 4, 3]),
			{ ...A, level: 'nominal' },
			{ ...A, categories: [1, 2, 3, 4, 5] },
			// The same bytes in another shape.
			{ ...A, table: { ...A.table, raters: 4, units: 2 } },
			{ ...A, unitWord: 'competency' }
		]);
		expect(c.handed[0]).toHaveLength(6);
	});

	it('a failure is not remembered: the next page computes the table again', async () => {
		const c = counting();
		const shared = new SharedFigures(c.inner);
		c.failOnce();
		await expect(shared.figures([A])).rejects.toThrow('the thread is gone');
		expect(await shared.figures([A])).toEqual([tableFigures(A)]);
		expect(c.handed).toHaveLength(2);
	});

	it('past its size it forgets the least recently used table first', async () => {
		const c = counting();
		const D = table([3, 3, 3, 4], [3, 3, 4, 4]);
		const shared = new SharedFigures(c.inner, 2);
		await shared.figures([A]);
		await shared.figures([B]);
		await shared.figures([A]); // A is now the most recently used, B the least
		await shared.figures([D]); // room for two: B goes
		await shared.figures([A, B, D]);
		expect(c.handed).toEqual([[A], [B], [D], [B]]);
	});
});
