import { MAX_DOC_BYTES, megabytes, SyncBudget } from './docLimits.js';
import { MalformedMessageError } from './sanitizeAwareness.js';
import { MESSAGE_AWARENESS, RoomAwareness } from './RoomAwareness.js';
import { decodeBusFrame, encodeBusFrame } from './busFrames.js';
import { ClientOwners } from './ClientOwners.js';
import { loadStoredDoc } from './loadStoredDoc.js';
import { RoomCheckpoints } from './RoomCheckpoints.js';
import { cheapTextEdit } from './cheapTextEdit.js';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import {
	MESSAGE_QUERY_AWARENESS,
	MESSAGE_SYNC,
	syncStep1Message,
	syncStep2Message,
	updateMessage,
	applyCatchingNews
} from './syncMessages.js';
import * as decoding from 'lib0/decoding';
import { CLOSE } from '../../src/lib/shared/protocol.js';
import type { ScheduledTask } from './ports.js';
import type { DocRoomDeps, RoomConnection } from './docRoomDeps.js';

export { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC, MalformedMessageError };
/** A room with no connections is written out and unloaded after this long. */
export const IDLE_UNLOAD_MS = 30_000;

export type { DocRoomDeps, RoomConnection } from './docRoomDeps.js';
const LOAD = Symbol('load');
const REMOTE = Symbol('remote');
const SERVER_ACTOR = 'server';

/**
 * One Yjs document of one interview, with its connections. Every update is checked (by the guard,
 * or here when it is a cheap edit), applied, appended to the log, and only then broadcast.
 */
export class DocRoom {
	readonly doc = new Y.Doc({ gc: true });
	readonly key: string;
	readonly ready: Promise<void>;
	/** Updates an observer or a closed interview's participant tried to make (ROLE-2). */
	refusedUpdates = 0;

	private readonly conns = new Map<RoomConnection, Set<number>>();
	private readonly presence: RoomAwareness;
	/** UPD-1: who may write under each Yjs client id. */
	private owners = new ClientOwners<RoomConnection>();
	/** QUOTA-1: bytes of the stored state and every update since. */
	private docBytes = 0;
	private readonly syncBudgets = new WeakMap<RoomConnection, SyncBudget>();
	private queue: Promise<void> = Promise.resolve();
	private readonly checkpoints: RoomCheckpoints;
	private idleTimer: ScheduledTask | null = null;
	private unsubscribe: (() => void) | null = null;
	private stopResyncing: (() => void) | null = null;
	private closed = false;
	/** Per connection: settles once its updates applied so far are stored and sent (or failed). */
	private readonly sent = new WeakMap<RoomConnection, Promise<unknown>>();

	constructor(private readonly deps: DocRoomDeps) {
		this.key = `${deps.interviewId}/${deps.doc}`;
		this.presence = new RoomAwareness(this.doc, {
			bus: deps.bus,
			clock: deps.clock,
			processId: deps.processId,
			channel: `awareness:${this.key}`,
			conns: this.conns
		});
		this.checkpoints = new RoomCheckpoints({
			...deps,
			snapshot: () => ({ state: Y.encodeStateAsUpdate(this.doc), clients: this.owners.toRecord() })
		});
		this.ready = this.load();
	}

	get awareness() {
		return this.presence.awareness;
	}

	get connectionCount(): number {
		return this.conns.size;
	}

	private get channel(): string {
		return `yjs:${this.key}`;
	}

	private async load(): Promise<void> {
		// Subscribe first, load, then apply what arrived meanwhile: another process may store and
		// relay an update while this one reads the log, and a gap would never heal (a duplicate is
		// harmless to Yjs).
		const relayedWhileLoading: Uint8Array[] = [];
		const stopBuffering = this.deps.bus.subscribe(this.channel, (m) => relayedWhileLoading.push(m));
		try {
			await this.loadStored();
		} finally {
			stopBuffering();
		}
		this.doc.on('update', this.onDocUpdate);
		this.unsubscribe = this.deps.bus.subscribe(this.channel, this.onBusMessage);
		this.stopResyncing = this.deps.bus.onReconnect?.(() => void this.resync()) ?? null;
		for (const m of relayedWhileLoading) this.onBusMessage(m);
		// An empty document gets its starter once; if another process relayed changes meanwhile,
		// it has seeded the document already.
		if (this.checkpoints.lastSeq === 0 && relayedWhileLoading.length === 0) {
			const seed = await this.deps.seed();
			if (seed) await this.applyChecked(seed, SERVER_ACTOR);
		}
	}

	/** The document as stored: the latest checkpoint and every update after it, mirrored by the guard. */
	private async loadStored(): Promise<void> {
		// A room unloaded a moment ago may still have updates in the recorder's queue.
		await this.deps.recorder.drain();
		const stored = await loadStoredDoc<RoomConnection>(
			this.deps.log,
			this.deps.interviewId,
			this.deps.doc,
			this.doc,
			LOAD
		);
		this.owners = stored.owners;
		this.docBytes = stored.bytes;
		this.checkpoints.loaded(stored);
		await this.deps.guard.load(this.key, () => Y.encodeStateAsUpdate(this.doc), this.deps.schema);
	}

	/** Registers a connection and starts the sync handshake (server speaks first). */
	async join(conn: RoomConnection): Promise<void> {
		this.cancelIdle();
		this.conns.set(conn, new Set());
		this.syncBudgets.set(conn, new SyncBudget(this.deps.clock));
		await this.ready;
		conn.send(syncStep1Message(this.doc));
		this.presence.sendAll(conn);
	}

	/** Messages of a room are handled one at a time, in arrival order. */
	receive(conn: RoomConnection, data: Uint8Array): Promise<void> {
		const next = this.queue.then(async () => {
			if (!this.conns.has(conn)) return;
			try {
				await this.handle(conn, data);
			} catch (err) {
				const reason = err instanceof Error ? err.message : String(err);
				this.shut(conn, CLOSE.MALFORMED, `Malformed message: ${reason}`);
			}
		});
		this.queue = next;
		return next;
	}

	/** Resolves once every message received so far (and a resync, if one runs) is handled. */
	settled(): Promise<void> {
		return this.queue;
	}

	leave(conn: RoomConnection): void {
		const ids = this.conns.get(conn);
		if (!ids) return;
		this.conns.delete(conn);
		this.presence.left(ids);
		if (this.conns.size === 0) this.scheduleIdle();
	}

	private async handle(conn: RoomConnection, data: Uint8Array): Promise<void> {
		await this.ready;
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC:
				return this.handleSync(conn, decoder);
			case MESSAGE_AWARENESS:
				// A cursor goes out after its sender's keystrokes before it (y-monaco sends one after
				// each): it must not overtake its character, nor its work delay that character's commit.
				await this.sent.get(conn);
				if (!this.presence.receive(conn, decoding.readVarUint8Array(decoder))) {
					this.shut(conn, CLOSE.TOO_MANY, 'Too many presence updates on this connection; reconnect later');
				}
				return;
			case MESSAGE_QUERY_AWARENESS:
				return this.presence.sendAll(conn);
			default:
				throw new MalformedMessageError(`unknown message type ${type}`);
		}
	}

	private async handleSync(conn: RoomConnection, decoder: decoding.Decoder): Promise<void> {
		const sub = decoding.readVarUint(decoder);
		if (sub === syncProtocol.messageYjsSyncStep1) {
			const stateVector = decoding.readVarUint8Array(decoder);
			const answer = Y.encodeStateAsUpdate(this.doc, stateVector);
			if (this.syncBudgets.get(conn)?.spend(answer.length) === false) {
				this.shut(conn, CLOSE.TOO_MANY, 'Too many sync requests on this connection; reconnect later');
			} else conn.send(syncStep2Message(answer));
			return;
		}
		if (sub !== syncProtocol.messageYjsSyncStep2 && sub !== syncProtocol.messageYjsUpdate) {
			throw new MalformedMessageError(`unknown sync message ${sub}`);
		}
		const update = decoding.readVarUint8Array(decoder);
		if (!this.deps.canWrite(conn)) {
			this.refusedUpdates++;
			return;
		}
		const limit = MAX_DOC_BYTES[this.deps.doc];
		if (this.docBytes + update.length > limit) {
			return this.shut(
				conn,
				CLOSE.TOO_LARGE,
				`The ${this.deps.doc} document has reached its size limit of ${megabytes(limit)}`
			);
		}
		// Issue 11: a keystroke whose cost its own bytes bound skips the round trip to the guard's worker.
		const cheap = this.deps.cheapTextsIn ? cheapTextEdit(this.doc, update, this.deps.cheapTextsIn) : null;
		const verdict = cheap
			? { ok: true as const, costMs: 0, ...cheap }
			: await this.deps.guard.check(this.key, update, this.deps.protectedFor?.(conn));
		const refusal = verdict.ok
			? (this.deps.workBudget.spend(conn.participant.id, verdict.costMs, this.deps.doc) ??
				this.owners.claim(verdict.clients, conn.participant.id, conn, (c) => this.conns.has(c)))
			: verdict.reason;
		if (refusal !== null) {
			if (verdict.ok && !cheap) this.deps.guard.reload(this.key);
			return this.shut(conn, CLOSE.UPDATE_REJECTED, `Update rejected: ${refusal}`);
		}
		this.docBytes += update.length;
		if (cheap) this.applyCheap(conn, update);
		else Y.applyUpdate(this.doc, update, conn);
	}

	/** LIMIT-6 still counts it: what it cost here, measured, since no worker measured it first. */
	private applyCheap(conn: RoomConnection, update: Uint8Array): void {
		const started = performance.now();
		Y.applyUpdate(this.doc, update, conn);
		this.deps.guard.appliedUnchecked(this.key, update);
		const refusal = this.deps.workBudget.spend(conn.participant.id, performance.now() - started, this.deps.doc);
		if (refusal !== null) this.shut(conn, CLOSE.UPDATE_REJECTED, `Update rejected: ${refusal}`);
	}

	/** Closes the connection with a reason in words (WebSocket allows 123 bytes) and forgets it. */
	private shut(conn: RoomConnection, code: number, reason: string): void {
		conn.close(code, reason.slice(0, 120));
		this.leave(conn);
	}

	/** For the server's own changes (the seed): still through the guard, so its mirror stays equal. */
	private async applyChecked(update: Uint8Array, actor: string): Promise<void> {
		const verdict = await this.deps.guard.check(this.key, update);
		if (!verdict.ok) throw new Error(`Server update rejected for ${this.key}: ${verdict.reason}`);
		this.owners.claim(verdict.clients, actor, null, () => false);
		this.docBytes += update.length;
		Y.applyUpdate(this.doc, update, actor);
	}

	private onDocUpdate = (update: Uint8Array, origin: unknown): void => {
		if (origin === LOAD || origin === REMOTE) return;
		const conn = origin && typeof origin === 'object' && 'participant' in origin ? (origin as RoomConnection) : null;
		const actor = conn ? conn.participant.id : typeof origin === 'string' ? origin : SERVER_ACTOR;
		this.checkpoints.applied();
		const sent = this.deps.recorder
			.append({
				interviewId: this.deps.interviewId,
				t: this.deps.clock.now(),
				kind: 'yjs',
				doc: this.deps.doc,
				actor,
				update
			})
			.then(
				(entry) => {
					// Dropped after an earlier update failed: clients resync from a fresh room.
					if (this.closed) return this.checkpoints.uncounted();
					this.broadcast(update, conn);
					this.publish(update);
					this.checkpoints.stored(entry.seq, update.length);
					this.deps.onStored?.(update, conn?.participant ?? null);
				},
				(err) => this.failStorage(err)
			);
		if (conn) this.sent.set(conn, sent);
	};

	/** To this process's connections, straight away: they must not wait for (or on) the bus. */
	private broadcast(update: Uint8Array, except: RoomConnection | null): void {
		const msg = updateMessage(update);
		for (const c of this.conns.keys()) if (c !== except) c.send(msg);
	}

	/** To the other processes serving this room. */
	private publish(update: Uint8Array): void {
		if (this.deps.bus.reachesOthers?.(this.channel, this.onBusMessage) === false) return;
		this.deps.bus.publish(this.channel, encodeBusFrame({ processId: this.deps.processId, originConnId: '', update }));
	}

	private onBusMessage = (message: Uint8Array): void => {
		const { processId, update } = decodeBusFrame(message);
		if (processId === this.deps.processId) return;
		const news = this.applyRemote(update);
		if (news) this.broadcast(news, null);
	};

	/** Checked and stored by another process: into our copy and the guard's mirror; returns what was new. */
	private applyRemote(update: Uint8Array): Uint8Array | null {
		const news = applyCatchingNews(this.doc, update, REMOTE);
		if (news) this.deps.guard.applyTrusted(this.key, news);
		return news;
	}

	/**
	 * The bus is back after an outage (issue 13): what other processes stored meanwhile is read
	 * from the log, and our whole state is published for the changes they missed from us. Yjs
	 * drops what a copy already has, so repeating is harmless; a gap would not be.
	 */
	private resync(): Promise<void> {
		const run = this.queue.then(async () => {
			if (this.closed) return;
			const stored = new Y.Doc({ gc: true });
			try {
				await loadStoredDoc(this.deps.log, this.deps.interviewId, this.deps.doc, stored, LOAD);
				if (this.closed) return;
				const news = this.applyRemote(Y.encodeStateAsUpdate(stored, Y.encodeStateVector(this.doc)));
				if (news) this.broadcast(news, null);
				this.publish(Y.encodeStateAsUpdate(this.doc));
			} catch (err) {
				this.deps.logger.error(`could not resynchronise ${this.key} after the bus returned`, err);
			} finally {
				stored.destroy();
			}
		});
		this.queue = run;
		return run;
	}

	/**
	 * An applied update is not on disk. Nothing unstored may be served: the document goes, and
	 * clients (which still hold their edits) resend them to a fresh room loaded from the store.
	 */
	private failStorage(err: unknown): void {
		this.checkpoints.uncounted();
		if (this.closed) return;
		this.deps.logger.error(`could not store an update of ${this.key}; the room is reloaded from storage`, err);
		this.discard(CLOSE.SERVER_ERROR, 'The server could not save the last change; reconnecting');
		this.deps.onBroken(this);
	}

	private scheduleIdle(): void {
		this.cancelIdle();
		this.idleTimer = this.deps.scheduler.after(IDLE_UNLOAD_MS, () => this.deps.onIdle(this));
	}

	private cancelIdle(): void {
		this.idleTimer?.cancel();
		this.idleTimer = null;
	}

	/** Writes what is pending, checkpoints, and frees the document. */
	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.cancelIdle();
		await this.ready.catch(() => undefined);
		await this.queue;
		await this.deps.recorder.drain();
		await this.checkpoints.flush();
		this.release();
	}

	/** DEL-1: the interview was deleted: disconnect everyone and free the document, writing nothing. */
	discard(code: number, reason: string): void {
		if (this.closed) return;
		this.closed = true;
		this.cancelIdle();
		this.disconnectAll(code, reason);
		this.release();
	}

	private release(): void {
		this.unsubscribe?.();
		this.stopResyncing?.();
		this.deps.guard.drop(this.key);
		this.presence.destroy();
		this.doc.destroy();
	}

	/** ORG-3: closes the connections of one participant (their link was replaced). */
	disconnectParticipant(participantId: string, code: number, reason: string): void {
		this.disconnectAll(code, reason, (c) => c.participant.id === participantId);
	}

	/** Disconnects everyone (server shutdown), or those `which` picks; clients reconnect on their own. */
	disconnectAll(code: number, reason: string, which: (c: RoomConnection) => boolean = () => true): void {
		for (const c of [...this.conns.keys()].filter(which)) {
			c.close(code, reason);
			this.leave(c);
		}
	}
}
