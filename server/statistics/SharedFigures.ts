import { createHash } from 'node:crypto';
import type { TableStatistics } from '../domain/ports.js';
import type { FiguresRequest, TableFigures } from '../domain/calibration/calibrationStatistics.js';

/** Tables whose figures are remembered: a few hundred pages' worth, a few kB each. */
const MAX_TABLES = 1000;

/**
 * The figures of tables already computed, or being computed, by what the table holds. The figures
 * are a function of the table alone (the bootstrap's seed is fixed), so an answer remembered is
 * the answer. When a round is revealed every rater's page asks for the same tables at once, and
 * the reliability page asks again on each visit; each table is now computed once while remembered.
 */
export class SharedFigures implements TableStatistics {
	private readonly known = new Map<string, Promise<TableFigures>>();
	/** Tables handed to the statistics so far. */
	computed = 0;

	constructor(
		private readonly statistics: TableStatistics,
		private readonly maxTables = MAX_TABLES
	) {}

	figures(tables: FiguresRequest[]): Promise<TableFigures[]> {
		const keys = tables.map(keyOf);
		const answers = new Map<string, Promise<TableFigures>>();
		const missing = new Map<string, FiguresRequest>();
		for (const [i, key] of keys.entries()) {
			const known = this.known.get(key);
			if (known) {
				// Least recently used goes first: a hit moves to the end.
				this.known.delete(key);
				this.known.set(key, known);
				answers.set(key, known);
			} else missing.set(key, tables[i]);
		}
		if (missing.size > 0) {
			this.computed += missing.size;
			const job = this.statistics.figures([...missing.values()]);
			for (const [j, key] of [...missing.keys()].entries()) {
				const answer = job.then((figures) => figures[j]);
				answers.set(key, answer);
				this.remember(key, answer);
			}
			// A failure is not remembered: the next page asks again.
			job.catch(() => {
				for (const key of missing.keys()) if (this.known.get(key) === answers.get(key)) this.known.delete(key);
			});
		}
		return Promise.all(keys.map((k) => answers.get(k)!));
	}

	private remember(key: string, answer: Promise<TableFigures>): void {
		this.known.set(key, answer);
		for (const oldest of this.known.keys()) {
			if (this.known.size <= this.maxTables) break;
			this.known.delete(oldest);
		}
	}
}

/** What the figures depend on, hashed: a team's table is megabytes, its key 64 characters. */
function keyOf(t: FiguresRequest): string {
	const { raters, units, cells } = t.table;
	return createHash('sha256')
		.update(JSON.stringify([t.level, t.unitWord ?? 'interview', t.categories, raters, units]))
		.update(cells)
		.digest('hex');
}
