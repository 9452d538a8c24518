/** CPU and memory of one process, read from /proc. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

const SAMPLE_EVERY_MS = 250;

const CLK_TCK = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
	} catch {
		return 100;
	}
})();

/** utime + stime of the whole process (all threads, so the guard worker counts), in seconds. */
function cpuSeconds(pid: number): number {
	const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name may contain spaces and parentheses: fields start after the last ')'.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	// fields[0] is field 3 (state), so utime (14) and stime (15) are at 11 and 12.
	return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
}

function rssMb(pid: number): number {
	const m = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)\s+kB/m);
	return m ? Number(m[1]) / 1024 : NaN;
}

/** Samples RSS periodically (the peak would be missed by start/end readings alone). */
export class ProcSampler {
	private timer: ReturnType<typeof setInterval> | null = null;
	private peak = 0;
	private cpu0 = 0;
	private t0 = 0;

	constructor(private readonly pid: number) {}

	start(): { rssMb: number } {
		this.cpu0 = cpuSeconds(this.pid);
		this.t0 = performance.now();
		const rss = rssMb(this.pid);
		this.peak = rss;
		this.timer = setInterval(() => {
			try {
				this.peak = Math.max(this.peak, rssMb(this.pid));
			} catch {
				// The process went away; stop() reports what we have.
			}
		}, SAMPLE_EVERY_MS);
		return { rssMb: rss };
	}

	/** Mean CPU since start(), in % of one core. */
	cpuPct(): number {
		return ((cpuSeconds(this.pid) - this.cpu0) / ((performance.now() - this.t0) / 1000)) * 100;
	}

	stop(): { peakMb: number; endMb: number } {
		if (this.timer) clearInterval(this.timer);
		const end = rssMb(this.pid);
		return { peakMb: Math.max(this.peak, end), endMb: end };
	}
}
