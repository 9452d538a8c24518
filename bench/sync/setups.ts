/** The two setups under the same load: Pairboard's relay and the stock y-websocket server. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { serveNodeFlags, spawnServer, type ChildServer } from './childServer.js';
import { mapLimit, PROBLEM, type ClientSpec, type RoomSpec } from './clients.js';
import { runLoad, type LoadResult, type LoadRun } from './load.js';
import { log } from './log.js';
import type { Options } from './options.js';
import { round } from './stats.js';

export interface SetupResult {
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

export function summarize(r: LoadRun, server: ChildServer<{ pid: number }>): SetupResult {
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

export interface PairboardInfo {
	url: string;
	wsUrl: string;
	adminKey: string;
	dataDir: string;
	pid: number;
}

/**
 * A room through `s`'s API; its clients connect to `wsUrls` (the candidate to the first, each
 * interviewer to the next), all to `s` unless given.
 */
export async function createInterview(s: PairboardInfo, n: number, wsUrls: string[] = []): Promise<RoomSpec> {
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
	const spec = (link: string, i: number): ClientSpec => ({
		serverUrl: `${wsUrls[i] ?? s.wsUrl}/yjs/${encodeURIComponent(body.id)}`,
		roomname: 'code',
		params: { token: new URL(link).searchParams.get('token') ?? '' }
	});
	return {
		candidate: spec(body.links.candidate, 0),
		interviewers: body.links.interviewers.map((iv, i) => spec(iv.url, i + 1))
	};
}

export async function runPairboard(opts: Options): Promise<SetupResult> {
	log('pairboard: starting server');
	const server = await spawnServer<PairboardInfo>('bench/pairboardServer.ts', 'pairboard', {}, serveNodeFlags());
	let r: LoadRun;
	try {
		const rooms = await mapLimit(
			Array.from({ length: opts.rooms }, (_, i) => i),
			5,
			(i) => createInterview(server.info, i)
		);
		r = await runLoad({ name: 'pairboard', rooms }, server, opts);
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

export async function runReference(opts: Options): Promise<SetupResult> {
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
		const r = await runLoad({ name: 'reference', rooms }, server, opts);
		return summarize(r, server);
	} finally {
		await server.stop();
	}
}
