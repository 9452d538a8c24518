import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../domain/types.js';
import { PACK_ENTRIES_PER_TURN, packEntries, transferables, unpackEntries } from './packedEntries.js';
import { turnsDuring } from '../testing/turnsDuring.js';

const entries: LogEntry[] = [
	{
		interviewId: 'iv',
		seq: 1,
		t: 1700000000001,
		kind: 'yjs',
		doc: 'code',
		actor: 'p1',
		update: new Uint8Array([1, 2, 3])
	},
	{
		interviewId: 'iv',
		seq: 2,
		t: 1700000000002,
		kind: 'event',
		type: 'run:output',
		actor: 'p1',
		data: { runId: 'r', stream: 'stdout', text: 'Dan An\n' }
	},
	{ interviewId: 'iv', seq: 3, t: 1700000000003, kind: 'yjs', doc: 'canvas', actor: 'p2', update: new Uint8Array([]) },
	{ interviewId: 'iv', seq: 5, t: 1700000000009, kind: 'yjs', doc: 'code', actor: 'p2', update: new Uint8Array([9, 8]) }
] as LogEntry[];

describe('a recording packed for the anonymiser thread', () => {
	it('comes back entry for entry, bytes, numbers, events and all, after crossing to another thread', async () => {
		const packed = await packEntries(entries);
		// Through a real MessagePort, buffers transferred as the thread gets them.
		const { port1, port2 } = new MessageChannel();
		const received = new Promise<unknown>((resolve) => port2.once('message', resolve));
		port1.postMessage(packed, transferables(packed));
		const got = unpackEntries((await received) as typeof packed);
		port1.close();
		expect(got.map((e) => ({ ...e, update: e.kind === 'yjs' ? [...e.update] : undefined }))).toEqual(
			entries.map((e) => ({ ...e, update: e.kind === 'yjs' ? [...e.update] : undefined }))
		);
		// Transferred, not copied: the sender's buffers are gone.
		expect(packed.bytes.byteLength).toBe(0);
	});

	it('an empty recording packs and unpacks to nothing', async () => {
		expect(unpackEntries(await packEntries([]))).toEqual([]);
	});

	it('packs a long recording a slice per turn of the event loop, in order', async () => {
		const long = Array.from({ length: PACK_ENTRIES_PER_TURN * 4 + 1 }, (_, i) => ({ ...entries[0], seq: i + 1 }));
		const packing = packEntries(long);
		expect(await turnsDuring(packing)).toBeGreaterThanOrEqual(3);
		expect(Array.from((await packing).seq)).toEqual(long.map((e) => e.seq));
	});
});
