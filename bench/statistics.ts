/**
 * Keystrokes in a live interview while the calibration statistics are computed (issue 11: nothing
 * but a room's own work may hold up its keystrokes). Two loads, each a burst of what the pages
 * ask for:
 * - reliability: the organizer opens the reliability page (CAL-10) over a team's past interviews
 *   (--interviews, scored by 2 of --people interviewers each), with --readers pages at once;
 * - reveal: --raters raters and the organizer, all on the reveal page of a session of
 *   --session-interviews interviews with two revealed rounds, refresh together (each page does
 *   when a card is submitted or a round revealed).
 * The real server in its own process; a candidate types a token every 20 ms and an interviewer's
 * stock y-websocket client times each arrival. Prints JSON; not a test.
 *   npx tsx bench/statistics.ts [--interviews 600] [--people 30] [--readers 1] [--raters 8]
 *                               [--session-interviews 4] [--bursts 5] [--repeats 2]
 */
import os from 'node:os';
import path from 'node:path';
import { spawnApiServer, type SpawnedServer } from '../tests/helpers/spawnServer.js';
import { createInterview, tempDataDir } from '../tests/helpers/startServer.js';
import { call } from '../tests/helpers/scorecards.js';
import { seedScoredHistory } from '../tests/helpers/scoredHistory.js';
import { openSqliteStores } from '../server/storage/sqlite/openSqliteStores.js';
import { latencyWindow, timeKeystrokes, type LatencyWindow } from './keystrokeTimer.js';
import { liveRoomPair } from '../tests/helpers/relayedMeanwhile.js';
import { medianOf, round } from './sync/stats.js';
import { arg } from './numberArg.js';

const INTERVIEWS = arg('interviews', 600);
const PEOPLE = arg('people', 30);
const READERS = arg('readers', 1);
const RATERS = arg('raters', 8);
const SESSION_INTERVIEWS = arg('session-interviews', 4);
const REPEATS = arg('repeats', 2);
/** Bursts of each load, one after the other: a burst alone holds few keystrokes. */
const BURSTS = arg('bursts', 5);
const log = (msg: string) => process.stderr.write(`[bench:statistics] ${msg}\n`);

const LEVELS = ['problem_solving', 'ml_fundamentals', 'code_quality', 'testing', 'communication'];

/** A complete card, its levels varied by rater and interview so that the figures are not trivial. */
function raterCard(rater: number, interview: number, round: number) {
	const level = (c: number) => 1 + ((rater + 2 * interview + c + round) % 4);
	return {
		ratings: Object.fromEntries(
			LEVELS.map((c, i) => [c, { level: level(i), notes: [{ id: 'n', text: 'clear evidence', t: Date.now() }] }])
		),
		recommendation: ['no-hire', 'hire'][(rater + interview) % 2],
		confidence: 'medium'
	};
}

/** A session over seeded interviews, both of its rounds scored by every rater and revealed. */
async function revealedSession(srv: SpawnedServer): Promise<{ id: string; tokens: string[] }> {
	const interviews = Array.from({ length: SESSION_INTERVIEWS }, (_, i) => `hist-iv-${i}`);
	const raters = Array.from({ length: RATERS }, (_, i) => ({ name: `Rater ${i}` }));
	const made = await call(srv, 'POST', '/api/calibrations', { admin: true }, { title: 'Bench', interviews, raters });
	if (made.status !== 201) throw new Error(`session: ${made.status} ${made.text}`);
	const reply = made.body as unknown as { id: string; raters: { url: string }[] };
	const tokens = reply.raters.map((r) => new URL(r.url).searchParams.get('token')!);
	for (const round of [1, 2]) {
		if (round === 2) await call(srv, 'POST', `/api/calibrations/${reply.id}/rounds`, { admin: true });
		for (const [r, token] of tokens.entries()) {
			for (const [i, iv] of interviews.entries()) {
				const res = await call(
					srv,
					'POST',
					`/api/calibrations/${reply.id}/interviews/${iv}/card`,
					{ token },
					raterCard(r, i, round)
				);
				if (res.status !== 201) throw new Error(`card: ${res.status} ${res.text}`);
			}
		}
	}
	return { id: reply.id, tokens };
}

/** The burst's requests, all at once; answers the time until the last one is answered. */
async function burst(srv: SpawnedServer, load: 'reliability' | 'reveal', session: { id: string; tokens: string[] }) {
	const t0 = performance.now();
	const asks =
		load === 'reliability'
			? Array.from({ length: READERS }, () => call(srv, 'GET', '/api/reliability', { admin: true }))
			: [
					...session.tokens.map((token) => call(srv, 'GET', `/api/calibrations/${session.id}/reveal`, { token })),
					call(srv, 'GET', `/api/calibrations/${session.id}/reveal`, { admin: true })
				];
	const answers = await Promise.all(asks);
	const bad = answers.find((a) => a.status !== 200);
	if (bad) throw new Error(`${load}: ${bad.status} ${bad.text.slice(0, 200)}`);
	return performance.now() - t0;
}

async function run() {
	const dataDir = tempDataDir();
	const stores = openSqliteStores(path.join(dataDir, 'pairboard.sqlite'));
	await seedScoredHistory(stores, { interviews: INTERVIEWS, people: PEOPLE });
	await stores.close();
	const srv = await spawnApiServer({ dataDir });
	const session = await revealedSession(srv);
	const live = await createInterview({ url: srv.url, adminKey: srv.adminKey });
	const { typist, watcher } = await liveRoomPair(srv.wsUrl, live);

	const timer = timeKeystrokes(typist, watcher, 20);
	await new Promise((r) => setTimeout(r, 2000));
	const before = latencyWindow(timer.take());
	const out = {} as Record<'reliability' | 'reveal', { firstMs: number; againMs: number; liveRoom: LatencyWindow }>;
	for (const load of ['reliability', 'reveal'] as const) {
		timer.take();
		const answered: number[] = [];
		for (let b = 0; b < BURSTS; b++) answered.push(await burst(srv, load, session));
		// Keystrokes held up by the last burst arrive just after it: count them in its window.
		await new Promise((r) => setTimeout(r, 300));
		out[load] = {
			firstMs: round(answered[0]),
			againMs: round(medianOf(answered.slice(1).sort((x, y) => x - y))),
			liveRoom: latencyWindow(timer.take())
		};
	}
	const lost = await timer.stop(30_000);
	if (lost > 0) throw new Error(`${lost} keystrokes never arrived`);
	for (const c of [typist, watcher]) c.destroy();
	await srv.stop();
	return { before, ...out };
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
			reliability: { interviews: INTERVIEWS, people: PEOPLE, readers: READERS },
			reveal: { raters: RATERS, interviews: SESSION_INTERVIEWS, rounds: 2, pages: RATERS + 1 },
			repeats: REPEATS,
			bursts: BURSTS,
			/** Keystroke → other screen in the live room, ms: before, and during each load's bursts (and 300 ms after). */
			liveRoomMs: {
				before: medianOf(runs.map((r) => r.before)),
				duringReliability: medianOf(runs.map((r) => r.reliability.liveRoom)),
				duringReveal: medianOf(runs.map((r) => r.reveal.liveRoom))
			},
			/** From a burst's first request to its last answer: the first burst, and the median of the others (same tables). */
			answeredMs: {
				reliability: {
					first: medianOf(runs.map((r) => r.reliability.firstMs)),
					again: medianOf(runs.map((r) => r.reliability.againMs))
				},
				reveal: {
					first: medianOf(runs.map((r) => r.reveal.firstMs)),
					again: medianOf(runs.map((r) => r.reveal.againMs))
				}
			},
			perRepeat: runs,
			machine: { cpus: os.cpus().length, loadAverageBefore, loadAverageAfter: os.loadavg().map((x) => round(x)) },
			node: process.version
		},
		null,
		2
	)
);
process.exit(0);
