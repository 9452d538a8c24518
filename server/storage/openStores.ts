import path from 'node:path';
import type { Config } from '../config.js';
import type { Stores } from '../domain/ports.js';
import { describeConnectionError, redactUrl } from '../system/describeConnectionError.js';
import { openSqliteStores } from './sqlite/openSqliteStores.js';

/** What `GET /api/health` says about storage. */
export interface StorageHealth {
	kind: 'sqlite' | 'postgres';
	ok: boolean;
}

export type OpenedStores = Stores & { health(): Promise<StorageHealth> };

/**
 * PostgreSQL when `PAIRBOARD_DATABASE_URL` is set (issue 13), else SQLite in the data folder.
 * A database that cannot be reached or refuses the login fails start-up with one line naming it.
 */
export async function openStores(config: Config): Promise<OpenedStores> {
	if (!config.databaseUrl) {
		const stores = openSqliteStores(path.join(config.dataDir, 'pairboard.sqlite'));
		return {
			...stores,
			health: async () => ({ kind: 'sqlite', ok: stores.database.db.open })
		};
	}
	// Imported only when configured: pg is about 14 MB of a process's memory that SQLite does not need.
	const { openPostgresStores } = await import('./postgres/openPostgresStores.js');
	let stores: Awaited<ReturnType<typeof openPostgresStores>>;
	try {
		stores = await openPostgresStores(config.databaseUrl);
	} catch (err) {
		throw new Error(`Cannot use PostgreSQL at ${redactUrl(config.databaseUrl)}: ${describeConnectionError(err)}`);
	}
	return { ...stores, health: async () => ({ kind: 'postgres', ok: await stores.database.ping() }) };
}
