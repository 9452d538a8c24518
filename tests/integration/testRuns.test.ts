import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { loadProblems } from '../../server/storage/loadProblems.js';
import { nextRoomEvent } from '../helpers/roomEvents.js';

const servers: TestServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	for (const s of servers.splice(0)) await s.stop();
});

async function setup() {
	const s = await startServer();
	servers.push(s);
	const iv = await createInterview(s);
	return { s, iv };
}

/** A socket that records every event it receives, by name. */
function join(s: TestServer, interviewId: string, token: string): Promise<{ sock: Socket; seen: [string, unknown][] }> {
	const sock = ioClient(s.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	const seen: [string, unknown][] = [];
	sock.onAny((event, payload) => seen.push([event, payload]));
	return new Promise((resolve) => sock.once('room:snapshot', () => resolve({ sock, seen })));
}

const REPORT = {
	tests: [{ name: 'test_hidden_edge_case', status: 'fail', message: 'expected 3', durationMs: 1, output: '' }],
	loadError: null,
	summary: { passed: 0, failed: 1, errors: 0, skipped: 0, total: 1, durationMs: 2 }
};

describe('PRIV-1: interviewer material over HTTP', () => {
	it('only interviewers get solutions, hidden tests and notes', async () => {
		const { s, iv } = await setup();
		const url = (t: string) => `${s.url}/api/interviews/${iv.id}/private?token=${t}`;
		for (const t of [iv.candidate, iv.observer!]) {
			const res = await fetch(url(t));
			expect(res.status).toBe(403);
			expect((await res.json()).error).toMatch(/may not see/);
		}
		expect((await fetch(url('nope'))).status).toBe(401);
		const res = await fetch(url(iv.interviewer));
		expect(res.status).toBe(200);
		const body = await res.json();
		const files = loadProblems('problems').find((p) => p.id === 'moving-average')!;
		expect(body.problems[0]).toEqual({
			id: 'moving-average',
			solution: files.solution,
			hiddenTests: files.hiddenTests,
			interviewerNotes: files.interviewerNotes
		});
	});
});

describe('test runs over Socket.IO', () => {
	it('visible tests: started and ended reach everyone; the result is recorded', async () => {
		const { s, iv } = await setup();
		const cand = await join(s, iv.id, iv.candidate);
		const intv = await join(s, iv.id, iv.interviewer);
		const started = nextRoomEvent(intv.sock, 'tests:start');
		expect(
			await cand.sock.emitWithAck('tests:start', { runId: 'v1', problemId: 'moving-average', suite: 'visible' })
		).toEqual({ ok: true });
		expect((await started).data).toMatchObject({ suite: 'visible', runId: 'v1' });
		const ended = nextRoomEvent(intv.sock, 'tests:result');
		await cand.sock.emitWithAck('tests:result', { runId: 'v1', outcome: 'ok', report: REPORT });
		expect((await ended).data.report?.summary.failed).toBe(1);
		await s.app.recorder.drain();
		const log = (await (await fetch(`${s.url}/api/interviews/${iv.id}/recording?token=${iv.interviewer}`)).text())
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		const result = log.find((e) => e.type === 'tests:result');
		expect(result.data).toMatchObject({ suite: 'visible', problemId: 'moving-average', summary: { failed: 1 } });
	});

	it('PRIV-2: a candidate cannot run hidden tests, and hidden results never reach the candidate', async () => {
		const { s, iv } = await setup();
		const cand = await join(s, iv.id, iv.candidate);
		const obs = await join(s, iv.id, iv.observer!);
		const ines = await join(s, iv.id, iv.interviewer);
		const ivan = await join(s, iv.id, iv.interviewer2!);

		const refused = await cand.sock.emitWithAck('tests:start', {
			runId: 'h0',
			problemId: 'moving-average',
			suite: 'hidden'
		});
		expect(refused).toEqual({ ok: false, error: expect.stringMatching(/candidate cannot run the hidden tests/) });

		const ended = nextRoomEvent(ivan.sock, 'tests:result');
		expect(
			await ines.sock.emitWithAck('tests:start', { runId: 'h1', problemId: 'moving-average', suite: 'hidden' })
		).toEqual({ ok: true });
		expect(await ines.sock.emitWithAck('tests:result', { runId: 'h1', outcome: 'ok', report: REPORT })).toEqual({
			ok: true
		});
		expect((await ended).data.suite).toBe('hidden');

		// After a visible run that everyone receives, the candidate and observer have seen
		// everything sent before it; none of it may be about the hidden run.
		const fence = Promise.all([nextRoomEvent(cand.sock, 'tests:result'), nextRoomEvent(obs.sock, 'tests:result')]);
		await ines.sock.emitWithAck('tests:start', { runId: 'v2', problemId: 'moving-average', suite: 'visible' });
		await ines.sock.emitWithAck('tests:result', { runId: 'v2', outcome: 'ok', report: { ...REPORT, tests: [] } });
		await fence;
		for (const who of [cand, obs]) {
			const text = JSON.stringify(who.seen);
			// The run's id as the events carry it: a bare 'h1' also turns up inside random participant ids.
			expect(text).not.toContain('"runId":"h1"');
			expect(text).not.toContain('test_hidden_edge_case');
			expect(text).not.toContain('"hidden"');
		}

		// A late-joining candidate's snapshot carries the visible run only; an interviewer's has both.
		const late = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.candidate },
			transports: ['websocket']
		});
		sockets.push(late);
		const snap = await new Promise<{ lastTests: Record<string, unknown> }>((r) => late.once('room:snapshot', r));
		expect(Object.keys(snap.lastTests).filter((k) => snap.lastTests[k])).toEqual(['visible']);
		expect(JSON.stringify(snap)).not.toContain('test_hidden_edge_case');
		const lateI = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.interviewer2 },
			transports: ['websocket']
		});
		sockets.push(lateI);
		const snapI = await new Promise<{ lastTests: Record<string, { runId: string }> }>((r) =>
			lateI.once('room:snapshot', r)
		);
		expect(snapI.lastTests.hidden.runId).toBe('h1');
	});

	it('rejects malformed reports and reports from someone else', async () => {
		const { s, iv } = await setup();
		const cand = await join(s, iv.id, iv.candidate);
		const intv = await join(s, iv.id, iv.interviewer);
		await cand.sock.emitWithAck('tests:start', { runId: 'v1', problemId: 'moving-average', suite: 'visible' });
		const bad = await cand.sock.emitWithAck('tests:result', { runId: 'v1', outcome: 'ok', report: { tests: 'nope' } });
		expect(bad.ok).toBe(false);
		expect(bad.error).toMatch(/report/);
		const notYours = await intv.sock.emitWithAck('tests:result', { runId: 'v1', outcome: 'ok', report: REPORT });
		expect(notYours).toEqual({ ok: false, error: expect.stringMatching(/Only who started/) });
		expect(
			(await cand.sock.emitWithAck('tests:start', { runId: 'v2', problemId: 'not-in-interview', suite: 'visible' })).ok
		).toBe(false);
	});
});
