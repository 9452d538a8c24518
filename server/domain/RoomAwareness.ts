import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import type * as Y from 'yjs';
import { decodeBusFrame, encodeBusFrame } from './busFrames.js';
import { sanitizeAwareness } from './sanitizeAwareness.js';
import type { RoomConnection } from './docRoomDeps.js';
import type { Bus, Clock } from './ports.js';
import { MAX_PRESENCE_BYTES_PER_WINDOW, PRESENCE_WINDOW_MS, SyncBudget } from './docLimits.js';

export const MESSAGE_AWARENESS = 1;

const REMOTE = Symbol('remote awareness');

interface RoomAwarenessDeps {
	bus: Bus;
	clock: Clock;
	processId: string;
	/** `awareness:<interview>/<doc>`: presence of the room's clients on other processes. */
	channel: string;
	/** The room's connections, each with the awareness client ids it has announced. */
	conns: Map<RoomConnection, Set<number>>;
}

/**
 * Who is in a room and where their cursor is: every client's state, with `user` written by the
 * server (sanitizeAwareness), sent to this process's connections and relayed to the others'.
 */
export class RoomAwareness {
	readonly awareness: awarenessProtocol.Awareness;
	private readonly unsubscribe: () => void;
	private readonly budgets = new WeakMap<RoomConnection, SyncBudget>();

	constructor(
		doc: Y.Doc,
		private readonly deps: RoomAwarenessDeps
	) {
		this.awareness = new awarenessProtocol.Awareness(doc);
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.onUpdate);
		this.unsubscribe = deps.bus.subscribe(deps.channel, this.onBusMessage);
	}

	/** A client's awareness message, after the server has written who sent it; false: over budget (LIMIT-7). */
	receive(conn: RoomConnection, update: Uint8Array): boolean {
		let budget = this.budgets.get(conn);
		if (!budget) {
			budget = new SyncBudget(this.deps.clock, MAX_PRESENCE_BYTES_PER_WINDOW, PRESENCE_WINDOW_MS);
			this.budgets.set(conn, budget);
		}
		const clean = sanitizeAwareness(update, conn.participant, (id) => this.ownedElsewhere(id, conn));
		if (!clean) return true;
		// Only the connection's own states count: echoes of others' cost it nothing.
		if (!budget.spend(clean.length)) return false;
		awarenessProtocol.applyAwarenessUpdate(this.awareness, clean, conn);
		return true;
	}

	/** Everyone's state, for a connection that has just joined or asked. */
	sendAll(conn: RoomConnection): void {
		const ids = [...this.awareness.getStates().keys()];
		if (ids.length > 0) conn.send(this.encode(ids));
	}

	left(ids: Set<number>): void {
		if (ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], null);
	}

	destroy(): void {
		this.unsubscribe();
		this.awareness.destroy();
	}

	/** True when another connection already controls this awareness client id. */
	private ownedElsewhere(clientId: number, conn: RoomConnection): boolean {
		for (const [c, ids] of this.deps.conns) if (c !== conn && ids.has(clientId)) return true;
		return false;
	}

	private onUpdate = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const changed = added.concat(updated, removed);
		const ids = origin instanceof Object ? this.deps.conns.get(origin as RoomConnection) : undefined;
		if (ids) {
			for (const id of added) ids.add(id);
			for (const id of removed) ids.delete(id);
		}
		if (changed.length === 0) return;
		const states = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed);
		const msg = encoding.encode((enc) => {
			encoding.writeVarUint(enc, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(enc, states);
		});
		// Not back to the sender: its client drops its own state at the same clock (unlike the stock
		// server, which echoes it; at 300 rooms the echoes were a third of all socket writes).
		for (const c of this.deps.conns.keys()) if (c !== origin) c.send(msg);
		if (origin !== REMOTE && this.deps.bus.reachesOthers?.(this.deps.channel, this.onBusMessage) !== false) {
			this.deps.bus.publish(
				this.deps.channel,
				encodeBusFrame({ processId: this.deps.processId, originConnId: '', update: states })
			);
		}
	};

	private onBusMessage = (message: Uint8Array): void => {
		const { processId, update } = decodeBusFrame(message);
		// Sanitised by the process its client is connected to.
		if (processId !== this.deps.processId) awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE);
	};

	private encode(clients: number[]): Uint8Array {
		return encoding.encode((enc) => {
			encoding.writeVarUint(enc, MESSAGE_AWARENESS);
			encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients));
		});
	}
}
