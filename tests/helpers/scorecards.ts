/** Shared by the scorecard, independence and loop integration tests: a tracked server and its HTTP calls. */
import type { Socket } from 'socket.io-client';
import type { PanelView } from '../../src/lib/shared/debrief.js';
import { createInterview, startServer, type TestServer } from './startServer.js';
import type { YClient } from './yclient.js';

/** What tests opened; cleanUp() closes them. */
const servers: TestServer[] = [];
export const sockets: Socket[] = [];
export const ys: YClient[] = [];
export const aborts: AbortController[] = [];

/** Closes what a test opened; each test file calls it from its own afterEach. */
export async function cleanUp(): Promise<void> {
	for (const a of aborts.splice(0)) a.abort();
	for (const y of ys.splice(0)) y.destroy();
	for (const s of sockets.splice(0)) s.close();
	for (const s of servers.splice(0)) await s.stop();
}

export async function server(): Promise<TestServer> {
	const s = await startServer();
	servers.push(s);
	return s;
}

export type Auth = { token?: string; admin?: boolean };
export async function call(
	s: Pick<TestServer, 'url' | 'adminKey'>,
	method: string,
	p: string,
	auth: Auth,
	body?: unknown
) {
	const headers: Record<string, string> = {};
	if (body !== undefined) headers['content-type'] = 'application/json';
	if (auth.admin) headers.authorization = `Bearer ${s.adminKey}`;
	const url = `${s.url}${p}${auth.token ? `${p.includes('?') ? '&' : '?'}token=${encodeURIComponent(auth.token)}` : ''}`;
	const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await res.text();
	let json: unknown = null;
	try {
		json = JSON.parse(text);
	} catch {
		json = text;
	}
	return { status: res.status, body: json as Record<string, unknown> & unknown, text };
}

export const LEAK = 'names the leakage risk of fitting the scaler on all data';
export const nowNote = (id: string, text = LEAK) => ({ id, text, t: Date.now() });

/** A complete ml-coding scorecard; `a` is the level for problem_solving (4 needs a note, given). */
export function card(level: 1 | 2 | 3 | 4, recommendation: string, extra: Record<string, unknown> = {}) {
	return {
		ratings: {
			problem_solving: { level, notes: [nowNote('n1')] },
			ml_fundamentals: { level: 3, notes: [] },
			code_quality: { level: 3, notes: [] },
			testing: { level: 'not-assessed', notes: [] },
			communication: { level: 2, notes: [] }
		},
		recommendation,
		confidence: 'medium',
		...extra
	};
}

export async function setup() {
	const s = await server();
	const iv = await createInterview(s, { rubric: 'ml-coding' });
	const panel = (await call(s, 'GET', `/api/interviews/${iv.id}/scorecards`, { token: iv.interviewer }))
		.body as unknown as PanelView;
	const [ines, ivan] = panel.progress;
	return { s, iv, ines, ivan };
}
