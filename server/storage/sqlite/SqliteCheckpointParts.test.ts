import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from './openSqliteStores.js';
import { CHECKPOINT_PART_BYTES } from './SqliteLogStore.js';
import { SqliteDatabase } from './SqliteDatabase.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';
import { interview, participants } from '../../testing/storeFixtures.js';
import type { Checkpoint } from '../../domain/types.js';
import { turnsDuring } from '../../testing/turnsDuring.js';

type SqliteStores = ReturnType<typeof openSqliteStores>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-parts-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A state of `size` bytes that differs at every offset, so a part out of place shows. */
function state(size: number, salt = 0): Uint8Array {
	const s = new Uint8Array(size);
	for (let i = 0; i < size; i++) s[i] = (i * 31 + (i >> 8) + salt) & 0xff;
	return s;
}

async function withLog(id: string): Promise<SqliteStores> {
	const stores = openSqliteStores(path.join(dir, `db-${++n}.sqlite`));
	await stores.interviews.createInterview(interview(id), participants(id));
	const update = new Uint8Array([1, 2, 3]);
	await stores.log.appendBatch([{ interviewId: id, t: 1, kind: 'yjs', doc: 'canvas', actor: 'p', update }]);
	return stores;
}

/** Compares the states as Buffers: toEqual walks a megabyte array element by element, for seconds. */
function expectCheckpoint(got: Checkpoint | undefined, want: Checkpoint): void {
	expect(got && { ...got, state: undefined }).toEqual({ ...want, state: undefined });
	expect(got && Buffer.from(got.state).equals(Buffer.from(want.state))).toBe(true);
}

const rows = (stores: SqliteStores, table: string, id: string) =>
	(stores.database.db.prepare(`SELECT count(*) AS n FROM ${table} WHERE interview_id = ?`).get(id) as { n: number }).n;

describe('SQLite checkpoints written in parts (issue 11)', () => {
	it('writes a large checkpoint a part per turn of the event loop, so commits go on meanwhile, and reads it back byte for byte', async () => {
		const stores = await withLog('iv');
		const small = state(1000);
		await stores.log.writeCheckpoint('iv', 'canvas', { seq: 1, state: small });
		const big = state(CHECKPOINT_PART_BYTES * 5 + 123);
		const writing = stores.log.writeCheckpoint('iv', 'canvas', { seq: 2, state: big, clients: { '7': 'p' } });

		// A keystroke committed while the checkpoint is being written is stored before it ends.
		const during = stores.log.appendBatch([
			{ interviewId: 'iv', t: 2, kind: 'yjs', doc: 'code', actor: 'p', update: new Uint8Array([9]) }
		]);
		let committedFirst = false;
		void during.then(() => (committedFirst = true));
		// Until the last part is in, the latest checkpoint is the previous one.
		await new Promise((r) => setImmediate(r));
		expect((await stores.log.latestCheckpoint('iv', 'canvas'))?.seq).toBe(1);

		const turns = await turnsDuring(writing);
		expect(committedFirst).toBe(true);
		expect(turns).toBeGreaterThanOrEqual(5);
		expectCheckpoint(await stores.log.latestCheckpoint('iv', 'canvas'), { seq: 2, state: big, clients: { '7': 'p' } });
		expectCheckpoint(await stores.log.readCheckpoint('iv', 'canvas', 2), { seq: 2, state: big, clients: { '7': 'p' } });
		expectCheckpoint(await stores.log.readCheckpoint('iv', 'canvas', 1), { seq: 1, state: small });
		expect(await stores.log.listCheckpoints('iv')).toEqual([
			{ doc: 'canvas', seq: 1 },
			{ doc: 'canvas', seq: 2 }
		]);
		await stores.close();
	});

	it('DEL-1: an interview erased while its checkpoint is being written keeps no part of it', async () => {
		const stores = await withLog('gone');
		const writing = stores.log.writeCheckpoint('gone', 'canvas', { seq: 1, state: state(CHECKPOINT_PART_BYTES * 4) });
		await new Promise((r) => setImmediate(r));
		await new Promise((r) => setImmediate(r));
		expect(rows(stores, 'checkpoint_parts', 'gone')).toBeGreaterThan(0); // the erasure lands mid-write
		expect(await stores.erasure.eraseInterview('gone')).toBe(true);
		await writing;
		expect(rows(stores, 'checkpoint_parts', 'gone')).toBe(0);
		expect(rows(stores, 'checkpoints', 'gone')).toBe(0);
		expect(await stores.log.latestCheckpoint('gone', 'canvas')).toBeUndefined();
		await stores.close();
	});

	it('a checkpoint whose write stopped half-way (the process died) is never read: the one before stays the latest', async () => {
		const stores = await withLog('iv');
		await stores.log.writeCheckpoint('iv', 'canvas', { seq: 1, state: state(100) });
		stores.database.db
			.prepare(`INSERT INTO checkpoint_parts (interview_id, doc, seq, part, bytes) VALUES (?, 'canvas', 5, 0, ?)`)
			.run('iv', Buffer.from(state(CHECKPOINT_PART_BYTES)));
		expect((await stores.log.latestCheckpoint('iv', 'canvas'))?.seq).toBe(1);
		expect(await stores.log.readCheckpoint('iv', 'canvas', 5)).toBeUndefined();
		await stores.close();
	});

	it('a checkpoint written again at the same seq, larger or smaller, replaces the first whole', async () => {
		const stores = await withLog('iv');
		const sizes = [CHECKPOINT_PART_BYTES * 3, CHECKPOINT_PART_BYTES * 2 - 5, 50, CHECKPOINT_PART_BYTES + 1];
		for (const [i, size] of sizes.entries()) {
			const s = state(size, i);
			await stores.log.writeCheckpoint('iv', 'canvas', { seq: 3, state: s });
			expectCheckpoint(await stores.log.readCheckpoint('iv', 'canvas', 3), { seq: 3, state: s });
			expect(rows(stores, 'checkpoint_parts', 'iv')).toBe(
				size > CHECKPOINT_PART_BYTES ? Math.ceil(size / CHECKPOINT_PART_BYTES) : 0
			);
		}
		await stores.close();
	});

	it('while a parted checkpoint is written again at its seq, a reader never gets a mix of old and new parts', async () => {
		const stores = await withLog('iv');
		const first = state(CHECKPOINT_PART_BYTES * 3, 1);
		await stores.log.writeCheckpoint('iv', 'canvas', { seq: 4, state: first });
		const second = state(CHECKPOINT_PART_BYTES * 3, 2);
		const writing = stores.log.writeCheckpoint('iv', 'canvas', { seq: 4, state: second });
		await new Promise((r) => setImmediate(r));
		await new Promise((r) => setImmediate(r));
		const during = await stores.log.readCheckpoint('iv', 'canvas', 4);
		// The seq is without a checkpoint until the new one is whole (loads use the one before).
		expect(during === undefined || Buffer.from(during.state).equals(Buffer.from(first))).toBe(true);
		await writing;
		expectCheckpoint(await stores.log.readCheckpoint('iv', 'canvas', 4), { seq: 4, state: second });
		await stores.close();
	});

	it('a database from before migration 4 keeps its checkpoints, and takes checkpoints in parts from then on', async () => {
		const file = path.join(dir, `db-${++n}.sqlite`);
		const old = SqliteDatabase.open(
			file,
			MIGRATIONS.filter((m) => m.version < 4)
		);
		old.db
			.prepare(`INSERT INTO checkpoints (interview_id, doc, seq, state, clients) VALUES ('iv', 'canvas', 1, ?, NULL)`)
			.run(Buffer.from(state(500)));
		old.db
			.prepare(
				`INSERT INTO log (interview_id, seq, t, kind, doc, type, actor, data) VALUES ('iv', 1, 1, 'yjs', 'canvas', NULL, 'p', ?)`
			)
			.run(Buffer.from([1]));
		old.close();
		const stores = openSqliteStores(file);
		expect(stores.database.schemaVersion).toBe(SCHEMA_VERSION);
		expectCheckpoint(await stores.log.latestCheckpoint('iv', 'canvas'), { seq: 1, state: state(500) });
		const big = state(CHECKPOINT_PART_BYTES * 2 + 1);
		await stores.log.writeCheckpoint('iv', 'canvas', { seq: 2, state: big });
		expectCheckpoint(await stores.log.latestCheckpoint('iv', 'canvas'), { seq: 2, state: big });
		await stores.close();
	});
});
