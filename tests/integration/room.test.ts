import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { codeText, connectY, roundTrip, waitClosed, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { fromBase64 } from '../../src/lib/shared/recording.js';

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
function client(s: TestServer, id: string, token: string, doc = 'code') {
	const c = connectY(s.wsUrl, id, token, doc);
	clients.push(c);
	return c;
}

describe('live room over the y-websocket protocol', () => {
	it('seeds the starter once and candidate and interviewer converge on concurrent edits', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const cand = client(s, iv.id, iv.candidate);
		const intv = client(s, iv.id, iv.interviewer);
		await Promise.all([waitSynced(cand), waitSynced(intv)]);
		const ct = await waitFor(cand.doc, () => codeText(cand.doc));
		const starter = ct.toString();
		expect(starter).toContain('def moving_average');
		expect(cand.doc.getMap('state').get('activeProblem')).toBe('moving-average');

		ct.insert(0, '# candidate\n');
		const it2 = await waitFor(intv.doc, () => codeText(intv.doc));
		it2.insert(it2.length, '\n# interviewer\n');
		const expected = (t: string) => t.startsWith('# candidate\n') && t.endsWith('\n# interviewer\n');
		await waitFor(cand.doc, () => expected(codeText(cand.doc)!.toString()));
		await waitFor(intv.doc, () => expected(codeText(intv.doc)!.toString()));
		expect(codeText(cand.doc)!.toString()).toBe(codeText(intv.doc)!.toString());
		// The starter appears exactly once although two clients joined a fresh document.
		expect(codeText(cand.doc)!.toString().split('def moving_average').length).toBe(2);
	});

	it('ROLE-2: an observer edit is refused: never applied, broadcast or stored', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const cand = client(s, iv.id, iv.candidate);
		const obs = client(s, iv.id, iv.observer!);
		await Promise.all([waitSynced(cand), waitSynced(obs)]);
		const ot = await waitFor(obs.doc, () => codeText(obs.doc));
		ot.insert(0, 'OBSERVER WAS HERE\n');
		await roundTrip(obs);
		const ct = codeText(cand.doc)!;
		ct.insert(0, 'x');
		await waitFor(obs.doc, () => codeText(obs.doc)!.toString().includes('x'));
		const room = s.app.rooms.get(iv.id, 'code')!;
		await s.app.recorder.drain();
		expect(room.refusedUpdates).toBeGreaterThan(0);
		expect(codeText(room.doc)!.toString()).not.toContain('OBSERVER');
		expect(codeText(cand.doc)!.toString()).not.toContain('OBSERVER');
		const res = await fetch(`${s.url}/api/interviews/${iv.id}/recording`, {
			headers: { authorization: `Bearer ${s.adminKey}` }
		});
		const lines = (await res.text())
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		const replay = new Y.Doc();
		for (const l of lines) if (l.kind === 'yjs' && l.doc === 'code') Y.applyUpdate(replay, fromBase64(l.update));
		expect(codeText(replay)!.toString()).not.toContain('OBSERVER');
	});

	it('a restarted server serves the same document, from checkpoint and log', async () => {
		const s1 = await startServer();
		const iv = await createInterview(s1);
		const a = connectY(s1.wsUrl, iv.id, iv.candidate);
		const watcher = connectY(s1.wsUrl, iv.id, iv.interviewer);
		await Promise.all([waitSynced(a), waitSynced(watcher)]);
		const t = await waitFor(a.doc, () => codeText(a.doc));
		for (let i = 0; i < 450; i++) t.insert(t.length, String(i % 10)); // crosses a checkpoint
		const want = t.toString();
		// The server broadcasts only what it has stored: once the watcher has it, it is on disk.
		await waitFor(watcher.doc, () => codeText(watcher.doc)?.toString() === want);
		a.destroy();
		watcher.destroy();
		await s1.stop();

		const s2 = await server({ dataDir: s1.dataDir });
		const b = client(s2, iv.id, iv.interviewer);
		await waitSynced(b);
		expect(codeText(b.doc)!.toString()).toBe(want);
	});

	it('the recording replayed from NDJSON reproduces the final document byte for byte', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const a = client(s, iv.id, iv.candidate);
		const b = client(s, iv.id, iv.interviewer);
		await Promise.all([waitSynced(a), waitSynced(b)]);
		const ta = await waitFor(a.doc, () => codeText(a.doc));
		const tb = await waitFor(b.doc, () => codeText(b.doc));
		for (let i = 0; i < 60; i++) {
			ta.insert(Math.min(i, ta.length), 'a');
			tb.insert(tb.length, 'b');
			if (i % 7 === 0) ta.delete(0, 1);
		}
		b.doc.getMap('state').set('activeProblem', 'softmax-cross-entropy'); // b is the interviewer (PROB-1)
		await waitFor(
			[a.doc, b.doc],
			() =>
				a.doc.getMap('state').get('activeProblem') === 'softmax-cross-entropy' &&
				codeText(b.doc)!.toString() === codeText(a.doc)!.toString()
		);
		await s.app.recorder.drain();
		const room = s.app.rooms.get(iv.id, 'code')!;
		const res = await fetch(`${s.url}/api/interviews/${iv.id}/recording?token=${iv.interviewer}`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/x-ndjson');
		const lines = (await res.text())
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l));
		expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
		const replay = new Y.Doc();
		for (const l of lines) if (l.kind === 'yjs' && l.doc === 'code') Y.applyUpdate(replay, fromBase64(l.update));
		expect(Buffer.from(Y.encodeStateAsUpdate(replay))).toEqual(Buffer.from(Y.encodeStateAsUpdate(room.doc)));
		expect(Buffer.from(Y.encodeStateAsUpdate(replay))).toEqual(Buffer.from(Y.encodeStateAsUpdate(a.doc)));
	});

	it('edits made while offline merge when the connection returns', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const a = client(s, iv.id, iv.candidate);
		const b = client(s, iv.id, iv.interviewer);
		await Promise.all([waitSynced(a), waitSynced(b)]);
		const ta = await waitFor(a.doc, () => codeText(a.doc));
		a.provider.disconnect();
		ta.insert(0, '# written offline\n');
		const tb = codeText(b.doc)!;
		tb.insert(tb.length, '# meanwhile online\n');
		a.provider.connect();
		await waitFor(b.doc, () => codeText(b.doc)!.toString().startsWith('# written offline\n'));
		await waitFor(a.doc, () => codeText(a.doc)!.toString().endsWith('# meanwhile online\n'));
		expect(codeText(a.doc)!.toString()).toBe(codeText(b.doc)!.toString());
	});
});

describe('PROB-1: only interviewers switch the active problem', () => {
	it("refuses a candidate's update to state.activeProblem and keeps the interviewer's", async () => {
		const s = await server();
		const iv = await createInterview(s);
		const cand = client(s, iv.id, iv.candidate);
		const intv = client(s, iv.id, iv.interviewer);
		await Promise.all([waitSynced(cand), waitSynced(intv)]);
		await waitFor(cand.doc, () => codeText(cand.doc));
		cand.doc.getMap('state').set('activeProblem', 'softmax-cross-entropy');
		const closed = await waitClosed(cand);
		expect(closed.code).toBe(4422);
		expect(closed.reason).toMatch(/may not change "state"/);
		await roundTrip(intv);
		expect(s.app.rooms.get(iv.id, 'code')!.doc.getMap('state').get('activeProblem')).toBe('moving-average');
		expect(intv.doc.getMap('state').get('activeProblem')).toBe('moving-average');

		intv.doc.getMap('state').set('activeProblem', 'softmax-cross-entropy');
		const watcher = client(s, iv.id, iv.interviewer2!);
		await waitSynced(watcher);
		await waitFor(watcher.doc, () => watcher.doc.getMap('state').get('activeProblem') === 'softmax-cross-entropy');
		// The candidate's text edits still go through.
		cand.provider.disconnect();
		const fresh = client(s, iv.id, iv.candidate);
		await waitSynced(fresh);
		codeText(fresh.doc)!.insert(0, '# ok\n');
		await waitFor(watcher.doc, () => codeText(watcher.doc)!.toString().startsWith('# ok\n'));
	});

	it('a keystroke reaches the others before the cursor its editor sent straight after it', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const cand = client(s, iv.id, iv.candidate);
		const watcher = client(s, iv.id, iv.interviewer);
		await Promise.all([waitSynced(cand), waitSynced(watcher)]);
		const text = await waitFor(cand.doc, () => codeText(cand.doc));
		await waitFor(watcher.doc, () => codeText(watcher.doc));
		// What the watcher sees, in order: the character, and the typist's cursor.
		const seen: string[] = [];
		let bothSeen = () => {};
		const both = new Promise<void>((resolve) => (bothSeen = resolve));
		const see = (what: string) => {
			seen.push(what);
			if (seen.includes('text') && seen.includes('cursor')) bothSeen();
		};
		watcher.doc.on('update', () => see('text'));
		watcher.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
			if ([...added, ...updated].includes(cand.doc.clientID)) see('cursor');
		});
		// As y-monaco does on a keystroke: the edit, then the cursor, here in one TCP segment so that
		// the server reads both at once (the case where a cursor could overtake its character).
		const socket = (cand.provider.ws as unknown as { _socket: { cork(): void; uncork(): void } })._socket;
		socket.cork();
		text.insert(0, 'x');
		cand.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
		socket.uncork();
		await both;
		expect(seen.filter((e, i) => seen.indexOf(e) === i)).toEqual(['text', 'cursor']);
	});
});
