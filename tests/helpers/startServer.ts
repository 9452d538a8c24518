import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createPairboard, type Pairboard } from '../../server/app.js';
import type { WorkerUpdateGuardOptions } from '../../server/guard/WorkerUpdateGuard.js';
import type { AddressSocketLimits } from '../../server/transport/rateLimit/AddressSockets.js';
import type { Config } from '../../server/config.js';

export interface TestServer {
	app: Pairboard;
	server: http.Server;
	port: number;
	url: string;
	wsUrl: string;
	dataDir: string;
	adminKey: string;
	stop(): Promise<void>;
}

export const ADMIN_KEY = 'test-admin-key-0123456789';

const created: string[] = [];
process.on('exit', () => {
	for (const dir of created) fs.rmSync(dir, { recursive: true, force: true });
});

/** A data folder of its own, removed when the test process exits. */
export function tempDataDir(): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-test-'));
	created.push(dir);
	return dir;
}

/** A real server (API, Socket.IO, Yjs) on a random port, with its own SQLite file. */
export async function startServer(
	opts: {
		dataDir?: string;
		port?: number;
		guard?: WorkerUpdateGuardOptions;
		/** LIMIT-8's limits, made small by the tests of it. */
		addressSockets?: AddressSocketLimits;
		pages?: http.RequestListener;
		/** Installed Python packages; none unless given. */
		pythonPackagesDir?: string;
		problemsDir?: string;
		/** More configuration, e.g. `databaseUrl` and `redisUrl` for the scale-out tests. */
		config?: Partial<Config>;
	} = {}
): Promise<TestServer> {
	const dataDir = opts.dataDir ?? tempDataDir();
	const app = await createPairboard({
		config: {
			port: 0,
			host: '127.0.0.1',
			dataDir,
			problemsDir: opts.problemsDir ?? path.resolve('problems'),
			rubricsDir: path.resolve('rubrics'),
			adminKey: ADMIN_KEY,
			pythonPackagesDir: opts.pythonPackagesDir,
			...opts.config
		},
		guard: opts.guard,
		addressSockets: opts.addressSockets
	});
	const server = http.createServer(
		(req, res) =>
			void app.handle(req, res, () => {
				if (opts.pages) opts.pages(req, res);
				else {
					res.statusCode = 404;
					res.end('not found');
				}
			})
	);
	app.attach(server);
	await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
	const port = (server.address() as AddressInfo).port;
	return {
		app,
		server,
		port,
		url: `http://127.0.0.1:${port}`,
		wsUrl: `ws://127.0.0.1:${port}`,
		dataDir,
		adminKey: ADMIN_KEY,
		async stop() {
			server.closeAllConnections();
			await app.close();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		}
	};
}

/**
 * Creates an interview through the API. The candidate accepts the recording notice at once
 * (CONSENT-1 refuses their sockets before), unless `consent: false`.
 */
export async function createInterview(
	s: { url: string; adminKey: string },
	body: Record<string, unknown> = {},
	{ consent = true }: { consent?: boolean } = {}
): Promise<{ id: string; candidate: string; interviewer: string; interviewer2?: string; observer?: string }> {
	const res = await fetch(`${s.url}/api/interviews`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
		body: JSON.stringify({
			title: 'ML coding round',
			candidate: { name: 'Casey Candidate' },
			problems: ['moving-average', 'softmax-cross-entropy'],
			interviewers: [{ name: 'Ines Interviewer' }, { name: 'Ivan Interviewer' }],
			observers: [{ name: 'Olga Observer' }],
			...body
		})
	});
	if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`);
	const j = (await res.json()) as {
		id: string;
		links: { candidate: string; interviewers: { url: string }[]; observers: { url: string }[] };
	};
	const tok = (u: string) => new URL(u).searchParams.get('token')!;
	if (consent) {
		const r = await fetch(`${s.url}/api/interviews/${j.id}/consent?token=${tok(j.links.candidate)}`, {
			method: 'POST'
		});
		if (r.status !== 200) throw new Error(`consent failed: ${r.status} ${await r.text()}`);
	}
	return {
		id: j.id,
		candidate: tok(j.links.candidate),
		interviewer: tok(j.links.interviewers[0].url),
		interviewer2: j.links.interviewers[1] ? tok(j.links.interviewers[1].url) : undefined,
		observer: j.links.observers[0] ? tok(j.links.observers[0].url) : undefined
	};
}
