/** One measured run: connect every room's clients, type, wait for delivery, measure. */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import type { ChildServer } from './childServer.js';
import { connect, drops, mapLimit, ready, type Client, type Target } from './clients.js';
import { log, sleep } from './log.js';
import { CPS, MARKER_BASE, MARKER_COUNT, type Options } from './options.js';
import { ProcSampler } from './procSampler.js';
import { percentile, round } from './stats.js';

/** How long after the last keystroke a missing one still counts as late rather than lost. */
const DRAIN_MS = 2_000;
const CONNECT_CONCURRENCY = 10;
/** Sampling period of the client's event-loop delay histogram (its values include it). */
const LOOP_RESOLUTION_MS = 10;

interface Room {
	candidate: Client;
	candidateText: Y.Text;
	interviewers: Client[];
	/** sentAt[k]: when keystroke k was typed. */
	sentAt: number[];
	/** seenAt[i][k]: when interviewer i first had keystroke k. */
	seenAt: number[][];
}

export interface LoadResult {
	keystrokes: number;
	latencyMs: { p50: number; p99: number; max: number; mean: number; samples: number };
	/** Keystrokes at least one interviewer never received (by the end of the drain). */
	lostKeystrokes: number;
	/** (keystroke, interviewer) pairs never delivered. */
	lostDeliveries: number;
	disconnects: number;
	disconnectReasons: Record<string, number>;
	wallStartMs: number;
	wallEndMs: number;
	clientCpuPct: number;
	clientLoopDelayP99Ms: number;
}

async function connectRooms(target: Target): Promise<Room[]> {
	return mapLimit(target.rooms, CONNECT_CONCURRENCY, async (spec) => {
		const candidate = connect(spec.candidate);
		const interviewers = spec.interviewers.map(connect);
		const [candidateText, ...texts] = await Promise.all([candidate, ...interviewers].map((c) => ready(c, target)));
		const room: Room = { candidate, candidateText, interviewers, sentAt: [], seenAt: interviewers.map(() => []) };
		texts.forEach((text, i) => {
			const seen = room.seenAt[i];
			text.observe((event) => {
				// Time first: the delta walk below is part of the client, not of the transport.
				const now = performance.now();
				for (const op of event.delta) {
					if (typeof op.insert !== 'string') continue;
					for (let j = 0; j < op.insert.length; j++) {
						const k = op.insert.charCodeAt(j) - MARKER_BASE;
						if (k >= 0 && k < MARKER_COUNT && seen[k] === undefined) seen[k] = now;
					}
				}
			});
		});
		return room;
	});
}

/**
 * Every candidate types CPS characters per second for durationS, each room offset by an even
 * share of one keystroke interval so the server sees a steady stream rather than R-sized bursts.
 * Keystrokes are scheduled against absolute times so timer lateness does not lower the rate.
 * Marker numbers continue from earlier calls (the warm-up), so every keystroke stays distinct.
 */
async function type(rooms: Room[], durationS: number): Promise<void> {
	const interval = 1000 / CPS;
	const perRoom = Math.round(durationS * CPS);
	if (perRoom === 0) return;
	const t0 = performance.now();
	await Promise.all(
		rooms.map(
			(room, r) =>
				new Promise<void>((resolve) => {
					const start = t0 + (r / rooms.length) * interval;
					const first = room.sentAt.length;
					let n = 0;
					const tick = () => {
						const k = first + n;
						room.sentAt[k] = performance.now();
						room.candidateText.insert(room.candidateText.length, String.fromCharCode(MARKER_BASE + k));
						n++;
						if (n >= perRoom) resolve();
						else setTimeout(tick, Math.max(0, start + n * interval - performance.now()));
					};
					setTimeout(tick, Math.max(0, start - performance.now()));
				})
		)
	);
}

/** Whether every interviewer has every keystroke from `from` on. */
function allSeen(rooms: Room[], from: number): boolean {
	return rooms.every((room) =>
		room.seenAt.every((seen) => {
			for (let k = from; k < room.sentAt.length; k++) if (seen[k] === undefined) return false;
			return true;
		})
	);
}

/** CPU and memory of one server process over the measured window. */
export interface ProcessUsage {
	cpuPct: number;
	rss: { startMb: number; peakMb: number; endMb: number };
}

/**
 * One measured run against one server process, or several (a cluster: `cpuPct` and `rss` are
 * then the sums, `perProcess` has each).
 */
export async function runLoad(
	target: Target,
	server: ChildServer<{ pid: number }> | ChildServer<{ pid: number }>[],
	opts: Options
): Promise<{
	load: LoadResult;
	cpuPct: number;
	rss: { startMb: number; peakMb: number; endMb: number };
	perProcess: ProcessUsage[];
}> {
	const servers = Array.isArray(server) ? server : [server];
	log(`${target.name}: connecting ${target.rooms.length * 3} clients`);
	const rooms = await connectRooms(target);
	if (opts.warmupS > 0) {
		log(`${target.name}: warming up for ${opts.warmupS} s`);
		await type(rooms, opts.warmupS);
	}
	// Same count in every room: keystrokes from here on are the measured ones.
	const from = rooms[0].sentAt.length;
	drops.count = 0;
	drops.codes.clear();

	log(`${target.name}: typing in ${rooms.length} rooms for ${opts.durationS} s`);
	const samplers = servers.map((s) => new ProcSampler(s.pid));
	const starts = samplers.map((s) => s.start().rssMb);
	const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	loop.enable();
	const clientCpu0 = process.cpuUsage();
	const wallStartMs = Date.now();
	const tStart = performance.now();

	await type(rooms, opts.durationS);

	// CPU over the typing only: the drain is mostly idle and would dilute the mean.
	const cpus = samplers.map((s) => s.cpuPct());
	const clientCpu = process.cpuUsage(clientCpu0);
	const clientCpuPct = ((clientCpu.user + clientCpu.system) / 1000 / (performance.now() - tStart)) * 100;
	loop.disable();

	const drainUntil = performance.now() + DRAIN_MS;
	while (performance.now() < drainUntil && !allSeen(rooms, from)) await sleep(50);
	const wallEndMs = Date.now();
	const perProcess: ProcessUsage[] = samplers.map((s, i) => {
		const { peakMb, endMb } = s.stop();
		return { cpuPct: cpus[i], rss: { startMb: starts[i], peakMb, endMb } };
	});
	const sum = (f: (u: ProcessUsage) => number) => perProcess.reduce((acc, u) => acc + f(u), 0);

	const latencies: number[] = [];
	let keystrokes = 0;
	let lostKeystrokes = 0;
	let lostDeliveries = 0;
	for (const room of rooms) {
		for (let k = from; k < room.sentAt.length; k++) {
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
	latencies.sort((a, b) => a - b);
	const load: LoadResult = {
		keystrokes,
		latencyMs: {
			p50: round(percentile(latencies, 50)),
			p99: round(percentile(latencies, 99)),
			max: round(latencies.at(-1) ?? NaN),
			mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
			samples: latencies.length
		},
		lostKeystrokes,
		lostDeliveries,
		disconnects: drops.count,
		disconnectReasons: Object.fromEntries(drops.codes),
		wallStartMs,
		wallEndMs,
		clientCpuPct: round(clientCpuPct, 1),
		clientLoopDelayP99Ms: round(Math.max(0, loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS))
	};

	log(`${target.name}: disconnecting`);
	for (const room of rooms) for (const c of [room.candidate, ...room.interviewers]) c.destroy();
	return {
		load,
		cpuPct: sum((u) => u.cpuPct),
		rss: { startMb: sum((u) => u.rss.startMb), peakMb: sum((u) => u.rss.peakMb), endMb: sum((u) => u.rss.endMb) },
		perProcess
	};
}

/** What runLoad measured. */
export type LoadRun = Awaited<ReturnType<typeof runLoad>>;
