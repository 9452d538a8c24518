import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { FAILED_CREDENTIALS_PER_WINDOW } from '../../server/transport/rateLimit/FailedCredentialLimiter.js';
import WebSocket from 'ws';
import { io as ioClient } from 'socket.io-client';
import { CLOSE } from '../../src/lib/shared/protocol.js';

const servers: TestServer[] = [];
afterEach(async () => {
	for (const s of servers.splice(0)) await s.stop();
});

interface Reply {
	status: number;
	headers: http.IncomingHttpHeaders;
	body: string;
}

/** A request from a given loopback address (Linux answers on all of 127/8), so each test client is its own address. */
function request(
	s: TestServer,
	from: string,
	path: string,
	{ method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {}
): Promise<Reply> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			{ host: '127.0.0.1', port: s.port, path, method, headers, localAddress: from, agent: false },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

async function setup() {
	const s = await startServer();
	servers.push(s);
	const iv = await createInterview(s);
	await s.app.interviews.end(await s.app.interviews.authenticate(iv.id, iv.interviewer));
	const admin = { authorization: `Bearer ${s.adminKey}`, 'content-type': 'application/json' };
	const loop = await request(s, '127.0.0.1', '/api/loops', {
		method: 'POST',
		headers: admin,
		body: JSON.stringify({ title: 'Loop', candidate: { name: 'Casey Candidate' }, interviews: [iv.id] })
	});
	expect(loop.status).toBe(201);
	const { id: loopId, debriefUrl } = JSON.parse(loop.body) as { id: string; debriefUrl: string };
	const link = await request(s, '127.0.0.1', `/api/interviews/${iv.id}/reviewer-links`, {
		method: 'POST',
		headers: admin,
		body: JSON.stringify({ anonymised: false })
	});
	const reviewer = new URL((JSON.parse(link.body) as { url: string }).url).searchParams.get('token')!;
	const panel = new URL(debriefUrl).searchParams.get('token')!;
	return { s, iv, loopId, panel, reviewer };
}

describe('guessing credentials (issue 12, item 8)', () => {
	it('answers 429 with Retry-After and JSON {error} once an address has sent too many wrong credentials of any kind', async () => {
		const { s, iv, loopId, panel, reviewer } = await setup();
		const kinds = [
			{ name: 'room token', path: (t: string) => `/api/interviews/${iv.id}/session?token=${t}`, good: iv.candidate },
			{
				name: 'admin key',
				path: () => '/api/interviews',
				headers: (t: string) => ({ authorization: `Bearer ${t}` }),
				good: s.adminKey
			},
			// A wrong panel token is 403 (SCORE-9: any token that is not this loop's panel's).
			{ name: 'panel token', path: (t: string) => `/api/loops/${loopId}/debrief?token=${t}`, good: panel, wrong: 403 },
			{ name: 'reviewer token', path: (t: string) => `/api/interviews/${iv.id}/replay?token=${t}`, good: reviewer }
		];
		for (const [i, kind] of kinds.entries()) {
			const attacker = `127.0.0.${10 + i}`;
			const bystander = `127.0.0.${20 + i}`;
			const send = (from: string, t: string) =>
				request(s, from, kind.path(t), { headers: kind.headers ? kind.headers(t) : {} });
			for (let n = 0; n < FAILED_CREDENTIALS_PER_WINDOW; n++) {
				const r = await send(attacker, `wrong-${n}-${'x'.repeat(20)}`);
				expect({ kind: kind.name, n, status: r.status }).toEqual({ kind: kind.name, n, status: kind.wrong ?? 401 });
			}
			const refused = await send(attacker, 'wrong-again');
			expect({ kind: kind.name, status: refused.status }).toEqual({ kind: kind.name, status: 429 });
			expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
			expect(refused.headers['content-type']).toMatch(/application\/json/);
			expect(JSON.parse(refused.body).error).toMatch(/Too many failed credentials/);
			// Blocked means blocked: a right guess is not told apart from a wrong one meanwhile.
			expect((await send(attacker, kind.good)).status).toBe(429);
			// Another address with the right credential is not affected.
			expect((await send(bystander, kind.good)).status).toBe(200);
		}
	});

	it('never slows or refuses a legitimate user: successes, no credential, or a real one in the wrong place count nothing', async () => {
		const { s, iv, reviewer, panel } = await setup();
		const user = '127.0.0.30';
		for (let n = 0; n < FAILED_CREDENTIALS_PER_WINDOW * 5; n++) {
			const r = await request(s, user, `/api/interviews/${iv.id}/session?token=${iv.interviewer}`);
			expect(r.status).toBe(200);
		}
		// No credential at all is no guess (the page without a saved key asks for one).
		for (let n = 0; n < FAILED_CREDENTIALS_PER_WINDOW * 2; n++) {
			expect((await request(s, user, '/api/interviews')).status).toBe(401);
		}
		// The replay page of a reviewer or the panel asks for pinned notes and is refused: no guess.
		for (let n = 0; n < FAILED_CREDENTIALS_PER_WINDOW * 2; n++) {
			for (const t of [reviewer, panel, iv.candidate]) {
				expect([401, 403]).toContain((await request(s, user, `/api/interviews/${iv.id}/scorecards?token=${t}`)).status);
			}
		}
		// A few typos are fine; the right key still works after them.
		for (let n = 0; n < FAILED_CREDENTIALS_PER_WINDOW - 1; n++) {
			expect((await request(s, user, '/api/interviews', { headers: { authorization: 'Bearer typo' } })).status).toBe(
				401
			);
		}
		const ok = await request(s, user, '/api/interviews', { headers: { authorization: `Bearer ${s.adminKey}` } });
		expect(ok.status).toBe(200);
		expect((await request(s, user, '/api/health')).status).toBe(200);
	});
});

describe('guessing over the sockets (issue 12, item 8)', () => {
	it('wrong tokens on the Yjs socket count with the API’s: then the socket, Socket.IO and the API refuse that address', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const closeOf = (url: string) =>
			new Promise<{ code: number; reason: string }>((resolve, reject) => {
				const ws = new WebSocket(url);
				ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
				ws.on('error', reject);
			});
		for (let i = 0; i < FAILED_CREDENTIALS_PER_WINDOW; i++) {
			expect((await closeOf(`${s.wsUrl}/yjs/${iv.id}/code?token=guess-${i}`)).code).toBe(CLOSE.UNAUTHORIZED);
		}
		// Blocked now, right token included, whichever way it asks.
		expect(await closeOf(`${s.wsUrl}/yjs/${iv.id}/code?token=${iv.candidate}`)).toMatchObject({
			code: CLOSE.TOO_MANY,
			reason: expect.stringMatching(/Too many failed credentials from this address: try again in \d+ s/)
		});
		const sock = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.interviewer },
			transports: ['websocket'],
			reconnection: false
		});
		const refused = await new Promise<Error>((resolve) => sock.once('connect_error', resolve));
		sock.close();
		expect(refused.message).toMatch(/^too_many: Too many failed credentials/);
		const api = await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.interviewer}`);
		expect(api.status).toBe(429);
	});
});
