import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteDatabase } from './SqliteDatabase.js';
import { WAL_RESTART_ABOVE_FRAMES, WalCheckpointer } from './WalCheckpointer.js';

const require = createRequire(import.meta.url);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-wal-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;
const newFile = () => path.join(dir, `db-${++n}`, 'pairboard.sqlite');
const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
const PAGE = 4096;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Commits one small row at a time, a turn of the event loop apart, as the recorder does; every
 * 1,000 rows, `between` may wait for something (a checkpoint: on a loaded machine the worker's
 * thread could otherwise get no time while 15,000 rows went in, and the WAL grew to 68 MB).
 */
async function commitRows(db: Database.Database, count: number, between?: () => Promise<unknown>): Promise<void> {
	db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, b BLOB)');
	const insert = db.prepare('INSERT INTO t (b) VALUES (?)');
	for (let i = 0; i < count; i++) {
		insert.run(Buffer.alloc(200, i % 251));
		if (i % 20 === 0) await nextTurn();
		if (between && i % 1000 === 999) await between();
	}
}

describe('WalCheckpointer (issue 11: SQLite checkpoints off the connection that commits)', () => {
	it("turns off the committing connection's own checkpoints, and its worker keeps the WAL short while rows keep coming", async () => {
		const file = newFile();
		const database = SqliteDatabase.open(file);
		const checkpointer = new WalCheckpointer(file, database.db, () => undefined, 20);
		try {
			expect(database.db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
			// Each commit adds at least one 4 KB frame: without checkpoints the WAL would pass 60 MB.
			const rows = 15_000;
			await commitRows(database.db, rows, () => checkpointer.next());
			const report = await checkpointer.next();
			expect(report.checkpointed).toBeGreaterThan(0);
			expect(checkpointer.checkpoints).toBeGreaterThan(1);
			expect(walBytes(file)).toBeLessThanOrEqual((WAL_RESTART_ABOVE_FRAMES + 2_000) * PAGE);
			expect(walBytes(file)).toBeLessThan(rows * PAGE);
		} finally {
			await checkpointer.close();
			database.close();
		}
		// Nothing was lost on the way: a fresh connection reads every row.
		const again = new Database(file, { readonly: true });
		expect((again.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c).toBe(15_000);
		again.close();
	});

	it('gives checkpoints back to the committing connection if its worker dies, and says why', async () => {
		const file = newFile();
		const database = SqliteDatabase.open(file);
		const failures: string[] = [];
		const checkpointer = new WalCheckpointer(file, database.db, (reason) => failures.push(reason), 20);
		try {
			await checkpointer.next();
			await checkpointer['worker'].terminate();
			expect(failures).toEqual([expect.stringMatching(/worker exited/)]);
			expect(database.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
			// SQLite's own checkpoints keep the WAL short again.
			await commitRows(database.db, 5_000);
			expect(walBytes(file)).toBeLessThan(2_000 * PAGE);
		} finally {
			await checkpointer.close();
			database.close();
		}
	});
});

describe('SqliteDatabase.transaction beside the checkpointing connection', () => {
	it('waits for a lock the other connection holds (a RESTART checkpoint) instead of failing with SQLITE_BUSY', async () => {
		const file = newFile();
		const database = SqliteDatabase.open(file);
		database.db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB)');
		// Another thread takes the write lock for a moment, as a RESTART checkpoint does.
		const locked = new Int32Array(new SharedArrayBuffer(4));
		const holder = new Worker(
			`const { workerData } = require('node:worker_threads');
			const Database = require(workerData.sqlite);
			const db = new Database(workerData.file);
			db.exec('BEGIN IMMEDIATE');
			Atomics.store(workerData.locked, 0, 1);
			Atomics.notify(workerData.locked, 0);
			Atomics.wait(workerData.locked, 0, 1, 150);
			db.exec('COMMIT');
			db.close();`,
			{ eval: true, workerData: { file, locked, sqlite: require.resolve('better-sqlite3') } }
		);
		try {
			expect(Atomics.wait(locked, 0, 0, 5_000)).not.toBe('timed-out');
			// Read, then write: the shape of appendBatch (its highest seq, then the rows).
			const written = database.transaction(() => {
				const before = (database.db.prepare('SELECT COUNT(*) AS c FROM t').get() as { c: number }).c;
				database.db.prepare('INSERT INTO t (b) VALUES (?)').run(Buffer.from('x'));
				return before + 1;
			});
			expect(written).toBe(1);
		} finally {
			await holder.terminate();
			database.close();
		}
	});
});
