import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, roundTrip, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { readScene, writeElements } from '../../src/lib/shared/canvas/canvasDoc.js';
import { rect } from '../helpers/canvasElements.js';
import { ACTIVE_PROBLEM, filesOf } from '../../src/lib/shared/codeDoc.js';
import { fromBase64 } from '../../src/lib/shared/recording.js';
import { ReplayModel, type ReplayCheckpoint } from '../../src/lib/shared/replay/ReplayModel.js';
import type { ReplayBundle } from '../../src/lib/shared/replay/bundle.js';
import type { DocName } from '../../src/lib/shared/protocol.js';

const servers: TestServer[] = [];
const clients: YClient[] = [];
const sockets: Socket[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of sockets.splice(0)) s.close();
	for (const s of servers.splice(0)) await s.stop();
});

/** The candidate "Dan An": "An" is also an English word and sits inside "ranking" and "candidate". */
const NAME = 'Dan An';
const WORD = (w: string) => new RegExp(`(?<![\\p{L}\\p{N}_])(?:${w})(?![\\p{L}\\p{N}_])`, 'iu');
const NAME_WORD = WORD('dan an|dan|an');
/** What whole-word redaction of the name makes of a text (the spec, written out for the test). */
const redacted = (s: string) =>
	s.replace(new RegExp(`(?<![\\p{L}\\p{N}_])(?:dan\\s+an|dan|an)(?![\\p{L}\\p{N}_])`, 'giu'), 'Candidate');

function join(s: TestServer, interviewId: string, token: string): Promise<Socket> {
	const sock = ioClient(s.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	return new Promise((resolve, reject) => {
		sock.once('room:snapshot', () => resolve(sock));
		sock.once('connect_error', reject);
	});
}
function client(s: TestServer, id: string, token: string, doc = 'code') {
	const c = connectY(s.wsUrl, id, token, doc);
	clients.push(c);
	return c;
}
async function load(s: TestServer, id: string, token: string) {
	const q = `?token=${encodeURIComponent(token)}`;
	const get = async (p: string) => (await fetch(`${s.url}/api/interviews/${id}${p}${q}`)).text();
	const [bundleText, ndjson, cpText] = [
		await get('/replay'),
		await get('/replay/log'),
		await get('/replay/checkpoints')
	];
	const bundle = JSON.parse(bundleText) as ReplayBundle;
	const checkpoints: ReplayCheckpoint[] = cpText
		.split('\n')
		.filter(Boolean)
		.map((l) => {
			const c = JSON.parse(l) as { doc: DocName; seq: number; state: string; v2?: boolean };
			return { doc: c.doc, seq: c.seq, state: fromBase64(c.state), v2: c.v2 === true };
		});
	const model = new ReplayModel({
		interviewId: id,
		ndjson,
		checkpoints,
		participants: bundle.participants,
		problems: bundle.interview.problems
	});
	return { bundleText, bundle, ndjson, cpText, checkpoints, model };
}
/** Every string an encoded Yjs update or state carries, as the reviewer could decode it. */
function stringsOf(update: Uint8Array, v2 = false): string {
	const { structs } = (v2 ? Y.decodeUpdateV2(update) : Y.decodeUpdate(update)) as unknown as {
		structs: { content?: { str?: string; arr?: unknown[]; key?: string } }[];
	};
	return structs.map((s) => JSON.stringify(s.content?.str ?? s.content?.arr ?? '')).join('\n');
}
const textNote = (id: string, text: string, version: number) => ({
	...rect(id, 40, version),
	type: 'text',
	text,
	originalText: text
});

describe('anonymised replay (REPLAY-7, issue 12 item 6)', () => {
	it('REPLAY-7: the name never reaches an anonymised reviewer, typed by anyone, in code, canvas, output or events; whole words only; the replay is the same minus the name', async () => {
		const s = await startServer();
		servers.push(s);
		const iv = await createInterview(s, {
			title: `${NAME} — ML round`,
			candidate: { name: NAME },
			problems: ['ranking-metrics', 'moving-average']
		});
		const cand = await join(s, iv.id, iv.candidate);
		await join(s, iv.id, iv.interviewer);
		const intv = client(s, iv.id, iv.interviewer);
		const candY = client(s, iv.id, iv.candidate);
		const canvas = client(s, iv.id, iv.interviewer, 'canvas');
		await Promise.all([waitSynced(intv), waitSynced(candY), waitSynced(canvas)]);
		// The interviewer types the name one keystroke (one update) at a time.
		const text = await waitFor(intv.doc, () => codeText(intv.doc, 'ranking-metrics'));
		const starter = text.toString();
		const comment = `# Interview with ${NAME}\n`;
		for (let i = 0; i < comment.length; i++) text.insert(i, comment[i]);
		await roundTrip(intv);
		// The candidate's own words: in-word matches and other words stay.
		const mine = await waitFor(candY.doc, () => codeText(candY.doc, 'ranking-metrics'));
		await waitFor(candY.doc, () => mine.toString().startsWith(comment));
		mine.insert(comment.length, '# Danny, ranking_dan and Dan-An stay apart\n');
		await roundTrip(candY);
		// A canvas note typed as Excalidraw syncs it: a version per keystroke.
		['D', 'Da', 'Dan', 'Dan A', `${NAME}: strong`].forEach((t, i) =>
			writeElements(canvas.doc, [textNote('note', t, i + 1)])
		);
		await roundTrip(canvas);
		// The candidate prints the name.
		expect(await cand.emitWithAck('run:start', { runId: 'r1', problemId: 'ranking-metrics' })).toEqual({ ok: true });
		await cand.emitWithAck('run:output', { runId: 'r1', stream: 'stdout', text: `Hello ${NAME}\n` });
		await cand.emitWithAck('run:end', { runId: 'r1', outcome: 'ok', durationMs: 3 });
		await s.app.recorder.drain();

		const made = await fetch(`${s.url}/api/interviews/${iv.id}/reviewer-links`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', authorization: `Bearer ${s.adminKey}` },
			body: JSON.stringify({ anonymised: true })
		});
		const token = new URL(((await made.json()) as { url: string }).url).searchParams.get('token')!;
		const anon = await load(s, iv.id, token);
		const plain = await load(s, iv.id, iv.interviewer);
		expect(plain.ndjson).toMatch(/Hello Dan An/); // the test can fail: the name is in the log

		// 1. Nothing the reviewer receives holds the name: bundle, event data, the strings inside every
		//    Yjs update of the log and inside every checkpoint.
		expect(anon.bundleText).not.toMatch(NAME_WORD);
		const lines = anon.ndjson
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l));
		expect(lines.length).toBe(plain.ndjson.split('\n').filter(Boolean).length);
		for (const l of lines) {
			const carried = l.kind === 'yjs' ? stringsOf(fromBase64(l.update)) : JSON.stringify(l.data);
			expect({ seq: l.seq, carried }).not.toEqual({ seq: l.seq, carried: expect.stringMatching(NAME_WORD) });
		}
		for (const c of anon.checkpoints) expect(stringsOf(c.state, c.v2)).not.toMatch(NAME_WORD);

		// 2. Whole words only, and identifiers untouched.
		const events = lines.filter((l) => l.kind === 'event');
		const joinEv = events.find((e) => e.type === 'participant:join' && e.data.role === 'candidate');
		expect(joinEv.data).toEqual({ name: 'Candidate', role: 'candidate', color: expect.any(String) });
		expect(events.find((e) => e.type === 'run:start').data).toEqual({ runId: 'r1', problemId: 'ranking-metrics' });
		// Printed output is redacted too (README: "Anonymised links").
		expect(events.find((e) => e.type === 'run:output').data.text).toBe('Hello Candidate\n');
		expect(anon.bundle.interview.title).toBe('Candidate — ML round');
		expect(anon.bundle.interview.problems.map((p) => p.id)).toEqual(['ranking-metrics', 'moving-average']);

		// 3. At every moment the reviewer sees the room minus the name: never a partly typed name.
		expect(anon.model.error).toBeNull();
		const codeSeqs = lines.filter((l) => l.kind === 'yjs').map((l) => l.seq as number);
		for (const seq of codeSeqs) {
			const frame = anon.model.seekSeq(seq);
			for (const [problem, t] of filesOf(frame.code)) {
				expect({ seq, problem, text: t.toString() }).not.toEqual({
					seq,
					problem,
					text: expect.stringMatching(NAME_WORD)
				});
			}
			// The comment as typed so far, before the starter: "# Interview with " and then, from the
			// first letter of the name on, "Candidate"; never "D" or "Da".
			const code = codeTextOf(frame.code, 'ranking-metrics');
			const typed = code.slice(0, code.indexOf(starter)).split('\n')[0];
			expect(['# Interview with Candidate', ...prefixes('# Interview with ')]).toContain(typed);
			for (const e of readScene(frame.canvas).elements) {
				expect(['Candidate', 'Candidate Candidate', 'Candidate: strong']).toContain(e.text);
				expect(e.originalText).toBe(e.text);
			}
			expect(frame.code.getMap('state').get(ACTIVE_PROBLEM)).toBe('ranking-metrics');
		}

		// 4. The last moment equals the server's documents with the name redacted, word for word.
		const last = Math.max(...codeSeqs);
		const a = anon.model.seekSeq(last);
		const p = plain.model.seekSeq(last);
		for (const [problem, t] of filesOf(p.code)) expect(codeTextOf(a.code, problem)).toBe(redacted(t.toString()));
		expect(codeTextOf(a.code, 'ranking-metrics')).toContain('# Danny, ranking_dan and Candidate-Candidate stay apart');
		expect(readScene(a.canvas).elements.map((e) => e.text)).toEqual(['Candidate: strong']);
		const { text: _t, originalText: _o, ...restA } = readScene(a.canvas).elements[0];
		const { text: _t2, originalText: _o2, ...restP } = readScene(p.canvas).elements[0];
		expect(restA).toEqual(restP);
		// The candidate's cursor still follows their typing.
		expect(a.cursors.map((c) => c.participant.name).sort()).toEqual(['Candidate', 'Ines Interviewer']);
	});
});

function codeTextOf(doc: Y.Doc, problem: string): string {
	return filesOf(doc).get(problem)?.toString() ?? '';
}
function prefixes(s: string): string[] {
	return Array.from({ length: s.length + 1 }, (_, i) => s.slice(0, i));
}
