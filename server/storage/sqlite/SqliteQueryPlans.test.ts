import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from './openSqliteStores.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-plans-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Statements that read every row on purpose, and why. */
const WHOLE_TABLE: [RegExp, string][] = [
	[/FROM pragma_table_info/, 'a migration reads the columns of a table'],
	[/candidate_name LIKE @text/, "ORG-2's search matches text anywhere in a name or title: no index helps a LIKE '%…%'"],
	[/FROM loops ORDER BY/, "the organizer's list of every loop, each with its count of interviews"]
];

/** Every statement the SQLite stores prepare, as they prepare it. */
async function preparedStatements(): Promise<string[]> {
	const proto = Database.prototype as unknown as { prepare(sql: string): unknown };
	const prepare = proto.prepare;
	const seen = new Set<string>();
	proto.prepare = function (this: unknown, sql: string) {
		seen.add(sql);
		return prepare.call(this, sql);
	};
	try {
		await openSqliteStores(path.join(dir, 'stores.sqlite')).close();
	} finally {
		proto.prepare = prepare;
	}
	return [...seen].filter((sql) => /^\s*(SELECT|UPDATE|DELETE|INSERT|WITH)/i.test(sql));
}

function planOf(db: Database.Database, sql: string): string[] {
	const explain = db.prepare(`EXPLAIN QUERY PLAN ${sql}`);
	const named = [...new Set(sql.match(/@[a-z_]+/gi) ?? [])];
	const rows = (
		named.length > 0
			? explain.all(Object.fromEntries(named.map((n) => [n.slice(1), null])))
			: explain.all(...Array<null>((sql.match(/\?/g) ?? []).length).fill(null))
	) as { detail: string }[];
	return rows.map((r) => r.detail);
}

describe('SQLite query plans (issue 11: no read grows with every row of a table)', () => {
	it('every statement that picks rows finds them by an index, and every bounded list reads them in index order', async () => {
		const statements = await preparedStatements();
		expect(statements.length).toBeGreaterThan(50);
		const db = new Database(path.join(dir, 'stores.sqlite'), { readonly: true });
		const problems: string[] = [];
		for (const sql of statements) {
			if (WHOLE_TABLE.some(([pattern]) => pattern.test(sql))) continue;
			const plan = planOf(db, sql);
			const oneLine = sql.replace(/\s+/g, ' ').trim();
			// A statement without WHERE or LIMIT lists every row by design (the organizer's lists).
			const picksRows = /\bWHERE\b|\bLIMIT\b/i.test(sql);
			const scans = plan.filter(
				(d) => /^SCAN /.test(d) && !/VIRTUAL TABLE/.test(d) && !/USING (COVERING )?INDEX/.test(d)
			);
			if (picksRows && scans.length > 0) problems.push(`${scans.join(', ')} ← ${oneLine}`);
			if (/\bLIMIT\b/i.test(sql) && plan.some((d) => /USE TEMP B-TREE FOR ORDER BY/.test(d))) {
				problems.push(`sorts every row to keep a few ← ${oneLine}`);
			}
		}
		db.close();
		expect(problems).toEqual([]);
	});
});
