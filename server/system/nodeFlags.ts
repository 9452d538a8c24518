/** Profiling flags, which a worker accepts and the benchmark's profiles need. */
const PROFILING = /^--(cpu-prof|heap-prof)/;

/**
 * The parent's flags a plain-JavaScript worker thread should get: only the profiling ones. A worker
 * that inherits everything also loads tsx (about 6 MB each), and an explicit list may not hold V8's
 * heap flags (`--max-semi-space-size`: ERR_WORKER_INVALID_EXEC_ARGV).
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
	const kept: string[] = [];
	for (let i = 0; i < execArgv.length; i++) {
		if (!PROFILING.test(execArgv[i])) continue;
		kept.push(execArgv[i]);
		// `--cpu-prof-dir dir`: the value as a word of its own.
		const takesValue = /^--(cpu|heap)-prof-(dir|name|interval)$/.test(execArgv[i]);
		if (takesValue && i + 1 < execArgv.length) kept.push(execArgv[++i]);
	}
	return kept;
}
