/**
 * The multi-process mode (`--processes N`): N Pairboard processes on one PostgreSQL and one
 * Redis, every room's clients spread across them (the candidate on process r mod N, the
 * interviewers on the next ones), so most deliveries cross processes.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { serveNodeFlags, spawnServer, type ChildServer } from './childServer.js';
import { mapLimit } from './clients.js';
import { runLoad, type LoadRun } from './load.js';
import { log } from './log.js';
import type { Options } from './options.js';
import { createInterview, summarize, type PairboardInfo, type SetupResult } from './setups.js';
import { round } from './stats.js';

export interface ClusterServices {
	databaseUrl: string;
	redisUrl: string;
}

export interface ClusterResult extends SetupResult {
	processes: number;
	/** CPU (% of one core) and RSS of each process, in process order. */
	perProcess: { cpuPct: number; rssMb: { start: number; peak: number; end: number } }[];
	/** Deliveries whose interviewer was connected to another process than the candidate. */
	crossProcessShare: number;
}

/** The PostgreSQL and Redis to run on: flags, else the test services' variables (.ci/run's). */
export function clusterServices(flags: { databaseUrl?: string; redisUrl?: string }): ClusterServices {
	const databaseUrl = flags.databaseUrl ?? process.env.PAIRBOARD_TEST_DATABASE_URL;
	const redisUrl = flags.redisUrl ?? process.env.PAIRBOARD_TEST_REDIS_URL;
	if (!databaseUrl || !redisUrl) {
		throw new Error(
			'--processes needs a PostgreSQL and a Redis: pass --database-url and --redis-url, or run ' +
				'`eval "$(bash scripts/ci-services.sh)"` first (it sets PAIRBOARD_TEST_DATABASE_URL and PAIRBOARD_TEST_REDIS_URL)'
		);
	}
	return { databaseUrl, redisUrl };
}

export async function runCluster(opts: Options, processes: number, services: ClusterServices): Promise<ClusterResult> {
	// A schema of its own, dropped afterwards: runs never see each other's rooms.
	const schema = `pb_bench_${randomBytes(4).toString('hex')}`;
	const admin = new pg.Client({ connectionString: services.databaseUrl });
	await admin.connect();
	await admin.query(`CREATE SCHEMA ${schema}`);
	const url = new URL(services.databaseUrl);
	url.searchParams.set('options', `-c search_path=${schema}`);
	const env = { BENCH_DATABASE_URL: url.toString(), BENCH_REDIS_URL: services.redisUrl };
	const name = `cluster-${processes}`;
	const servers: ChildServer<PairboardInfo>[] = [];
	try {
		log(`${name}: starting ${processes} server(s) on PostgreSQL and Redis`);
		// One first, so that it runs the migrations alone and the others find nothing to do.
		servers.push(await spawnServer<PairboardInfo>('bench/pairboardServer.ts', `${name}/0`, env, serveNodeFlags()));
		for (let i = 1; i < processes; i++) {
			servers.push(await spawnServer<PairboardInfo>('bench/pairboardServer.ts', `${name}/${i}`, env, serveNodeFlags()));
		}
		const wsOf = (i: number) => servers[i % processes].info.wsUrl;
		const rooms = await mapLimit(
			Array.from({ length: opts.rooms }, (_, r) => r),
			5,
			(r) => createInterview(servers[0].info, r, [wsOf(r), wsOf(r + 1), wsOf(r + 2)])
		);
		let run: LoadRun;
		try {
			run = await runLoad({ name: 'pairboard', rooms }, servers, opts);
		} finally {
			await Promise.all(servers.map((s) => s.stop()));
		}
		// Read after the servers stopped (each drains its recorder on shutdown); the typing window only.
		const { rows } = await admin.query<{ n: string }>(
			`SELECT COUNT(*) AS n FROM ${schema}.log WHERE kind = 'yjs' AND t BETWEEN $1 AND $2`,
			[run.load.wallStartMs, run.load.wallEndMs]
		);
		const stored = Number(rows[0].n);
		const stderr = servers.flatMap((s) => s.stderr);
		const base = summarize(run, { ...servers[0], stderr });
		// Interviewer k of a room sits k processes after the candidate (k = 1, 2).
		const crossProcessShare = processes === 1 ? 0 : [1, 2].filter((k) => k % processes !== 0).length / 2;
		return {
			...base,
			processes,
			updatesStored: stored,
			updatesStoredPerS: round(stored / opts.durationS, 1),
			perProcess: run.perProcess.map((u) => ({
				cpuPct: round(u.cpuPct, 1),
				rssMb: { start: round(u.rss.startMb, 1), peak: round(u.rss.peakMb, 1), end: round(u.rss.endMb, 1) }
			})),
			crossProcessShare
		};
	} finally {
		await Promise.all(servers.map((s) => s.stop()));
		for (const s of servers) fs.rmSync(s.info.dataDir, { recursive: true, force: true });
		await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
		await admin.end();
	}
}
