import { RoomEventSchema } from '../room/roomEvents.js';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCodeSeed, filesOf, stateOf, ACTIVE_PROBLEM } from '../codeDoc.js';
import { readScene, writeElements, type CanvasElement } from '../canvas/canvasDoc.js';
import { fromBase64, toBase64, toRecordingLine } from '../recording.js';
import type { DocName, ParticipantView } from '../protocol.js';
import { ReplayModel, type ReplayCheckpoint } from './ReplayModel.js';
import { insertedChars } from './updateInfo.js';
import { rect as baseRect } from '../../../../tests/helpers/canvasElements.js';

const CAND: ParticipantView = { id: 'p-cand', name: 'Casey', role: 'candidate', color: '#0f766e' };
const INTV: ParticipantView = { id: 'p-intv', name: 'Ines', role: 'interviewer', color: '#7c3aed' };

/** A recorder standing in for the server: gc'd documents, one log, checkpoints every `every` updates. */
function fakeInterview(every = 7) {
	const lines: string[] = [];
	const checkpoints: ReplayCheckpoint[] = [];
	const docs: Record<DocName, Y.Doc> = { code: new Y.Doc({ gc: true }), canvas: new Y.Doc({ gc: true }) };
	const since: Record<DocName, number> = { code: 0, canvas: 0 };
	let seq = 0;
	let t = 1_000_000;
	for (const name of ['code', 'canvas'] as DocName[]) {
		docs[name].on('update', (update: Uint8Array, origin: unknown) => {
			seq++;
			t += 1000;
			lines.push(toRecordingLine({ seq, t, kind: 'yjs', doc: name, actor: String(origin ?? 'server'), update }));
			if (++since[name] >= every) {
				since[name] = 0;
				checkpoints.push({ doc: name, seq, state: Y.encodeStateAsUpdate(docs[name]) });
			}
		});
	}
	const event = (type: string, actor: string, data: unknown, gap = 1000) => {
		seq++;
		t += gap;
		lines.push(toRecordingLine({ seq, t, kind: 'event', ...RoomEventSchema.parse({ type, actor, data }) }));
	};
	/** What the server held right now: the moment, the code text and the scene. */
	const capture = () => ({
		t,
		code: Y.encodeStateAsUpdate(docs.code),
		text: filesOf(docs.code)
			.get(stateOf(docs.code).get(ACTIVE_PROBLEM) as string)
			?.toString(),
		scene: readScene(docs.canvas)
	});
	return { lines, checkpoints, docs, event, capture, now: () => t };
}

function rect(id: string, x: number, version = 1, isDeleted = false): CanvasElement {
	return {
		...baseRect(id, x, version),
		y: 10,
		width: 80,
		height: 40,
		versionNonce: version * 7,
		isDeleted,
		index: `a${id.length}`
	};
}

function scripted(every = 7) {
	const f = fakeInterview(every);
	const moments: ReturnType<typeof f.capture>[] = [];
	f.event('participant:join', CAND.id, { name: CAND.name, role: 'candidate' });
	Y.applyUpdate(
		f.docs.code,
		buildCodeSeed([
			{ problemId: 'p1', text: 'def f():\n    pass\n' },
			{ problemId: 'p2', text: '# second\n' }
		]),
		'server'
	);
	moments.push(f.capture());
	const p1 = filesOf(f.docs.code).get('p1')!;
	for (let i = 0; i < 30; i++) {
		f.docs.code.transact(() => p1.insert(p1.length, `x${i}\n`), CAND.id);
		if (i % 10 === 9) moments.push(f.capture());
	}
	f.docs.code.transact(() => p1.delete(0, 4), CAND.id);
	moments.push(f.capture());
	f.event('run:start', CAND.id, { runId: 'r1', problemId: 'p1' });
	f.event('run:output', CAND.id, { runId: 'r1', stream: 'stdout', text: 'hello\n', truncated: false });
	f.event('run:end', CAND.id, { runId: 'r1', outcome: 'ok', durationMs: 12 });
	moments.push(f.capture());
	writeElements(f.docs.canvas, [rect('a', 0), rect('bb', 100)], INTV.id);
	moments.push(f.capture());
	writeElements(f.docs.canvas, [rect('a', 50, 2)], INTV.id);
	writeElements(f.docs.canvas, [rect('bb', 100, 2, true)], INTV.id);
	moments.push(f.capture());
	f.docs.code.transact(() => stateOf(f.docs.code).set(ACTIVE_PROBLEM, 'p2'), INTV.id);
	const p2 = filesOf(f.docs.code).get('p2')!;
	f.docs.code.transact(() => p2.insert(p2.length, 'y'.repeat(250)), CAND.id);
	f.event('signal:paste', CAND.id, { chars: 250, problemId: 'p2' });
	f.event('tests:start', CAND.id, { runId: 't1', problemId: 'p2', suite: 'visible' }, 60_000);
	f.event('tests:result', CAND.id, {
		runId: 't1',
		problemId: 'p2',
		suite: 'visible',
		outcome: 'ok',
		summary: { passed: 2, failed: 1, errors: 0, skipped: 0, total: 3, durationMs: 5 },
		report: null
	});
	moments.push(f.capture());
	return { ...f, moments };
}

const model = (s: ReturnType<typeof scripted>, ndjson = s.lines.join('\n') + '\n', checkpoints = s.checkpoints) =>
	new ReplayModel({
		interviewId: 'iv1',
		ndjson,
		checkpoints,
		participants: [CAND, INTV],
		problems: [
			{ id: 'p1', title: 'First' },
			{ id: 'p2', title: 'Second' }
		]
	});

describe('ReplayModel', () => {
	it('REPLAY-1: the code and canvas at each captured moment are exactly the documents the recorder held', () => {
		const s = scripted();
		const m = model(s);
		expect(m.error).toBeNull();
		for (const moment of s.moments) {
			const frame = m.seek(moment.t);
			expect(ReplayModel.textOf(frame)).toBe(moment.text);
			const server = new Y.Doc();
			Y.applyUpdate(server, moment.code);
			expect(frame.code.getMap('files').toJSON()).toEqual(server.getMap('files').toJSON());
			expect(frame.code.getMap('state').toJSON()).toEqual(server.getMap('state').toJSON());
			expect(readScene(frame.canvas)).toEqual(moment.scene);
		}
	});

	it('REPLAY-2: seeking back and forth across checkpoints gives the same state as a straight replay', () => {
		const s = scripted(5);
		expect(s.checkpoints.length).toBeGreaterThan(3);
		const withCps = model(s);
		const order = [...s.moments].reverse().concat(s.moments, [s.moments[3], s.moments[0], s.moments[5]]);
		for (const moment of order) {
			const fresh = model(s, undefined, []); // no checkpoints: every update from the start
			const a = withCps.seek(moment.t);
			const b = fresh.seek(moment.t);
			expect(ReplayModel.textOf(a)).toBe(ReplayModel.textOf(b));
			expect(ReplayModel.textOf(a)).toBe(moment.text);
			expect(readScene(a.canvas)).toEqual(readScene(b.canvas));
		}
	});

	it('REPLAY-2: a seek starts from the nearest checkpoint, so documents before it are never rebuilt', () => {
		const s = scripted(5);
		// A checkpoint whose state differs from the log: if the seek used it, the text shows the marker.
		const cp = s.checkpoints.find((c) => c.doc === 'code' && c.seq > 10)!;
		const doctored = new Y.Doc();
		Y.applyUpdate(doctored, cp.state);
		filesOf(doctored).get('p1')!.insert(0, 'FROM-CHECKPOINT ');
		const m = model(s, undefined, [{ ...cp, state: Y.encodeStateAsUpdate(doctored) }]);
		expect(ReplayModel.textOf(m.seek(s.moments.at(-1)!.t), 'p1')).toContain('FROM-CHECKPOINT');
		const early = m.seek(s.moments[0].t);
		expect(ReplayModel.textOf(early, 'p1')).not.toContain('FROM-CHECKPOINT');
	});

	it('REPLAY-4: the room at a moment: run output, test results, presence, active problem and cursors', () => {
		const s = scripted();
		const m = model(s);
		const afterRun = m.seek(s.moments[5].t);
		expect(afterRun.run?.output.map((o) => o.text).join('')).toBe('hello\n');
		expect(afterRun.run?.end?.outcome).toBe('ok');
		expect(afterRun.presence.map((p) => p.name)).toEqual(['Casey']);
		expect(afterRun.activeProblem).toBe('p1');
		const cur = afterRun.cursors.find((c) => c.participant.id === CAND.id)!;
		expect(cur).toBeDefined();
		// The candidate's last edit deleted the first four characters: the cursor sits there.
		expect(cur.index).toBe(0);
		const last = m.seek(s.moments.at(-1)!.t);
		expect(last.activeProblem).toBe('p2');
		expect(last.tests.visible?.result?.report).toBeNull();
		const c2 = last.cursors.find((c) => c.participant.id === CAND.id)!;
		expect(c2.index).toBe(ReplayModel.textOf(last).length);
		expect(m.seek(s.moments[0].t).run).toBeNull();
	});

	it('REPLAY-5: markers for runs with their outcome, tests with counts, switches, pastes and joins', () => {
		const m = model(scripted());
		const labels = m.markers.map((k) => `${k.kind}: ${k.label}`);
		expect(labels).toEqual([
			'join: Casey joined',
			'run: Casey ran the code: finished',
			'problem: Switched to Second',
			'paste: Casey pasted 250 characters',
			'tests: Tests: 2 passed, 1 failed of 3'
		]);
		expect(m.nextActivity(m.markers[4].t - 30_000)).toBe(m.markers[4].t - 1000);
	});

	it('REPLAY-3: a truncated log names the interview and the entry, and shows everything before it', () => {
		const s = scripted();
		const cut = s.lines.join('\n');
		const ndjson = cut.slice(0, cut.length - 20);
		const m = model(s, ndjson);
		expect(m.error?.message).toMatch(/interview "iv1" is damaged at entry \d+: the log ends in the middle of an entry/);
		expect(m.error?.seq).toBe(s.lines.length);
		expect(m.entries.length).toBe(s.lines.length - 1);
		expect(ReplayModel.textOf(m.seek(s.moments[4].t))).toBe(s.moments[4].text);
	});

	it('REPLAY-3: a corrupt or missing entry in the middle stops the replay just before it', () => {
		const s = scripted();
		const lines = [...s.lines];
		const bad = JSON.parse(lines[10]);
		expect(bad.kind).toBe('yjs');
		// Half an update: the bytes stop in the middle of a struct.
		const bytes = fromBase64(bad.update);
		lines[10] = JSON.stringify({ ...bad, update: toBase64(bytes.slice(0, bytes.length >> 1)) });
		const m = model(s, lines.join('\n'));
		expect(m.error?.seq).toBe(11);
		expect(m.error?.message).toContain('entry 11');
		expect(m.entries.length).toBe(10);
		const gap = [...s.lines];
		gap.splice(5, 1);
		expect(model(s, gap.join('\n')).error?.message).toMatch(/entry 6: the entry is missing/);
	});

	it('insertedChars counts characters an update inserted (the server uses it for large pastes)', () => {
		const doc = new Y.Doc();
		let last: Uint8Array = new Uint8Array();
		doc.on('update', (u: Uint8Array) => (last = u));
		doc.getText('t').insert(0, 'a'.repeat(300));
		expect(insertedChars(last)).toBe(300);
		doc.getText('t').delete(0, 10);
		expect(insertedChars(last)).toBe(0);
		expect(insertedChars(new Uint8Array([1, 2, 3]))).toBe(0);
	});
});
