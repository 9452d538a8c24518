import type { PresenceEntry } from '../../src/lib/shared/protocol.js';
import type { CommittedRoomEvent } from '../../src/lib/shared/room/roomEvents.js';
import type { Bus, Clock, LogStore, ScheduledTask, Scheduler } from './ports.js';

/** How often a process repeats who is connected to it, so that a dead process's people expire. */
export const PRESENCE_HEARTBEAT_MS = 10_000;
/** A process that has not repeated its people for this long is taken for gone. */
export const PRESENCE_STALE_MS = 3.5 * PRESENCE_HEARTBEAT_MS;

const EVENTS = 'room:events';
const PRESENCE = 'room:presence';

interface EventFrame {
	processId: string;
	interviewId: string;
	event: CommittedRoomEvent;
}

interface PresenceFrame {
	processId: string;
	interviewId: string;
	entries: PresenceEntry[];
	/** Set by a process that has just started serving the interview: the others answer with theirs. */
	ask?: boolean;
}

export interface RoomClusterDeps {
	bus: Bus;
	processId: string;
	log: Pick<LogStore, 'readLog'>;
	clock: Clock;
	scheduler: Scheduler;
}

/** What the cluster needs of this process's RoomActivity. */
export interface LocalRooms {
	/** Who is connected to this process, per interview it serves. */
	localEntries(interviewId: string): PresenceEntry[];
	servedHere(): string[];
	foldRemote(interviewId: string, event: CommittedRoomEvent): void;
	presenceChanged(interviewId: string): void;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Frames come from our own processes; one that does not parse is dropped, not thrown. */
function parseFrame<T>(m: Uint8Array): T | null {
	try {
		return JSON.parse(decoder.decode(m)) as T;
	} catch {
		return null;
	}
}

/**
 * Issue 13: the room state several processes serve together. Committed room events are relayed so
 * that every process folds the same state (a joiner's snapshot), and each process announces who is
 * connected to it, again every PRESENCE_HEARTBEAT_MS, so that every page lists everyone.
 */
export class RoomCluster {
	private readonly remote = new Map<string, Map<string, { entries: PresenceEntry[]; at: number }>>();
	private readonly unsubscribe: (() => void)[];
	private heartbeat: ScheduledTask | null = null;

	constructor(
		private readonly deps: RoomClusterDeps,
		private readonly local: LocalRooms
	) {
		this.unsubscribe = [
			deps.bus.subscribe(EVENTS, (m) => {
				const f = parseFrame<EventFrame>(m);
				if (f) this.onEvent(f);
			}),
			deps.bus.subscribe(PRESENCE, (m) => {
				const f = parseFrame<PresenceFrame>(m);
				if (f) this.onPresence(f);
			})
		];
		this.beat();
	}

	get log(): Pick<LogStore, 'readLog'> {
		return this.deps.log;
	}

	publishEvent(interviewId: string, event: CommittedRoomEvent): void {
		this.publish(EVENTS, { processId: this.deps.processId, interviewId, event });
	}

	/** This process's people in the interview changed (or it starts serving it: `ask`). */
	publishPresence(interviewId: string, ask = false): void {
		const entries = this.local.localEntries(interviewId);
		this.publish(PRESENCE, { processId: this.deps.processId, interviewId, entries, ...(ask ? { ask } : {}) });
	}

	/** Everyone connected to the other processes, as they last said. */
	remoteEntries(interviewId: string): PresenceEntry[] {
		const now = this.deps.clock.now();
		const byProcess = this.remote.get(interviewId);
		if (!byProcess) return [];
		return [...byProcess.values()].filter((p) => now - p.at < PRESENCE_STALE_MS).flatMap((p) => p.entries);
	}

	close(): void {
		for (const u of this.unsubscribe) u();
		this.heartbeat?.cancel();
	}

	private onEvent(f: EventFrame): void {
		if (f.processId !== this.deps.processId) this.local.foldRemote(f.interviewId, f.event);
	}

	private onPresence(f: PresenceFrame): void {
		if (f.processId === this.deps.processId) return;
		let byProcess = this.remote.get(f.interviewId);
		if (!byProcess) this.remote.set(f.interviewId, (byProcess = new Map()));
		if (f.entries.length > 0) byProcess.set(f.processId, { entries: f.entries, at: this.deps.clock.now() });
		else byProcess.delete(f.processId);
		if (byProcess.size === 0) this.remote.delete(f.interviewId);
		if (f.ask && this.local.localEntries(f.interviewId).length > 0) this.publishPresence(f.interviewId);
		this.local.presenceChanged(f.interviewId);
	}

	/** Repeats this process's people, and lets go of processes that stopped repeating theirs. */
	private beat(): void {
		this.heartbeat = this.deps.scheduler.after(PRESENCE_HEARTBEAT_MS, () => {
			for (const id of this.local.servedHere()) this.publishPresence(id);
			const now = this.deps.clock.now();
			for (const [id, byProcess] of this.remote) {
				const before = byProcess.size;
				for (const [pid, p] of byProcess) if (now - p.at >= PRESENCE_STALE_MS) byProcess.delete(pid);
				if (byProcess.size === 0) this.remote.delete(id);
				if (byProcess.size !== before) this.local.presenceChanged(id);
			}
			this.beat();
		});
	}

	private publish(channel: string, frame: EventFrame | PresenceFrame): void {
		this.deps.bus.publish(channel, encoder.encode(JSON.stringify(frame)));
	}
}
