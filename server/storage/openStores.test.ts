import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config.js';
import { TEST_DATABASE_URL, NEEDS_DATABASE } from '../testing/postgresTestSchemas.js';
import { openStores } from './openStores.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-open-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const config = (env: Record<string, string>) => readConfig({ PAIRBOARD_DATA: dir, ...env });

describe('choosing the stores', () => {
	it('without PAIRBOARD_DATABASE_URL: SQLite in the data folder', async () => {
		const stores = await openStores(config({}));
		expect(await stores.health()).toEqual({ kind: 'sqlite', ok: true });
		expect(fs.existsSync(path.join(dir, 'pairboard.sqlite'))).toBe(true);
		await stores.close();
	});

	it.each([
		['not a URL', 'localhost:5432/db'],
		['another scheme', 'mysql://u:p@host/db']
	])('refuses a PAIRBOARD_DATABASE_URL that is %s, naming the variable', (_what, url) => {
		expect(() => config({ PAIRBOARD_DATABASE_URL: url })).toThrow(
			/^PAIRBOARD_DATABASE_URL: must be a URL like postgres:\/\//
		);
	});

	it('refuses a PAIRBOARD_REDIS_URL that is not redis://', () => {
		expect(() => config({ PAIRBOARD_REDIS_URL: 'http://host:6379' })).toThrow(
			/^PAIRBOARD_REDIS_URL: must be a URL like redis:\/\//
		);
	});

	it('an unreachable PostgreSQL fails start-up in one line naming it, without the password', async () => {
		// Port 1 on the loopback: nothing listens there, so the connection is refused at once.
		const url = 'postgres://someone:secret@127.0.0.1:1/pairboard';
		const err = await openStores(config({ PAIRBOARD_DATABASE_URL: url })).catch((e: Error) => e);
		expect(err).toBeInstanceOf(Error);
		expect((err as Error).message).toMatch(
			/^Cannot use PostgreSQL at postgres:\/\/someone:\*\*\*@127\.0\.0\.1:1\/pairboard: .*ECONNREFUSED/
		);
		expect((err as Error).message).not.toContain('secret');
	});

	it.skipIf(!TEST_DATABASE_URL)(`a wrong password is named as such (${NEEDS_DATABASE})`, async () => {
		const u = new URL(TEST_DATABASE_URL!);
		u.password = 'not-the-password';
		const err = await openStores(config({ PAIRBOARD_DATABASE_URL: u.toString() })).catch((e: Error) => e);
		expect((err as Error).message).toMatch(/^Cannot use PostgreSQL at .*: password authentication failed/);
	});
});
