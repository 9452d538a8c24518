/**
 * A behavioural round over the real server: created with only a question set, scored with the
 * behavioural rubric, and the questions never reach the candidate, not in an HTTP body, a
 * Socket.IO frame or a Yjs frame (PRIV-1).
 */
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { connectY, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { nextRoomEvent } from '../helpers/roomEvents.js';
import { loadProblems } from '../../server/storage/loadProblems.js';
import { BEHAVIOURAL_STARTER } from '../../src/lib/shared/problemSchema.js';

const SET = 'behavioural-ownership-impact';
const questionSet = loadProblems('problems').find((p) => p.id === SET)!;
/** Every line of the question set long enough to be recognisable: none may reach the candidate. */
const QUESTION_LINES = questionSet.interviewerNotes
	.split('\n')
	.map((l) => l.replace(/^[#>\-|*\s]+/, '').trim())
	.filter((l) => l.length >= 25);

const servers: TestServer[] = [];
const sockets: Socket[] = [];
const ys: { destroy(): void }[] = [];
afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	for (const y of ys.splice(0)) y.destroy();
	for (const s of servers.splice(0)) await s.stop();
});

/** A Socket.IO client that keeps every raw engine frame it receives, from the first one. */
function recordingSocket(s: TestServer, interviewId: string, token: string, frames: string[]): Promise<Socket> {
	const sock = ioClient(s.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	sock.io.on('open', () =>
		sock.io.engine.on('data', (d: unknown) =>
			frames.push(typeof d === 'string' ? d : Buffer.from(d as ArrayBuffer).toString('latin1'))
		)
	);
	return new Promise((resolve) => sock.once('room:snapshot', () => resolve(sock)));
}

/** The stock y-websocket provider over a `ws` that keeps every frame the server sends. */
function recordingY(s: TestServer, interviewId: string, token: string, docName: string, frames: Buffer[]) {
	class RecordingWebSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols);
			this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${s.wsUrl}/yjs/${interviewId}`, docName, doc, {
		params: { token },
		WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const client = { doc, provider, closes: [], destroy: () => (provider.destroy(), doc.destroy()) } as YClient;
	ys.push(client);
	return client;
}

async function get(url: string): Promise<{ status: number; text: string }> {
	const res = await fetch(url);
	return { status: res.status, text: await res.text() };
}

describe('behavioural round', () => {
	it('is created with only a question set and gets the behavioural rubric by default', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s, { title: 'Behavioural round', problems: [SET] });
		const panel = await get(`${s.url}/api/interviews/${iv.id}/scorecards?token=${iv.interviewer}`);
		expect(panel.status).toBe(200);
		expect(JSON.parse(panel.text).rubric.id).toBe('behavioural-star');
	});

	it('PRIV-1: the question set reaches interviewers and never the candidate: HTTP bodies, Socket.IO and Yjs frames', async () => {
		expect(QUESTION_LINES.length).toBeGreaterThan(30);
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s, { title: 'Behavioural round', problems: [SET] });
		const api = `${s.url}/api/interviews/${iv.id}`;

		// What the candidate's page asks for over HTTP.
		const http: string[] = [];
		const session = await get(`${api}/session?token=${iv.candidate}`);
		expect(session.status).toBe(200);
		http.push(session.text);
		const denied = await get(`${api}/private?token=${iv.candidate}`);
		expect(denied.status).toBe(403);
		http.push(denied.text);
		http.push((await get(`${api}/scorecards?token=${iv.candidate}`)).text);
		// The candidate learns the round's title and kind, and nothing of the set's content.
		expect(JSON.parse(session.text).interview.problems).toEqual([
			{
				id: SET,
				title: questionSet.title,
				kind: 'behavioural',
				statement: '',
				tests: '',
				timeBoxMinutes: 45,
				scene: null,
				packages: []
			}
		]);

		const socketFrames: string[] = [];
		const yFrames: Buffer[] = [];
		const cand = await recordingSocket(s, iv.id, iv.candidate, socketFrames);
		const candCode = recordingY(s, iv.id, iv.candidate, 'code', yFrames);
		const candCanvas = recordingY(s, iv.id, iv.candidate, 'canvas', yFrames);
		await Promise.all([waitSynced(candCode), waitSynced(candCanvas)]);
		expect(candCode.doc.getMap('files').get(SET)?.toString()).toBe(BEHAVIOURAL_STARTER);

		// The interviewer reads the set and writes in the shared notes pad.
		const priv = await get(`${api}/private?token=${iv.interviewer}`);
		expect(priv.status).toBe(200);
		expect(JSON.parse(priv.text).problems).toEqual([
			{ id: SET, solution: '', hiddenTests: '', interviewerNotes: questionSet.interviewerNotes }
		]);
		const intv = await recordingSocket(s, iv.id, iv.interviewer, []);
		const intvCode = connectY(s.wsUrl, iv.id, iv.interviewer);
		ys.push(intvCode);
		await waitSynced(intvCode);
		const pad = intvCode.doc.getMap('files').get(SET) as Y.Text;
		const typed = 'Q1: noticed the stale eval set, fixed it with the data team';
		pad.insert(pad.length, typed);
		await waitFor(candCode.doc, () => (candCode.doc.getMap('files').get(SET) as Y.Text).toString().includes(typed));

		// A fence the candidate receives after everything above: the interviewer ends the round.
		const ended = nextRoomEvent(cand, 'interview:end');
		await intv.emitWithAck('interview:end', {});
		await ended;

		const yText = Buffer.concat(yFrames).toString('utf8');
		expect(yText, 'the capture holds the shared notes, so it saw the frames').toContain(typed);
		expect(socketFrames.join('\n')).toContain('interview:end');
		const everything = [...http, ...socketFrames, yText].join('\n');
		const leaked = QUESTION_LINES.filter((line) => everything.includes(line));
		expect(leaked, 'lines of the question set the candidate received').toEqual([]);
		expect(everything).not.toContain('interviewerNotes');
	});
});

describe('GET /api/problem-catalog', () => {
	it('needs the admin key and lists kinds, competencies, levels and time boxes, but no content', async () => {
		const s = await startServer();
		servers.push(s);
		expect((await fetch(`${s.url}/api/problem-catalog`)).status).toBe(401);
		const iv = await createInterview(s);
		const asCandidate = await fetch(`${s.url}/api/problem-catalog`, {
			headers: { authorization: `Bearer ${iv.candidate}` }
		});
		expect(asCandidate.status).toBe(401);
		const res = await fetch(`${s.url}/api/problem-catalog`, { headers: { authorization: `Bearer ${s.adminKey}` } });
		expect(res.status).toBe(200);
		const text = await res.text();
		const { problems } = JSON.parse(text) as { problems: Record<string, unknown>[] };
		expect(problems.find((p) => p.id === SET)).toEqual({
			id: SET,
			title: questionSet.title,
			kind: 'behavioural',
			timeBoxMinutes: 45,
			competencies: ['ownership', 'impact', 'learning_and_growth', 'communication'],
			seniority: ['mid', 'senior', 'staff'],
			topics: ['star', 'incidents', 'prioritisation'],
			difficulty: null,
			packages: [],
			missingPackages: []
		});
		expect(problems.length).toBe(loadProblems('problems').length);
		for (const line of QUESTION_LINES) expect(text).not.toContain(line);
	});
});
