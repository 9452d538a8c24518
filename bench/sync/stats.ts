/** Statistics over the measured latencies and across repeats. */
/** The nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Medians of every numeric leaf across repeats (the machine is noisy); other leaves from the first. */
export function medianOf<T>(runs: T[]): T {
	const first = runs[0] as unknown;
	if (typeof first === 'number') {
		const s = (runs as number[]).slice().sort((a, b) => a - b);
		const mid = Math.floor(s.length / 2);
		return (s.length % 2 ? s[mid] : round((s[mid - 1] + s[mid]) / 2)) as T;
	}
	// Lists of one length (each process's figures, in process order): the median per position.
	if (Array.isArray(first) && runs.every((r) => Array.isArray(r) && r.length === first.length)) {
		return first.map((_, i) => medianOf(runs.map((r) => (r as unknown[])[i]))) as T;
	}
	if (first && typeof first === 'object' && !Array.isArray(first)) {
		const out: Record<string, unknown> = {};
		for (const key of Object.keys(first)) {
			out[key] = medianOf(runs.map((r) => (r as Record<string, unknown>)[key]));
		}
		return out as T;
	}
	return first as T;
}
