/** The benchmark's flags and the typing load they describe. */
import { parseArgs } from 'node:util';

/** Typing speed of every candidate (characters per second). */
export const CPS = 8;
/**
 * Keystroke k of a room types the character BASE + k. One UTF-16 unit per keystroke keeps the
 * load identical to real typing (one single-character insert), while every keystroke stays
 * recognisable in the receiver's delta. CJK ideographs: 20 992 distinct ones, none in starters.
 */
export const MARKER_BASE = 0x4e00;
export const MARKER_COUNT = 0x9fff - MARKER_BASE + 1;

/**
 * --cursors: after each keystroke the candidate's cursor goes into awareness, as y-monaco's binding
 * does in the room (a `selection` of two relative positions), so every keystroke is a document
 * update and a presence update. Off by default, so figures stay comparable with earlier runs. Read
 * from the environment so that client processes (clientProcess.ts) inherit it.
 */
export const cursorsOn = () => process.env.BENCH_CURSORS === '1';

export interface Options {
	rooms: number;
	durationS: number;
	/** Unmeasured typing first: otherwise whichever setup runs first pays for the client's JIT. */
	warmupS: number;
	repeats: number;
	/** Multi-process mode: this many processes on PostgreSQL and Redis, beside one; unset: Pairboard vs stock. */
	processes?: 1 | 2 | 3;
	databaseUrl?: string;
	redisUrl?: string;
	/** The simulated people in this process (1), or their rooms split over this many child processes. */
	clientProcesses: number;
	/** bench:attacks only: the attacks to run (by name), all when unset. */
	attacks?: string[];
}

export function readOptions(): Options {
	const { values } = parseArgs({
		options: {
			rooms: { type: 'string' },
			duration: { type: 'string' },
			warmup: { type: 'string' },
			repeats: { type: 'string' },
			processes: { type: 'string' },
			'database-url': { type: 'string' },
			'redis-url': { type: 'string' },
			attacks: { type: 'string' },
			'client-processes': { type: 'string' },
			cursors: { type: 'boolean' }
		},
		allowPositionals: false
	});
	const num = (flag: string | undefined, env: string | undefined, dflt: number, name: string, zeroOk = false) => {
		const raw = flag ?? env;
		if (raw === undefined || raw === '') return dflt;
		const n = Number(raw);
		if (!Number.isFinite(n) || n < 0 || (n === 0 && !zeroOk)) throw new Error(`${name}: bad value ${raw}`);
		return n;
	};
	const opts: Options = {
		rooms: Math.floor(num(values.rooms, process.env.BENCH_ROOMS, 50, 'rooms')),
		durationS: num(values.duration, process.env.BENCH_DURATION_S, 30, 'duration'),
		warmupS: num(values.warmup, process.env.BENCH_WARMUP_S, 3, 'warmup', true),
		repeats: Math.floor(num(values.repeats, process.env.BENCH_REPEATS, 1, 'repeats')),
		clientProcesses: Math.floor(
			num(values['client-processes'], process.env.BENCH_CLIENT_PROCESSES, 1, 'client-processes')
		),
		databaseUrl: values['database-url'],
		redisUrl: values['redis-url'],
		attacks: values.attacks?.split(',').filter(Boolean)
	};
	if (values.cursors) process.env.BENCH_CURSORS = '1';
	const processes = values.processes ?? process.env.BENCH_PROCESSES;
	if (processes !== undefined && processes !== '') {
		if (!['1', '2', '3'].includes(processes)) throw new Error(`processes: 1, 2 or 3, not ${processes}`);
		opts.processes = Number(processes) as 1 | 2 | 3;
	}
	if (Math.round((opts.durationS + opts.warmupS) * CPS) > MARKER_COUNT) {
		throw new Error(`warmup + duration too long: only ${MARKER_COUNT} distinct markers`);
	}
	return opts;
}
