import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, roundTrip, waitFor, waitSynced } from '../helpers/yclient.js';
import { MAX_RUN_OUTPUT_CHARS } from '../../src/lib/shared/protocol.js';
import type { CommittedRoomEvent } from '../../src/lib/shared/room/roomEvents.js';
import { nextRoomEvent } from '../helpers/roomEvents.js';

const servers: TestServer[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	for (const s of servers.splice(0)) await s.stop();
});

function join(s: TestServer, interviewId: string, token: string): Promise<Socket> {
	const sock = ioClient(s.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	return new Promise((resolve) => sock.once('room:snapshot', () => resolve(sock)));
}

function next<T>(sock: Socket, event: string, match: (v: T) => boolean = () => true): Promise<T> {
	return new Promise((resolve) => {
		const on = (v: T) => {
			if (!match(v)) return;
			sock.off(event, on);
			resolve(v);
		};
		sock.on(event, on);
	});
}

describe('room events over Socket.IO', () => {
	it('presence lists who is in the room with their role, and updates when someone leaves', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const cand = await join(s, iv.id, iv.candidate);
		const seen = next<{ name: string; role: string }[]>(cand, 'presence:update', (p) => p.length === 2);
		const intv = await join(s, iv.id, iv.interviewer);
		const list = await seen;
		expect(list.map((p) => [p.name, p.role]).sort()).toEqual([
			['Casey Candidate', 'candidate'],
			['Ines Interviewer', 'interviewer']
		]);
		const after = next<unknown[]>(cand, 'presence:update', (p) => p.length === 1);
		intv.close();
		expect(await after).toHaveLength(1);
	});

	it('a run, its streamed output and its end reach every participant and the recording', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const cand = await join(s, iv.id, iv.candidate);
		const intv = await join(s, iv.id, iv.interviewer);
		const started = nextRoomEvent(intv, 'run:start');
		expect(await cand.emitWithAck('run:start', { runId: 'run1', problemId: 'moving-average' })).toEqual({ ok: true });
		expect((await started).data.runId).toBe('run1');
		const out = nextRoomEvent(intv, 'run:output');
		await cand.emitWithAck('run:output', { runId: 'run1', stream: 'stdout', text: 'hello\n' });
		expect((await out).data.text).toBe('hello\n');
		const ended = nextRoomEvent(intv, 'run:end');
		await cand.emitWithAck('run:end', { runId: 'run1', outcome: 'ok', durationMs: 12 });
		expect((await ended).data).toMatchObject({ outcome: 'ok', durationMs: 12 });
		// Every relayed event is the committed one: the same seq and data as in the recording.
		const startSeq = (await started).seq;
		// Only who started a run may report it.
		expect((await intv.emitWithAck('run:output', { runId: 'run1', stream: 'stdout', text: 'x' })).ok).toBe(false);

		// A late joiner sees the last run.
		const late = ioClient(s.url, {
			path: '/socket.io',
			auth: { interviewId: iv.id, token: iv.interviewer2 },
			transports: ['websocket']
		});
		sockets.push(late);
		const snap = await new Promise<{
			lastRun?: { by: { name: string }; output: { text: string }[]; end?: { outcome: string } };
		}>((r) => late.once('room:snapshot', r));
		expect(snap.lastRun?.by.name).toBe('Casey Candidate');
		expect(snap.lastRun?.output[0].text).toBe('hello\n');
		expect(snap.lastRun?.end?.outcome).toBe('ok');

		await s.app.recorder.drain();
		const lines = (await (await fetch(`${s.url}/api/interviews/${iv.id}/recording?token=${iv.interviewer}`)).text())
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		const types = lines.filter((l) => l.kind === 'event').map((l) => l.type);
		expect(types).toEqual(expect.arrayContaining(['participant:join', 'run:start', 'run:output', 'run:end']));
		expect(types.indexOf('run:start')).toBeLessThan(types.indexOf('run:end'));
		expect(lines.find((l) => l.seq === startSeq)).toMatchObject({ type: 'run:start', data: { runId: 'run1' } });
	});

	it('output beyond the cap is cut and marked truncated', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const cand = await join(s, iv.id, iv.candidate);
		const intv = await join(s, iv.id, iv.interviewer);
		await cand.emitWithAck('run:start', { runId: 'big', problemId: 'moving-average' });
		let received = 0;
		let truncated = false;
		intv.on('room:event', (e: CommittedRoomEvent) => {
			if (e.type !== 'run:output') return;
			received += e.data.text.length;
			truncated ||= e.data.truncated;
		});
		const chunk = 'x'.repeat(60_000);
		for (let i = 0; i < 6; i++) await cand.emitWithAck('run:output', { runId: 'big', stream: 'stdout', text: chunk });
		const end = nextRoomEvent(intv, 'run:end');
		await cand.emitWithAck('run:end', { runId: 'big', outcome: 'ok', durationMs: 5 });
		await end;
		expect(received).toBe(MAX_RUN_OUTPUT_CHARS);
		expect(truncated).toBe(true);
	});

	it('ROLE-4: only an interviewer ends the interview; then the room is read-only for everyone', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s);
		const cand = await join(s, iv.id, iv.candidate);
		const seen = next<{ id: string; name: string }[]>(cand, 'presence:update', (p) => p.length === 2);
		const intv = await join(s, iv.id, iv.interviewer);
		const ines = (await seen).find((p) => p.name === 'Ines Interviewer')!;
		expect((await cand.emitWithAck('interview:end', {})).ok).toBe(false);
		const ended = nextRoomEvent(cand, 'interview:end');
		expect(await intv.emitWithAck('interview:end', {})).toEqual({ ok: true });
		expect(await ended).toMatchObject({ actor: ines.id, data: { reason: 'ended' } });
		expect((await cand.emitWithAck('run:start', { runId: 'r', problemId: 'moving-average' })).error).toMatch(/ended/);
		const session = await (await fetch(`${s.url}/api/interviews/${iv.id}/session?token=${iv.candidate}`)).json();
		expect(session.can.edit).toBe(false);
		expect(session.interview.endedAt).toBeTypeOf('number');

		const y = connectY(s.wsUrl, iv.id, iv.candidate);
		const y2 = connectY(s.wsUrl, iv.id, iv.interviewer);
		try {
			await Promise.all([waitSynced(y), waitSynced(y2)]);
			const text = await waitFor(y.doc, () => codeText(y.doc));
			const before = text.toString();
			text.insert(0, 'AFTER END');
			codeText(y2.doc)!.insert(0, 'ALSO AFTER END');
			await Promise.all([roundTrip(y), roundTrip(y2)]);
			// A fresh client, once the server handled both edits, sees neither.
			const y3 = connectY(s.wsUrl, iv.id, iv.interviewer);
			await waitSynced(y3);
			expect(codeText(y3.doc)!.toString()).toBe(before);
			expect(codeText(s.app.rooms.get(iv.id, 'code')!.doc)!.toString()).toBe(before);
			y3.destroy();
		} finally {
			y.destroy();
			y2.destroy();
		}
	});
});
