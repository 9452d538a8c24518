import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { buildCodeSeed } from '../../src/lib/shared/codeDoc.js';
import { IDLE_UNLOAD_MS, type DocRoom } from './DocRoom.js';
import { CHECKPOINT_EVERY_UPDATES, CHECKPOINT_GROWTH } from './CheckpointSchedule.js';
import { encodeBusFrame } from './busFrames.js';
import type { LogStore } from './ports.js';
import {
	InterviewHarness,
	type FakeConnection,
	type Interview,
	storedUpdates,
	seedWith,
	text,
	updateFrame
} from '../testing/docRoomHarness.js';

const harness = new InterviewHarness();
const interview = () => harness.interview();
afterEach(() => harness.closeOpen());
afterAll(() => harness.close());

describe('DocRoom seed', () => {
	it.each<[string, number, (iv: Interview) => Promise<unknown>]>([
		['a fresh document', 1, async () => {}],
		[
			'a document whose only history is in the other document',
			1,
			(iv) =>
				iv.store.appendBatch([
					{ interviewId: iv.id, t: 1, kind: 'yjs', doc: 'canvas', actor: 'p', update: seedWith('x') }
				])
		],
		[
			'a document with stored updates',
			0,
			(iv) =>
				iv.store.appendBatch([
					{ interviewId: iv.id, t: 1, kind: 'yjs', doc: 'code', actor: 'p', update: seedWith('edited') }
				])
		],
		[
			'a document with only a checkpoint',
			0,
			(iv) => iv.store.writeCheckpoint(iv.id, 'code', { seq: 3, state: seedWith('edited') })
		]
	])('is applied to %s %i time(s)', async (_what, times, history) => {
		const iv = interview();
		await history(iv);
		const seed = vi.fn(async () => seedWith('starter'));
		const room = await iv.open(seed);
		expect(seed).toHaveBeenCalledTimes(times);
		expect(text(room)).toBe(times ? 'starter' : 'edited');
		const seeded = storedUpdates(iv.store).filter((e) => e.actor === 'server');
		expect(seeded).toHaveLength(times);
	});

	it('is applied once for a real code document, and not again when the room is loaded again', async () => {
		const iv = interview();
		const starter = 'def moving_average(xs, k):\n    pass\n';
		const seed = vi.fn(async () => buildCodeSeed([{ problemId: 'moving-average', text: starter }]));
		const first = await iv.open(seed);
		await iv.connect(first, 'candidate');
		await iv.connect(first, 'interviewer');
		await first.close();
		const again = await iv.open(seed);
		expect(seed).toHaveBeenCalledOnce();
		expect(again.doc.getMap<Y.Text>('files').get('moving-average')?.toString()).toBe(starter);
	});
});

describe('DocRoom checkpoints', () => {
	/** Sends `count` single-character edits (some deletions among them), one message each. */
	async function typeInto(iv: Interview, room: DocRoom, conn: FakeConnection, count: number): Promise<void> {
		for (let i = 0; i < count; i++) {
			const update = conn.edit((t) =>
				i % 10 === 9 ? t.delete(Math.floor(t.length / 2), 1) : t.insert((i * 7) % (t.length + 1), 'xyz'[i % 3])
			);
			await room.receive(conn, updateFrame(update));
		}
		await iv.recorder.drain();
	}

	it('writes one after CHECKPOINT_EVERY_UPDATES stored updates; checkpoint + log load the document byte for byte', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');

		await typeInto(iv, room, cara, CHECKPOINT_EVERY_UPDATES - 1);
		expect(iv.store.checkpointsWritten).toEqual([]);
		await typeInto(iv, room, cara, 1);
		expect(iv.store.checkpointsWritten).toEqual([{ interviewId: iv.id, doc: 'code', seq: CHECKPOINT_EVERY_UPDATES }]);

		await typeInto(iv, room, cara, 7);
		await iv.store.settled();
		const reloaded = await iv.open();
		expect(iv.store.docReads.at(-1)).toEqual({ interviewId: iv.id, doc: 'code', afterSeq: CHECKPOINT_EVERY_UPDATES });
		expect(Y.encodeStateAsUpdate(reloaded.doc)).toEqual(Y.encodeStateAsUpdate(room.doc));
		expect(text(reloaded)).toBe(cara.doc.getText('t').toString());

		// Closing the reloaded room checkpoints at the last stored seq, not the checkpoint it started from.
		await reloaded.close();
		expect(iv.store.checkpointsWritten.at(-1)).toEqual({
			interviewId: iv.id,
			doc: 'code',
			seq: CHECKPOINT_EVERY_UPDATES + 7
		});
	});

	it('a large document is checkpointed again only once the updates since add up to 1/CHECKPOINT_GROWTH of its last checkpoint', async () => {
		// A canvas holding images is megabytes; 200 small moves must not rewrite all of it (issue 11).
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		await room.receive(cara, updateFrame(cara.edit((t) => t.insert(0, 'p'.repeat(320_000)))));
		await typeInto(iv, room, cara, CHECKPOINT_EVERY_UPDATES - 1);
		await iv.store.settled();
		expect(iv.store.checkpointsWritten.map((c) => c.seq)).toEqual([CHECKPOINT_EVERY_UPDATES]);
		const first = (await iv.store.latestCheckpoint(iv.id, 'code'))!.state.length;
		expect(first).toBeGreaterThan(320_000);

		// Small edits, one at a time, until the next checkpoint: it comes at the first seq where
		// both the count and the bytes since the first one are reached, not before.
		let bytesSince = 0;
		let seq = CHECKPOINT_EVERY_UPDATES;
		while (iv.store.checkpointsWritten.length === 1) {
			expect(seq, 'no second checkpoint at all').toBeLessThan(CHECKPOINT_EVERY_UPDATES * 20);
			await typeInto(iv, room, cara, 1);
			await iv.store.settled();
			seq++;
			bytesSince += storedUpdates(iv.store).at(-1)!.update.length;
			const due = seq - CHECKPOINT_EVERY_UPDATES >= CHECKPOINT_EVERY_UPDATES && bytesSince * CHECKPOINT_GROWTH >= first;
			expect(iv.store.checkpointsWritten.length, `checkpoint at seq ${seq}`).toBe(due ? 2 : 1);
		}
		expect(seq - CHECKPOINT_EVERY_UPDATES).toBeGreaterThan(CHECKPOINT_EVERY_UPDATES);

		const reloaded = await iv.open();
		expect(Y.encodeStateAsUpdate(reloaded.doc)).toEqual(Y.encodeStateAsUpdate(room.doc));
	});

	it('close() waits for a checkpoint still being written, so nothing writes after the store is closed', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		const hold = iv.store.holdNextCheckpoint();
		await typeInto(iv, room, cara, CHECKPOINT_EVERY_UPDATES);
		await hold.started;
		const closing = room.close();
		// close() has only resolved promises to wait for besides the checkpoint: a turn of the
		// event loop is more than enough for it to finish, unless it waits for the checkpoint.
		const first = await Promise.race([
			closing.then(() => 'closed'),
			new Promise((r) => setImmediate(() => r('still closing')))
		]);
		expect(first).toBe('still closing');
		hold.release();
		await closing;
		expect(await iv.store.latestCheckpoint(iv.id, 'code')).toMatchObject({ seq: CHECKPOINT_EVERY_UPDATES });
	});

	it('a checkpoint that cannot be written is logged, and the room goes on storing every update', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		iv.store.failNextCheckpoint(new Error('disk full'));
		await typeInto(iv, room, cara, CHECKPOINT_EVERY_UPDATES + 3);
		await iv.store.settled();
		expect(iv.logger.lines).toContainEqual(
			expect.objectContaining({
				level: 'error',
				message: expect.stringContaining('checkpoint'),
				err: new Error('disk full')
			})
		);
		expect(storedUpdates(iv.store)).toHaveLength(CHECKPOINT_EVERY_UPDATES + 3);
		const reloaded = await iv.open();
		expect(text(reloaded)).toBe(cara.doc.getText('t').toString());
	});

	it.each([0, 5])('close() after %i updates writes a final checkpoint only if something changed', async (count) => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		await typeInto(iv, room, cara, count);
		const state = Y.encodeStateAsUpdate(room.doc);

		await room.close();
		await iv.store.settled();

		if (count === 0) {
			expect(iv.store.checkpointsWritten).toEqual([]);
			return;
		}
		expect(iv.store.checkpointsWritten).toEqual([{ interviewId: iv.id, doc: 'code', seq: count }]);
		expect(await iv.store.latestCheckpoint(iv.id, 'code')).toEqual({ seq: count, state, clients: expect.any(Object) });
		const reloaded = await iv.open();
		expect(Y.encodeStateAsUpdate(reloaded.doc)).toEqual(state);
	});
});

describe('DocRoom idle unload (IDLE_UNLOAD_MS, on the injected scheduler)', () => {
	it('asks to be unloaded once the last connection has been gone for IDLE_UNLOAD_MS, not before', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		const ivan = await iv.connect(room, 'interviewer');
		room.leave(cara);
		iv.time.advance(IDLE_UNLOAD_MS * 2);
		expect(iv.onIdle).not.toHaveBeenCalled();

		room.leave(ivan);
		iv.time.advance(IDLE_UNLOAD_MS - 1);
		expect(iv.onIdle).not.toHaveBeenCalled();
		iv.time.advance(1);
		expect(iv.onIdle).toHaveBeenCalledExactlyOnceWith(room);
	});

	it('a connection that joins within IDLE_UNLOAD_MS keeps the room loaded', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		room.leave(cara);
		iv.time.advance(IDLE_UNLOAD_MS - 1);
		const back = await iv.connect(room, 'candidate');
		iv.time.advance(IDLE_UNLOAD_MS * 3);
		expect(iv.onIdle).not.toHaveBeenCalled();
		room.leave(back);
		iv.time.advance(IDLE_UNLOAD_MS);
		expect(iv.onIdle).toHaveBeenCalledTimes(1);
	});

	it('close() cancels a pending unload', async () => {
		const iv = interview();
		const room = await iv.open();
		room.leave(await iv.connect(room, 'candidate'));
		expect(iv.time.pending).toBe(1);
		await room.close();
		expect(iv.time.pending).toBe(0);
	});
});

describe('DocRoom loading next to other processes', () => {
	it('keeps what the bus relays while it reads the log (subscribe, load, then apply): no gap', async () => {
		const iv = interview();
		let release!: () => void;
		const gate = new Promise<void>((r) => (release = r));
		let reading!: () => void;
		const readingStarted = new Promise<void>((r) => (reading = r));
		// The log read is slow, and another process stores and relays an update meanwhile.
		const slowLog: LogStore = Object.assign(Object.create(iv.store) as LogStore, {
			readDocUpdates: async (...args: Parameters<LogStore['readDocUpdates']>) => {
				reading();
				await gate;
				return iv.store.readDocUpdates(...args);
			}
		});
		const opening = iv.open(async () => null, slowLog);
		await readingStarted;
		const elsewhere = new Y.Doc();
		let relayed!: Uint8Array;
		elsewhere.on('update', (u: Uint8Array) => (relayed = u));
		elsewhere.getText('t').insert(0, 'typed on another process');
		iv.bus.publish(
			`yjs:${iv.id}/code`,
			encodeBusFrame({ processId: 'other-process', originConnId: '', update: relayed })
		);
		release();
		const room = await opening;
		expect(text(room)).toBe('typed on another process');
	});
});

describe('DocRoom when an update cannot be stored', () => {
	// Issue 13: "never accepted without being stored". The room already applied the update when
	// the store refused it; keeping that document would hand the edit to the next joiner and to the
	// next checkpoint, while the log (the recording) never has it.
	it('drops its document, closes every connection with 4500 and asks to be replaced; the edit is stored once resent', async () => {
		const iv = interview();
		const room = await iv.open(async () => seedWith('starter'));
		const typist = await iv.connect(room, 'candidate');
		const watcher = await iv.connect(room, 'interviewer');
		iv.store.failNextBatch(new Error('the database is down'));
		await iv.send(room, typist, updateFrame(typist.edit((t) => t.insert(0, 'X'))));

		expect(typist.closedWith?.code).toBe(4500);
		expect(watcher.closedWith?.code).toBe(4500);
		expect(watcher.doc.getText('t').toString()).toBe('starter');
		expect(iv.onBroken).toHaveBeenCalledWith(room);
		expect(storedUpdates(iv.store).some((e) => e.actor === typist.participant.id)).toBe(false);

		// The replacement loads what was stored; the client, which kept its edit, sends it again.
		const again = await iv.open();
		expect(text(again)).toBe('starter');
		const back = await iv.connect(again, 'candidate');
		Y.applyUpdate(back.doc, Y.encodeStateAsUpdate(typist.doc));
		await iv.send(again, back, updateFrame(Y.encodeStateAsUpdate(back.doc, Y.encodeStateVector(again.doc))));
		expect(text(again)).toBe('Xstarter');
		expect(storedUpdates(iv.store).filter((e) => e.actor === back.participant.id)).toHaveLength(1);
	});
});
