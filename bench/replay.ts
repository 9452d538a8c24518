/**
 * Replay of a long interview: builds a synthetic two-hour log (about 40,000 code updates and
 * 5,000 canvas updates, runs and joins between them) and a four-hour one beside it, the way the
 * server records them, serves each through ReplayService as the player downloads it, then
 * measures the player's load and its seeks to 100 random moments. Every measured player runs
 * cold: in a fresh Node process (bench/replay/playerRun.ts) and in a fresh Chromium, the runtime
 * of the replay page (bench/replay/chromiumPlayer.ts), so its first seeks are as cold as on a
 * page just opened; repeats alternate the logs and runtimes, and the figures are medians. The
 * top-level figures are Node's (as measured before Chromium was added); `chromium` holds the
 * same for the browser. Prints JSON; not a test.
 *   npx tsx bench/replay.ts [--code 40000] [--canvas 5000] [--seeks 100] [--repeats 3]
 *                           [--long-hours 4 (0: none)] [--no-anonymised] [--cold-only]
 *                           [--no-chromium] [--cpu-prof DIR]
 * --cpu-prof DIR writes the first two-hour Node player's profile (load and seeks only) into DIR.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildInterview, type BuiltInterview } from './replay/buildInterview.js';
import { round } from './sync/stats.js';
import { arg } from './numberArg.js';
import { summarise, type LogSummary } from './replay/summarise.js';
import { chromiumVersion, runChromiumPlayer } from './replay/chromiumPlayer.js';
import type { PlayerMode as Mode, PlayerRun } from './replay/playerWork.js';

type Runtime = 'node' | 'chromium';

const CODE_UPDATES = arg('code', 40_000);
const CANVAS_UPDATES = arg('canvas', 5_000);
const SEEKS = arg('seeks', 100);
const REPEATS = arg('repeats', 3);
const LONG_HOURS = arg('long-hours', 4);
const ANONYMISED = !process.argv.includes('--no-anonymised');
/** --cold-only: no runs with the idle work (for players without ReplayModel.prepare, to compare). */
const MODES: Mode[] = process.argv.includes('--cold-only') ? ['cold'] : ['cold', 'prepared'];
const RUNTIMES: Runtime[] = process.argv.includes('--no-chromium') ? ['node'] : ['node', 'chromium'];
const profIdx = process.argv.indexOf('--cpu-prof');
const PROFILE_DIR = profIdx > 0 ? path.resolve(process.argv[profIdx + 1]) : null;
if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
const log = (msg: string) => process.stderr.write(`[bench:replay] ${msg}\n`);

const loadAverageBefore = os.loadavg().map((x) => round(x));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-bench-player-'));

async function prepare(hours: number, anonymised: boolean): Promise<{ built: BuiltInterview; dir: string }> {
	log(`building the ${hours}-hour log`);
	const scale = hours / 2;
	const built = await buildInterview({
		hours,
		codeUpdates: Math.round(CODE_UPDATES * scale),
		canvasUpdates: Math.round(CANVAS_UPDATES * scale),
		anonymised
	});
	const dir = path.join(tmp, `${hours}h`);
	fs.mkdirSync(dir);
	fs.writeFileSync(path.join(dir, 'log.ndjson'), built.ndjson);
	fs.writeFileSync(path.join(dir, 'checkpoints.ndjson'), built.checkpointsNdjson);
	fs.writeFileSync(path.join(dir, 'final.json'), JSON.stringify(built.finalTexts));
	return { built, dir };
}

function runPlayer(dir: string, mode: Mode, profile: boolean): PlayerRun {
	const script = path.join(import.meta.dirname, 'replay', 'playerRun.ts');
	const profileArg =
		profile && PROFILE_DIR ? [path.join(PROFILE_DIR, `player-${path.basename(dir)}-${mode}.cpuprofile`)] : [];
	const out = execFileSync(process.execPath, ['--import', 'tsx', script, dir, String(SEEKS), mode, ...profileArg], {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit']
	});
	return JSON.parse(out.trim().split('\n').at(-1)!) as PlayerRun;
}

const two = await prepare(2, ANONYMISED);
const long = LONG_HOURS > 0 ? await prepare(LONG_HOURS, false) : null;
type Runs = Record<'two' | 'long', Record<Mode, PlayerRun[]>>;
const emptyRuns = (): Runs => ({ two: { cold: [], prepared: [] }, long: { cold: [], prepared: [] } });
const runs: Record<Runtime, Runs> = { node: emptyRuns(), chromium: emptyRuns() };
for (let i = 0; i < REPEATS; i++) {
	log(`repeat ${i + 1} of ${REPEATS}`);
	// Alternate the order so that no log, mode or runtime always runs on the quieter moment.
	const order: ['two' | 'long', Mode, Runtime][] = [];
	for (const runtime of RUNTIMES)
		for (const mode of MODES) for (const which of ['two', 'long'] as const) order.push([which, mode, runtime]);
	for (const [which, mode, runtime] of i % 2 === 0 ? order : order.reverse()) {
		const built = which === 'two' ? two : long;
		if (!built) continue;
		const run =
			runtime === 'node'
				? runPlayer(built.dir, mode, i === 0 && which === 'two')
				: await runChromiumPlayer(built.dir, SEEKS, mode);
		runs[runtime][which][mode].push(run);
	}
}
const runs2 = runs.node.two.cold;
const runsLong = runs.node.long.cold;
const s2 = summarise(runs2, runs.node.two.prepared, SEEKS);
const sLong = long ? summarise(runsLong, runs.node.long.prepared, SEEKS) : null;
/** How the long log's figures compare with the two-hour log's (long ÷ two-hour). */
function growthOf(short: LogSummary, longer: LogSummary) {
	const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : round(a / b));
	return {
		playerLoad: ratio(longer.playerLoadMs, short.playerLoadMs),
		seekP50: ratio(longer.seekMs.p50, short.seekMs.p50),
		seekP99: ratio(longer.seekMs.p99, short.seekMs.p99),
		playerLoadCpu: ratio(longer.playerLoadCpuMs, short.playerLoadCpuMs),
		seekCpuP99: ratio(longer.seekCpuMs.p99, short.seekCpuMs.p99)
	};
}
const chromiumTwo = RUNTIMES.includes('chromium')
	? summarise(runs.chromium.two.cold, runs.chromium.two.prepared, SEEKS)
	: null;
const chromiumLong =
	chromiumTwo && long ? summarise(runs.chromium.long.cold, runs.chromium.long.prepared, SEEKS) : null;
const inChromium = chromiumTwo
	? {
			version: chromiumVersion(),
			...chromiumTwo,
			long: chromiumLong,
			growth: chromiumLong ? growthOf(chromiumTwo, chromiumLong) : null
		}
	: null;
const b = two.built;

console.log(
	JSON.stringify(
		{
			log: {
				entries: runs2[0].entries,
				codeUpdates: CODE_UPDATES,
				canvasUpdates: CANVAS_UPDATES,
				runs: b.runs,
				durationMinutes: 120,
				ndjsonMB: round(b.ndjson.length / 1e6),
				checkpointsStored: b.checkpointsStored,
				checkpointsServed: runs2[0].checkpointsServed,
				checkpointsMB: round(b.checkpointsNdjson.length / 1e6)
			},
			buildMs: Math.round(b.buildMs),
			serverReadMs: Math.round(b.serverReadMs),
			/** Reading, rewriting without the name and encoding the log and checkpoints for an anonymised link. */
			anonymisedServerReadMs: b.anonymisedServerReadMs === null ? null : Math.round(b.anonymisedServerReadMs),
			/** The same when the name is in the code from the start: every code update rewritten. */
			anonymisedNameInCodeServerReadMs:
				b.anonymisedNameInCodeServerReadMs === null ? null : Math.round(b.anonymisedNameInCodeServerReadMs),
			/** Parse the log and the checkpoints, index them, show the first frame: median of the repeats. */
			playerLoadMs: s2.playerLoadMs,
			seekMs: s2.seekMs,
			playerLoadCpuMs: s2.playerLoadCpuMs,
			seekCpuMs: s2.seekCpuMs,
			prepared: s2.prepared,
			playerHeapMB: s2.heapMB,
			repeats: REPEATS,
			perRepeat: s2.perRepeat,
			long:
				long && sLong
					? {
							hours: LONG_HOURS,
							entries: runsLong[0].entries,
							ndjsonMB: round(long.built.ndjson.length / 1e6),
							checkpointsServed: runsLong[0].checkpointsServed,
							serverReadMs: Math.round(long.built.serverReadMs),
							playerLoadMs: sLong.playerLoadMs,
							seekMs: sLong.seekMs,
							playerLoadCpuMs: sLong.playerLoadCpuMs,
							seekCpuMs: sLong.seekCpuMs,
							prepared: sLong.prepared,
							playerHeapMB: sLong.heapMB,
							perRepeat: sLong.perRepeat
						}
					: null,
			/** How the long log's figures compare with the two-hour log's (long ÷ two-hour). */
			growth:
				long && sLong
					? {
							entries: round(runsLong[0].entries / runs2[0].entries),
							...growthOf(s2, sLong)
						}
					: null,
			/** The same players in Chromium (CPU times are not available in a page; heap as Chromium rounds it). */
			chromium: inChromium,
			machine: { cpus: os.cpus().length, loadAverageBefore, loadAverageAfter: os.loadavg().map((x) => round(x)) },
			node: process.version
		},
		null,
		2
	)
);
fs.rmSync(tmp, { recursive: true, force: true });
