/**
 * Sync benchmark: Pairboard's Yjs relay against the stock y-websocket 1.5.4 server under the
 * same load. Not a test: it asserts nothing, it prints one JSON object to stdout (progress
 * goes to stderr).
 *
 *   npm run bench:sync -- [--rooms 50] [--duration 30] [--warmup 3] [--repeats 1] [--cursors]
 *   --cursors: each keystroke also moves the typist's cursor in awareness, as in the room.
 *   (or BENCH_ROOMS / BENCH_DURATION_S / BENCH_WARMUP_S / BENCH_REPEATS)
 *
 *   npm run bench:sync -- --processes 1|2|3 [--database-url postgres://…] [--redis-url redis://…]
 *   Multi-process mode (issue 13): N Pairboard processes on one PostgreSQL and one Redis, each
 *   room's clients spread across them, beside one process on the same PostgreSQL and Redis in
 *   the same run (clusterSetup.ts). The URLs default to PAIRBOARD_TEST_DATABASE_URL and
 *   PAIRBOARD_TEST_REDIS_URL (`eval "$(bash scripts/ci-services.sh)"` sets them).
 *
 * Each room: one candidate typing CPS characters per second into a Y.Text, two interviewers
 * watching. All clients are real WebsocketProviders in this process; each server runs in a
 * child process so that /proc gives its CPU and memory alone.
 *
 * Latency is keystroke → the character shows up in an interviewer's Y.Text. Both timestamps
 * come from performance.now() in this process, so no clock sync is needed; the price is that
 * this process's own event loop is part of the path (its CPU and loop delay are reported so
 * a saturated client can be told apart from a slow server).
 *
 * The parts live in bench/sync/: options.ts (flags), clients.ts (the load generator's clients),
 * childServer.ts and setups.ts (the servers under test), load.ts and procSampler.ts (one
 * measured run), stats.ts (percentiles, medians across repeats). This file prints the JSON.
 */
import os from 'node:os';
import { killChildren } from './sync/childServer.js';
import { log } from './sync/log.js';
import { CPS, cursorsOn, readOptions, type Options } from './sync/options.js';
import { runPairboard, runReference, type SetupResult } from './sync/setups.js';
import { clusterServices, runCluster, type ClusterResult } from './sync/clusterSetup.js';
import { medianOf, round } from './sync/stats.js';

const ratio = (a: number, b: number) => round(a / b);

function machine() {
	return {
		cpus: os.cpus().length,
		cpuModel: os.cpus()[0]?.model,
		node: process.version,
		loadavg: os.loadavg().map((l) => round(l))
	};
}

async function main(): Promise<void> {
	const opts = readOptions();
	// y-websocket's provider adds a process 'exit' listener each; hundreds are expected here.
	process.setMaxListeners(opts.rooms * 3 + 20);
	log(
		`rooms=${opts.rooms} duration=${opts.durationS}s warmup=${opts.warmupS}s repeats=${opts.repeats} (${os.cpus().length} cpus)`
	);
	const result = opts.processes ? await compareProcesses(opts, opts.processes) : await compareWithStock(opts);
	await new Promise<void>((resolve) => process.stdout.write(JSON.stringify(result, null, 2) + '\n', () => resolve()));
}

/** N processes on PostgreSQL and Redis beside one process on the same, in the same run. */
async function compareProcesses(opts: Options, processes: 1 | 2 | 3) {
	const services = clusterServices(opts);
	const single: ClusterResult[] = [];
	const cluster: ClusterResult[] = [];
	for (let i = 0; i < opts.repeats; i++) {
		// Alternate the order, as compareWithStock does: the machine's load drifts during a run.
		if (i % 2 === 0 || processes === 1) single.push(await runCluster(opts, 1, services));
		if (processes > 1) cluster.push(await runCluster(opts, processes, services));
		if (i % 2 === 1 && processes > 1) single.push(await runCluster(opts, 1, services));
	}
	const one = medianOf(single);
	const many = processes > 1 ? medianOf(cluster) : undefined;
	return {
		mode: 'processes',
		processes,
		rooms: opts.rooms,
		durationS: opts.durationS,
		warmupS: opts.warmupS,
		charsPerSecondPerRoom: CPS,
		repeats: opts.repeats,
		storage: 'postgres',
		bus: 'redis',
		single: one,
		...(many
			? {
					cluster: many,
					ratio: {
						latencyP50: ratio(many.latencyMs.p50, one.latencyMs.p50),
						latencyP99: ratio(many.latencyMs.p99, one.latencyMs.p99),
						cpu: ratio(many.cpuPct, one.cpuPct),
						rssMb: ratio(many.rssMb.peak, one.rssMb.peak),
						updatesStoredPerS: ratio(many.updatesStoredPerS ?? NaN, one.updatesStoredPerS ?? NaN)
					}
				}
			: {}),
		...(opts.repeats > 1 ? { runs: { single, cluster } } : {}),
		machine: machine()
	};
}

/** The default: Pairboard (one process, SQLite) against the stock y-websocket server. */
async function compareWithStock(opts: Options) {
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
	return {
		rooms: opts.rooms,
		durationS: opts.durationS,
		warmupS: opts.warmupS,
		charsPerSecondPerRoom: CPS,
		cursors: cursorsOn(),
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
		machine: machine()
	};
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
