/**
 * The README's table of the bank, generated from every problem's meta.yaml so that it cannot
 * drift from the folders (`npm run bank:table` rewrites it; a test compares).
 */
import type { ProblemFiles } from '../storage/loadProblems.js';

export const BANK_TABLE_START = '<!-- bank-table:start (npm run bank:table) -->';
export const BANK_TABLE_END = '<!-- bank-table:end -->';

const KIND_ORDER = ['coding', 'debugging', 'code-review', 'performance', 'system-design', 'behavioural'];

export function bankTable(problems: readonly ProblemFiles[], competencyNames: ReadonlyMap<string, string>): string {
	const rows = [...problems]
		.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id.localeCompare(b.id))
		.map(
			(p) =>
				`| \`${p.id}\` | ${p.title.replace(/\|/g, '\\|')} | ${p.kind} | ${p.competencies
					.map((c) => competencyNames.get(c) ?? c)
					.join(', ')} | ${p.seniority.join(', ')} | ${p.timeBoxMinutes} min |`
		);
	return [
		BANK_TABLE_START,
		'',
		'| id | title | kind | competencies | levels | time box |',
		'| --- | --- | --- | --- | --- | --- |',
		...rows,
		'',
		BANK_TABLE_END
	].join('\n');
}

/** `readme` with the text between the markers replaced by `table`. */
export function withBankTable(readme: string, table: string): string {
	const start = readme.indexOf(BANK_TABLE_START);
	const end = readme.indexOf(BANK_TABLE_END);
	if (start < 0 || end < start) throw new Error('README.md has no bank-table markers');
	return readme.slice(0, start) + table + readme.slice(end + BANK_TABLE_END.length);
}

/** The table's cells without the padding Prettier adds, one line per row, for comparison. */
export function normaliseTable(text: string): string {
	return text
		.split('\n')
		.filter((l) => l.trim().startsWith('|'))
		.map((l) =>
			l
				.trim()
				.split(/(?<!\\)\|/)
				.map((cell) => (/^\s*:?-{3,}:?\s*$/.test(cell) ? '---' : cell.trim()))
				.join('|')
		)
		.join('\n');
}
