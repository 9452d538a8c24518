import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, roundTrip, waitClosed, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { readScene, writeElements } from '../../src/lib/shared/canvas/canvasDoc.js';
import { rect } from '../helpers/canvasElements.js';
import { ACTIVE_PROBLEM, filesOf } from '../../src/lib/shared/codeDoc.js';
import { fromBase64 } from '../../src/lib/shared/recording.js';
import { ReplayModel, type ReplayCheckpoint } from '../../src/lib/shared/replay/ReplayModel.js';
import type { ReplayBundle } from '../../src/lib/shared/replay/bundle.js';
import type { CandidateSignal, DocName } from '../../src/lib/shared/protocol.js';

const servers: TestServer[] = [];
const clients: YClient[] = [];
const sockets: Socket[] = [];
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
function client(s: TestServer, id: string, token: string, doc = 'code') {
	const c = connectY(s.wsUrl, id, token, doc);
	clients.push(c);
	return c;
}
function join(s: TestServer, interviewId: string, token: string): Promise<Socket> {
	const sock = ioClient(s.url, { path: '/socket.io', auth: { interviewId, token }, transports: ['websocket'] });
	sockets.push(sock);
	return new Promise((resolve, reject) => {
		sock.once('room:snapshot', () => resolve(sock));
		sock.once('connect_error', reject);
	});
}
const get = (s: TestServer, p: string, headers: Record<string, string> = {}) => fetch(`${s.url}${p}`, { headers });
const admin = (s: TestServer) => ({ authorization: `Bearer ${s.adminKey}` });

/** The replay as the player gets it: bundle, log and checkpoints over HTTP. */
async function loadReplay(s: TestServer, id: string, token: string) {
	const q = `?token=${encodeURIComponent(token)}`;
	const bundle = (await (await get(s, `/api/interviews/${id}/replay${q}`)).json()) as ReplayBundle;
	const ndjson = await (await get(s, `/api/interviews/${id}/replay/log${q}`)).text();
	const cpText = await (await get(s, `/api/interviews/${id}/replay/checkpoints${q}`)).text();
	const checkpoints: ReplayCheckpoint[] = cpText
		.split('\n')
		.filter(Boolean)
		.map((l) => {
			const c = JSON.parse(l) as { doc: DocName; seq: number; state: string; v2?: boolean };
			return { doc: c.doc, seq: c.seq, state: fromBase64(c.state), v2: c.v2 === true };
		});
	return {
		bundle,
		ndjson,
		checkpoints,
		model: new ReplayModel({
			interviewId: id,
			ndjson,
			checkpoints,
			participants: bundle.participants,
			problems: bundle.interview.problems
		})
	};
}

describe('replay against a real server', () => {
	it('REPLAY-1, REPLAY-2: the player shows at each captured moment exactly the documents the server held', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const cand = client(s, iv.id, iv.candidate);
		const intv = client(s, iv.id, iv.interviewer);
		const canvas = client(s, iv.id, iv.interviewer, 'canvas');
		await Promise.all([waitSynced(cand), waitSynced(intv), waitSynced(canvas)]);
		const text = await waitFor(cand.doc, () => codeText(cand.doc));
		const moments: { seq: number; code: string; files: unknown; scene: ReturnType<typeof readScene> }[] = [];
		const capture = async () => {
			await s.app.recorder.drain();
			let seq = 0;
			for await (const e of s.app.stores.log.readLog(iv.id)) seq = e.seq;
			const code = s.app.rooms.get(iv.id, 'code')!.doc;
			const room = s.app.rooms.get(iv.id, 'canvas')!.doc;
			moments.push({
				seq,
				code: filesOf(code)
					.get(code.getMap('state').get(ACTIVE_PROBLEM) as string)!
					.toString(),
				files: code.getMap('files').toJSON(),
				scene: readScene(room)
			});
		};
		await capture();
		// 450 keystrokes in two bursts: two checkpoints of the code document. A checkpoint is due
		// after 200 updates and written once every update applied is stored: after a burst.
		for (let i = 0; i < 450; i++) {
			text.insert(text.length, i % 40 === 39 ? '\n' : 'k');
			if (i === 224) await roundTrip(cand);
		}
		await roundTrip(cand);
		await capture();
		writeElements(canvas.doc, [rect('box-1', 10), rect('box-2', 200)]);
		await roundTrip(canvas);
		await capture();
		intv.doc.getMap('state').set(ACTIVE_PROBLEM, 'softmax-cross-entropy');
		await roundTrip(intv);
		await waitFor(cand.doc, () => cand.doc.getMap('state').get(ACTIVE_PROBLEM) === 'softmax-cross-entropy');
		codeText(cand.doc, 'softmax-cross-entropy')!.insert(0, '# second problem\n');
		writeElements(canvas.doc, [{ ...rect('box-1', 80, 2) }, { ...rect('box-2', 200, 2), isDeleted: true }]);
		await Promise.all([roundTrip(cand), roundTrip(canvas)]);
		await capture();

		const cps = await s.app.stores.log.listCheckpoints(iv.id);
		expect(cps.filter((c) => c.doc === 'code').length).toBeGreaterThanOrEqual(2);
		const { model, checkpoints } = await loadReplay(s, iv.id, iv.interviewer);
		expect(model.error).toBeNull();
		expect(checkpoints.length).toBeGreaterThan(0);
		// Backwards, then forwards: each seek lands on the server's documents.
		for (const m of [...moments].reverse().concat(moments)) {
			const frame = model.seekSeq(m.seq);
			expect(ReplayModel.textOf(frame)).toBe(m.code);
			expect(frame.code.getMap('files').toJSON()).toEqual(m.files);
			expect(readScene(frame.canvas)).toEqual(m.scene);
		}
		expect(model.markers.map((k) => k.kind)).toContain('problem');
		expect(model.markers.filter((k) => k.kind === 'join').map((k) => k.label)).toEqual([]);
		// The candidate's cursor sits after their last keystroke in the problem shown.
		const last = model.seekSeq(moments[1].seq);
		const cursor = last.cursors.find((c) => c.participant.name === 'Casey Candidate');
		expect(cursor?.index).toBe(moments[1].code.length);
	});

	it('REPLAY-6: interviewers, reviewer links and the organizer replay; the candidate and observers get 403', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const path_ = `/api/interviews/${iv.id}/replay`;
		expect((await get(s, `${path_}?token=${iv.interviewer}`)).status).toBe(200);
		expect((await get(s, path_, admin(s))).status).toBe(200);
		expect((await get(s, `${path_}?token=${iv.candidate}`)).status).toBe(403);
		expect((await get(s, `${path_}/log?token=${iv.candidate}`)).status).toBe(403);
		expect((await get(s, `${path_}/checkpoints?token=${iv.observer}`)).status).toBe(403);
		expect((await get(s, `${path_}?token=nope`)).status).toBe(401);
		expect((await get(s, path_)).status).toBe(401);

		const made = await fetch(`${s.url}/api/interviews/${iv.id}/reviewer-links?token=${iv.interviewer}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ anonymised: false })
		});
		expect(made.status).toBe(201);
		const link = (await made.json()) as { url: string };
		const reviewer = new URL(link.url).searchParams.get('token')!;
		expect(reviewer.length).toBeGreaterThanOrEqual(22); // ≥ 128 bits in base64url
		expect(new URL(link.url).pathname).toBe(`/replay/${iv.id}`);
		const bundle = (await (await get(s, `${path_}?token=${reviewer}`)).json()) as ReplayBundle;
		expect(bundle.viewer.kind).toBe('reviewer');
		// A reviewer link is no room link: no session, no sockets, no reviewer links of its own.
		expect((await get(s, `/api/interviews/${iv.id}/session?token=${reviewer}`)).status).toBe(401);
		const y = client(s, iv.id, reviewer);
		expect((await waitClosed(y)).code).toBe(4401);
		const again = await fetch(`${s.url}/api/interviews/${iv.id}/reviewer-links?token=${reviewer}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: '{}'
		});
		expect(again.status).toBe(403);
		const bad = await fetch(`${s.url}/api/interviews/${iv.id}/reviewer-links`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...admin(s) },
			body: JSON.stringify({ anonymised: 'yes' })
		});
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: string }).error).toMatch(/^anonymised/);
		// The token is stored only as a hash.
		await s.app.recorder.drain();
		const db = fs.readFileSync(path.join(s.dataDir, 'pairboard.sqlite'));
		const wal = fs.existsSync(path.join(s.dataDir, 'pairboard.sqlite-wal'))
			? fs.readFileSync(path.join(s.dataDir, 'pairboard.sqlite-wal'))
			: Buffer.alloc(0);
		expect(db.includes(reviewer) || wal.includes(reviewer)).toBe(false);
	});

	it('REPLAY-7: an anonymised reviewer link never receives the candidate name, in the bundle or the log', async () => {
		const s = await server();
		const iv = await createInterview(s, {
			title: 'Casey Candidate — ML round',
			candidate: { name: 'Casey Candidate' }
		});
		const cand = await join(s, iv.id, iv.candidate);
		await join(s, iv.id, iv.interviewer);
		cand.close();
		const y = client(s, iv.id, iv.candidate);
		await waitSynced(y);
		codeText(y.doc)!.insert(0, '# hi\n');
		await roundTrip(y);
		await s.app.recorder.drain();
		const made = await fetch(`${s.url}/api/interviews/${iv.id}/reviewer-links`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', ...admin(s) },
			body: JSON.stringify({ anonymised: true })
		});
		const token = new URL(((await made.json()) as { url: string }).url).searchParams.get('token')!;
		const q = `?token=${token}`;
		const texts = await Promise.all(
			['', '/log', '/checkpoints'].map(async (p) => (await get(s, `/api/interviews/${iv.id}/replay${p}${q}`)).text())
		);
		const plain = await (await get(s, `/api/interviews/${iv.id}/replay/log?token=${iv.interviewer}`)).text();
		expect(plain).toContain('Casey'); // the name is in the log: the anonymised one must not show it
		for (const t of texts) expect(t).not.toMatch(/casey/i);
		// The documents never show the name here, so their updates are served as recorded.
		const yjsLines = (ndjson: string) => ndjson.split('\n').filter((l) => l.includes('"kind":"yjs"'));
		expect(yjsLines(texts[1])).toEqual(yjsLines(plain));
		expect(yjsLines(plain).length).toBeGreaterThan(0);
		// Read the documents themselves, not their base64: the text the reviewer's replay shows.
		const code = new Y.Doc();
		for (const l of yjsLines(texts[1]).map((l) => JSON.parse(l) as { doc: string; update: string })) {
			if (l.doc === 'code') Y.applyUpdate(code, Buffer.from(l.update, 'base64'));
		}
		expect(codeText(code)!.toString()).toContain('# hi\n');
		expect(JSON.stringify(code.toJSON())).not.toMatch(/casey/i);
		const bundle = JSON.parse(texts[0]) as ReplayBundle;
		expect(bundle.interview.candidateName).toBe('Candidate');
		expect(bundle.interview.title).toBe('Candidate — ML round');
		expect(bundle.participants.find((p) => p.role === 'candidate')?.name).toBe('Candidate');
		expect(bundle.viewer.anonymised).toBe(true);
	});

	it('SIG-1, SIG-2: a large paste and focus changes are recorded and reach interviewers only', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const cand = await join(s, iv.id, iv.candidate);
		const obs = await join(s, iv.id, iv.observer!);
		const intv = await join(s, iv.id, iv.interviewer);
		const leaked: CandidateSignal[] = [];
		cand.on('candidate:signal', (x: CandidateSignal) => leaked.push(x));
		obs.on('candidate:signal', (x: CandidateSignal) => leaked.push(x));
		const seen: CandidateSignal[] = [];
		const two = new Promise<void>((resolve) =>
			intv.on('candidate:signal', (x: CandidateSignal) => {
				seen.push(x);
				if (seen.length === 2) resolve();
			})
		);
		const y = client(s, iv.id, iv.candidate);
		await waitSynced(y);
		const t = await waitFor(y.doc, () => codeText(y.doc));
		t.insert(0, 'short'); // typing: no signal
		t.insert(0, 'p'.repeat(300));
		await roundTrip(y);
		const ack = await cand.timeout(5000).emitWithAck('signal:focus', { state: 'hidden' });
		expect(ack).toEqual({ ok: true });
		await two;
		expect(seen.map((x) => x.kind)).toEqual(['paste', 'focus']);
		expect(seen[0]).toMatchObject({ kind: 'paste', chars: 300, by: { role: 'candidate' } });
		const refused = await obs.timeout(5000).emitWithAck('signal:focus', { state: 'hidden' });
		expect(refused.ok).toBe(false);
		const invalid = await cand.timeout(5000).emitWithAck('signal:focus', { state: 'gone' });
		expect(invalid).toMatchObject({ ok: false, error: expect.stringMatching(/^state/) });
		// The round trip of a later event proves nothing was sent to the others meanwhile.
		await cand.timeout(5000).emitWithAck('signal:focus', { state: 'visible' });
		await s.app.recorder.drain();
		expect(leaked).toEqual([]);
		const types: string[] = [];
		for await (const e of s.app.stores.log.readLog(iv.id)) if (e.kind === 'event') types.push(e.type);
		expect(types.filter((x) => x.startsWith('signal:'))).toEqual(['signal:paste', 'signal:focus', 'signal:focus']);
	});
});

describe('consent (CONSENT-1, CONSENT-2)', () => {
	it('refuses the candidate until they accept; the acceptance is stored once and logged', async () => {
		const s = await server();
		const iv = await createInterview(s, {}, { consent: false });
		const session = await (await get(s, `/api/interviews/${iv.id}/session?token=${iv.candidate}`)).json();
		expect(session.consent).toMatchObject({ required: true, acceptedAt: null });
		const y = client(s, iv.id, iv.candidate);
		const closed = await waitClosed(y);
		expect(closed.code).toBe(4403);
		expect(closed.reason).toMatch(/Accept the recording/);
		await expect(join(s, iv.id, iv.candidate)).rejects.toThrow(/forbidden: Accept the recording/);
		await s.app.recorder.drain();
		const before: string[] = [];
		for await (const e of s.app.stores.log.readLog(iv.id)) before.push(e.kind);
		expect(before).toEqual([]); // nothing of the candidate was recorded

		const byInterviewer = await fetch(`${s.url}/api/interviews/${iv.id}/consent?token=${iv.interviewer}`, {
			method: 'POST'
		});
		expect(byInterviewer.status).toBe(403);
		for (let i = 0; i < 2; i++) {
			const r = await fetch(`${s.url}/api/interviews/${iv.id}/consent?token=${iv.candidate}`, { method: 'POST' });
			expect(r.status).toBe(200);
			expect((await r.json()).consent).toMatchObject({ required: false, acceptedAt: expect.any(Number) });
		}
		await join(s, iv.id, iv.candidate);
		await s.app.recorder.drain();
		const events: string[] = [];
		for await (const e of s.app.stores.log.readLog(iv.id)) if (e.kind === 'event') events.push(e.type);
		expect(events.filter((t) => t === 'consent:accepted')).toHaveLength(1);
		const seenByInterviewer = await (await get(s, `/api/interviews/${iv.id}/session?token=${iv.interviewer}`)).json();
		expect(seenByInterviewer.consent.acceptedAt).toEqual(expect.any(Number));
	});
});

describe('deletion (DEL-1)', () => {
	it('deletes every row, closes live rooms with a reason, and leaves no trace in the database file or WAL', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const other = await createInterview(s);
		const marker = `UNIQUE-MARKER-${Math.random().toString(36).slice(2)}`;
		const y = client(s, iv.id, iv.candidate);
		const sock = await join(s, iv.id, iv.interviewer);
		await waitSynced(y);
		const t = await waitFor(y.doc, () => codeText(y.doc));
		t.insert(0, `# ${marker}\n`);
		await roundTrip(y);
		await s.app.recorder.drain();
		// Several hundred more edits so the marker is also in a checkpoint.
		for (let i = 0; i < 210; i++) t.insert(t.length, 'x');
		await roundTrip(y);
		await s.app.recorder.drain();
		const dbFile = path.join(s.dataDir, 'pairboard.sqlite');
		const bytes = () =>
			Buffer.concat([dbFile, `${dbFile}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f)));
		expect(bytes().includes(marker)).toBe(true); // the test can fail: the marker is there before

		expect((await fetch(`${s.url}/api/interviews/${iv.id}`, { method: 'DELETE' })).status).toBe(401);
		const deletedEvent = new Promise<{ reason: string }>((r) => sock.once('interview:deleted', r));
		const res = await fetch(`${s.url}/api/interviews/${iv.id}`, { method: 'DELETE', headers: admin(s) });
		expect(res.status).toBe(200);
		expect((await deletedEvent).reason).toMatch(/deleted/);
		const closed = await waitClosed(y);
		expect(closed).toMatchObject({ code: 4404, reason: expect.stringMatching(/deleted/) });

		await s.app.recorder.drain();
		expect(bytes().includes(marker)).toBe(false);
		expect(bytes().includes('Casey Candidate')).toBe(true); // the other interview is untouched
		expect((await get(s, `/api/interviews/${iv.id}/session?token=${iv.interviewer}`)).status).toBe(404);
		expect((await get(s, `/api/interviews/${other.id}/session?token=${other.interviewer}`)).status).toBe(200);
		for await (const e of s.app.stores.log.readLog(iv.id)) throw new Error(`log entry ${e.seq} left`);
		expect(await s.app.stores.log.listCheckpoints(iv.id)).toEqual([]);
		expect(await s.app.stores.interviews.participantsOf(iv.id)).toEqual([]);
		expect((await fetch(`${s.url}/api/interviews/${iv.id}`, { method: 'DELETE', headers: admin(s) })).status).toBe(404);
		const list = await (await get(s, '/api/interviews', admin(s))).json();
		expect(list.interviews.map((i: { id: string }) => i.id)).toEqual([other.id]);
	});
});
