/**
 * Replay of a long interview: builds a synthetic two-hour log (about 40,000 code updates and
 * 5,000 canvas updates, runs and joins between them) and a four-hour one beside it, the way the
 * server records them, serves each through ReplayService as the player downloads it, then
 * measures the player's load and its seeks to 100 random moments. Every measured player runs in
 * a fresh Node process (bench/replay/playerRun.ts), so its first seeks are as cold as on a page
 * just opened; repeats alternate the two logs and the figures are medians. Prints JSON; not a test.
 *   npx tsx bench/replay.ts [--code 40000] [--canvas 5000] [--seeks 100] [--repeats 3]
 *                           [--long-hours 4 (0: none)] [--no-anonymised] [--cold-only] [--cpu-prof DIR]
 * --cpu-prof DIR writes the first two-hour player's profile (load and seeks only) into DIR.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildInterview, type BuiltInterview } from './replay/buildInterview.js';
import { medianOf, percentile, round } from './sync/stats.js';
import { arg } from './numberArg.js';

type Mode = 'cold' | 'prepared';

const CODE_UPDATES = arg('code', 40_000);
const CANVAS_UPDATES = arg('canvas', 5_000);
const SEEKS = arg('seeks', 100);
const REPEATS = arg('repeats', 3);
const LONG_HOURS = arg('long-hours', 4);
const ANONYMISED = !process.argv.includes('--no-anonymised');
/** --cold-only: no runs with the idle work (for players without ReplayModel.prepare, to compare). */
const MODES: Mode[] = process.argv.includes('--cold-only') ? ['cold'] : ['cold', 'prepared'];
const profIdx = process.argv.indexOf('--cpu-prof');
const PROFILE_DIR = profIdx > 0 ? path.resolve(process.argv[profIdx + 1]) : null;
if (PROFILE_DIR) fs.mkdirSync(PROFILE_DIR, { recursive: true });
const log = (msg: string) => process.stderr.write(`[bench:replay] ${msg}\n`);

interface PlayerRun {
	entries: number;
	checkpointsServed: number;
	loadMs: number;
	loadCpuMs: number;
	seekMs: number[];
	seekCpuMs: number[];
	prepareMs: number;
	prepareCpuMs: number;
	heapMB: number;
}

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

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Medians over the repeats of each repeat's figures: the cold runs and the prepared runs of one log. */
function summarise(cold: PlayerRun[], prepared: PlayerRun[]) {
	const per = cold.map((r) => {
		const wall = sorted(r.seekMs);
		const cpu = sorted(r.seekCpuMs);
		return {
			loadMs: r.loadMs,
			loadCpuMs: r.loadCpuMs,
			p50: percentile(wall, 50),
			p99: percentile(wall, 99),
			max: wall.at(-1)!,
			p99AfterFirstTen: percentile(sorted(r.seekMs.slice(10)), 99),
			cpuP50: percentile(cpu, 50),
			cpuP99: percentile(cpu, 99),
			heapMB: r.heapMB
		};
	});
	const prep = prepared.map((r) => ({
		prepareMs: r.prepareMs,
		prepareCpuMs: r.prepareCpuMs,
		p50: percentile(sorted(r.seekMs), 50),
		p99: percentile(sorted(r.seekMs), 99),
		cpuP50: percentile(sorted(r.seekCpuMs), 50),
		cpuP99: percentile(sorted(r.seekCpuMs), 99)
	}));
	const m = medianOf(per);
	const mp = prep.length > 0 ? medianOf(prep) : null;
	const firstTen = Array.from({ length: Math.min(10, SEEKS) }, (_, i) => round(medianOf(cold.map((r) => r.seekMs[i]))));
	return {
		playerLoadMs: Math.round(m.loadMs),
		seekMs: {
			count: SEEKS,
			p50: round(m.p50),
			p99: round(m.p99),
			max: round(m.max),
			/** The first seeks run cold (nothing decoded by the player yet, code not yet optimised by V8). */
			firstTen,
			p99AfterFirstTen: round(m.p99AfterFirstTen)
		},
		/** The same, counted in the player's CPU time rather than on the wall clock. */
		playerLoadCpuMs: Math.round(m.loadCpuMs),
		seekCpuMs: { p50: round(m.cpuP50), p99: round(m.cpuP99) },
		/** In other processes: the page's idle work (ReplayModel.prepare) right after load, then the same seeks. */
		prepared: mp && {
			prepareMs: Math.round(mp.prepareMs),
			prepareCpuMs: Math.round(mp.prepareCpuMs),
			seekMs: { p50: round(mp.p50), p99: round(mp.p99) },
			seekCpuMs: { p50: round(mp.cpuP50), p99: round(mp.cpuP99) }
		},
		heapMB: round(m.heapMB, 1),
		perRepeat: per.map((r) => ({ loadMs: Math.round(r.loadMs), p50: round(r.p50), p99: round(r.p99) }))
	};
}

const two = await prepare(2, ANONYMISED);
const long = LONG_HOURS > 0 ? await prepare(LONG_HOURS, false) : null;
const runs: Record<'two' | 'long', Record<Mode, PlayerRun[]>> = {
	two: { cold: [], prepared: [] },
	long: { cold: [], prepared: [] }
};
for (let i = 0; i < REPEATS; i++) {
	log(`repeat ${i + 1} of ${REPEATS}`);
	// Alternate the order so that neither log nor mode always runs on the quieter moment.
	const order: ['two' | 'long', Mode][] = [
		['two', 'cold'],
		['long', 'cold'],
		['two', 'prepared'],
		['long', 'prepared']
	];
	for (const [which, mode] of (i % 2 === 0 ? order : order.reverse()).filter(([, m]) => MODES.includes(m))) {
		if (which === 'two') runs.two[mode].push(runPlayer(two.dir, mode, i === 0));
		else if (long) runs.long[mode].push(runPlayer(long.dir, mode, false));
	}
}
const runs2 = runs.two.cold;
const runsLong = runs.long.cold;
const s2 = summarise(runs2, runs.two.prepared);
const sLong = long ? summarise(runsLong, runs.long.prepared) : null;
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
							playerLoad: round(sLong.playerLoadMs / s2.playerLoadMs),
							seekP50: round(sLong.seekMs.p50 / s2.seekMs.p50),
							seekP99: round(sLong.seekMs.p99 / s2.seekMs.p99),
							playerLoadCpu: round(sLong.playerLoadCpuMs / s2.playerLoadCpuMs),
							seekCpuP99: round(sLong.seekCpuMs.p99 / s2.seekCpuMs.p99)
						}
					: null,
			machine: { cpus: os.cpus().length, loadAverageBefore, loadAverageAfter: os.loadavg().map((x) => round(x)) },
			node: process.version
		},
		null,
		2
	)
);
fs.rmSync(tmp, { recursive: true, force: true });
