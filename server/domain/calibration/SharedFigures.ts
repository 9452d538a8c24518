import type { TableStatistics } from '../ports.js';
import type { FiguresRequest, TableFigures } from './calibrationStatistics.js';

/** How much of the tables' text is remembered (about 8 MB of strings): a few hundred pages' tables. */
const MAX_KEY_CHARS = 4_000_000;

/**
 * The figures of tables already computed, or being computed, by what the table holds. The figures
 * are a function of the table alone (the bootstrap's seed is fixed), so an answer remembered is
 * the answer. When a round is revealed every rater's page asks for the same tables at once, and
 * the reliability page asks again on each visit; each table is now computed once while remembered.
 */
export class SharedFigures implements TableStatistics {
	private readonly known = new Map<string, Promise<TableFigures>>();
	private keyChars = 0;
	/** Tables handed to the statistics so far. */
	computed = 0;

	constructor(
		private readonly statistics: TableStatistics,
		private readonly maxKeyChars = MAX_KEY_CHARS
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
				for (const key of missing.keys()) if (this.known.get(key) === answers.get(key)) this.forget(key);
			});
		}
		return Promise.all(keys.map((k) => answers.get(k)!));
	}

	private remember(key: string, answer: Promise<TableFigures>): void {
		this.known.set(key, answer);
		this.keyChars += key.length;
		for (const oldest of this.known.keys()) {
			if (this.keyChars <= this.maxKeyChars || oldest === key) break;
			this.forget(oldest);
		}
	}

	private forget(key: string): void {
		if (!this.known.delete(key)) return;
		this.keyChars -= key.length;
	}
}

function keyOf(t: FiguresRequest): string {
	return JSON.stringify([t.level, t.unitWord ?? 'interview', t.categories, t.ratings]);
}
