/**
 * Keystrokes in a live interview while an anonymised replay of another, long interview is being
 * prepared (issue 11, REPLAY-7: a blind calibration rater opening a recording whose code holds the
 * candidate's name must not stall the live rooms). The real server in its own process; a
 * recording of --keystrokes keystrokes with the name on every line is put into its SQLite file;
 * in a live room a candidate types a token every 20 ms and an interviewer's stock y-websocket
 * client times each arrival, before and while the reviewer's /replay/log is prepared. Prints JSON;
 * not a test.
 *   npx tsx bench/anonymisedReplay.ts [--keystrokes 20000] [--repeats 2]
 */
import os from 'node:os';
import path from 'node:path';
import { spawnApiServer, type SpawnedServer } from '../tests/helpers/spawnServer.js';
import { createInterview, tempDataDir } from '../tests/helpers/startServer.js';
import { latencyWindow, timeKeystrokes, type LatencyWindow } from './keystrokeTimer.js';
import { liveRoomPair } from '../tests/helpers/relayedMeanwhile.js';
import { typedHistory } from '../tests/helpers/typedHistory.js';
import { openSqliteStores } from '../server/storage/sqlite/openSqliteStores.js';
import { medianOf, round } from './sync/stats.js';
import { arg } from './numberArg.js';

const KEYSTROKES = arg('keystrokes', 20000);
const REPEATS = arg('repeats', 2);
const NAME = 'Dan An';
const log = (msg: string) => process.stderr.write(`[bench:anonymised-replay] ${msg}\n`);

/** A server whose SQLite file holds a recording of KEYSTROKES keystrokes with the name in its code. */
async function serverWithRecording(): Promise<{ srv: SpawnedServer; recordedId: string }> {
	const dataDir = tempDataDir();
	const first = await spawnApiServer({ dataDir });
	const recorded = await createInterview({ url: first.url, adminKey: first.adminKey }, { candidate: { name: NAME } });
	await first.stop();
	const stores = openSqliteStores(path.join(dataDir, 'pairboard.sqlite'));
	const line = `x = rolling(values, window)  # ${NAME}\n`;
	const text = line.repeat(Math.ceil(KEYSTROKES / line.length)).slice(0, KEYSTROKES);
	await stores.log.appendBatch(typedHistory(recorded.id, 'candidate', 'moving-average', text));
	await stores.close();
	return { srv: await spawnApiServer({ dataDir }), recordedId: recorded.id };
}

async function run(): Promise<{ before: LatencyWindow; during: LatencyWindow; prepareMs: number }> {
	const { srv, recordedId } = await serverWithRecording();
	const admin = { url: srv.url, adminKey: srv.adminKey };
	const made = await fetch(`${srv.url}/api/interviews/${recordedId}/reviewer-links`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${srv.adminKey}` },
		body: JSON.stringify({ anonymised: true })
	});
	const token = new URL(((await made.json()) as { url: string }).url).searchParams.get('token')!;
	const live = await createInterview(admin);
	const { typist, watcher } = await liveRoomPair(srv.wsUrl, live);

	const timer = timeKeystrokes(typist, watcher, 20);
	await new Promise((r) => setTimeout(r, 3000));
	const before = latencyWindow(timer.take());
	const t0 = performance.now();
	const res = await fetch(`${srv.url}/api/interviews/${recordedId}/replay/log?token=${token}`);
	const body = await res.text();
	const prepareMs = performance.now() - t0;
	if (res.status !== 200 || body.includes(NAME)) throw new Error(`replay/log answered ${res.status}`);
	const lost = await timer.stop(30_000);
	if (lost > 0) throw new Error(`${lost} keystrokes never arrived`);
	const during = latencyWindow(timer.take());
	for (const c of [typist, watcher]) c.destroy();
	await srv.stop();
	return { before, during, prepareMs: round(prepareMs) };
}

const loadAverageBefore = os.loadavg().map((x) => round(x));
const runs = [];
for (let r = 0; r < REPEATS; r++) {
	log(`repeat ${r + 1}/${REPEATS}`);
	runs.push(await run());
}
console.log(
	JSON.stringify(
		{
			recordingKeystrokes: KEYSTROKES,
			repeats: REPEATS,
			/** Keystroke → other screen in the live room, ms: the 3 s before, and while the replay is prepared. */
			liveRoomMs: {
				before: medianOf(runs.map((r) => r.before)),
				whilePreparing: medianOf(runs.map((r) => r.during))
			},
			/** The reviewer's wait for the whole anonymised log. */
			prepareMs: medianOf(runs.map((r) => r.prepareMs)),
			perRepeat: runs,
			machine: { cpus: os.cpus().length, loadAverageBefore, loadAverageAfter: os.loadavg().map((x) => round(x)) },
			node: process.version
		},
		null,
		2
	)
);
process.exit(0);
