/**
 * REPLAY-1/2 under the player's shortcuts: whatever a seek starts from (a checkpoint, a document
 * kept decoded by an earlier seek, the document where the last seek left it), the room it shows
 * is the one a from-scratch fold of the log gives at that moment. A random interview, random
 * moments in random order: forwards, backwards, repeated, across checkpoints.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCodeSeed, filesOf, stateOf, ACTIVE_PROBLEM } from '../codeDoc.js';
import { elementsOf, readScene, tombstonesOf, writeElements } from '../canvas/canvasDoc.js';
import { fromBase64, toRecordingLine } from '../recording.js';
import type { DocName, ParticipantView } from '../protocol.js';
import { RoomEventSchema, type RoomEvent } from '../room/roomEvents.js';
import { emptyRoom, reduceRoom } from '../room/reduceRoom.js';
import { rect } from '../../../../tests/helpers/canvasElements.js';
import { LIVE_DOCS_PER_TRACK } from './DocTrack.js';
import { ReplayModel, type ReplayCheckpoint, type ReplayFrame } from './ReplayModel.js';

const CAND: ParticipantView = { id: 'p-cand', name: 'Casey', role: 'candidate', color: '#0f766e' };
const INTV: ParticipantView = { id: 'p-intv', name: 'Ines', role: 'interviewer', color: '#7c3aed' };
const PROBLEMS = ['p1', 'p2', 'p3'];

function rng(seed: number): () => number {
	return () => {
		seed = (seed * 1664525 + 1013904223) >>> 0;
		return seed / 2 ** 32;
	};
}

/** A recorded interview with bursts of typing, jumps, deletions, switches, drawings and runs. */
function randomInterview(seed: number, steps: number, checkpointEvery: number) {
	const rand = rng(seed);
	const lines: string[] = [];
	const checkpoints: ReplayCheckpoint[] = [];
	const docs: Record<DocName, Y.Doc> = { code: new Y.Doc({ gc: true }), canvas: new Y.Doc({ gc: true }) };
	const since: Record<DocName, number> = { code: 0, canvas: 0 };
	let seq = 0;
	let t = 1_000_000;
	for (const name of ['code', 'canvas'] as DocName[]) {
		docs[name].on('update', (update: Uint8Array, origin: unknown) => {
			seq++;
			lines.push(toRecordingLine({ seq, t, kind: 'yjs', doc: name, actor: String(origin ?? 'server'), update }));
			if (++since[name] >= checkpointEvery) {
				since[name] = 0;
				// The server's stored checkpoints are v1; what /replay/checkpoints serves is v2: both kinds.
				const v2 = rand() < 0.5;
				const state = v2 ? Y.encodeStateAsUpdateV2(docs[name]) : Y.encodeStateAsUpdate(docs[name]);
				checkpoints.push({ doc: name, seq, state, v2 });
			}
		});
	}
	const event = (type: string, actor: string, data: unknown) => {
		seq++;
		lines.push(toRecordingLine({ seq, t, kind: 'event', ...RoomEventSchema.parse({ type, actor, data }) }));
	};
	event('participant:join', CAND.id, { name: CAND.name, role: 'candidate' });
	Y.applyUpdate(docs.code, buildCodeSeed(PROBLEMS.map((id) => ({ problemId: id, text: `# ${id}\n` }))), 'server');
	let cursor = 0;
	let runs = 0;
	for (let i = 0; i < steps; i++) {
		t += rand() < 0.05 ? 20_000 : 1 + Math.floor(rand() * 900);
		const r = rand();
		if (r < 0.15) {
			const id = `el-${Math.floor(rand() * 12)}`;
			const prev = elementsOf(docs.canvas).get(id);
			writeElements(
				docs.canvas,
				[{ ...rect(id, Math.round(rand() * 500), (prev?.version ?? 0) + 1), isDeleted: rand() < 0.15 }],
				INTV.id
			);
		} else if (r < 0.17) {
			docs.code.transact(() => stateOf(docs.code).set(ACTIVE_PROBLEM, PROBLEMS[Math.floor(rand() * 3)]), INTV.id);
		} else if (r < 0.19) {
			const runId = `r${++runs}`;
			event('run:start', CAND.id, { runId, problemId: 'p1' });
			event('run:output', CAND.id, { runId, stream: 'stdout', text: `out ${runs}\n`, truncated: false });
			event('run:end', CAND.id, { runId, outcome: rand() < 0.5 ? 'ok' : 'error', durationMs: 5 });
		} else {
			const text = filesOf(docs.code).get(stateOf(docs.code).get(ACTIVE_PROBLEM) as string)!;
			if (rand() < 0.05 || cursor > text.length) cursor = Math.floor(rand() * (text.length + 1));
			docs.code.transact(() => {
				if (rand() < 0.2 && cursor > 0) {
					const n = Math.min(cursor, 1 + Math.floor(rand() * 4));
					text.delete((cursor -= n), n);
				} else {
					const s = rand() < 0.1 ? 'line\n' : 'x';
					text.insert(cursor, s);
					cursor += s.length;
				}
			}, CAND.id);
		}
	}
	return { ndjson: lines.join('\n') + '\n', lines, checkpoints, start: 1_000_000, end: t };
}

const parsed = new Map<string, { seq: number; t: number; kind: string; doc?: DocName; update?: string }>();
const parsedLine = (line: string) => {
	let e = parsed.get(line);
	if (!e) parsed.set(line, (e = JSON.parse(line) as NonNullable<typeof e>));
	return e;
};

/** The room at `t` folded from nothing: every update and event with t' ≤ t, applied to fresh documents. */
function foldFromScratch(lines: string[], t: number) {
	const docs: Record<DocName, Y.Doc> = { code: new Y.Doc(), canvas: new Y.Doc() };
	let room = emptyRoom([CAND, INTV]);
	let seq = 0;
	for (const line of lines) {
		const e = parsedLine(line);
		if (e.t > t) break;
		seq = e.seq;
		if (e.kind === 'yjs') Y.applyUpdate(docs[e.doc!], fromBase64(e.update!));
		else room = reduceRoom(room, { ...(RoomEventSchema.parse(e) as RoomEvent), t: e.t });
	}
	return { seq, docs, room };
}

const stateOfCode = (doc: Y.Doc) => ({ files: filesOf(doc).toJSON(), state: stateOf(doc).toJSON() });
const stateOfCanvas = (doc: Y.Doc) => ({
	elements: elementsOf(doc).toJSON(),
	deleted: tombstonesOf(doc).toJSON(),
	scene: readScene(doc)
});
const roomOf = (f: ReplayFrame) => ({ run: f.run, tests: f.tests, presence: f.presence });
const modelOf = (iv: ReturnType<typeof randomInterview>, checkpoints = iv.checkpoints) =>
	new ReplayModel({ interviewId: 'iv-eq', ndjson: iv.ndjson, checkpoints, participants: [CAND, INTV] });

/** A deadline for `prepare` that allows `n` more steps. */
const steps = (n: number) => () => n-- > 0;

/** How each run uses the background work: none, a few steps between seeks, all of it first. */
const PREPARE = { 1: 'never', 2: 'between seeks', 3: 'all before' } as const;

describe('seeks against a from-scratch fold', () => {
	for (const seed of [1, 2, 3] as const) {
		it(`REPLAY-1/2: at 150 random moments the fast seek shows the from-scratch room (seed ${seed}, prepare ${PREPARE[seed]})`, () => {
			const iv = randomInterview(seed, 700, seed === 1 ? 9 : 250);
			const fast = modelOf(iv);
			expect(fast.error).toBeNull();
			if (PREPARE[seed] === 'all before') {
				let n = 0;
				expect(fast.prepare(() => ++n < 10_000)).toBe(false);
				// It did something: a few steps, then nothing left.
				expect(n).toBeGreaterThanOrEqual(3);
				expect(fast.prepare(() => true)).toBe(false);
			}
			// Seed 1: enough checkpoints that decoded documents are evicted and reused many times over.
			// Seeds 2 and 3: checkpoints far apart, so seeks often start from what the idle work decoded.
			if (seed === 1) expect(iv.checkpoints.length).toBeGreaterThan(LIVE_DOCS_PER_TRACK * 4);
			else expect(iv.checkpoints.length).toBeLessThan(LIVE_DOCS_PER_TRACK);
			const rand = rng(seed * 101);
			let last = iv.start;
			for (let i = 0; i < 150; i++) {
				const r = rand();
				// Mostly anywhere; sometimes just after or just before the last moment, or the same one again.
				const at =
					r < 0.6
						? iv.start + rand() * (iv.end - iv.start)
						: r < 0.75
							? last + rand() * 5_000
							: r < 0.9
								? last - rand() * 5_000
								: last;
				last = at;
				if (PREPARE[seed] === 'between seeks') fast.prepare(steps(3));
				const frame = fast.seek(at);
				const ref = foldFromScratch(iv.lines, at);
				expect(frame.seq, `seq at ${at}`).toBe(ref.seq);
				expect(stateOfCode(frame.code), `code at ${at}`).toEqual(stateOfCode(ref.docs.code));
				expect(stateOfCanvas(frame.canvas), `canvas at ${at}`).toEqual(stateOfCanvas(ref.docs.canvas));
				expect(frame.activeProblem).toBe(stateOf(ref.docs.code).get(ACTIVE_PROBLEM));
				expect(roomOf(frame)).toEqual({ run: ref.room.run, tests: ref.room.tests, presence: ref.room.present });
				// Cursors against a model without checkpoints that has never seeked (every update from the start).
				if (i % 10 === 0) expect(frame.cursors).toEqual(modelOf(iv, []).seek(at).cursors);
			}
		});
	}

	it('REPLAY-1: a repeated seek changes nothing and a later one bumps the version, with the from-scratch state', () => {
		const iv = randomInterview(9, 300, 9);
		const m = modelOf(iv);
		const mid = iv.start + (iv.end - iv.start) / 2;
		const a = m.seek(mid);
		const textA = JSON.stringify(stateOfCode(a.code));
		const again = m.seek(mid);
		expect(again.codeVersion).toBe(a.codeVersion);
		expect(JSON.stringify(stateOfCode(again.code))).toBe(textA);
		const later = m.seek(iv.end);
		expect(later.codeVersion).toBeGreaterThan(a.codeVersion);
		expect(stateOfCode(later.code)).toEqual(stateOfCode(foldFromScratch(iv.lines, iv.end).docs.code));
	});
});
