/**
 * The synthetic interview of bench:replay, recorded the way the server records it (gc'd
 * documents, a checkpoint when the server's CheckpointSchedule says so) into a real
 * SQLite file, then read back through ReplayService as the player downloads it. Per hour:
 * 20,000 code updates typed at a cursor, 2,500 canvas updates over 200 shapes, runs in between.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { RoomEventSchema } from '../../src/lib/shared/room/roomEvents.js';
import { openSqliteStores } from '../../server/storage/sqlite/openSqliteStores.js';
import { ReplayService, type ReplayViewer } from '../../server/domain/ReplayService.js';
import { CheckpointSchedule } from '../../server/domain/CheckpointSchedule.js';
import type { InterviewService, ProblemCatalog } from '../../server/domain/InterviewService.js';
import type { InterviewRecord, NewLogEntry } from '../../server/domain/types.js';
import { buildCodeSeed, filesOf, stateOf, ACTIVE_PROBLEM } from '../../src/lib/shared/codeDoc.js';
import { writeElements, type CanvasElement } from '../../src/lib/shared/canvas/canvasDoc.js';
import { rect } from '../../tests/helpers/canvasElements.js';
import type { DocName } from '../../src/lib/shared/protocol.js';

export const PROBLEMS = ['p1', 'p2', 'p3'];
export const PARTICIPANTS = [
	{ id: 'cand', name: 'Bench Candidate', role: 'candidate' as const, color: '#0f766e' },
	{ id: 'intv', name: 'Bench Interviewer', role: 'interviewer' as const, color: '#7c3aed' }
];

export interface BuildOptions {
	hours: number;
	codeUpdates: number;
	canvasUpdates: number;
	/** Also time the anonymised downloads (slow: tens of seconds on the two-hour log). */
	anonymised: boolean;
}

export interface BuiltInterview {
	/** What the player downloads: the log's NDJSON and the checkpoints' NDJSON. */
	ndjson: string;
	checkpointsNdjson: string;
	/** The recorder's final text of each problem, for the faithfulness check. */
	finalTexts: Record<string, string>;
	runs: number;
	checkpointsStored: number;
	buildMs: number;
	serverReadMs: number;
	anonymisedServerReadMs: number | null;
	anonymisedNameInCodeServerReadMs: number | null;
}

/** A fixed-seed generator, so every run builds the same interview. */
export function rng(seed: number): () => number {
	return () => {
		seed = (seed * 1664525 + 1013904223) >>> 0;
		return seed / 2 ** 32;
	};
}

export async function buildInterview(opts: BuildOptions): Promise<BuiltInterview> {
	const rand = rng(42);
	const durationMs = opts.hours * 3600_000;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-bench-replay-'));
	const stores = openSqliteStores(path.join(dir, 'bench.sqlite'));
	const ID = 'bench';
	const START = 1_700_000_000_000;
	const interview: InterviewRecord = {
		id: ID,
		title: `${opts.hours}-hour interview`,
		candidateName: 'Bench Candidate',
		problemIds: PROBLEMS,
		rubricId: null,
		createdAt: START,
		endedAt: START + durationMs,
		mode: 'live',
		timeBoxMinutes: null,
		startedAt: null
	};
	await stores.interviews.createInterview(
		interview,
		PARTICIPANTS.map((p, i) => ({ ...p, interviewId: ID, tokenHash: `h${i}` }))
	);

	const tBuild = performance.now();
	const docs: Record<DocName, Y.Doc> = { code: new Y.Doc({ gc: true }), canvas: new Y.Doc({ gc: true }) };
	const pending: NewLogEntry[] = [];
	const schedules: Record<DocName, CheckpointSchedule> = {
		code: new CheckpointSchedule(),
		canvas: new CheckpointSchedule()
	};
	const checkpoints: { doc: DocName; seq: number; state: Uint8Array }[] = [];
	let seq = 0;
	let t = START;
	const flushPending = async () => {
		if (pending.length) await stores.log.appendBatch(pending.splice(0));
	};
	for (const name of ['code', 'canvas'] as DocName[]) {
		docs[name].on('update', (update: Uint8Array, origin: unknown) => {
			seq++;
			pending.push({ interviewId: ID, t, kind: 'yjs', doc: name, actor: String(origin ?? 'server'), update });
			schedules[name].stored(update.length);
			if (schedules[name].due) {
				const state = Y.encodeStateAsUpdate(docs[name]);
				schedules[name].written(state.length);
				checkpoints.push({ doc: name, seq, state });
			}
		});
	}
	const event = (type: string, actor: string, data: unknown) => {
		seq++;
		pending.push({ interviewId: ID, t, kind: 'event', ...RoomEventSchema.parse({ type, actor, data }) });
	};
	event('participant:join', 'cand', { name: 'Bench Candidate', role: 'candidate' });
	Y.applyUpdate(
		docs.code,
		buildCodeSeed(PROBLEMS.map((id) => ({ problemId: id, text: `# starter of ${id}\n` }))),
		'server'
	);
	const total = opts.codeUpdates + opts.canvasUpdates;
	const step = durationMs / total;
	let canvasLeft = opts.canvasUpdates;
	const elements = new Map<string, CanvasElement>();
	let runs = 0;
	let cursor = 0;
	for (let i = 0; i < total; i++) {
		// Bursts of work with idle stretches between them.
		t += rand() < 0.01 ? step * 50 * rand() : step * 1.5 * rand();
		const canvasTurn = canvasLeft > 0 && rand() < opts.canvasUpdates / total;
		if (canvasTurn) {
			canvasLeft--;
			const id = `el-${Math.floor(rand() * 200)}`;
			const prev = elements.get(id);
			const el: CanvasElement = {
				...rect(id, Math.round(rand() * 1200), (prev?.version ?? 0) + 1),
				y: Math.round(rand() * 800),
				versionNonce: Math.floor(rand() * 1e9),
				index: `a${id.slice(3).padStart(3, '0')}`,
				updated: t
			};
			elements.set(id, el);
			writeElements(docs.canvas, [el], 'intv');
		} else {
			const code = docs.code;
			const problem = stateOf(code).get(ACTIVE_PROBLEM) as string;
			const text = filesOf(code).get(problem)!;
			// Typing as people type: runs of characters at a cursor, some backspaces, now and then a jump.
			const r = rand();
			if (r < 0.02 || cursor > text.length) cursor = Math.floor(rand() * (text.length + 1));
			code.transact(() => {
				if (r > 0.9 && cursor > 0) text.delete(--cursor, 1);
				else text.insert(cursor++, rand() < 0.05 ? '\n' : 'x');
			}, 'cand');
			if (rand() < 0.0003)
				code.transact(() => stateOf(code).set(ACTIVE_PROBLEM, `p${1 + Math.floor(rand() * 3)}`), 'intv');
		}
		if (rand() < 0.002) {
			const runId = `r${++runs}`;
			event('run:start', 'cand', { runId, problemId: 'p1' });
			event('run:output', 'cand', { runId, stream: 'stdout', text: 'output line\n'.repeat(5), truncated: false });
			event('run:end', 'cand', { runId, outcome: 'ok', durationMs: 40 });
		}
		if (pending.length >= 2000) await flushPending();
	}
	await flushPending();
	for (const c of checkpoints) await stores.log.writeCheckpoint(ID, c.doc, { seq: c.seq, state: c.state });
	const buildMs = performance.now() - tBuild;

	const replay = new ReplayService({
		interviews: {} as InterviewService,
		reviewerLinks: stores.reviewerLinks,
		log: stores.log,
		problems: { get: () => undefined } as unknown as ProblemCatalog,
		clock: { now: () => Date.now() },
		newId: () => 'x',
		newToken: () => 'x',
		hashToken: (x) => x
	});
	const viewer: ReplayViewer = { interview, kind: 'organizer', name: 'Organizer', anonymised: false };
	const download = async (v: ReplayViewer) => {
		const lines: string[] = [];
		for await (const l of replay.logLines(v)) lines.push(l);
		const cpLines: string[] = [];
		for await (const l of replay.checkpointLines(v)) cpLines.push(l);
		return { lines, cpLines };
	};
	const tServe = performance.now();
	const { lines, cpLines } = await download(viewer);
	const serverReadMs = performance.now() - tServe;
	let anonymisedServerReadMs: number | null = null;
	let anonymisedNameInCodeServerReadMs: number | null = null;
	if (opts.anonymised) {
		// The same download for an anonymised reviewer link: the whole log is rewritten without the name.
		const anonViewer: ReplayViewer = { ...viewer, kind: 'reviewer', anonymised: true };
		const tAnon = performance.now();
		const anon = await download(anonViewer);
		anonymisedServerReadMs = performance.now() - tAnon;
		if (anon.lines.length !== lines.length) throw new Error('the anonymised log lost entries');
		// The worst case: the name is in the code from the first update on ("# starter of p1" in
		// every buffer), so every update of the code document is rewritten.
		const tNamed = performance.now();
		await download({ ...anonViewer, interview: { ...interview, candidateName: 'Starter Of' } });
		anonymisedNameInCodeServerReadMs = performance.now() - tNamed;
	}
	await stores.close();
	fs.rmSync(dir, { recursive: true, force: true });
	return {
		ndjson: lines.join('\n') + '\n',
		checkpointsNdjson: cpLines.join('\n') + '\n',
		finalTexts: Object.fromEntries(PROBLEMS.map((p) => [p, filesOf(docs.code).get(p)!.toString()])),
		runs,
		checkpointsStored: checkpoints.length,
		buildMs,
		serverReadMs,
		anonymisedServerReadMs,
		anonymisedNameInCodeServerReadMs
	};
}
