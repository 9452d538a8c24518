import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrationStoreContract } from '../../testing/calibrationStoreContract.js';
import { scorecardStoreContract } from '../../testing/scorecardStoreContract.js';
import { storeContract } from '../../testing/storeContract.js';
import { event, readAll, range } from '../../testing/storeFixtures.js';
import {
	failUnderCiWithoutDatabase,
	NEEDS_DATABASE,
	TEST_DATABASE_URL,
	TestSchemas
} from '../../testing/postgresTestSchemas.js';
import { openPostgresStores } from './openPostgresStores.js';
import { PG_INTERVIEW_TABLES } from './PgInterviewErasure.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './migrations.js';
import { PostgresDatabase } from './PostgresDatabase.js';
import { MIGRATIONS } from '../sqlite/migrations.js';

failUnderCiWithoutDatabase();

describe.skipIf(!TEST_DATABASE_URL)(`PostgreSQL stores (${NEEDS_DATABASE})`, () => {
	const schemas = new TestSchemas(TEST_DATABASE_URL ?? '');
	afterAll(() => schemas.dropAll());

	storeContract(() => schemas.stores(), { durable: true });
	scorecardStoreContract(() => schemas.stores(), { durable: true });
	calibrationStoreContract(() => schemas.stores(), { durable: true });

	it('two writers (two pools, as two processes) appending to one interview get unique, gapless seqs', async () => {
		const schema = schemas.newName();
		const [a, b] = await Promise.all([
			openPostgresStores(TEST_DATABASE_URL!, { schema, max: 4 }),
			openPostgresStores(TEST_DATABASE_URL!, { schema, max: 4 })
		]);
		const batches = 40;
		const write = (who: string) =>
			Promise.all(
				Array.from({ length: batches }, (_, i) =>
					(who === 'a' ? a : b).log.appendBatch([
						event('iv', `${who}${i}.0`),
						event('iv', `${who}${i}.1`),
						event('other', who)
					])
				)
			);
		const written = (await Promise.all([write('a'), write('b')])).flat(2).filter((e) => e.interviewId === 'iv');
		const total = batches * 2 * 2;
		expect(written.map((e) => e.seq).sort((x, y) => x - y)).toEqual(range(1, total));
		const log = await readAll(a, 'iv');
		expect(log.map((e) => e.seq)).toEqual(range(1, total));
		// Each batch's two entries are adjacent and in batch order: no writer interleaves inside another's batch.
		for (let i = 0; i < log.length; i += 2) {
			const [x, y] = [log[i], log[i + 1]].map((e) => (e.kind === 'event' ? e.type : ''));
			expect(y).toBe(x.replace(/\.0$/, '.1'));
		}
		expect((await readAll(b, 'other')).map((e) => e.seq)).toEqual(range(1, batches * 2));
		await Promise.all([a.close(), b.close()]);
	});

	it('processes starting together on an empty database migrate it once', async () => {
		const schema = schemas.newName();
		const opened = await Promise.all(
			[1, 2, 3].map(() => PostgresDatabase.open(TEST_DATABASE_URL!, { schema, max: 2 }))
		);
		for (const db of opened) expect(await db.schemaVersion()).toBe(PG_SCHEMA_VERSION);
		const rows = await schemas.query<{ version: number }>(
			`SELECT version FROM ${schema}.pairboard_schema ORDER BY version`
		);
		expect(rows.map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
		await Promise.all(opened.map((db) => db.close()));
	});

	it('refuses a database whose schema is newer than this release knows', async () => {
		const schema = schemas.newName();
		await (await PostgresDatabase.open(TEST_DATABASE_URL!, { schema })).close();
		await schemas.query(`INSERT INTO ${schema}.pairboard_schema (version, description) VALUES (999, 'future')`);
		await expect(PostgresDatabase.open(TEST_DATABASE_URL!, { schema })).rejects.toThrow(/newer than this release/);
	});

	it('DEL-1: the erasure lists every table with an interview_id column', async () => {
		const schema = schemas.newName();
		const stores = await openPostgresStores(TEST_DATABASE_URL!, { schema });
		const rows = await schemas.query<{ table_name: string }>(
			`SELECT table_name FROM information_schema.columns WHERE table_schema = $1 AND column_name = 'interview_id'`,
			[schema]
		);
		expect([...PG_INTERVIEW_TABLES].sort()).toEqual(rows.map((r) => r.table_name).sort());
		await stores.close();
	});

	it("has an index wherever SQLite has one (same table, same leading column), so that no read scans here that SQLite's plans avoid", async () => {
		const schema = schemas.newName();
		const stores = await openPostgresStores(TEST_DATABASE_URL!, { schema });
		const pg = await schemas.query<{ tablename: string; indexdef: string }>(
			`SELECT tablename, indexdef FROM pg_indexes WHERE schemaname = $1`,
			[schema]
		);
		const have = new Set(pg.map((r) => `${r.tablename}.${/\(([a-z_]+)/.exec(r.indexdef)?.[1]}`));
		const lite = new Database(':memory:');
		for (const m of MIGRATIONS) m.up(lite);
		const wanted = (
			lite.prepare(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL`).all() as {
				name: string;
				tbl_name: string;
			}[]
		).map((i) => {
			const [first] = lite.prepare(`SELECT name FROM pragma_index_info(?) ORDER BY seqno`).all(i.name) as {
				name: string;
			}[];
			return `${i.tbl_name}.${first.name}`;
		});
		lite.close();
		expect(wanted.length).toBeGreaterThan(10);
		expect(wanted.filter((w) => !have.has(w))).toEqual([]);
		await stores.close();
	});
});
