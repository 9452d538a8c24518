/**
 * The Pairboard server alone in its own process, so that bench/sync.ts can measure its CPU
 * and memory without counting the benchmark's clients.
 *
 * Prints one JSON line to stdout once it listens: {url, wsUrl, adminKey, dataDir, pid}.
 * BENCH_DATABASE_URL and BENCH_REDIS_URL (set by the multi-process mode only) put it on
 * PostgreSQL and Redis; without them it uses SQLite in its data folder and in-process fan-out.
 * Stops gracefully on SIGTERM/SIGINT, or when stdin closes (the parent died without
 * killing us: an orphaned server would otherwise keep its port and temp dir forever).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import type { WalCheckpointer } from '../server/storage/sqlite/WalCheckpointer.js';
import { startServer } from '../tests/helpers/startServer.js';

// Our own folder (not the test helper's, which is removed at exit): the benchmark counts the
// stored updates in it after this process has stopped, then removes it.
const s = await startServer({
	dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-bench-')),
	// Every simulated person connects from loopback: LIMIT-8 would take 1,500 of them for one
	// address flooding the server. Its own test (tests/integration/addressLimits.test.ts) covers it.
	addressSockets: { maxOpen: 1_000_000, burst: 1_000_000, perSecond: 1_000_000 },
	config: {
		databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
		redisUrl: process.env.BENCH_REDIS_URL || undefined
	}
});

let stopping = false;
async function shutdown(why: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	const g = s.app.guard;
	const mb = (n: number) => Math.round(n / 2 ** 20);
	const m = process.memoryUsage();
	const spaces = v8.getHeapSpaceStatistics().map((x) => `${x.space_name}=${mb(x.physical_space_size)}`);
	console.error(
		`[pairboardServer] memory MB: rss=${mb(m.rss)} heapTotal=${mb(m.heapTotal)} heapUsed=${mb(m.heapUsed)} external=${mb(m.external)} arrayBuffers=${mb(m.arrayBuffers)}; ${spaces.join(' ')}`
	);
	// SQLite only: what the WAL checkpoints off the main thread did (issue 11).
	const cp = (s.app.stores as { checkpointer?: WalCheckpointer | null }).checkpointer;
	if (cp) {
		console.error(
			`[pairboardServer] WAL checkpoints: ${cp.checkpoints}, restarts: ${cp.restarts} (longest ${Math.round(cp.longestRestartMs)} ms)`
		);
	}
	const wal = path.join(s.dataDir, 'pairboard.sqlite-wal');
	const walMb = fs.existsSync(wal) ? Math.round((fs.statSync(wal).size / 2 ** 20) * 10) / 10 : 0;
	console.error(
		`[pairboardServer] stopping (${why}); SQLite WAL ${walMb} MB; guard: ${g.workerCount} workers, ${g.moves} rooms moved, ${g.restarts} restarts`
	);
	try {
		await s.stop();
		process.exit(0);
	} catch (err) {
		console.error('[pairboardServer] stop failed:', err);
		process.exit(1);
	}
}

process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
process.stdin.on('end', () => void shutdown('stdin closed'));
process.stdin.resume();

process.stdout.write(
	JSON.stringify({ url: s.url, wsUrl: s.wsUrl, adminKey: s.adminKey, dataDir: s.dataDir, pid: process.pid }) + '\n'
);
