import { codeText, waitFor, type YClient } from '../tests/helpers/yclient.js';
import { percentile, round } from './sync/stats.js';

/** A window's keystroke latencies (ms), summed up. */
export interface LatencyWindow {
	keystrokes: number;
	p50: number;
	p99: number;
	max: number;
}

export function latencyWindow(latencies: number[]): LatencyWindow {
	const sorted = [...latencies].sort((x, y) => x - y);
	return {
		keystrokes: sorted.length,
		p50: round(percentile(sorted, 50)),
		p99: round(percentile(sorted, 99)),
		max: round(sorted.at(-1) ?? 0)
	};
}

/**
 * A candidate typing a token every `everyMs` and an interviewer's client timing each one's
 * arrival (keystroke → other screen, ms), as bench:big-canvas and bench:anonymised-replay measure
 * a room beside the load under test. `take()` hands over the latencies so far and starts a new list.
 */
export function timeKeystrokes(typist: YClient, watcher: YClient, everyMs: number) {
	const sentAt = new Map<string, number>();
	let latencies: number[] = [];
	let typed = 0;
	watcher.doc.on('update', () => {
		const text = codeText(watcher.doc)!.toString();
		for (const [token, t0] of sentAt) {
			if (!text.includes(token)) continue;
			latencies.push(performance.now() - t0);
			sentAt.delete(token);
		}
	});
	const typing = setInterval(() => {
		const token = `k${typed++};`;
		sentAt.set(token, performance.now());
		const text = codeText(typist.doc)!;
		text.insert(text.length, token);
	}, everyMs);
	return {
		take(): number[] {
			const out = latencies;
			latencies = [];
			return out;
		},
		/** Stops typing and waits (up to `timeoutMs`) for what is on its way; answers how many never arrived. */
		async stop(timeoutMs: number): Promise<number> {
			clearInterval(typing);
			await waitFor(watcher.doc, () => sentAt.size === 0, timeoutMs).catch(() => undefined);
			return sentAt.size;
		}
	};
}
