/**
 * Sync benchmark: Pairboard's Yjs relay against the stock y-websocket 1.5.4 server under the
 * same load. Not a test: it asserts nothing, it prints one JSON object to stdout (progress
 * goes to stderr).
 *
 *   npm run bench:sync -- [--rooms 50] [--duration 30] [--warmup 3] [--repeats 1]
 *   (or BENCH_ROOMS / BENCH_DURATION_S / BENCH_WARMUP_S / BENCH_REPEATS)
 *
 * Each room: one candidate typing CPS characters per second into a Y.Text, two interviewers
 * watching. All clients are real WebsocketProviders in this process; each server runs in a
 * child process so that /proc gives its CPU and memory alone.
 *
 * Latency is keystroke → the character shows up in an interviewer's Y.Text. Both timestamps
 * come from performance.now() in this process, so no clock sync is needed; the price is that
 * this process's own event loop is part of the path (its CPU and loop delay are reported so
 * a saturated client can be told apart from a slow server).
 */
import { spawn, execFileSync, type ChildProcessByStdio } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Typing speed of every candidate (characters per second). */
const CPS = 8;
/** How long after the last keystroke a missing one still counts as late rather than lost. */
const DRAIN_MS = 2_000;
/** The problem whose buffer the candidate types into (the server seeds it). */
const PROBLEM = 'moving-average';
/**
 * Keystroke k of a room types the character BASE + k. One UTF-16 unit per keystroke keeps the
 * load identical to real typing (one single-character insert), while every keystroke stays
 * recognisable in the receiver's delta. CJK ideographs: 20 992 distinct ones, none in starters.
 */
const MARKER_BASE = 0x4e00;
const MARKER_COUNT = 0x9fff - MARKER_BASE + 1;
const SAMPLE_EVERY_MS = 250;
const CONNECT_TIMEOUT_MS = 30_000;
const CONNECT_CONCURRENCY = 10;
/** Sampling period of the client's event-loop delay histogram (its values include it). */
const LOOP_RESOLUTION_MS = 10;

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
	rooms: number;
	durationS: number;
	/** Unmeasured typing first: otherwise whichever setup runs first pays for the client's JIT. */
	warmupS: number;
	repeats: number;
}

function readOptions(): Options {
	const { values } = parseArgs({
		options: {
			rooms: { type: 'string' },
			duration: { type: 'string' },
			warmup: { type: 'string' },
			repeats: { type: 'string' }
		},
		allowPositionals: false
	});
	const num = (flag: string | undefined, env: string | undefined, dflt: number, name: string, zeroOk = false) => {
		const raw = flag ?? env;
		if (raw === undefined || raw === '') return dflt;
		const n = Number(raw);
		if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroOk)) throw new Error(`${name}: bad value ${raw}`);
		return n;
	};
	const opts: Options = {
		rooms: Math.floor(num(values.rooms, process.env.BENCH_ROOMS, 50, 'rooms')),
		durationS: num(values.duration, process.env.BENCH_DURATION_S, 30, 'duration'),
		warmupS: num(values.warmup, process.env.BENCH_WARMUP_S, 3, 'warmup', true),
		repeats: Math.floor(num(values.repeats, process.env.BENCH_REPEATS, 1, 'repeats'))
	};
	if (Math.round((opts.durationS + opts.warmupS) * CPS) > MARKER_COUNT) {
		throw new Error(`warmup + duration too long: only ${MARKER_COUNT} distinct markers`);
	}
	return opts;
}

function log(msg: string): void {
	process.stderr.write(`[bench] ${msg}\n`);
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------------
// Server child processes

interface ChildServer<Info> {
	info: Info;
	pid: number;
	/** stderr lines of the server: warnings and errors are part of the result. */
	stderr: string[];
	stop(): Promise<void>;
}

const children = new Set<ChildProcessByStdio<Writable, Readable, Readable>>();

/**
 * Runs `script` under `node --import tsx` (not `npx tsx`, which would put npm and a shell
 * between us and the server and make the spawned pid the wrong one to sample). The script
 * announces itself with one JSON line on stdout.
 */
async function spawnServer<Info extends { pid: number }>(script: string, label: string): Promise<ChildServer<Info>> {
	const env = { ...process.env };
	// The reference server would switch to LevelDB persistence if this were set.
	delete env.YPERSISTENCE;
	const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, script)], {
		cwd: ROOT,
		env,
		stdio: ['pipe', 'pipe', 'pipe']
	});
	children.add(child);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	void exited.then(() => children.delete(child));

	const stderr: string[] = [];
	readline.createInterface({ input: child.stderr }).on('line', (line) => {
		stderr.push(line);
		process.stderr.write(`[${label}] ${line}\n`);
	});

	const info = await new Promise<Info>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${label} did not start in time`)), 60_000);
		const lines = readline.createInterface({ input: child.stdout });
		lines.once('line', (line) => {
			clearTimeout(timer);
			try {
				resolve(JSON.parse(line) as Info);
			} catch {
				reject(new Error(`${label} printed ${line}`));
			}
		});
		child.once('exit', (code) => reject(new Error(`${label} exited with ${code} before starting`)));
	});

	return {
		info,
		pid: info.pid,
		stderr,
		async stop() {
			if (child.exitCode !== null || child.signalCode !== null) return;
			child.stdin.end();
			child.kill('SIGTERM');
			const killed = await Promise.race([exited.then(() => false), sleep(15_000).then(() => true)]);
			if (killed) {
				log(`${label} ignored SIGTERM; killing it`);
				child.kill('SIGKILL');
				await exited;
			}
		}
	};
}

// ---------------------------------------------------------------------------------------------
// /proc sampling

const CLK_TCK = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** utime + stime of the whole process (all threads, so the guard worker counts), in seconds. */
function cpuSeconds(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name may contain spaces and parentheses: fields start after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
	return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function rssMb(pid: number): number {
	const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
	return m ? Number(m[1]) / 1024 : NaN;
}

/** Samples RSS periodically (the peak would be missed by start/end readings alone). */
class ProcSampler {
	private timer: ReturnType<typeof setInterval> | null = null;
	private peak = 0;
	private cpu0 = 0;
	private t0 = 0;

	constructor(private readonly pid: number) {}

	start(): { rssMb: number } {
		this.cpu0 = cpuSeconds(this.pid);
		this.t0 = performance.now();
		const rss = rssMb(this.pid);
		this.peak = rss;
		this.timer = setInterval(() => {
			try {
				this.peak = Math.max(this.peak, rssMb(this.pid));
			} catch {
				// The process went away; stop() reports what we have.
			}
		}, SAMPLE_EVERY_MS);
		return { rssMb: rss };
	}

	/** Mean CPU since start(), in % of one core. */
	cpuPct(): number {
		return ((cpuSeconds(this.pid) - this.cpu0) / ((performance.now() - this.t0) / 1000)) * 100;
	}

	stop(): { peakMb: number; endMb: number } {
		if (this.timer) clearInterval(this.timer);
		const end = rssMb(this.pid);
		return { peakMb: Math.max(this.peak, end), endMb: end };
	}
}

// ---------------------------------------------------------------------------------------------
// Clients

/** Where one client connects; pairboard and reference only differ in these. */
interface ClientSpec {
	serverUrl: string;
	roomname: string;
	params: Record<string, string>;
}

interface RoomSpec {
	candidate: ClientSpec;
	interviewers: ClientSpec[];
}

interface Client {
	doc: Y.Doc;
	provider: WebsocketProvider;
	destroy(): void;
}

interface Target {
	name: 'pairboard' | 'reference';
	rooms: RoomSpec[];
	/** The shared text of a synced doc, or undefined while the server's seed has not arrived. */
	text(doc: Y.Doc): Y.Text | undefined;
}

/** Counts connection drops during the measured window (a healthy run has none). */
const drops = { count: 0, codes: new Map<string, number>() };

function connect(spec: ClientSpec): Client {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(spec.serverUrl, spec.roomname, doc, {
		params: spec.params,
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		// Every client of a room lives in this process: BroadcastChannel would let them sync
		// with each other directly and bypass the server under test.
		disableBc: true,
		maxBackoffTime: 1_000
	});
	provider.on('connection-close', (e: { code: number; reason: string } | null) => {
		if (!e) return;
		drops.count++;
		const key = `${e.code} ${String(e.reason)}`.trim();
		drops.codes.set(key, (drops.codes.get(key) ?? 0) + 1);
	});
	return {
		doc,
		provider,
		destroy() {
			provider.destroy();
			doc.destroy();
		}
	};
}

/** Resolves with the room's text once the provider is synced and the text exists. */
function ready(c: Client, target: Target): Promise<Y.Text> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(`${target.name}: client not synced within ${CONNECT_TIMEOUT_MS} ms`));
		}, CONNECT_TIMEOUT_MS);
		const check = () => {
			const text = c.provider.synced ? target.text(c.doc) : undefined;
			if (!text) return;
			cleanup();
			resolve(text);
		};
		const cleanup = () => {
			clearTimeout(timer);
			c.provider.off('sync', check);
			c.doc.off('update', check);
		};
		c.provider.on('sync', check);
		c.doc.on('update', check);
		check();
	});
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
	const out: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			out[i] = await fn(items[i], i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return out;
}

// ---------------------------------------------------------------------------------------------
// One measured run

interface Room {
	candidate: Client;
	candidateText: Y.Text;
	interviewers: Client[];
	/** sentAt[k]: when keystroke k was typed. */
	sentAt: number[];
	/** seenAt[i][k]: when interviewer i first had keystroke k. */
	seenAt: number[][];
}

interface LoadResult {
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

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

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

async function runLoad(
	target: Target,
	server: ChildServer<{ pid: number }>,
	opts: Options
): Promise<{
	load: LoadResult;
	cpuPct: number;
	rss: { startMb: number; peakMb: number; endMb: number };
}> {
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
	const sampler = new ProcSampler(server.pid);
	const { rssMb: startMb } = sampler.start();
	const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	loop.enable();
	const clientCpu0 = process.cpuUsage();
	const wallStartMs = Date.now();
	const tStart = performance.now();

	await type(rooms, opts.durationS);

	// CPU over the typing only: the drain is mostly idle and would dilute the mean.
	const cpuPct = sampler.cpuPct();
	const clientCpu = process.cpuUsage(clientCpu0);
	const clientCpuPct = ((clientCpu.user + clientCpu.system) / 1000 / (performance.now() - tStart)) * 100;
	loop.disable();

	const drainUntil = performance.now() + DRAIN_MS;
	while (performance.now() < drainUntil && !allSeen(rooms, from)) await sleep(50);
	const wallEndMs = Date.now();
	const { peakMb, endMb } = sampler.stop();

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
	return { load, cpuPct, rss: { startMb, peakMb, endMb } };
}

// ---------------------------------------------------------------------------------------------
// The two setups

interface SetupResult {
	latencyMs: LoadResult['latencyMs'];
	keystrokes: number;
	lostKeystrokes: number;
	lostDeliveries: number;
	updatesStoredPerS?: number;
	updatesStored?: number;
	cpuPct: number;
	rssMb: { start: number; peak: number; end: number };
	clientCpuPct: number;
	clientLoopDelayP99Ms: number;
	disconnects: number;
	disconnectReasons: Record<string, number>;
	serverStderrLines: number;
	serverStderrSample?: string[];
}

function summarize(r: Awaited<ReturnType<typeof runLoad>>, server: ChildServer<{ pid: number }>): SetupResult {
	const { wallStartMs: _s, wallEndMs: _e, ...load } = r.load;
	// Only the shutdown notice is expected; anything else is worth reading in the result.
	const unexpected = server.stderr.filter((l) => !/\] stopping \(/.test(l));
	return {
		...load,
		cpuPct: round(r.cpuPct, 1),
		rssMb: { start: round(r.rss.startMb, 1), peak: round(r.rss.peakMb, 1), end: round(r.rss.endMb, 1) },
		serverStderrLines: server.stderr.length,
		...(unexpected.length > 0 ? { serverStderrSample: unexpected.slice(0, 10) } : {})
	};
}

interface PairboardInfo {
	url: string;
	wsUrl: string;
	adminKey: string;
	dataDir: string;
	pid: number;
}

async function createInterview(s: PairboardInfo, n: number): Promise<RoomSpec> {
	const res = await fetch(`${s.url}/api/interviews`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
		body: JSON.stringify({
			title: `bench room ${n}`,
			candidate: { name: 'Casey Candidate' },
			problems: [PROBLEM],
			interviewers: [{ name: 'Ines Interviewer' }, { name: 'Ivan Interviewer' }]
		})
	});
	if (res.status !== 201) throw new Error(`POST /api/interviews: ${res.status} ${await res.text()}`);
	const body = (await res.json()) as { id: string; links: { candidate: string; interviewers: { url: string }[] } };
	// CONSENT-1: the candidate accepts the recording notice before connecting.
	const consent = await fetch(
		`${s.url}/api/interviews/${body.id}/consent?token=${new URL(body.links.candidate).searchParams.get('token')}`,
		{ method: 'POST' }
	);
	if (consent.status !== 200) throw new Error(`POST consent: ${consent.status} ${await consent.text()}`);
	const spec = (link: string): ClientSpec => ({
		serverUrl: `${s.wsUrl}/yjs/${encodeURIComponent(body.id)}`,
		roomname: 'code',
		params: { token: new URL(link).searchParams.get('token') ?? '' }
	});
	return { candidate: spec(body.links.candidate), interviewers: body.links.interviewers.map((i) => spec(i.url)) };
}

async function runPairboard(opts: Options): Promise<SetupResult> {
	log('pairboard: starting server');
	const server = await spawnServer<PairboardInfo>('bench/pairboardServer.ts', 'pairboard');
	let r: Awaited<ReturnType<typeof runLoad>>;
	try {
		const rooms = await mapLimit(
			Array.from({ length: opts.rooms }, (_, i) => i),
			5,
			(i) => createInterview(server.info, i)
		);
		r = await runLoad(
			{ name: 'pairboard', rooms, text: (doc) => doc.getMap<Y.Text>('files').get(PROBLEM) },
			server,
			opts
		);
	} finally {
		await server.stop();
	}
	// Read after the server stopped: it drains its recorder on shutdown, so every update it
	// acknowledged is in the file. Only the run's window: the seeds are not typing.
	const dbFile = path.join(server.info.dataDir, 'pairboard.sqlite');
	const db = new Database(dbFile, { readonly: true, fileMustExist: true });
	const { n } = db
		.prepare(`SELECT COUNT(*) AS n FROM log WHERE kind = 'yjs' AND t BETWEEN ? AND ?`)
		.get(r.load.wallStartMs, r.load.wallEndMs) as { n: number };
	db.close();
	fs.rmSync(server.info.dataDir, { recursive: true, force: true });
	return { ...summarize(r, server), updatesStored: n, updatesStoredPerS: round(n / opts.durationS, 1) };
}

async function runReference(opts: Options): Promise<SetupResult> {
	log('reference: starting server');
	const server = await spawnServer<{ url: string; wsUrl: string; pid: number }>(
		'bench/referenceServer.ts',
		'reference'
	);
	try {
		const spec = (room: number): ClientSpec => ({ serverUrl: server.info.wsUrl, roomname: `room-${room}`, params: {} });
		const rooms = Array.from({ length: opts.rooms }, (_, i) => ({
			candidate: spec(i),
			interviewers: [spec(i), spec(i)]
		}));
		const r = await runLoad({ name: 'reference', rooms, text: (doc) => doc.getText('t') }, server, opts);
		return summarize(r, server);
	} finally {
		await server.stop();
	}
}

// ---------------------------------------------------------------------------------------------
// Main

/** Medians of every numeric leaf across repeats (the machine is noisy); other leaves from the first. */
function medianOf<T>(runs: T[]): T {
	const first = runs[0] as unknown;
	if (typeof first === 'number') {
		const s = (runs as number[]).slice().sort((a, b) => a - b);
		const mid = Math.floor(s.length / 2);
		return (s.length % 2 ? s[mid] : round((s[mid - 1] + s[mid]) / 2)) as T;
	}
	if (first && typeof first === 'object' && !Array.isArray(first)) {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(first)) {
			out[key] = medianOf(runs.map((r) => (r as Record<string, unknown>)[key]));
		}
		return out as T;
	}
	return first as T;
}

async function main(): Promise<void> {
	const opts = readOptions();
	// y-websocket's provider adds a process 'exit' listener each; hundreds are expected here.
	process.setMaxListeners(opts.rooms * 3 + 20);
	log(
		`rooms=${opts.rooms} duration=${opts.durationS}s warmup=${opts.warmupS}s repeats=${opts.repeats} (${os.cpus().length} cpus)`
	);
	const pairboard: SetupResult[] = [];
	const reference: SetupResult[] = [];
	for (let i = 0; i < opts.repeats; i++) {
		// Alternate the order so that neither setup always gets the warmer client process.
		if (i % 2 === 0) {
			pairboard.push(await runPairboard(opts));
			reference.push(await runReference(opts));
		} else {
			reference.push(await runReference(opts));
			pairboard.push(await runPairboard(opts));
		}
	}
	const pb = medianOf(pairboard);
	const ref = medianOf(reference);
	const ratio = (a: number, b: number) => round(a / b);
	const result = {
		rooms: opts.rooms,
		durationS: opts.durationS,
		warmupS: opts.warmupS,
		charsPerSecondPerRoom: CPS,
		repeats: opts.repeats,
		pairboard: pb,
		reference: ref,
		ratio: {
			latencyP50: ratio(pb.latencyMs.p50, ref.latencyMs.p50),
			latencyP99: ratio(pb.latencyMs.p99, ref.latencyMs.p99),
			cpu: ratio(pb.cpuPct, ref.cpuPct),
			rssMb: ratio(pb.rssMb.peak, ref.rssMb.peak)
		},
		...(opts.repeats > 1 ? { runs: { pairboard, reference } } : {}),
		machine: {
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model,
			node: process.version,
			loadavg: os.loadavg().map((l) => round(l))
		}
	};
	await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(result, null, 2) + '\n', () => resolve()));
}

function killChildren(): void {
	for (const c of children) c.kill('SIGKILL');
}

process.on('SIGINT', () => {
	killChildren();
	process.exit(130);
});

main().then(
	// Providers and sockets are closed, but an exit that waits on a stray timer would hang CI.
	() => process.exit(0),
	(err) => {
		console.error('[bench] failed:', err);
		killChildren();
		process.exit(1);
	}
);
