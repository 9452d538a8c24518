import { afterEach, describe, expect, it } from 'vitest';
import { RECOMMENDATIONS } from '../../src/lib/shared/rubric.js';
import { mulberry32 } from '../../src/lib/shared/agreement/prng.js';
import { LEVEL_CATEGORIES, tableFigures, type FiguresRequest } from '../domain/calibration/calibrationStatistics.js';
import { packTable } from '../domain/calibration/packedTable.js';
import { BACKGROUND_NICE } from '../background/threadPriority.js';
import { StatisticsThread } from './StatisticsThread.js';

const threads: StatisticsThread[] = [];
afterEach(async () => {
	for (const t of threads.splice(0)) await t.close();
});

function levels(raters: number, units: number, seed: number): FiguresRequest {
	const random = mulberry32(seed);
	const ratings = Array.from({ length: raters }, () =>
		Array.from({ length: units }, () => (random() < 0.3 ? null : 1 + Math.floor(random() * 4)))
	);
	return { table: packTable(ratings, LEVEL_CATEGORIES), categories: LEVEL_CATEGORIES, level: 'ordinal' };
}

describe('StatisticsThread (CAL-9, CAL-10 figures off the main thread)', () => {
	it('answers exactly the figures computed in this thread, each table its own, in order', async () => {
		const tables: FiguresRequest[] = [
			levels(6, 4, 1),
			{ ...levels(3, 12, 2), unitWord: 'competency' },
			{
				table: packTable(
					[
						['hire', 'no-hire', null],
						['hire', 'hire', 'strong-hire']
					],
					[...RECOMMENDATIONS]
				),
				categories: [...RECOMMENDATIONS],
				level: 'nominal'
			},
			// Nothing pairable: alpha is not defined, and says why.
			{
				table: packTable(
					[
						[1, null],
						[null, 2]
					],
					LEVEL_CATEGORIES
				),
				categories: LEVEL_CATEGORIES,
				level: 'ordinal'
			}
		];
		const t = new StatisticsThread();
		threads.push(t);
		expect(await t.figures(tables)).toEqual(tables.map(tableFigures));
		expect(t.jobs).toBe(1);
	});

	it('runs at the lowest CPU priority on Linux', async () => {
		const t = new StatisticsThread();
		threads.push(t);
		await t.figures([levels(2, 3, 3)]);
		expect(t.threadNice).toBe(process.platform === 'linux' ? BACKGROUND_NICE : null);
	});

	it('a table too large for its heap fails in words, and the next job is answered', async () => {
		const t = new StatisticsThread({ heapMb: 64 });
		threads.push(t);
		await expect(t.figures([levels(500, 6000, 4)])).rejects.toThrow(
			/The agreement figures could not be computed: .*memory/i
		);
		const small = levels(3, 5, 5);
		expect(await t.figures([small])).toEqual([tableFigures(small)]);
	});
});
