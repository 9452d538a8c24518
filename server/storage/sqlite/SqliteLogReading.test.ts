import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStores } from './openSqliteStores.js';
import { LOG_PAGE } from './SqliteLogStore.js';
import type { LogEntry, NewLogEntry } from '../../domain/types.js';
import { turnsDuring } from '../../testing/turnsDuring.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-log-reading-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const entry = (i: number): NewLogEntry =>
	i % 9 === 0
		? {
				interviewId: 'iv',
				t: i,
				kind: 'event',
				type: 'interview:end',
				actor: 'server',
				data: { endedAt: i, reason: 'time' }
			}
		: { interviewId: 'iv', t: i, kind: 'yjs', doc: 'code', actor: 'p', update: new Uint8Array([i & 0xff, i >> 8]) };

async function collect(log: AsyncIterable<LogEntry>): Promise<LogEntry[]> {
	const out: LogEntry[] = [];
	for await (const e of log) out.push(e);
	return out;
}

describe('reading a long SQLite log (issue 11)', () => {
	it('gives the event loop a turn between pages, so the rooms go on while a replay or a download reads it', async () => {
		const stores = openSqliteStores(path.join(dir, 'turns.sqlite'));
		const n = LOG_PAGE * 4 + 3;
		await stores.log.appendBatch(Array.from({ length: n }, (_, i) => entry(i + 1)));
		const read = collect(stores.log.readLog('iv'));
		// One turn at least between each two of the five pages (a read in one go got none).
		expect(await turnsDuring(read)).toBeGreaterThanOrEqual(4);
		const entries = await read;
		expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => i + 1));
		expect(entries[LOG_PAGE]).toMatchObject({
			kind: 'yjs',
			update: new Uint8Array([(LOG_PAGE + 1) & 0xff, (LOG_PAGE + 1) >> 8])
		});
		await stores.close();
	});

	it('an entry appended while the log is being read comes at its end, once', async () => {
		const stores = openSqliteStores(path.join(dir, 'growing.sqlite'));
		await stores.log.appendBatch(Array.from({ length: LOG_PAGE + 10 }, (_, i) => entry(i + 1)));
		const seqs: number[] = [];
		for await (const e of stores.log.readLog('iv', 5)) {
			seqs.push(e.seq);
			if (seqs.length === 1) await stores.log.appendBatch([entry(LOG_PAGE + 11)]);
		}
		expect(seqs).toEqual(Array.from({ length: LOG_PAGE + 6 }, (_, i) => i + 6));
		await stores.close();
	});
});
