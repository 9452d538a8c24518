/**
 * The test harness of DocRoom's tests: a fake connection that decodes what the room sends in the
 * y-websocket wire format, frame builders, and one interview's rooms over a real store, recorder,
 * bus and guard. Each test file creates one InterviewHarness and registers its own cleanup.
 */
import { vi } from 'vitest';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import type { ParticipantView, Role } from '../../src/lib/shared/protocol.js';
import { can } from '../../src/lib/shared/permissions.js';
import { InProcessBus } from '../bus/InProcessBus.js';
import { WorkerUpdateGuard } from '../guard/WorkerUpdateGuard.js';
import { nextTurn } from '../system/timers.js';
import { DocRoom, MESSAGE_AWARENESS, MESSAGE_SYNC, type DocRoomDeps, type RoomConnection } from '../domain/DocRoom.js';
import { Recorder } from '../domain/Recorder.js';
import { WorkBudget } from '../domain/WorkBudget.js';
import { FakeScheduler, MemoryLogger } from './FakeScheduler.js';
import { ObservedStore } from './ObservedStore.js';
import type { Bus, LogStore } from '../domain/ports.js';

export const PEOPLE: Record<Role, ParticipantView> = {
	candidate: { id: 'p-cand', name: 'Cara', role: 'candidate', color: '#0f766e' },
	interviewer: { id: 'p-intv', name: 'Ivan', role: 'interviewer', color: '#7c3aed' },
	observer: { id: 'p-obs', name: 'Olga', role: 'observer', color: '#c2410c' }
};

// --- the y-websocket wire format, as a client writes and reads it ---------------------------

export type Frame =
	| { kind: 'sync-step1'; stateVector: Uint8Array }
	| { kind: 'sync-step2'; update: Uint8Array }
	| { kind: 'update'; update: Uint8Array }
	| { kind: 'awareness'; states: AwarenessEntry[] };

export interface AwarenessEntry {
	clientId: number;
	clock: number;
	state: Record<string, unknown> | null;
}

export function decodeFrame(data: Uint8Array): Frame {
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

export function frame(write: (enc: encoding.Encoder) => void): Uint8Array {
	const enc = encoding.createEncoder();
	write(enc);
	return encoding.toUint8Array(enc);
}

export function syncStep1Frame(doc: Y.Doc): Uint8Array {
	return frame((enc) => {
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(enc, doc);
	});
}

export function updateFrame(update: Uint8Array): Uint8Array {
	return frame((enc) => {
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeUpdate(enc, update);
	});
}

/** Written by hand so a test can claim any client id and send any state text. */
export function awarenessFrame(entries: { clientId: number; clock: number; json: string }[]): Uint8Array {
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
export class FakeConnection implements RoomConnection {
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

export class Interview {
	readonly id = `iv-${++interviews}`;
	readonly store: ObservedStore;
	readonly recorder: Recorder;
	readonly bus = new InProcessBus();
	ended = false;
	readonly onIdle = vi.fn();
	readonly onBroken = vi.fn();
	readonly time = new FakeScheduler(1_000);
	readonly logger = new MemoryLogger();
	readonly workBudget = new WorkBudget(this.time);
	private readonly rooms: DocRoom[] = [];

	constructor(
		private readonly guard: WorkerUpdateGuard,
		store = new ObservedStore()
	) {
		this.store = store;
		this.recorder = new Recorder(store, nextTurn);
	}

	async open(
		seed: () => Promise<Uint8Array | null> = async () => null,
		log: LogStore = this.store,
		/** Another "process" of the same interview: its own id, and the bus the processes share. */
		process: { id: string; bus: Bus } = { id: 'test-process', bus: this.bus },
		/** What RoomRegistry sets for some documents only (the code document's cheap edits, its roles). */
		extra: Pick<DocRoomDeps, 'cheapTextsIn' | 'protectedFor'> = {}
	): Promise<DocRoom> {
		const room = new DocRoom({
			interviewId: this.id,
			doc: 'code',
			log,
			recorder: this.recorder,
			guard: this.guard,
			workBudget: this.workBudget,
			bus: process.bus,
			clock: this.time,
			scheduler: this.time,
			logger: this.logger,
			// The same rule RoomRegistry applies (ROLE-1, ROLE-2, ROLE-4).
			canWrite: (conn) => can(conn.participant.role, 'edit', { ended: this.ended }),
			seed,
			onIdle: this.onIdle,
			onBroken: this.onBroken,
			processId: process.id,
			...extra
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

/** The interviews a test file opened, and the update guard they share. */
export class InterviewHarness {
	private readonly guard = new WorkerUpdateGuard();
	private readonly open: Interview[] = [];

	/** An interview that closeOpen() closes (call it from the file's afterEach). */
	interview(store?: ObservedStore): Interview {
		const iv = new Interview(this.guard, store);
		this.open.push(iv);
		return iv;
	}

	async closeOpen(): Promise<void> {
		for (const iv of this.open.splice(0)) await iv.close();
	}

	/** Stops the guard's worker (call it from the file's afterAll). */
	async close(): Promise<void> {
		await this.guard.close();
	}
}

export function text(room: DocRoom): string {
	return room.doc.getText('t').toString();
}

export function storedUpdates(store: ObservedStore) {
	return store.committed.filter((e) => e.kind === 'yjs');
}

export function seedWith(content: string): Uint8Array {
	const doc = new Y.Doc();
	doc.getText('t').insert(0, content);
	return Y.encodeStateAsUpdate(doc);
}
