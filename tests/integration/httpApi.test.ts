import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';

const servers: TestServer[] = [];
afterEach(async () => {
	vi.restoreAllMocks();
	for (const s of servers.splice(0)) await s.stop();
});
async function server() {
	const s = await startServer();
	servers.push(s);
	return s;
}

const MALFORMED = '%E0%A4%A';

async function call(s: TestServer, method: string, p: string, init: RequestInit = {}) {
	const res = await fetch(`${s.url}${p}`, { method, ...init });
	const type = res.headers.get('content-type') ?? '';
	return { status: res.status, type, headers: res.headers, body: type.includes('json') ? await res.json() : null };
}

describe('the HTTP kit over the real server', () => {
	it('a malformed percent-escape in a path parameter answers 400 JSON and logs no error', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const logged = vi.spyOn(console, 'error');
		const admin = { headers: { authorization: `Bearer ${s.adminKey}` } };
		const cases: [string, string, RequestInit][] = [
			['DELETE', `/api/interviews/${MALFORMED}`, admin],
			['GET', `/api/interviews/${MALFORMED}/session?token=${iv.candidate}`, {}],
			['GET', `/api/interviews/${iv.id}/scorecards/${MALFORMED}?token=${iv.interviewer}`, {}],
			['GET', `/api/interviews/${MALFORMED}/replay`, admin],
			['GET', `/api/loops/${MALFORMED}/debrief`, admin]
		];
		for (const [method, p, init] of cases) {
			const r = await call(s, method, p, init);
			expect(r.status, `${method} ${p}`).toBe(400);
			expect(r.body, `${method} ${p}`).toEqual({ error: expect.stringMatching(/percent-escape/) });
		}
		expect(logged).not.toHaveBeenCalled();
		expect((await call(s, 'GET', `/api/interviews/${iv.id}/session?token=${iv.candidate}`)).status).toBe(200);
	});

	it('path parameters are decoded: an escaped id finds the same interview', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const escaped = [...iv.id].map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
		const r = await call(s, 'GET', `/api/interviews/${escaped}/session?token=${iv.candidate}`);
		expect(r.status).toBe(200);
		expect(r.body.me.role).toBe('candidate');
	});

	it('a body over the limit answers 413 JSON; another content type 415; and nothing is created', async () => {
		const s = await server();
		const headers = { authorization: `Bearer ${s.adminKey}`, 'content-type': 'application/json' };
		const big = JSON.stringify({ title: 'x'.repeat(70 * 1024) });
		const tooBig = await call(s, 'POST', '/api/interviews', { headers, body: big });
		expect(tooBig.status).toBe(413);
		expect(tooBig.body).toEqual({ error: expect.stringMatching(/larger than/) });
		const text = await call(s, 'POST', '/api/interviews', {
			headers: { ...headers, 'content-type': 'text/plain' },
			body: '{}'
		});
		expect(text.status).toBe(415);
		expect(text.body.error).toMatch(/application\/json/);
		const list = await call(s, 'GET', '/api/interviews', { headers });
		expect(list.body.interviews).toEqual([]);
	});

	it('an unknown route answers 404 JSON; a known one with another method 405 with Allow', async () => {
		const s = await server();
		const unknown = await call(s, 'GET', '/api/nothing-here');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toMatch(/No API route/);
		const wrong = await call(s, 'PATCH', '/api/interviews');
		expect(wrong.status).toBe(405);
		expect(wrong.headers.get('allow')?.split(', ').sort()).toEqual(['GET', 'POST']);
		expect(wrong.body.error).toMatch(/PATCH is not allowed/);
	});

	it('a room token is accepted as "Authorization: Bearer" as well as ?token=', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const r = await call(s, 'GET', `/api/interviews/${iv.id}/session`, {
			headers: { authorization: `Bearer ${iv.interviewer}` }
		});
		expect(r.status).toBe(200);
		expect(r.body.me.role).toBe('interviewer');
	});

	it('the replay endpoints take the room token as "Authorization: Bearer" too', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const headers = { authorization: `Bearer ${iv.interviewer}` };
		const bundle = await call(s, 'GET', `/api/interviews/${iv.id}/replay`, { headers });
		expect(bundle.status).toBe(200);
		expect(bundle.body.viewer.kind).toBe('interviewer');
		expect((await call(s, 'GET', `/api/interviews/${iv.id}/replay/log`, { headers })).status).toBe(200);
		const candidate = { authorization: `Bearer ${iv.candidate}` };
		expect((await call(s, 'GET', `/api/interviews/${iv.id}/replay`, { headers: candidate })).status).toBe(403);
	});

	it('the database file is readable by the server’s user only (0600)', async () => {
		const s = await server();
		await createInterview(s);
		const file = path.join(s.dataDir, 'pairboard.sqlite');
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
	});
});
