import pg from 'pg';
import { PG_MIGRATIONS, type PgMigration } from './migrations.js';

/** Any connection a repository may run a statement on: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

/** Every process migrates under this advisory lock, so processes starting together migrate once. */
export const MIGRATION_LOCK_KEY = 7_013_013;

/**
 * BIGINT (oid 20) columns hold milliseconds and seqs, all far below 2^53: read them as numbers,
 * not the strings pg gives by default. Per pool, so nothing global is changed.
 */
const types = {
	getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
		oid === pg.types.builtins.INT8
			? (v: string) => Number(v)
			: pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser
};

export interface PostgresOptions {
	/** A schema of its own (tests): created if missing, and put first on the search path. */
	schema?: string;
	max?: number;
}

/**
 * The one owner of the PostgreSQL pool: it connects, runs the migrations this database has not
 * run yet, under an advisory lock, and hands the pool to the repositories. What must be atomic
 * is done by `transaction`, on one client of the pool.
 */
export class PostgresDatabase {
	private constructor(
		readonly pool: pg.Pool,
		readonly schema: string | undefined
	) {}

	static async open(url: string, options: PostgresOptions = {}, migrations = PG_MIGRATIONS): Promise<PostgresDatabase> {
		const { schema } = options;
		if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`Invalid schema name: ${schema}`);
		const pool = new pg.Pool({
			connectionString: url,
			max: options.max ?? 10,
			types,
			connectionTimeoutMillis: 10_000,
			...(schema ? { options: `-c search_path=${schema}` } : {})
		});
		// An idle client losing its connection (the server restarted) must not crash the process.
		pool.on('error', (err) => console.error('[pairboard] PostgreSQL connection lost:', err.message));
		try {
			await migrate(pool, migrations, schema);
		} catch (err) {
			await pool.end();
			throw err;
		}
		return new PostgresDatabase(pool, schema);
	}

	async schemaVersion(): Promise<number> {
		const r = await this.pool.query<{ v: number }>(`SELECT COALESCE(MAX(version), 0)::int AS v FROM pairboard_schema`);
		return r.rows[0].v;
	}

	/** Runs `fn` in one transaction on one client; rolled back if it throws. */
	async transaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
		const client = await this.pool.connect();
		try {
			await client.query('BEGIN');
			const result = await fn(client);
			await client.query('COMMIT');
			return result;
		} catch (err) {
			await client.query('ROLLBACK').catch(() => undefined);
			throw err;
		} finally {
			client.release();
		}
	}

	/** Whether the database answers now (for the health endpoint). */
	async ping(): Promise<boolean> {
		try {
			await this.pool.query('SELECT 1');
			return true;
		} catch {
			return false;
		}
	}

	async close(): Promise<void> {
		await this.pool.end();
	}
}

/**
 * Runs, each in its own transaction, the migrations not run yet. A session advisory lock held
 * on one client for the whole run makes a second process wait, then find nothing left to do.
 */
async function migrate(pool: pg.Pool, migrations: PgMigration[], schema?: string): Promise<void> {
	migrations.forEach((m, i) => {
		if (m.version !== i + 1) throw new Error(`Migration ${i + 1} is numbered ${m.version}: keep them in order`);
	});
	const client = await pool.connect();
	try {
		await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
		// Under the lock too: two processes creating the same schema at once would clash.
		if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
		await client.query(
			`CREATE TABLE IF NOT EXISTS pairboard_schema (
			   version INTEGER PRIMARY KEY,
			   description TEXT NOT NULL,
			   applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
			 )`
		);
		const current = (
			await client.query<{ v: number }>(`SELECT COALESCE(MAX(version), 0)::int AS v FROM pairboard_schema`)
		).rows[0].v;
		const latest = migrations.at(-1)?.version ?? 0;
		if (current > latest) {
			throw new Error(
				`The database is at schema version ${current}, newer than this release knows (${latest}); run a newer Pairboard`
			);
		}
		for (const m of migrations.filter((m) => m.version > current)) {
			await client.query('BEGIN');
			try {
				await client.query(m.up);
				await client.query(`INSERT INTO pairboard_schema (version, description) VALUES ($1, $2)`, [
					m.version,
					m.description
				]);
				await client.query('COMMIT');
			} catch (err) {
				await client.query('ROLLBACK');
				throw err;
			}
		}
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
		client.release();
	}
}
