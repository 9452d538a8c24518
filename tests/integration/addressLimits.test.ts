/**
 * Issue 12, item 3 (LIMIT-8): what one client address may open, on the real server. Addresses are
 * told apart by X-Forwarded-For (PAIRBOARD_TRUST_PROXY), as behind the reverse proxy of a real
 * deployment; limits are made small so that a few sockets reach them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';

const servers: TestServer[] = [];
const opened: WebSocket[] = [];
afterEach(async () => {
	for (const ws of opened.splice(0)) ws.terminate();
	for (const s of servers.splice(0)) await s.stop();
});

async function server(limits: { maxOpen: number; burst: number; perSecond: number }) {
	const s = await startServer({ addressSockets: limits, config: { trustProxy: true } });
	servers.push(s);
	return s;
}

type Outcome =
	{ accepted: true; ws: WebSocket } | { accepted: false; status: number; retryAfter?: string; body: string };

/** Opens the Yjs socket as `address`; accepted once the server speaks first (its sync step 1). */
function openYjs(s: TestServer, interviewId: string, token: string, address: string): Promise<Outcome> {
	const ws = new WebSocket(`${s.wsUrl}/yjs/${interviewId}/code?token=${token}`, {
		headers: { 'X-Forwarded-For': address }
	});
	opened.push(ws);
	return new Promise((resolve, reject) => {
		ws.once('message', () => resolve({ accepted: true, ws }));
		ws.once('unexpected-response', (_req, res) => {
			let body = '';
			res.on('data', (d: Buffer) => (body += d.toString()));
			res.on('end', () =>
				resolve({
					accepted: false,
					status: res.statusCode ?? 0,
					retryAfter: res.headers['retry-after'] as string | undefined,
					body
				})
			);
		});
		ws.once('error', (err) => reject(err));
	});
}

/** Opens until the server has let go of a closed socket (each try waits for its answer). */
async function openOnceFreed(s: TestServer, id: string, token: string, address: string): Promise<Outcome> {
	for (let i = 0; ; i++) {
		const outcome = await openYjs(s, id, token, address);
		if (outcome.accepted || i >= 50) return outcome;
	}
}

describe('LIMIT-8: sockets per client address', () => {
	it('an address past its burst of openings gets 429 with Retry-After and the reason; another address still gets in', async () => {
		const s = await server({ maxOpen: 100, burst: 3, perSecond: 0.01 });
		const iv = await createInterview(s);
		for (let i = 0; i < 3; i++) {
			expect(await openYjs(s, iv.id, iv.candidate, '203.0.113.5')).toMatchObject({ accepted: true });
		}
		expect(await openYjs(s, iv.id, iv.candidate, '203.0.113.5')).toEqual({
			accepted: false,
			status: 429,
			retryAfter: '100',
			body: expect.stringMatching(/Too many new connections from this address; try again in 100 s/)
		});
		expect(await openYjs(s, iv.id, iv.interviewer, '198.51.100.7')).toMatchObject({ accepted: true });
	});

	it('an address holding the most open sockets is refused until it closes one', async () => {
		const s = await server({ maxOpen: 3, burst: 100, perSecond: 100 });
		const iv = await createInterview(s);
		const held: WebSocket[] = [];
		for (let i = 0; i < 3; i++) {
			const o = await openYjs(s, iv.id, i === 0 ? iv.interviewer : iv.candidate, '203.0.113.9');
			if (!o.accepted) throw new Error(`opening ${i} refused: ${o.body}`);
			held.push(o.ws);
		}
		expect(await openYjs(s, iv.id, iv.candidate, '203.0.113.9')).toMatchObject({
			accepted: false,
			status: 429,
			body: expect.stringMatching(/Too many open connections from this address \(at most 3\)/)
		});
		held[0].close();
		expect(await openOnceFreed(s, iv.id, iv.candidate, '203.0.113.9')).toMatchObject({ accepted: true });
	});

	it('Socket.IO counts with the Yjs socket and refuses a new session past the burst with the reason', async () => {
		const s = await server({ maxOpen: 100, burst: 2, perSecond: 0.01 });
		const iv = await createInterview(s);
		expect(await openYjs(s, iv.id, iv.candidate, '203.0.113.20')).toMatchObject({ accepted: true });
		const handshake = () =>
			fetch(`${s.url}/socket.io/?EIO=4&transport=polling`, { headers: { 'X-Forwarded-For': '203.0.113.20' } });
		expect((await handshake()).status).toBe(200);
		const refused = await handshake();
		expect(refused.status).toBe(403);
		expect(await refused.json()).toMatchObject({ message: expect.stringMatching(/Too many new connections/) });
		const elsewhere = await fetch(`${s.url}/socket.io/?EIO=4&transport=polling`, {
			headers: { 'X-Forwarded-For': '198.51.100.21' }
		});
		expect(elsewhere.status).toBe(200);
	});
});
