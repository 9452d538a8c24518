/**
 * The price of storing one keystroke (issue 11): SqliteLogStore.appendBatch of one code update,
 * as DocRoom commits each before broadcasting it, on a real SQLite file with the server's WAL
 * checkpointer thread. Prints JSON: per commit, this thread's CPU time (/proc/thread-self, so the
 * checkpointer's thread is not in it), the whole process's, and the wall time; medians of the
 * repeats. Not a test.
 *   npx tsx bench/commit.ts [--commits 20000] [--rooms 50] [--repeats 5]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteStores } from '../server/storage/sqlite/openSqliteStores.js';
import { interview, participants } from '../server/testing/storeFixtures.js';
import { threadCpuClock } from '../server/guard/threadCpuClock.mjs';
import { medianOf, round } from './sync/stats.js';
import { arg } from './numberArg.js';

const COMMITS = arg('commits', 20_000);
const ROOMS = arg('rooms', 50);
const REPEATS = arg('repeats', 5);

const loadAverageBefore = os.loadavg().map((x) => round(x));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-bench-commit-'));
const stores = openSqliteStores(path.join(dir, 'bench.sqlite'));
const ids = Array.from({ length: ROOMS }, (_, i) => `bench-${i}`);
for (const id of ids) await stores.interviews.createInterview(interview(id), participants(id));
// A one-character insertion, as a keystroke's update is.
const update = new Uint8Array([1, 1, 200, 1, 7, 132, 200, 1, 6, 1, 120, 0]);

const threadMs = threadCpuClock();
if (!threadMs) throw new Error('bench:commit needs Linux (/proc/thread-self/schedstat)');

async function run(n: number): Promise<{ threadCpuUs: number; processCpuUs: number; wallUs: number }> {
	const c0 = process.cpuUsage();
	const th0 = threadMs!();
	const t0 = performance.now();
	for (let i = 0; i < n; i++) {
		const interviewId = ids[i % ids.length];
		await stores.log.appendBatch([{ interviewId, t: Date.now(), kind: 'yjs', doc: 'code', actor: 'p1', update }]);
	}
	const wallUs = ((performance.now() - t0) * 1000) / n;
	const threadCpuUs = ((threadMs!() - th0) * 1000) / n;
	const c = process.cpuUsage(c0);
	return { threadCpuUs, processCpuUs: (c.user + c.system) / n, wallUs };
}

await run(2_000); // warm-up: V8 and SQLite's page cache
const runs = [];
for (let r = 0; r < REPEATS; r++) runs.push(await run(COMMITS));
const m = medianOf(runs);
console.log(
	JSON.stringify(
		{
			commits: COMMITS,
			rooms: ROOMS,
			repeats: REPEATS,
			perCommitUs: { threadCpu: round(m.threadCpuUs), processCpu: round(m.processCpuUs), wall: round(m.wallUs) },
			perRepeat: runs.map((r) => ({
				threadCpu: round(r.threadCpuUs),
				processCpu: round(r.processCpuUs),
				wall: round(r.wallUs)
			})),
			machine: { cpus: os.cpus().length, loadAverageBefore, loadAverageAfter: os.loadavg().map((x) => round(x)) },
			node: process.version
		},
		null,
		2
	)
);
await stores.close();
fs.rmSync(dir, { recursive: true, force: true });
