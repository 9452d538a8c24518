/**
 * A share of the benchmark's rooms and their clients, all in one process: connects them, types,
 * and tallies what every interviewer saw. load.ts drives one in its own process, or one in each
 * client process (clientProcess.ts) when the clients need more than one core.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { connect, drops, mapLimit, ready, type Client, type RoomSpec, type TargetName } from './clients.js';
import { sleep } from './log.js';
import { CPS, MARKER_BASE, MARKER_COUNT, cursorsOn } from './options.js';
import { round } from './stats.js';

const CONNECT_CONCURRENCY = 10;
/** Sampling period of the client's event-loop delay histogram (its values include it). */
const LOOP_RESOLUTION_MS = 10;

interface Room {
	/** Its place among all the run's rooms: spreads the keystrokes of every process evenly. */
	index: number;
	candidate: Client;
	candidateText: Y.Text;
	interviewers: Client[];
	/** sentAt[k]: when keystroke k was typed. */
	sentAt: number[];
	/** seenAt[i][k]: when interviewer i first had keystroke k. */
	seenAt: number[][];
}

/** What one group saw of the measured keystrokes. */
export interface GroupTally {
	/** keystroke → interviewer times (ms), unsorted. */
	latencies: number[];
	keystrokes: number;
	lostKeystrokes: number;
	lostDeliveries: number;
	disconnects: number;
	disconnectReasons: Record<string, number>;
	/** This process's CPU while typing the measured keystrokes (one core = 100). */
	clientCpuPct: number;
	clientLoopDelayP99Ms: number;
}

export class RoomGroup {
	private rooms: Room[] = [];
	private from = 0;
	private measuring: { cpu: NodeJS.CpuUsage; t: number; loop: ReturnType<typeof monitorEventLoopDelay> } | null = null;
	private clientCpuPct = 0;

	constructor(
		private readonly name: TargetName,
		private readonly specs: RoomSpec[],
		/** Index of specs[0] among all rooms, and how many rooms the run has. */
		private readonly firstIndex: number,
		private readonly totalRooms: number
	) {}

	async connect(): Promise<void> {
		this.rooms = await mapLimit(this.specs, CONNECT_CONCURRENCY, (spec, i) => this.connectRoom(spec, i));
	}

	private async connectRoom(spec: RoomSpec, i: number): Promise<Room> {
		const candidate = connect(spec.candidate);
		const interviewers = spec.interviewers.map(connect);
		const [candidateText, ...texts] = await Promise.all([candidate, ...interviewers].map((c) => ready(c, this.name)));
		const room: Room = {
			index: this.firstIndex + i,
			candidate,
			candidateText,
			interviewers,
			sentAt: [],
			seenAt: interviewers.map(() => [])
		};
		texts.forEach((text, j) => {
			const seen = room.seenAt[j];
			text.observe((event) => {
				// Time first: the delta walk below is part of the client, not of the transport.
				const now = performance.now();
				for (const op of event.delta) {
					if (typeof op.insert !== 'string') continue;
					for (let c = 0; c < op.insert.length; c++) {
						const k = op.insert.charCodeAt(c) - MARKER_BASE;
						if (k >= 0 && k < MARKER_COUNT && seen[k] === undefined) seen[k] = now;
					}
				}
			});
		});
		return room;
	}

	/** Keystrokes typed from now on are the measured ones; this process's CPU is counted until typed(). */
	startMeasuring(): void {
		this.from = this.rooms[0]?.sentAt.length ?? 0;
		drops.count = 0;
		drops.codes.clear();
		const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
		loop.enable();
		this.measuring = { cpu: process.cpuUsage(), t: performance.now(), loop };
	}

	/**
	 * Every candidate types CPS characters per second for `seconds`, each room offset by its share
	 * of one keystroke interval so the server sees a steady stream rather than bursts. Keystrokes
	 * are scheduled against absolute times so timer lateness does not lower the rate. Marker
	 * numbers continue from earlier calls (the warm-up), so every keystroke stays distinct.
	 */
	async type(seconds: number): Promise<void> {
		const interval = 1000 / CPS;
		const perRoom = Math.round(seconds * CPS);
		if (perRoom === 0) return;
		const t0 = performance.now();
		await Promise.all(
			this.rooms.map((room) => typeInto(room, t0 + (room.index / this.totalRooms) * interval, perRoom))
		);
		if (this.measuring) {
			const used = process.cpuUsage(this.measuring.cpu);
			this.clientCpuPct = ((used.user + used.system) / 1000 / (performance.now() - this.measuring.t)) * 100;
			this.measuring.loop.disable();
		}
	}

	/** Waits until every interviewer has every measured keystroke, or `ms` have passed. */
	async drain(ms: number): Promise<void> {
		const until = performance.now() + ms;
		while (performance.now() < until && !this.allSeen()) await sleep(50);
	}

	tally(): GroupTally {
		const latencies: number[] = [];
		let keystrokes = 0;
		let lostKeystrokes = 0;
		let lostDeliveries = 0;
		for (const room of this.rooms) {
			for (let k = this.from; k < room.sentAt.length; k++) {
				keystrokes++;
				let lost = false;
				for (const seen of room.seenAt) {
					if (seen[k] === undefined) {
						lost = true;
						lostDeliveries++;
					} else latencies.push(seen[k] - room.sentAt[k]);
				}
				if (lost) lostKeystrokes++;
			}
		}
		const loop = this.measuring?.loop;
		return {
			latencies,
			keystrokes,
			lostKeystrokes,
			lostDeliveries,
			disconnects: drops.count,
			disconnectReasons: Object.fromEntries(drops.codes),
			clientCpuPct: round(this.clientCpuPct, 1),
			clientLoopDelayP99Ms: loop ? round(Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS)) : 0
		};
	}

	close(): void {
		for (const room of this.rooms) for (const c of [room.candidate, ...room.interviewers]) c.destroy();
		this.rooms = [];
	}

	private allSeen(): boolean {
		return this.rooms.every((room) =>
			room.seenAt.every((seen) => {
				for (let k = this.from; k < room.sentAt.length; k++) if (seen[k] === undefined) return false;
				return true;
			})
		);
	}
}

function typeInto(room: Room, start: number, count: number): Promise<void> {
	const interval = 1000 / CPS;
	const first = room.sentAt.length;
	const cursors = cursorsOn();
	return new Promise((resolve) => {
		let n = 0;
		const tick = () => {
			const k = first + n;
			room.sentAt[k] = performance.now();
			const text = room.candidateText;
			text.insert(text.length, String.fromCharCode(MARKER_BASE + k));
			if (cursors) {
				// What y-monaco's MonacoBinding sets on every cursor move.
				const at = Y.createRelativePositionFromTypeIndex(text, text.length);
				room.candidate.provider.awareness.setLocalStateField('selection', { anchor: at, head: at });
			}
			n++;
			if (n >= count) resolve();
			else setTimeout(tick, Math.max(0, start + n * interval - performance.now()));
		};
		setTimeout(tick, Math.max(0, start - performance.now()));
	});
}
