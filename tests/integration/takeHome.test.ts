import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { io as ioClient } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, waitFor, waitSynced } from '../helpers/yclient.js';
import { CLOSE } from '../../src/lib/shared/protocol.js';

const servers: TestServer[] = [];
afterEach(async () => {
	for (const s of servers.splice(0)) await s.stop();
});

function closeOf(url: string): Promise<{ code: number; reason: string }> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url);
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
		ws.on('error', reject);
	});
}

function socketRefusal(s: TestServer, interviewId: string, token: string): Promise<string> {
	const sock = ioClient(s.url, {
		path: '/socket.io',
		auth: { interviewId, token },
		transports: ['websocket'],
		reconnection: false
	});
	return new Promise((resolve, reject) => {
		sock.on('connect_error', (e) => (sock.close(), resolve(e.message)));
		sock.on('connect', () => (sock.close(), reject(new Error('connected'))));
	});
}

describe('take-home over the real transports', () => {
	it('TAKE-1/TAKE-2: the candidate starts and works alone; interviewers get in once the candidate submits', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s, { mode: 'take-home' });
		const yjs = (t: string) => `${s.wsUrl}/yjs/${iv.id}/code?token=${t}`;

		const session = await (await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.candidate}`)).json();
		expect(session.interview).toMatchObject({ mode: 'take-home', timeBoxMinutes: 55, startedAt: null, deadline: null });
		expect(session.can.start).toBe(true);
		expect((await closeOf(yjs(iv.candidate))).code).toBe(CLOSE.FORBIDDEN);
		expect(await socketRefusal(s, iv.id, iv.candidate)).toMatch(/^forbidden: Start the take-home/);

		const started = await fetch(`${s.url}/api/interviews/${iv.id}/start?token=${iv.candidate}`, { method: 'POST' });
		expect(started.status).toBe(200);
		const view = await started.json();
		expect(view.interview.deadline - view.interview.startedAt).toBe(55 * 60_000);
		expect(
			(await fetch(`${s.url}/api/interviews/${iv.id}/start?token=${iv.interviewer}`, { method: 'POST' })).status
		).toBe(403);

		const interviewerTry = await closeOf(yjs(iv.interviewer));
		expect(interviewerTry.code).toBe(CLOSE.FORBIDDEN);
		expect(interviewerTry.reason).toMatch(/working on this take-home/);
		expect(await socketRefusal(s, iv.id, iv.observer!)).toMatch(/^forbidden/);

		const cand = connectY(s.wsUrl, iv.id, iv.candidate);
		try {
			await waitSynced(cand);
			const text = await waitFor(cand.doc, () => codeText(cand.doc));
			text.insert(0, '# my take-home answer\n');
			const sock = ioClient(s.url, {
				path: '/socket.io',
				auth: { interviewId: iv.id, token: iv.candidate },
				transports: ['websocket']
			});
			await new Promise((r) => sock.once('room:snapshot', r));
			expect(await sock.emitWithAck('interview:end', {})).toEqual({ ok: true });
			sock.close();
		} finally {
			cand.destroy();
		}

		const intv = connectY(s.wsUrl, iv.id, iv.interviewer);
		try {
			await waitSynced(intv);
			expect(codeText(intv.doc)!.toString()).toMatch(/^# my take-home answer\n/);
		} finally {
			intv.destroy();
		}
	});
});
