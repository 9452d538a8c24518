/**
 * Where a page's wait for Python goes, read from the marks the page (`pb:spawn`) and the Python
 * worker (`pb:init` … `pb:ready`, see src/lib/client/runner/python.worker.ts) leave, and from the
 * worker's resource timings (whether Pyodide's files came from the HTTP cache).
 */
import type { Page } from 'playwright-core';

interface Entry {
	name: string;
	at: number;
	end: number;
	transferSize?: number;
	encodedBodySize?: number;
	decodedBodySize?: number;
}

export interface StartupPhases {
	/** Milliseconds from the navigation's start to each mark, on one clock. */
	marks: Record<string, number>;
	/** Pyodide's files: when each was requested and done, and bytes over the network (0 = cache). */
	files: Record<string, { at: number; end: number; transferSize: number; decodedBodySize: number }>;
}

async function entries(target: Pick<Page, 'evaluate'>): Promise<{ origin: number; list: Entry[] }> {
	return target.evaluate(() => ({
		origin: performance.timeOrigin,
		list: performance.getEntries().map((e) => {
			const r = e as PerformanceResourceTiming;
			return {
				name: e.name,
				at: e.startTime,
				end: e.startTime + e.duration,
				transferSize: r.transferSize,
				encodedBodySize: r.encodedBodySize,
				decodedBodySize: r.decodedBodySize
			};
		})
	}));
}

/** The phases of the page's first Python worker (the one that became ready first). */
export async function startupPhases(page: Page): Promise<StartupPhases> {
	const pageEntries = await entries(page);
	const nav = pageEntries.origin;
	const workers = await Promise.all(
		page
			.workers()
			.filter((w) => w.url().includes('python'))
			.map((w) => entries(w))
	);
	const readyAt = (w: { origin: number; list: Entry[] }) =>
		w.origin + (w.list.find((e) => e.name === 'pb:ready')?.at ?? Infinity);
	const first = workers.sort((a, b) => readyAt(a) - readyAt(b))[0];
	const marks: StartupPhases['marks'] = {};
	const files: StartupPhases['files'] = {};
	const spawn = pageEntries.list.find((e) => e.name === 'pb:spawn');
	const session = pageEntries.list.find((e) => e.name.includes('/session?'));
	const html = pageEntries.list.find((e) => e.name.includes('/room/'));
	if (html) marks.html = Math.round(html.end);
	if (session) {
		marks.sessionAsked = Math.round(session.at);
		marks.sessionAnswered = Math.round(session.end);
	}
	if (spawn) marks.spawn = Math.round(spawn.at);
	for (const e of first?.list ?? []) {
		const shift = first.origin - nav;
		if (e.name.startsWith('pb:')) marks[e.name.slice(3)] = Math.round(e.at + shift);
		else if (e.transferSize !== undefined && e.name.includes('/pyodide/'))
			files[e.name.replace(/^.*\/pyodide\//, '')] = {
				at: Math.round(e.at + shift),
				end: Math.round(e.end + shift),
				transferSize: e.transferSize,
				decodedBodySize: e.decodedBodySize ?? 0
			};
	}
	return { marks, files };
}
