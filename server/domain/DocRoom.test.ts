import { nextTurn } from '../system/timers.js';
import { FakeScheduler, MemoryLogger } from '../testing/FakeScheduler.js';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CLOSE, type ParticipantView, type Role } from '../../src/lib/shared/protocol.js';
import { buildCodeSeed } from '../../src/lib/shared/codeDoc.js';
import { InProcessBus } from '../bus/InProcessBus.js';
import { WorkerUpdateGuard } from '../guard/WorkerUpdateGuard.js';
import { ObservedStore } from '../testing/ObservedStore.js';
import {
	CHECKPOINT_EVERY_UPDATES,
	DocRoom,
	MESSAGE_AWARENESS,
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	IDLE_UNLOAD_MS,
	type RoomConnection
} from './DocRoom.js';
import { Recorder } from './Recorder.js';
import { can } from '../../src/lib/shared/permissions.js';

const guard = new WorkerUpdateGuard();
afterAll(() => guard.close());

const PEOPLE: Record<Role, ParticipantView> = {
	candidate: { id: 'p-cand', name: 'Cara', role: 'candidate', color: '#0f766e' },
	interviewer: { id: 'p-intv', name: 'Ivan', role: 'interviewer', color: '#7c3aed' },
	observer: { id: 'p-obs', name: 'Olga', role: 'observer', color: '#c2410c' }
};

// --- the y-websocket wire format, as a client writes and reads it ---------------------------

type Frame =
	| { kind: 'sync-step1'; stateVector: Uint8Array }
	| { kind: 'sync-step2'; update: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; states: AwarenessEntry[] };

interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

function decodeFrame(data: Uint8Array): Frame {
	const dec = decoding.createDecoder(data);
	const type = decoding.readVarUint(dec);
	if (type === MESSAGE_AWARENESS) {
		const inner = decoding.createDecoder(decoding.readVarUint8Array(dec));
		const states: AwarenessEntry[] = [];
		for (let n = decoding.readVarUint(inner); n > 0; n--) {
			const clientId = decoding.readVarUint(inner);
			const clock = decoding.readVarUint(inner);
			states.push({ clientId, clock, state: JSON.parse(decoding.readVarString(inner)) });
		}
		return { kind: 'awareness', states };
	}
	if (type !== MESSAGE_SYNC) throw new Error(`the server sent message type ${type}`);
	const sub = decoding.readVarUint(dec);
	const payload = decoding.readVarUint8Array(dec);
	if (sub === syncProtocol.messageYjsSyncStep1) return { kind: 'sync-step1', stateVector: payload };
	if (sub === syncProtocol.messageYjsSyncStep2) return { kind: 'sync-step2', update: payload };
	if (sub === syncProtocol.messageYjsUpdate) return { kind: 'update', update: payload };
	throw new Error(`the server sent sync message ${sub}`);
}

function frame(write: (enc: encoding.Encoder) => void): Uint8Array {
	const enc = encoding.createEncoder();
	write(enc);
	return encoding.toUint8Array(enc);
}

function syncStep1Frame(doc: Y.Doc): Uint8Array {
	return frame((enc) => {
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(enc, doc);
	});
}

function updateFrame(update: Uint8Array): Uint8Array {
	return frame((enc) => {
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeUpdate(enc, update);
	});
}

/** Written by hand so a test can claim any client id and send any state text. */
function awarenessFrame(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
	const inner = frame((enc) => {
		encoding.writeVarUint(enc, entries.length);
		for (const e of entries) {
			encoding.writeVarUint(enc, e.clientId);
			encoding.writeVarUint(enc, e.clock);
			encoding.writeVarString(enc, e.json);
		}
	});
	return frame((enc) => {
		encoding.writeVarUint(enc, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(enc, inner);
	});
}

/** A client as the room sees it: captures and decodes what the server sends. */
class FakeConnection implements RoomConnection {
	readonly frames: Frame[] = [];
	closedWith: { code: number; reason: string } | null = null;
	/** This client's copy of the document: every sync step 2 and update the server sent, applied. */
	readonly doc = new Y.Doc();
	/** Called as each frame is sent, while the room is still sending it. */
	onFrame: (f: Frame) => void = () => {};

	constructor(
		readonly id: string,
		readonly participant: ParticipantView
	) {}

	send(message: Uint8Array): void {
		const f = decodeFrame(message);
		this.frames.push(f);
		if (f.kind === 'sync-step2' || f.kind === 'update') Y.applyUpdate(this.doc, f.update, 'server');
		this.onFrame(f);
	}

	close(code: number, reason: string): void {
		this.closedWith = { code, reason };
	}

	received<K extends Frame['kind']>(kind: K): Extract<Frame, { kind: K }>[] {
		return this.frames.filter((f): f is Extract<Frame, { kind: K }> => f.kind === kind);
	}

	/** The update a local edit makes; the edit stays in this client's copy, as in a browser. */
	edit(change: (text: Y.Text) => void): Uint8Array {
		const before = Y.encodeStateVector(this.doc);
		change(this.doc.getText('t'));
		return Y.encodeStateAsUpdate(this.doc, before);
	}
}

// --- one interview's rooms over a real store, recorder, bus and guard ------------------------

let interviews = 0;
let connections = 0;

class Interview {
	readonly id = `iv-${++interviews}`;
	readonly store: ObservedStore;
	readonly recorder: Recorder;
	readonly bus = new InProcessBus();
	ended = false;
	readonly onIdle = vi.fn();
	readonly time = new FakeScheduler(1_000);
	readonly logger = new MemoryLogger();
	private readonly rooms: DocRoom[] = [];

	constructor(store = new ObservedStore()) {
		this.store = store;
		this.recorder = new Recorder(store, nextTurn);
	}

	async open(seed: () => Promise<Uint8Array | null> = async () => null): Promise<DocRoom> {
		const room = new DocRoom({
			interviewId: this.id,
			doc: 'code',
			log: this.store,
			recorder: this.recorder,
			guard,
			bus: this.bus,
			clock: this.time,
			scheduler: this.time,
			logger: this.logger,
			// The same rule RoomRegistry applies (ROLE-1, ROLE-2, ROLE-4).
			canWrite: (conn) => can(conn.participant.role, 'edit', { ended: this.ended }),
			seed,
			onIdle: this.onIdle,
			processId: 'test-process'
		});
		this.rooms.push(room);
		await room.ready;
		// The seed, if any, is stored before the test looks.
		await this.recorder.drain();
		return room;
	}

	/** Joins and completes the handshake, so the client holds the room's document. */
	async connect(room: DocRoom, role: Role): Promise<FakeConnection> {
		const conn = new FakeConnection(`conn-${++connections}`, PEOPLE[role]);
		await room.join(conn);
		await room.receive(conn, syncStep1Frame(conn.doc));
		return conn;
	}

	/** Resolves once the room has handled the message and whatever it led to is stored and broadcast. */
	async send(room: DocRoom, conn: FakeConnection, message: Uint8Array): Promise<void> {
		await room.receive(conn, message);
		await this.recorder.drain();
	}

	async close(): Promise<void> {
		for (const r of this.rooms) await r.close();
		await this.store.settled();
		this.store.close();
	}
}

const open: Interview[] = [];
function interview(store?: ObservedStore): Interview {
	const iv = new Interview(store);
	open.push(iv);
	return iv;
}
afterEach(async () => {
	for (const iv of open.splice(0)) await iv.close();
});

function text(room: DocRoom): string {
	return room.doc.getText('t').toString();
}

function storedUpdates(store: ObservedStore) {
	return store.committed.filter((e) => e.kind === 'yjs');
}

function seedWith(content: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, content);
	return Y.encodeStateAsUpdate(doc);
}

// --- tests --------------------------------------------------------------------------------------

describe('DocRoom sync', () => {
	it('speaks first: sends sync step 1 with its state vector on join', async () => {
		const iv = interview();
		const room = await iv.open(async () => seedWith('starter'));
		const conn = new FakeConnection('first', PEOPLE.candidate);
		await room.join(conn);
		expect(conn.frames).toEqual([{ kind: 'sync-step1', stateVector: Y.encodeStateVector(room.doc) }]);
	});

	it("answers a client's sync step 1 with the state the client lacks", async () => {
		const iv = interview();
		const room = await iv.open(async () => seedWith('starter'));
		const conn = await iv.connect(room, 'observer');
		expect(conn.received('sync-step2')).toHaveLength(1);
		expect(conn.doc.getText('t').toString()).toBe('starter');
	});

	it.each<Role>(['candidate', 'interviewer'])(
		'ROLE-1: an update from the %s is applied, stored, then broadcast to the others but not echoed',
		async (role) => {
			const iv = interview();
			const room = await iv.open();
			const writer = await iv.connect(room, role);
			const watcher = await iv.connect(room, 'observer');
			let storedAtBroadcast = -1;
			watcher.onFrame = (f) => {
				if (f.kind === 'update') storedAtBroadcast = storedUpdates(iv.store).length;
			};

			const update = writer.edit((t) => t.insert(0, 'hello'));
			await iv.send(room, writer, updateFrame(update));

			expect(text(room)).toBe('hello');
			expect(storedUpdates(iv.store)).toEqual([
				{ interviewId: iv.id, seq: 1, t: 1_000, kind: 'yjs', doc: 'code', actor: PEOPLE[role].id, update }
			]);
			expect(storedAtBroadcast).toBe(1);
			expect(watcher.received('update').map((f) => f.update)).toEqual([update]);
			expect(watcher.doc.getText('t').toString()).toBe('hello');
			expect(writer.received('update')).toEqual([]);
		}
	);

	it.each<[string, Role, boolean]>([
		["ROLE-2: an observer's update", 'observer', false],
		["ROLE-4: a candidate's update after the end", 'candidate', true],
		["ROLE-4: an interviewer's update after the end", 'interviewer', true]
	])('%s is refused: not applied, stored or broadcast', async (_what, role, ended) => {
		const iv = interview();
		const room = await iv.open(async () => seedWith('starter'));
		const sender = await iv.connect(room, role);
		const other = await iv.connect(room, 'candidate');
		const before = Y.encodeStateAsUpdate(room.doc);
		const batches = iv.store.batches.length;
		iv.ended = ended;

		await iv.send(room, sender, updateFrame(sender.edit((t) => t.insert(0, 'SNEAKY '))));

		expect(room.refusedUpdates).toBe(1);
		expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
		expect(iv.store.batches.length).toBe(batches);
		expect(other.received('update')).toEqual([]);
		expect(sender.closedWith).toBeNull();
		expect(room.connectionCount).toBe(2);
	});

	it('an update the guard refuses closes that connection with UPDATE_REJECTED and changes nothing', async () => {
		const iv = interview();
		const room = await iv.open(async () => seedWith('starter'));
		const bad = await iv.connect(room, 'candidate');
		const other = await iv.connect(room, 'interviewer');
		const before = Y.encodeStateAsUpdate(room.doc);
		const batches = iv.store.batches.length;

		await iv.send(room, bad, updateFrame(Buffer.from('garbagedoc', 'base64')));

		expect(bad.closedWith?.code).toBe(CLOSE.UPDATE_REJECTED);
		expect(other.closedWith).toBeNull();
		expect(room.connectionCount).toBe(1);
		expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
		expect(iv.store.batches.length).toBe(batches);
		await iv.send(room, other, updateFrame(other.edit((t) => t.insert(0, 'fine '))));
		expect(text(room)).toBe('fine starter');
	});
});

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

describe('DocRoom malformed frames', () => {
	const tooMany = Array.from({ length: 9 }, (_, i) => ({ clientId: 500 + i, clock: 1, json: '{}' }));
	it.each<[string, Uint8Array]>([
		['an empty frame', new Uint8Array()],
		['an unknown message type', new Uint8Array([7])],
		['a sync message of an unknown sub-type', new Uint8Array([MESSAGE_SYNC, 9, 0])],
		['a truncated sync update', new Uint8Array([MESSAGE_SYNC, syncProtocol.messageYjsUpdate, 50, 1])],
		['awareness that is not JSON', awarenessFrame([{ clientId: 1, clock: 1, json: 'not json' }])],
		['awareness whose state is an array', awarenessFrame([{ clientId: 1, clock: 1, json: '[1,2]' }])],
		['more awareness entries than a client has', awarenessFrame(tooMany)]
	])('%s closes only that connection with CLOSE.MALFORMED', async (_what, bad) => {
		const iv = interview();
		const room = await iv.open(async () => seedWith('starter'));
		const sender = await iv.connect(room, 'candidate');
		const other = await iv.connect(room, 'interviewer');
		const before = Y.encodeStateAsUpdate(room.doc);

		await iv.send(room, sender, bad);

		expect(sender.closedWith).toMatchObject({ code: CLOSE.MALFORMED, reason: expect.stringMatching(/^Malformed/) });
		expect(other.closedWith).toBeNull();
		expect(room.connectionCount).toBe(1);
		expect(Y.encodeStateAsUpdate(room.doc)).toEqual(before);
		expect(room.awareness.getStates().size).toBe(0);
		await iv.send(room, other, updateFrame(other.edit((t) => t.insert(0, 'still here '))));
		expect(text(room)).toBe('still here starter');
	});
});

describe('DocRoom awareness', () => {
	it.each<[string, unknown]>([
		['claims another name', { user: { id: 'p-intv', name: 'Ivan', role: 'interviewer' }, cursor: { anchor: 3 } }],
		['sends a user that is a string', { user: 'Ivan', cursor: { anchor: 3 } }],
		['sends no user', { cursor: { anchor: 3 } }]
	])("the server writes `user` from the connection's participant when a client %s", async (_what, state) => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		const watcher = await iv.connect(room, 'observer');

		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: JSON.stringify(state) }]));

		const expected = { user: PEOPLE.candidate, cursor: { anchor: 3 } };
		expect(room.awareness.getStates().get(1001)).toEqual(expected);
		expect(watcher.received('awareness').at(-1)?.states).toEqual([{ clientId: 1001, clock: 1, state: expected }]);
	});

	it('ignores an entry for a client id another connection owns, and accepts the rest', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		const ivan = await iv.connect(room, 'interviewer');
		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: '{"cursor":1}' }]));

		await iv.send(
			room,
			ivan,
			awarenessFrame([
				{ clientId: 1001, clock: 9, json: '{"cursor":"hijacked"}' },
				{ clientId: 2002, clock: 1, json: '{"cursor":2}' }
			])
		);

		expect(room.awareness.getStates().get(1001)).toEqual({ cursor: 1, user: PEOPLE.candidate });
		expect(room.awareness.getStates().get(2002)).toEqual({ cursor: 2, user: PEOPLE.interviewer });
		expect(
			cara
				.received('awareness')
				.at(-1)
				?.states.map((s) => s.clientId)
		).toEqual([2002]);
	});

	it("sends the known states to a newcomer, and removes a leaver's states for everyone", async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: '{}' }]));
		const late = await iv.connect(room, 'observer');
		expect(late.received('awareness')[0].states).toEqual([
			{ clientId: 1001, clock: 1, state: { user: PEOPLE.candidate } }
		]);

		room.leave(cara);

		expect(room.awareness.getStates().has(1001)).toBe(false);
		expect(late.received('awareness').at(-1)?.states).toMatchObject([{ clientId: 1001, state: null }]);
	});

	it('answers a query with every known state', async () => {
		const iv = interview();
		const room = await iv.open();
		const cara = await iv.connect(room, 'candidate');
		await iv.send(room, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: '{}' }]));
		const obs = await iv.connect(room, 'observer');
		const before = obs.received('awareness').length;
		await iv.send(room, obs, new Uint8Array([MESSAGE_QUERY_AWARENESS]));
		expect(obs.received('awareness').slice(before)).toEqual([
			{ kind: 'awareness', states: [{ clientId: 1001, clock: 1, state: { user: PEOPLE.candidate } }] }
		]);
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
