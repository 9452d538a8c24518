import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import { CLOSE, type Role } from '../../src/lib/shared/protocol.js';
import { MESSAGE_SYNC } from './DocRoom.js';
import {
	InterviewHarness,
	FakeConnection,
	PEOPLE,
	awarenessFrame,
	storedUpdates,
	seedWith,
	text,
	updateFrame
} from '../testing/docRoomHarness.js';

const harness = new InterviewHarness();
const interview = () => harness.interview();
afterEach(() => harness.closeOpen());
afterAll(() => harness.close());

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
