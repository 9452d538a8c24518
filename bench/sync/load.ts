/** One measured run: connect every room's clients, type, wait for delivery, measure. */
import type { ChildServer } from './childServer.js';
import { ClientProcess } from './clientProcess.js';
import type { Target } from './clients.js';
import { log } from './log.js';
import type { Options } from './options.js';
import { ProcSampler } from './procSampler.js';
import { RoomGroup, type GroupTally } from './roomGroup.js';
import { percentile, round } from './stats.js';

/** How long after the last keystroke a missing one still counts as late rather than lost. */
const DRAIN_MS = 2_000;

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
	/** The client processes' CPU together (one core = 100), and the worst event-loop p99 of any. */
	clientCpuPct: number;
	clientLoopDelayP99Ms: number;
	clientProcesses: number;
}

/** A RoomGroup here or in a client process: every call may be awaited. */
interface Group {
	connect(): Promise<void>;
	startMeasuring(): void | Promise<void>;
	type(seconds: number): Promise<void>;
	drain(ms: number): Promise<void>;
	tally(): GroupTally | Promise<GroupTally>;
	close(): void | Promise<void>;
}

/** The rooms in this process, or split into `n` client processes of consecutive rooms. */
function groupsOf(target: Target, n: number): Group[] {
	const total = target.rooms.length;
	if (n <= 1) return [new RoomGroup(target.name, target.rooms, 0, total)];
	const per = Math.ceil(total / n);
	const groups: Group[] = [];
	for (let first = 0; first < total; first += per) {
		groups.push(new ClientProcess(target.name, target.rooms.slice(first, first + per), first, total));
	}
	return groups;
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
	const groups = groupsOf(target, opts.clientProcesses);
	const all = <R>(f: (g: Group) => R | Promise<R>) => Promise.all(groups.map(f));
	log(`${target.name}: connecting ${target.rooms.length * 3} clients in ${groups.length} process(es)`);
	try {
		await all((g) => g.connect());
		if (opts.warmupS > 0) {
			log(`${target.name}: warming up for ${opts.warmupS} s`);
			await all((g) => g.type(opts.warmupS));
		}
		await all((g) => g.startMeasuring());

		log(`${target.name}: typing in ${target.rooms.length} rooms for ${opts.durationS} s`);
		const samplers = servers.map((s) => new ProcSampler(s.pid));
		const starts = samplers.map((s) => s.start().rssMb);
		const wallStartMs = Date.now();
		await all((g) => g.type(opts.durationS));
		// CPU over the typing only: the drain is mostly idle and would dilute the mean.
		const cpus = samplers.map((s) => s.cpuPct());

		await all((g) => g.drain(DRAIN_MS));
		const wallEndMs = Date.now();
		const perProcess: ProcessUsage[] = samplers.map((s, i) => {
			const { peakMb, endMb } = s.stop();
			return { cpuPct: cpus[i], rss: { startMb: starts[i], peakMb, endMb } };
		});
		const sum = (f: (u: ProcessUsage) => number) => perProcess.reduce((acc, u) => acc + f(u), 0);
		const load = { ...combine(await all((g) => g.tally())), wallStartMs, wallEndMs, clientProcesses: groups.length };
		return {
			load,
			cpuPct: sum((u) => u.cpuPct),
			rss: { startMb: sum((u) => u.rss.startMb), peakMb: sum((u) => u.rss.peakMb), endMb: sum((u) => u.rss.endMb) },
			perProcess
		};
	} finally {
		log(`${target.name}: disconnecting`);
		await all((g) => g.close());
	}
}

function combine(tallies: GroupTally[]): Omit<LoadResult, 'wallStartMs' | 'wallEndMs' | 'clientProcesses'> {
	const latencies = tallies.flatMap((t) => t.latencies).sort((a, b) => a - b);
	const total = (f: (t: GroupTally) => number) => tallies.reduce((acc, t) => acc + f(t), 0);
	const reasons: Record<string, number> = {};
	for (const t of tallies) for (const [k, n] of Object.entries(t.disconnectReasons)) reasons[k] = (reasons[k] ?? 0) + n;
	return {
		keystrokes: total((t) => t.keystrokes),
		latencyMs: {
			p50: round(percentile(latencies, 50)),
			p99: round(percentile(latencies, 99)),
			max: round(latencies.at(-1) ?? NaN),
			mean: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
			samples: latencies.length
		},
		lostKeystrokes: total((t) => t.lostKeystrokes),
		lostDeliveries: total((t) => t.lostDeliveries),
		disconnects: total((t) => t.disconnects),
		disconnectReasons: reasons,
		clientCpuPct: round(
			total((t) => t.clientCpuPct),
			1
		),
		clientLoopDelayP99Ms: Math.max(...tallies.map((t) => t.clientLoopDelayP99Ms))
	};
}

/** What runLoad measured. */
export type LoadRun = Awaited<ReturnType<typeof runLoad>>;
