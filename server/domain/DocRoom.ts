import { MAX_DOC_BYTES, megabytes, SyncBudget } from './docLimits.js';
import { MalformedMessageError, sanitizeAwareness } from './sanitizeAwareness.js';
import { decodeBusFrame, encodeBusFrame } from './busFrames.js';
import { ClientOwners } from './ClientOwners.js';
import { loadStoredDoc } from './loadStoredDoc.js';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { CLOSE } from '../../src/lib/shared/protocol.js';
import type { ScheduledTask } from './ports.js';
import type { DocRoomDeps, RoomConnection } from './docRoomDeps.js';

/** y-websocket message types (the wire protocol of the stock WebsocketProvider). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_QUERY_AWARENESS = 3;

/** A full-state checkpoint after this many stored updates of one document. */
export const CHECKPOINT_EVERY_UPDATES = 200;
/** A room with no connections is written out and unloaded after this long. */
export const IDLE_UNLOAD_MS = 30_000;

export type { DocRoomDeps, RoomConnection } from './docRoomDeps.js';

const LOAD = Symbol('load');
const REMOTE = Symbol('remote');
const SERVER_ACTOR = 'server';

export { MalformedMessageError };

/**
 * One Yjs document of one interview, with its connections. Every update is checked by the
 * guard, applied, appended to the log, and only then broadcast.
 */
export class DocRoom {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new awarenessProtocol.Awareness(this.doc);
	readonly key: string;
	readonly ready: Promise<void>;
	/** Updates an observer or a closed interview's participant tried to make (ROLE-2). */
	refusedUpdates = 0;

	private readonly conns = new Map<RoomConnection, Set<number>>();
	/** UPD-1: who may write under each Yjs client id. */
	private owners = new ClientOwners<RoomConnection>();
	/** QUOTA-1: bytes of the stored state and every update since. */
	private docBytes = 0;
	private readonly syncBudgets = new WeakMap<RoomConnection, SyncBudget>();
	private queue: Promise<void> = Promise.resolve();
	private lastSeq = 0;
	private updatesSinceCheckpoint = 0;
	private notYetDurable = 0;
	private idleTimer: ScheduledTask | null = null;
	private unsubscribe: (() => void) | null = null;
	private closed = false;

	constructor(private readonly deps: DocRoomDeps) {
		this.key = `${deps.interviewId}/${deps.doc}`;
		this.awareness.setLocalState(null);
		this.ready = this.load();
		this.awareness.on('update', this.onAwarenessUpdate);
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
		for (const m of relayedWhileLoading) this.onBusMessage(m);
		// An empty document gets its starter once; if another process relayed changes meanwhile,
		// it has seeded the document already.
		if (this.lastSeq === 0 && relayedWhileLoading.length === 0) {
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
		this.lastSeq = stored.lastSeq;
		this.updatesSinceCheckpoint = stored.updatesSinceCheckpoint;
		await this.deps.guard.load(this.key, () => Y.encodeStateAsUpdate(this.doc), this.deps.schema);
	}

	/** Registers a connection and starts the sync handshake (server speaks first). */
	async join(conn: RoomConnection): Promise<void> {
		this.cancelIdle();
		this.conns.set(conn, new Set());
		this.syncBudgets.set(conn, new SyncBudget(this.deps.clock));
		await this.ready;
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(enc, this.doc);
		conn.send(encoding.toUint8Array(enc));
		const states = this.awareness.getStates();
		if (states.size > 0) {
			conn.send(this.encodeAwareness([...states.keys()]));
		}
	}

	/** Messages of a room are handled one at a time, in arrival order. */
	receive(conn: RoomConnection, data: Uint8Array): Promise<void> {
		const next = this.queue.then(async () => {
			if (!this.conns.has(conn)) return;
			try {
				await this.handle(conn, data);
			} catch (err) {
				const reason = err instanceof Error ? err.message : String(err);
				conn.close(CLOSE.MALFORMED, `Malformed message: ${reason}`.slice(0, 120));
				this.leave(conn);
			}
		});
		this.queue = next;
		return next;
	}

	leave(conn: RoomConnection): void {
		const ids = this.conns.get(conn);
		if (!ids) return;
		this.conns.delete(conn);
		if (ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
		if (this.conns.size === 0) this.scheduleIdle();
	}

	private async handle(conn: RoomConnection, data: Uint8Array): Promise<void> {
		await this.ready;
		const decoder = decoding.createDecoder(data);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC:
				return this.handleSync(conn, decoder);
			case MESSAGE_AWARENESS: {
				const update = decoding.readVarUint8Array(decoder);
				const clean = sanitizeAwareness(update, conn.participant, (id) => this.ownerOf(id, conn));
				if (clean) awarenessProtocol.applyAwarenessUpdate(this.awareness, clean, conn);
				return;
			}
			case MESSAGE_QUERY_AWARENESS:
				conn.send(this.encodeAwareness([...this.awareness.getStates().keys()]));
				return;
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
				conn.close(CLOSE.TOO_MANY, 'Too many sync requests on this connection; reconnect later');
				this.leave(conn);
				return;
			}
			const enc = encoding.createEncoder();
			encoding.writeVarUint(enc, MESSAGE_SYNC);
			encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
			encoding.writeVarUint8Array(enc, answer);
			conn.send(encoding.toUint8Array(enc));
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
			conn.close(CLOSE.TOO_LARGE, `The ${this.deps.doc} document has reached its size limit of ${megabytes(limit)}`);
			this.leave(conn);
			return;
		}
		const verdict = await this.deps.guard.check(this.key, update, this.deps.protectedFor?.(conn));
		const refusal = verdict.ok
			? this.owners.claim(verdict.clients, conn.participant.id, conn, (c) => this.conns.has(c))
			: verdict.reason;
		if (refusal !== null) {
			if (verdict.ok) this.deps.guard.reload(this.key);
			conn.close(CLOSE.UPDATE_REJECTED, `Update rejected: ${refusal}`.slice(0, 120));
			this.leave(conn);
			return;
		}
		this.docBytes += update.length;
		Y.applyUpdate(this.doc, update, conn);
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
		this.notYetDurable++;
		this.deps.recorder
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
					this.notYetDurable--;
					// Dropped after an earlier update failed: clients resync from a fresh room.
					if (this.closed) return;
					this.lastSeq = entry.seq;
					this.updatesSinceCheckpoint++;
					this.publish(update, conn?.id ?? '');
					this.maybeCheckpoint();
					this.deps.onStored?.(update, conn?.participant ?? null);
				},
				(err) => this.failStorage(err)
			);
	};

	private publish(update: Uint8Array, originConnId: string): void {
		this.deps.bus.publish(this.channel, encodeBusFrame({ processId: this.deps.processId, originConnId, update }));
	}

	private onBusMessage = (message: Uint8Array): void => {
		const { processId, originConnId, update } = decodeBusFrame(message);
		// Another process already checked and stored it; keep our copy in step.
		if (processId !== this.deps.processId) {
			Y.applyUpdate(this.doc, update, REMOTE);
			this.deps.guard.applyTrusted(this.key, update);
		}
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeUpdate(enc, update);
		const msg = encoding.toUint8Array(enc);
		for (const c of this.conns.keys()) if (c.id !== originConnId) c.send(msg);
	};

	/**
	 * An applied update is not on disk. Nothing unstored may be served, so the document goes:
	 * every connection is dropped, clients (which still hold their edits) resend them to a fresh
	 * room loaded from the store, and until the store is back that load fails and says so.
	 */
	private failStorage(err: unknown): void {
		this.notYetDurable--;
		if (this.closed) return;
		this.deps.logger.error(`could not store an update of ${this.key}; the room is reloaded from storage`, err);
		this.discard(CLOSE.SERVER_ERROR, 'The server could not save the last change; reconnecting');
		this.deps.onBroken(this);
	}

	private maybeCheckpoint(): void {
		// Only when every applied update is stored, so the state is exactly the log up to lastSeq.
		if (this.notYetDurable !== 0 || this.updatesSinceCheckpoint < CHECKPOINT_EVERY_UPDATES) return;
		void this.writeCheckpoint();
	}

	private async writeCheckpoint(): Promise<void> {
		if (this.updatesSinceCheckpoint === 0 || this.lastSeq === 0) return;
		const seq = this.lastSeq;
		this.updatesSinceCheckpoint = 0;
		await this.deps.log.writeCheckpoint(this.deps.interviewId, this.deps.doc, {
			seq,
			state: Y.encodeStateAsUpdate(this.doc),
			clients: this.owners.toRecord()
		});
	}

	/** True when another connection already controls this awareness client id. */
	private ownerOf(clientId: number, conn: RoomConnection): boolean {
		for (const [c, ids] of this.conns) if (c !== conn && ids.has(clientId)) return true;
		return false;
	}

	private onAwarenessUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = added.concat(updated, removed);
		const ids = origin instanceof Object ? this.conns.get(origin as RoomConnection) : undefined;
		if (ids) {
			for (const id of added) ids.add(id);
			for (const id of removed) ids.delete(id);
		}
		if (changed.length === 0) return;
		const msg = this.encodeAwareness(changed);
		for (const c of this.conns.keys()) c.send(msg);
	};

	private encodeAwareness(clients: number[]): Uint8Array {
		const enc = encoding.createEncoder();
		encoding.writeVarUint(enc, MESSAGE_AWARENESS);
		encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
		return encoding.toUint8Array(enc);
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
		await this.writeCheckpoint().catch((err) => this.deps.logger.error(`checkpoint of ${this.key} failed`, err));
		this.unsubscribe?.();
		this.deps.guard.drop(this.key);
		this.awareness.destroy();
		this.doc.destroy();
	}

	/** DEL-1: the interview was deleted: disconnect everyone and free the document, writing nothing. */
	discard(code: number, reason: string): void {
		if (this.closed) return;
		this.closed = true;
		this.cancelIdle();
		this.disconnectAll(code, reason);
		this.unsubscribe?.();
		this.deps.guard.drop(this.key);
		this.awareness.destroy();
		this.doc.destroy();
	}

	/** Disconnects everyone (server shutdown); clients reconnect on their own. */
	disconnectAll(code: number, reason: string): void {
		for (const c of [...this.conns.keys()]) {
			c.close(code, reason);
			this.leave(c);
		}
	}
}
