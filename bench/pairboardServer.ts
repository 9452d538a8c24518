/**
 * The Pairboard server alone in its own process, so that bench/sync.ts can measure its CPU
 * and memory without counting the benchmark's clients.
 *
 * Prints one JSON line to stdout once it listens: {url, wsUrl, adminKey, dataDir, pid}.
 * Stops gracefully on SIGTERM/SIGINT, or when stdin closes (the parent died without
 * killing us: an orphaned server would otherwise keep its port and temp dir forever).
 */
import { startServer } from '../tests/helpers/startServer.js';

const s = await startServer();

let stopping = false;
async function shutdown(why: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	console.error(`[pairboardServer] stopping (${why})`);
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
