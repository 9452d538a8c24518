import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { io as ioClient } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { CLOSE } from '../../src/lib/shared/protocol.js';
import { scatteredInserts } from '../../server/testing/scatteredInserts.js';

const servers: TestServer[] = [];
const clients: YClient[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.stop();
});
async function server(opts: Parameters<typeof startServer>[0] = {}) {
	const s = await startServer(opts);
	servers.push(s);
	return s;
}

/** Opens a raw socket, waits for the server's first sync message, then sends `frame`. */
function rawSend(
	url: string,
	frame: Buffer | string,
	opts: { binary?: boolean } = {}
): Promise<{ code: number; reason: string }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		let sent = false;
		ws.on('message', () => {
			if (sent) return;
			sent = true;
			ws.send(frame, { binary: opts.binary ?? typeof frame !== 'string' });
		});
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
		ws.on('error', reject);
	});
}

function closeOf(url: string): Promise<{ code: number; reason: string }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
		ws.on('error', reject);
	});
}

function syncUpdateFrame(update: Uint8Array): Buffer {
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, 0); // sync
	encoding.writeVarUint(enc, 2); // update
	encoding.writeVarUint8Array(enc, update);
	return Buffer.from(encoding.toUint8Array(enc));
}

async function postJson(s: TestServer, body: string, headers: Record<string, string> = {}) {
	const res = await fetch(`${s.url}/api/interviews`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}`, ...headers },
		body
	});
	return { status: res.status, body: (await res.json()) as { error: string; field?: string } };
}

/** A room in use by a candidate and an interviewer; proves it is undisturbed afterwards. */
async function busyRoom(s: TestServer) {
	const iv = await createInterview(s);
	const a = connectY(s.wsUrl, iv.id, iv.candidate);
	const b = connectY(s.wsUrl, iv.id, iv.interviewer);
	clients.push(a, b);
	await Promise.all([waitSynced(a), waitSynced(b)]);
	const before = (await waitFor(a.doc, () => codeText(a.doc))).toString();
	const stillServing = async (mark: string) => {
		codeText(a.doc)!.insert(0, mark);
		await waitFor(b.doc, () => codeText(b.doc)?.toString().startsWith(mark));
		expect(a.closes).toEqual([]);
		expect(b.closes).toEqual([]);
	};
	return { iv, a, b, before, stillServing };
}

describe('HTTP API refuses bad input with a clear JSON error', () => {
	it('401 without or with a wrong admin key', async () => {
		const s = await server();
		const res = await fetch(`${s.url}/api/interviews`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		expect(res.status).toBe(401);
		expect((await res.json()).error).toMatch(/admin key/);
		const wrong = await postJson(s, '{}', { authorization: 'Bearer nope' });
		expect(wrong.status).toBe(401);
	});

	it('400 for malformed JSON and 400 naming each missing or bad field', async () => {
		const s = await server();
		const bad = await postJson(s, '{"title": ');
		expect(bad.status).toBe(400);
		expect(bad.body.error).toMatch(/not valid JSON/);
		const base = { title: 'T', candidate: { name: 'C' }, problems: ['moving-average'], interviewers: [{ name: 'I' }] };
		const cases: [Record<string, unknown>, string][] = [
			[{ ...base, title: undefined }, 'title'],
			[{ ...base, candidate: {} }, 'candidate.name'],
			[{ ...base, problems: [] }, 'problems'],
			[{ ...base, problems: ['no-such-problem'] }, 'problems[0]'],
			[{ ...base, interviewers: [] }, 'interviewers'],
			[{ ...base, interviewers: [{ name: '' }] }, 'interviewers[0].name']
		];
		for (const [body, field] of cases) {
			const r = await postJson(s, JSON.stringify(body));
			expect(r.status, field).toBe(400);
			expect(r.body.field, JSON.stringify(r.body)).toBe(field);
			expect(r.body.error).toContain(field);
		}
	});

	it('session: 404 for an unknown interview, 401 for a missing or wrong token; candidates get 403 on the recording', async () => {
		const s = await server();
		const iv = await createInterview(s);
		expect((await fetch(`${s.url}/api/interviews/nope/session?token=${iv.candidate}`)).status).toBe(404);
		const none = await fetch(`${s.url}/api/interviews/${iv.id}/session`);
		expect(none.status).toBe(401);
		expect((await none.json()).error).toBeTruthy();
		expect((await fetch(`${s.url}/api/interviews/${iv.id}/session?token=wrong`)).status).toBe(401);
		const other = await createInterview(s);
		expect((await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${other.candidate}`)).status).toBe(401);
		const rec = await fetch(`${s.url}/api/interviews/${iv.id}/recording?token=${iv.candidate}`);
		expect(rec.status).toBe(403);
		expect((await rec.json()).error).toMatch(/candidate/);
		expect((await fetch(`${s.url}/api/interviews/${iv.id}/recording?token=${iv.observer}`)).status).toBe(403);
		expect((await fetch(`${s.url}/api/interviews/${iv.id}/recording`)).status).toBe(401);
		expect(
			(await fetch(`${s.url}/api/interviews/nope/recording`, { headers: { authorization: `Bearer ${s.adminKey}` } }))
				.status
		).toBe(404);
	});

	it('the candidate session tells the role and shows no interviewer-only fields', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const res = await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.candidate}`);
		const body = await res.json();
		expect(body.me.role).toBe('candidate');
		expect(body.can).toEqual({
			edit: true,
			run: true,
			end: false,
			runHiddenTests: false,
			seePrivate: false,
			start: false
		});
		const text = JSON.stringify(body);
		const { loadProblems } = await import('../../server/storage/loadProblems.js');
		const inInterview = new Set(body.interview.problems.map((p: { id: string }) => p.id));
		expect(inInterview.size).toBe(2);
		for (const p of loadProblems('problems').filter((p) => inInterview.has(p.id))) {
			for (const secret of [p.solution, p.hiddenTests, p.interviewerNotes]) {
				// Any distinctive line of a private file would be a leak.
				for (const line of secret
					.split('\n')
					.filter((l) => l.trim().length > 30 && !(p.statement + p.starter + p.tests).includes(l.trim())))
					expect(text).not.toContain(JSON.stringify(line).slice(1, -1));
			}
			for (const name of p.hiddenTests.match(/def test_\w+\(/g) ?? [])
				if (!p.tests.includes(name)) expect(text).not.toContain(name);
		}
		expect(text).not.toMatch(/tokenHash|token_hash/);
	});

	it('every response carries cross-origin isolation headers and a CSP limiting connect-src', async () => {
		const s = await server();
		for (const path of ['/api/health', '/api/nothing', '/']) {
			const res = await fetch(`${s.url}${path}`);
			expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
			expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
			expect(res.headers.get('content-security-policy')).toMatch(/connect-src 'self'(;|$)/);
		}
	});
});

describe('Yjs socket refuses bad input and stays up', () => {
	it('closes with a reason for a missing or wrong token and an unknown interview', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const noToken = await closeOf(`${s.wsUrl}/yjs/${iv.id}/code`);
		expect(noToken.code).toBe(CLOSE.UNAUTHORIZED);
		expect(noToken.reason).toMatch(/token/i);
		expect((await closeOf(`${s.wsUrl}/yjs/${iv.id}/code?token=bad`)).code).toBe(CLOSE.UNAUTHORIZED);
		const unknown = await closeOf(`${s.wsUrl}/yjs/nope/code?token=${iv.candidate}`);
		expect(unknown.code).toBe(CLOSE.NOT_FOUND);
		expect((await closeOf(`${s.wsUrl}/yjs/${iv.id}/secret?token=${iv.candidate}`)).code).toBe(CLOSE.NOT_FOUND);
	});

	it('a malformed, truncated, random or text frame closes only that connection', async () => {
		const s = await server();
		const room = await busyRoom(s);
		const url = `${s.wsUrl}/yjs/${room.iv.id}/code?token=${room.iv.interviewer}`;
		const frames: [string, Buffer | string][] = [
			['unknown message type', Buffer.from([7, 1, 2])],
			['truncated sync message', Buffer.from([0, 2, 200])],
			['random bytes', Buffer.from(Array.from({ length: 512 }, (_, i) => (i * 73 + 11) % 256))],
			['empty frame', Buffer.alloc(0)],
			['text frame', 'hello'],
			['yjs #479: "garbagedoc" as an update', syncUpdateFrame(Buffer.from('garbagedoc', 'base64'))],
			['yjs #498: a zero-length update', syncUpdateFrame(new Uint8Array())]
		];
		for (const [what, frame] of frames) {
			const closed = await rawSend(url, frame);
			expect([CLOSE.MALFORMED, CLOSE.UPDATE_REJECTED], what).toContain(closed.code);
			expect(closed.reason.length, what).toBeGreaterThan(0);
		}
		await room.stillServing('# still fine\n');
		await s.app.recorder.drain();
		const stored = s.app.rooms.get(room.iv.id, 'code')!;
		expect(codeText(stored.doc)!.toString()).toBe('# still fine\n' + room.before);
	});

	it('a message over 1 MiB closes that connection with 1009 and the room goes on', async () => {
		const s = await server();
		const room = await busyRoom(s);
		const closed = await rawSend(
			`${s.wsUrl}/yjs/${room.iv.id}/code?token=${room.iv.candidate}`,
			Buffer.alloc(1024 * 1024 + 10, 1)
		);
		expect(closed.code).toBe(1009);
		await room.stillServing('# after big\n');
	});

	it('an update that takes too long to apply is cut off by the guard; other rooms keep working', async () => {
		// A real, legitimate but expensive update (~40k scattered inserts); with a 20 ms budget the
		// guard must refuse it without the process noticing.
		const s = await server({ guard: { timeoutMs: 20 } });
		const room = await busyRoom(s);
		const update = scatteredInserts(40_000, 1, (d) => d.getMap<Y.Text>('files').set('moving-average', new Y.Text()));
		expect(update.length).toBeLessThan(1024 * 1024);
		const other = await createInterview(s);
		const closed = await rawSend(`${s.wsUrl}/yjs/${other.id}/code?token=${other.candidate}`, syncUpdateFrame(update));
		expect(closed.code).toBe(CLOSE.UPDATE_REJECTED);
		expect(closed.reason).toMatch(/took longer/);
		expect(s.app.guard.restarts).toBeGreaterThan(0);
		await room.stillServing('# after heavy\n');
		await s.app.recorder.drain();
		const lines = (
			await (
				await fetch(`${s.url}/api/interviews/${other.id}/recording`, {
					headers: { authorization: `Bearer ${s.adminKey}` }
				})
			).text()
		)
			.trim()
			.split('\n');
		// Only the server's seed is stored for that interview: the rejected update is not.
		expect(lines.filter((l) => JSON.parse(l).kind === 'yjs')).toHaveLength(1);
	});
});

describe('Socket.IO refuses bad input', () => {
	it('rejects a missing token at connect and invalid payloads with a named field', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const bad = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: 'x' },
			transports: ['websocket'],
			reconnection: false
		});
		const err = await new Promise<Error>((r) => bad.on('connect_error', r));
		expect(err.message).toMatch(/unauthorized/);
		bad.close();

		const obs = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.observer },
			transports: ['websocket']
		});
		await new Promise((r) => obs.on('room:snapshot', r));
		const refused = await obs.emitWithAck('run:start', { runId: 'r1', problemId: 'moving-average' });
		expect(refused).toEqual({ ok: false, error: expect.stringMatching(/observer/) });
		obs.close();

		const c = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.candidate },
			transports: ['websocket']
		});
		await new Promise((r) => c.on('room:snapshot', r));
		const invalid = await c.emitWithAck('run:start', { runId: 'bad id!', problemId: 'moving-average' });
		expect(invalid.ok).toBe(false);
		expect(invalid.error).toMatch(/runId/);
		const notMine = await c.emitWithAck('run:end', { runId: 'nope', outcome: 'ok', durationMs: 1 });
		expect(notMine.ok).toBe(false);
		const ok = await c.emitWithAck('run:start', { runId: 'r2', problemId: 'moving-average' });
		expect(ok).toEqual({ ok: true });
		c.close();
	});
});

describe('caching', () => {
	it('a 304 carries no CSP, so a reloaded page keeps the CSP that allows its own inline script', async () => {
		const s = await server({
			pages: (req, res) => {
				if (req.headers['if-none-match'] === '"v1"') {
					res.statusCode = 304;
					res.end();
					return;
				}
				res.setHeader('ETag', '"v1"');
				res.setHeader('Content-Security-Policy', "script-src 'sha256-abc'");
				res.end('<html></html>');
			}
		});
		const first = await fetch(`${s.url}/page`);
		expect(first.headers.get('content-security-policy')).toBe("script-src 'sha256-abc'");
		const again = await fetch(`${s.url}/page`, { headers: { 'if-none-match': '"v1"' } });
		expect(again.status).toBe(304);
		expect(again.headers.get('content-security-policy')).toBeNull();
		expect(again.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
	});
});
