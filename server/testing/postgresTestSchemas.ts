import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { it } from 'vitest';
import { openPostgresStores } from '../storage/postgres/openPostgresStores.js';
import type { StoresUnderTest } from './storeFixtures.js';

/**
 * The PostgreSQL the suites run against, from PAIRBOARD_TEST_DATABASE_URL (.ci/run always sets
 * it, via scripts/ci-services.sh). Without it the suites are reported as skipped, by a name that
 * says why; under CI a missing URL is a failure, never a silent pass.
 */
export const TEST_DATABASE_URL = process.env.PAIRBOARD_TEST_DATABASE_URL;

export const NEEDS_DATABASE = 'needs PAIRBOARD_TEST_DATABASE_URL (a PostgreSQL; .ci/run sets it)';

export function failUnderCiWithoutDatabase(): void {
	if (!TEST_DATABASE_URL && !process.env.CI) {
		console.warn(`[tests] PostgreSQL contract suites skipped: ${NEEDS_DATABASE}`);
	}
	if (!TEST_DATABASE_URL && process.env.CI) {
		it('PostgreSQL contract suites: PAIRBOARD_TEST_DATABASE_URL must be set under CI', () => {
			throw new Error('PAIRBOARD_TEST_DATABASE_URL is not set: the PostgreSQL stores were not tested');
		});
	}
}

/** Fresh schemas on the test database, one per call, dropped by `cleanup` or `dropAll`. */
export class TestSchemas {
	private readonly admin: pg.Pool;
	private readonly made = new Set<string>();

	constructor(private readonly url: string) {
		this.admin = new pg.Pool({ connectionString: url, max: 2 });
	}

	newName(): string {
		const name = `pb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
		this.made.add(name);
		return name;
	}

	/** Empty stores in a schema of their own; `reopen` opens the same schema again. */
	async stores(): Promise<StoresUnderTest> {
		const schema = this.newName();
		const open = () => openPostgresStores(this.url, { schema, max: 4 });
		return { stores: await open(), reopen: open, cleanup: () => this.drop(schema) };
	}

	async drop(schema: string): Promise<void> {
		await this.admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		this.made.delete(schema);
	}

	async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
		return (await this.admin.query<R>(sql, params)).rows;
	}

	async dropAll(): Promise<void> {
		for (const s of [...this.made]) await this.drop(s);
		await this.admin.end();
	}
}
