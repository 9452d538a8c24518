import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe } from 'vitest';
import { calibrationStoreContract } from '../../testing/calibrationStoreContract.js';
import { scorecardStoreContract } from '../../testing/scorecardStoreContract.js';
import { storeContract } from '../../testing/storeContract.js';
import { openSqliteStores } from './openSqliteStores.js';

describe('SQLite stores in memory', () => {
	storeContract(() => ({ stores: openSqliteStores(':memory:') }));
	scorecardStoreContract(() => ({ stores: openSqliteStores(':memory:') }));
	calibrationStoreContract(() => ({ stores: openSqliteStores(':memory:') }));
});

describe('SQLite stores on a file', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-store-'));
	let n = 0;
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
	const onFile = () => {
		// A subfolder that does not exist yet: the database module creates it.
		const file = path.join(dir, `case-${++n}`, 'pairboard.db');
		return { stores: openSqliteStores(file), reopen: () => openSqliteStores(file) };
	};

	storeContract(onFile, { durable: true });
	scorecardStoreContract(onFile, { durable: true });
	calibrationStoreContract(onFile, { durable: true });
});
