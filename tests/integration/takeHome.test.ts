import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { io as ioClient } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, roundTrip, waitFor, waitSynced } from '../helpers/yclient.js';
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
			// As the page does before Submit (RoomClient.flushEdits): the last edit is stored first.
			await roundTrip(cand);
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

describe('take-home privacy of the recording (TAKE-4)', () => {
	it('TAKE-4: while the take-home runs, interviewers get 403 on the recording and every replay read', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s, { mode: 'take-home' });
		const started = await fetch(`${s.url}/api/interviews/${iv.id}/start?token=${iv.candidate}`, { method: 'POST' });
		expect(started.status).toBe(200);
		const cand = connectY(s.wsUrl, iv.id, iv.candidate);
		try {
			await waitSynced(cand);
			const text = await waitFor(cand.doc, () => codeText(cand.doc));
			text.insert(0, '# LIVE-SECRET-ANSWER\n');
			await roundTrip(cand);
		} finally {
			cand.destroy();
		}
		await s.app.recorder.drain();
		// A reviewer link made by the organizer before the end is refused as well.
		const link = await fetch(`${s.url}/api/interviews/${iv.id}/reviewer-links`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
			body: JSON.stringify({ anonymised: false })
		});
		expect(link.status).toBe(201);
		const reviewer = new URL(((await link.json()) as { url: string }).url).searchParams.get('token')!;
		const paths = ['/recording', '/replay', '/replay/log', '/replay/checkpoints'];
		// The reviewer's token never opens /recording (401 at any time); the replay reads are its own.
		const reads = [
			...paths.map((p) => ({ p, token: iv.interviewer })),
			...paths.slice(1).map((p) => ({ p, token: reviewer }))
		];
		for (const { p, token } of reads) {
			const res = await fetch(`${s.url}/api/interviews/${iv.id}${p}?token=${token}`);
			const body = await res.text();
			expect({ p, status: res.status }).toEqual({ p, status: 403 });
			expect(JSON.parse(body).error).toMatch(/take-home is in progress/);
			expect(body).not.toContain('LIVE-SECRET-ANSWER');
		}
		// Once it has ended, the same reads open.
		const sock = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.candidate },
			transports: ['websocket']
		});
		await new Promise((r) => sock.once('room:snapshot', r));
		expect(await sock.emitWithAck('interview:end', {})).toEqual({ ok: true });
		sock.close();
		for (const p of paths) {
			const res = await fetch(`${s.url}/api/interviews/${iv.id}${p}?token=${iv.interviewer}`);
			expect({ p, status: res.status }).toEqual({ p, status: 200 });
		}
		const log = await (await fetch(`${s.url}/api/interviews/${iv.id}/recording?token=${iv.interviewer}`)).text();
		expect(log).toContain('kind');
	});
});
