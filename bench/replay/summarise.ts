/** Medians over a benchmark's repeats of one log's cold and prepared player runs. */
import { medianOf, percentile, round } from '../sync/stats.js';
import type { PlayerRun } from './playerWork.js';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

/** Percentiles of CPU times, or null where the runtime cannot tell them (a page). */
function cpuPercentile(xs: (number | null)[], p: number): number | null {
	return xs.some((x) => x === null) ? null : percentile(sorted(xs as number[]), p);
}

const roundOrNull = (x: number | null, digits = 2) => (x === null ? null : round(x, digits));

export function summarise(cold: PlayerRun[], prepared: PlayerRun[], seeks: number) {
	const per = cold.map((r) => {
		const wall = sorted(r.seekMs);
		return {
			loadMs: r.loadMs,
			loadCpuMs: r.loadCpuMs,
			p50: percentile(wall, 50),
			p99: percentile(wall, 99),
			max: wall.at(-1)!,
			p99AfterFirstTen: percentile(sorted(r.seekMs.slice(10)), 99),
			cpuP50: cpuPercentile(r.seekCpuMs, 50),
			cpuP99: cpuPercentile(r.seekCpuMs, 99),
			heapMB: r.heapMB
		};
	});
	const prep = prepared.map((r) => ({
		prepareMs: r.prepareMs,
		prepareCpuMs: r.prepareCpuMs,
		p50: percentile(sorted(r.seekMs), 50),
		p99: percentile(sorted(r.seekMs), 99),
		cpuP50: cpuPercentile(r.seekCpuMs, 50),
		cpuP99: cpuPercentile(r.seekCpuMs, 99)
	}));
	const m = medianOf(per);
	const mp = prep.length > 0 ? medianOf(prep) : null;
	const firstTen = Array.from({ length: Math.min(10, seeks) }, (_, i) => round(medianOf(cold.map((r) => r.seekMs[i]))));
	return {
		playerLoadMs: Math.round(m.loadMs),
		seekMs: {
			count: seeks,
			p50: round(m.p50),
			p99: round(m.p99),
			max: round(m.max),
			/** The first seeks run cold (nothing decoded by the player yet, code not yet optimised by V8). */
			firstTen,
			p99AfterFirstTen: round(m.p99AfterFirstTen)
		},
		/** The same, counted in the player's CPU time rather than on the wall clock (null in a page). */
		playerLoadCpuMs: roundOrNull(m.loadCpuMs, 0),
		seekCpuMs: { p50: roundOrNull(m.cpuP50), p99: roundOrNull(m.cpuP99) },
		/** In other runs: the page's idle work (ReplayModel.prepare) right after load, then the same seeks. */
		prepared: mp && {
			prepareMs: Math.round(mp.prepareMs),
			prepareCpuMs: roundOrNull(mp.prepareCpuMs, 0),
			seekMs: { p50: round(mp.p50), p99: round(mp.p99) },
			seekCpuMs: { p50: roundOrNull(mp.cpuP50), p99: roundOrNull(mp.cpuP99) }
		},
		heapMB: roundOrNull(m.heapMB, 1),
		perRepeat: per.map((r) => ({ loadMs: Math.round(r.loadMs), p50: round(r.p50), p99: round(r.p99) }))
	};
}

export type LogSummary = ReturnType<typeof summarise>;
