/**
 * Issue 12, items 3–5, 9, 11 against the real server, with hand-made frames and real clients:
 * connections per participant (LIMIT-1), sync amplification and unread replies (LIMIT-2/3),
 * document, awareness and output quotas (QUOTA-1..3), malformed escapes and Bearer on the Yjs
 * socket, pastes split into small pieces, and runs reporting after the end.
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, roundTrip, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { CLOSE } from '../../src/lib/shared/protocol.js';
import { MAX_CONNECTIONS_PER_PARTICIPANT } from '../../server/domain/ConnectionQuota.js';
import { MAX_AWARENESS_STATE_CHARS, MAX_DOC_BYTES } from '../../server/domain/docLimits.js';
import { nextRoomEvent } from '../helpers/roomEvents.js';
import { MAX_REFUSALS } from '../../server/domain/RefusalStrikes.js';

const servers: TestServer[] = [];
const clients: YClient[] = [];
const sockets: (Socket | WebSocket)[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of sockets.splice(0)) s.close();
	for (const s of servers.splice(0)) await s.stop();
});
async function server() {
	const s = await startServer();
	servers.push(s);
	return s;
}
async function yclient(s: TestServer, id: string, token: string, doc = 'code') {
	const c = connectY(s.wsUrl, id, token, doc);
	clients.push(c);
	await waitSynced(c);
	return c;
}
function ioJoin(s: TestServer, interviewId: string, token: string): Promise<Socket> {
	const sock = ioClient(s.url, {
		path: '/socket.io',
		auth: { interviewId, token },
		transports: ['websocket'],
		reconnection: false
	});
	sockets.push(sock);
	return new Promise((resolve, reject) => {
		sock.once('room:snapshot', () => resolve(sock));
		sock.once('connect_error', reject);
	});
}
function closeOf(ws: WebSocket): Promise<{ code: number; reason: string }> {
	return new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
}
function raw(url: string, headers: Record<string, string> = {}): WebSocket {
	const ws = new WebSocket(url, { headers });
	sockets.push(ws);
	return ws;
}
function frame(write: (enc: encoding.Encoder) => void): Buffer {
	const enc = encoding.createEncoder();
	write(enc);
	return Buffer.from(encoding.toUint8Array(enc));
}
const syncStep1 = (doc = new Y.Doc()) =>
	frame((enc) => {
		encoding.writeVarUint(enc, 0);
		syncProtocol.writeSyncStep1(enc, doc);
	});
describe('LIMIT-1: connections per participant', () => {
	it(`a link may hold ${MAX_CONNECTIONS_PER_PARTICIPANT} Socket.IO connections; the next is refused in words, others unaffected`, async () => {
		const s = await server();
		const iv = await createInterview(s);
		for (let i = 0; i < MAX_CONNECTIONS_PER_PARTICIPANT; i++) await ioJoin(s, iv.id, iv.candidate);
		await expect(ioJoin(s, iv.id, iv.candidate)).rejects.toThrow(/too_many: .*open connections/);
		await ioJoin(s, iv.id, iv.interviewer);
		// Closing one frees a place.
		(sockets[0] as Socket).close();
		await expect(retryJoin(s, iv.id, iv.candidate)).resolves.toBeDefined();
	});

	it('the Yjs socket closes the connection past the limit with 4429 and a reason', async () => {
		const s = await server();
		const iv = await createInterview(s);
		for (let i = 0; i < MAX_CONNECTIONS_PER_PARTICIPANT; i++) await yclient(s, iv.id, iv.candidate);
		const extra = raw(`${s.wsUrl}/yjs/${iv.id}/code?token=${iv.candidate}`);
		expect(await closeOf(extra)).toMatchObject({
			code: CLOSE.TOO_MANY,
			reason: expect.stringMatching(/open connections/)
		});
		const other = await yclient(s, iv.id, iv.interviewer);
		expect(other.closes).toEqual([]);
	});
});

/** Joins, retrying while the server has not yet seen a closed connection go (no sleeps: each try waits for the answer). */
async function retryJoin(s: TestServer, id: string, token: string, tries = 50): Promise<Socket> {
	for (let i = 0; ; i++) {
		try {
			return await ioJoin(s, id, token);
		} catch (err) {
			if (i >= tries) throw err;
		}
	}
}

describe('Yjs socket input', () => {
	it('a malformed percent-escape in the path closes with 4400 and a reason, not a server error', async () => {
		const s = await server();
		const ws = raw(`${s.wsUrl}/yjs/%E0%A4%A/code?token=x`);
		expect(await closeOf(ws)).toMatchObject({ code: CLOSE.MALFORMED, reason: expect.stringMatching(/percent-escape/) });
	});

	it('accepts the token as Authorization: Bearer', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const ws = raw(`${s.wsUrl}/yjs/${iv.id}/code`, { authorization: `Bearer ${iv.interviewer}` });
		const first = await new Promise<Buffer>((r) => ws.once('message', r));
		expect(first[0]).toBe(0); // the server's sync step 1: the connection was accepted
	});
});

describe('QUOTA-1, QUOTA-2: document and awareness size', () => {
	it('an update past the document limit closes that connection with 4413; the document and others are unharmed', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const other = await yclient(s, iv.id, iv.interviewer);
		const text = await waitFor(other.doc, () => codeText(other.doc));
		const attacker = await yclient(s, iv.id, iv.candidate);
		const big = 'x'.repeat(900 * 1024);
		const t = await waitFor(attacker.doc, () => codeText(attacker.doc));
		let closed = null;
		for (let i = 0; i * big.length <= MAX_DOC_BYTES.code + big.length && !closed; i++) {
			t.insert(0, big);
			await roundTrip(attacker).catch(() => undefined);
			closed = attacker.closes[0] ?? null;
		}
		expect(closed).toMatchObject({ code: CLOSE.TOO_LARGE, reason: expect.stringMatching(/size limit of 8 MB/) });
		text.insert(0, 'still here ');
		await roundTrip(other);
		const fresh = await yclient(s, iv.id, iv.interviewer2!);
		expect(codeText(fresh.doc)!.toString().startsWith('still here ')).toBe(true);
		expect(codeText(fresh.doc)!.length).toBeLessThanOrEqual(MAX_DOC_BYTES.code);
	});

	it('an awareness state over the limit closes that connection; nobody receives it', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const watcher = await yclient(s, iv.id, iv.interviewer);
		const seen: number[] = [];
		watcher.provider.awareness.on('change', () => seen.push(watcher.provider.awareness.getStates().size));
		const ws = raw(`${s.wsUrl}/yjs/${iv.id}/code?token=${iv.candidate}`);
		await new Promise((r) => ws.once('message', r));
		const doc = new Y.Doc();
		const aw = new awarenessProtocol.Awareness(doc);
		aw.setLocalState({ cursor: 'x'.repeat(MAX_AWARENESS_STATE_CHARS + 1) });
		ws.send(
			frame((enc) => {
				encoding.writeVarUint(enc, 1);
				encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]));
			})
		);
		expect((await closeOf(ws)).code).toBe(CLOSE.MALFORMED);
		await roundTrip(watcher);
		expect([...watcher.provider.awareness.getStates().keys()]).not.toContain(doc.clientID);
	});
});

describe('LIMIT-7: presence updates', () => {
	it('a client flooding presence updates is cut off with 4429; the room keeps the last state it accepted', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const watcher = await yclient(s, iv.id, iv.interviewer);
		const ws = raw(`${s.wsUrl}/yjs/${iv.id}/code?token=${iv.candidate}`);
		await new Promise((r) => ws.once('message', r));
		const closed = closeOf(ws);
		const doc = new Y.Doc();
		const aw = new awarenessProtocol.Awareness(doc);
		let stillOpen = true;
		void closed.then(() => (stillOpen = false));
		// 8 KB states: 400 of them are 3.2 MB, far more than any cursor sends.
		for (let i = 0; i < 400 && stillOpen; i++) {
			aw.setLocalState({ cursor: { anchor: i }, pad: 'p'.repeat(MAX_AWARENESS_STATE_CHARS - 100) });
			ws.send(
				frame((enc) => {
					encoding.writeVarUint(enc, 1);
					encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(aw, [doc.clientID]));
				})
			);
			await new Promise((r) => setImmediate(r));
		}
		expect(await closed).toMatchObject({ code: CLOSE.TOO_MANY, reason: expect.stringMatching(/presence/) });
		// The watcher sent the flood back (the stock provider echoes every state) and stays connected.
		expect(watcher.closes).toEqual([]);
		await roundTrip(watcher);
		const cursor = (
			watcher.provider.awareness.getStates().get(doc.clientID) as { cursor?: { anchor: number } } | undefined
		)?.cursor?.anchor;
		expect(cursor === undefined || cursor < 399).toBe(true);
	});
});

describe('LIMIT-2, LIMIT-3: amplification and unread replies', () => {
	it('a client that keeps asking for the whole document is cut off with 4429 once its budget is spent', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const writer = await yclient(s, iv.id, iv.interviewer);
		const text = await waitFor(writer.doc, () => codeText(writer.doc));
		for (let i = 0; i < 8; i++) {
			text.insert(0, 'y'.repeat(900 * 1024));
			await roundTrip(writer);
		}
		const ws = raw(`${s.wsUrl}/yjs/${iv.id}/code?token=${iv.candidate}`);
		await new Promise((r) => ws.once('message', r));
		// A client that reads every answer, and asks again at once.
		const closed = closeOf(ws);
		let answers = 0;
		const next = () =>
			new Promise<boolean>((resolve) => {
				const onMessage = (d: Buffer) => {
					if (d[0] !== 0 || d[1] !== 1) return;
					ws.off('message', onMessage);
					resolve(true);
				};
				ws.on('message', onMessage);
				ws.once('close', () => resolve(false));
				ws.send(syncStep1());
			});
		while (answers < 40 && (await next())) answers++;
		expect(await closed).toMatchObject({ code: CLOSE.TOO_MANY, reason: expect.stringMatching(/sync requests/) });
		expect(answers).toBeLessThan(12);
		expect(answers).toBeGreaterThanOrEqual(1);
		// The writer's connection was never touched.
		text.insert(0, 'after ');
		await roundTrip(writer);
		expect(writer.closes).toEqual([]);
	});
});

describe('LIMIT-3: a reader that stops reading', () => {
	it('is dropped once unread replies pile up, instead of the server holding them', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const writer = await yclient(s, iv.id, iv.interviewer);
		const text = await waitFor(writer.doc, () => codeText(writer.doc));
		for (let i = 0; i < 4; i++) {
			text.insert(0, 'z'.repeat(900 * 1024));
			await roundTrip(writer);
		}
		const ws = raw(`${s.wsUrl}/yjs/${iv.id}/code?token=${iv.candidate}`);
		await new Promise((r) => ws.once('message', r));
		const closed = closeOf(ws);
		// Stop reading from the TCP socket, then ask for the whole document again and again.
		(ws as unknown as { _socket: { pause(): void } })._socket.pause();
		for (let i = 0; i < 12; i++) ws.send(syncStep1());
		void closed;
		// The room handles messages in order: once it answered the writer, it handled all twelve.
		await roundTrip(writer);
		await roundTrip(writer);
		expect(s.app.rooms.get(iv.id, 'code')!.connectionCount).toBe(1);
		text.insert(0, 'after ');
		await roundTrip(writer);
		expect(writer.closes).toEqual([]);
	});
});

describe('SIG-1: pastes split into small pieces', () => {
	it('several inserts just under the paste size within the window raise one paste signal', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const intv = await ioJoin(s, iv.id, iv.interviewer);
		const signal = new Promise<{ kind: string; chars: number }>((r) => intv.once('candidate:signal', r));
		const cand = await yclient(s, iv.id, iv.candidate);
		const text = await waitFor(cand.doc, () => codeText(cand.doc));
		for (let i = 0; i < 3; i++) {
			text.insert(text.length, 'p'.repeat(199));
			await roundTrip(cand);
		}
		expect(await signal).toMatchObject({ kind: 'paste', chars: 398 });
	});
});

describe('ROLE-4: a run started before the end reports nothing after it', () => {
	it('the candidate’s output and end after the end are refused and not recorded', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const cand = await ioJoin(s, iv.id, iv.candidate);
		const intv = await ioJoin(s, iv.id, iv.interviewer);
		await cand.emitWithAck('run:start', { runId: 'r1', problemId: 'moving-average' });
		const ended = nextRoomEvent(cand, 'interview:end');
		await intv.emitWithAck('interview:end', {});
		await ended;
		expect(await cand.emitWithAck('run:output', { runId: 'r1', stream: 'stdout', text: 'late' })).toEqual({
			ok: false,
			error: 'The interview has ended'
		});
		expect((await cand.emitWithAck('run:end', { runId: 'r1', outcome: 'ok', durationMs: 1 })).ok).toBe(false);
		await s.app.recorder.drain();
		const log = await (await fetch(`${s.url}/api/interviews/${iv.id}/recording?token=${iv.interviewer}`)).text();
		expect(log).not.toContain('late');
	});
});

describe('LIMIT-5: a link whose updates keep being refused', () => {
	it(`is kept out for a while after ${MAX_REFUSALS} refusals (4429, with the wait in words); other links are not`, async () => {
		const s = await server();
		const iv = await createInterview(s);
		const garbage = Buffer.from([0, 2, 5, 1, 2, 3, 4, 5]);
		for (let i = 0; i < MAX_REFUSALS; i++) {
			const ws = raw(`${s.wsUrl}/yjs/${iv.id}/code?token=${iv.candidate}`);
			await new Promise((r) => ws.once('message', r));
			ws.send(garbage);
			expect((await closeOf(ws)).code).toBe(CLOSE.UPDATE_REJECTED);
		}
		const again = raw(`${s.wsUrl}/yjs/${iv.id}/code?token=${iv.candidate}`);
		expect(await closeOf(again)).toMatchObject({
			code: CLOSE.TOO_MANY,
			reason: expect.stringMatching(/refused updates from this link; try again in \d+ s/)
		});
		const other = await yclient(s, iv.id, iv.interviewer);
		expect(other.closes).toEqual([]);
	});
});
