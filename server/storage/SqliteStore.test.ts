import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe } from 'vitest';
import { storeContract } from '../testing/storeContract.js';
import { SqliteStore } from './SqliteStore.js';

describe('SqliteStore in memory', () => {
	storeContract(() => ({ store: new SqliteStore(':memory:') }));
});

describe('SqliteStore on a file', () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-store-'));
	let n = 0;
	afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

	storeContract(
		() => {
			// A subfolder that does not exist yet: the store creates it.
			const file = path.join(dir, `case-${++n}`, 'pairboard.db');
			return {
				store: new SqliteStore(file),
				reopen: () => new SqliteStore(file)
			};
		},
		{ durable: true }
	);
});
