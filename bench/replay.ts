/**
 * Replay of a two-hour interview: builds a synthetic log (about 40,000 code updates and 5,000
 * canvas updates, runs and joins between them) the way the server records it (gc'd documents,
 * a checkpoint every 200 updates of a document) into a real SQLite file, serves it through
 * ReplayService as the player downloads it, then measures the player's load and its seeks to
 * 100 random moments. Prints JSON; not a test.
 *   npx tsx bench/replay.ts [--code 40000] [--canvas 5000] [--seeks 100]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { RoomEventSchema } from '../src/lib/shared/room/roomEvents.js';
import { openSqliteStores } from '../server/storage/sqlite/openSqliteStores.js';
import { ReplayService, type ReplayViewer } from '../server/domain/ReplayService.js';
import { CHECKPOINT_EVERY_UPDATES } from '../server/domain/DocRoom.js';
import type { InterviewService, ProblemCatalog } from '../server/domain/InterviewService.js';
import type { InterviewRecord, NewLogEntry } from '../server/domain/types.js';
import { buildCodeSeed, filesOf, stateOf, ACTIVE_PROBLEM } from '../src/lib/shared/codeDoc.js';
import { writeElements, type CanvasElement } from '../src/lib/shared/canvas/canvasDoc.js';
import { fromBase64 } from '../src/lib/shared/recording.js';
import { rect } from '../tests/helpers/canvasElements.js';
import { ReplayModel } from '../src/lib/shared/replay/ReplayModel.js';
import type { DocName } from '../src/lib/shared/protocol.js';

const arg = (name: string, dflt: number) => {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CODE_UPDATES = arg('code', 40_000);
const CANVAS_UPDATES = arg('canvas', 5_000);
const SEEKS = arg('seeks', 100);
const DURATION_MS = 2 * 3600_000;

/** A fixed-seed generator, so every run builds the same interview. */
function rng(seed: number) {
	return () => {
		seed = (seed * 1664525 + 1013904223) >>> 0;
		return seed / 2 ** 32;
	};
}
const rand = rng(42);
const pct = (xs: number[], p: number) => {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const round = (x: number) => Math.round(x * 100) / 100;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairboard-bench-replay-'));
const stores = openSqliteStores(path.join(dir, 'bench.sqlite'));
const ID = 'bench';
const START = 1_700_000_000_000;
const interview: InterviewRecord = {
	id: ID,
	title: 'Two-hour interview',
	candidateName: 'Bench Candidate',
	problemIds: ['p1', 'p2', 'p3'],
	rubricId: null,
	createdAt: START,
	endedAt: START + DURATION_MS,
	mode: 'live',
	timeBoxMinutes: null,
	startedAt: null
};
await stores.interviews.createInterview(interview, [
	{ id: 'cand', interviewId: ID, name: 'Bench Candidate', role: 'candidate', color: '#0f766e', tokenHash: 'h1' },
	{ id: 'intv', interviewId: ID, name: 'Bench Interviewer', role: 'interviewer', color: '#7c3aed', tokenHash: 'h2' }
]);

// --- Record the interview as the server would ---
const tBuild = performance.now();
const docs: Record<DocName, Y.Doc> = { code: new Y.Doc({ gc: true }), canvas: new Y.Doc({ gc: true }) };
const pending: NewLogEntry[] = [];
const since: Record<DocName, number> = { code: 0, canvas: 0 };
let seq = 0;
let t = START;
const flushPending = async () => {
	if (pending.length) await stores.log.appendBatch(pending.splice(0));
};
for (const name of ['code', 'canvas'] as DocName[]) {
	docs[name].on('update', (update: Uint8Array, origin: unknown) => {
		seq++;
		pending.push({ interviewId: ID, t, kind: 'yjs', doc: name, actor: String(origin ?? 'server'), update });
		if (++since[name] >= CHECKPOINT_EVERY_UPDATES) {
			since[name] = 0;
			checkpoints.push({ doc: name, seq, state: Y.encodeStateAsUpdate(docs[name]) });
		}
	});
}
const checkpoints: { doc: DocName; seq: number; state: Uint8Array }[] = [];
const event = (type: string, actor: string, data: unknown) => {
	seq++;
	pending.push({ interviewId: ID, t, kind: 'event', ...RoomEventSchema.parse({ type, actor, data }) });
};
event('participant:join', 'cand', { name: 'Bench Candidate', role: 'candidate' });
Y.applyUpdate(
	docs.code,
	buildCodeSeed(['p1', 'p2', 'p3'].map((id) => ({ problemId: id, text: `# starter of ${id}\n` }))),
	'server'
);
const total = CODE_UPDATES + CANVAS_UPDATES;
const step = DURATION_MS / total;
let canvasLeft = CANVAS_UPDATES;
const elements = new Map<string, CanvasElement>();
let runs = 0;
let cursor = 0;
for (let i = 0; i < total; i++) {
	// Bursts of work with idle stretches between them.
	t += rand() < 0.01 ? step * 50 * rand() : step * 1.5 * rand();
	const canvasTurn = canvasLeft > 0 && rand() < CANVAS_UPDATES / total;
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

// --- What the player downloads ---
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
const tServe = performance.now();
const lines: string[] = [];
for await (const l of replay.logLines(viewer)) lines.push(l);
const ndjson = lines.join('\n') + '\n';
const cpLines: string[] = [];
for await (const l of replay.checkpointLines(viewer)) cpLines.push(l);
const serveMs = performance.now() - tServe;
// The same download for an anonymised reviewer link: the whole log is rewritten without the name.
const tAnon = performance.now();
const anonViewer: ReplayViewer = { ...viewer, kind: 'reviewer', anonymised: true };
let anonLines = 0;
for await (const l of replay.logLines(anonViewer)) anonLines += l.length > 0 ? 1 : 0;
for await (const l of replay.checkpointLines(anonViewer)) void l;
const anonymisedServeMs = performance.now() - tAnon;
if (anonLines !== lines.length) throw new Error('the anonymised log lost entries');
// The worst case: the name is in the code from the first update on ("# starter of p1" in every
// buffer), so every update of the code document is rewritten.
const tNamed = performance.now();
const namedViewer: ReplayViewer = { ...anonViewer, interview: { ...interview, candidateName: 'Starter Of' } };
for await (const l of replay.logLines(namedViewer)) void l;
for await (const l of replay.checkpointLines(namedViewer)) void l;
const anonymisedNameInCodeMs = performance.now() - tNamed;
const cps = cpLines.map((l) => {
	const c = JSON.parse(l) as { doc: DocName; seq: number; state: string; v2?: boolean };
	return { doc: c.doc, seq: c.seq, state: fromBase64(c.state), v2: c.v2 === true };
});

// --- The player: load, then seeks ---
const tLoad = performance.now();
const model = new ReplayModel({
	interviewId: ID,
	ndjson,
	checkpoints: cps,
	participants: [
		{ id: 'cand', name: 'Bench Candidate', role: 'candidate', color: '#0f766e' },
		{ id: 'intv', name: 'Bench Interviewer', role: 'interviewer', color: '#7c3aed' }
	]
});
const first = model.seek(model.start);
const loadMs = performance.now() - tLoad;
if (model.error) throw model.error;

const seekMs: number[] = [];
for (let i = 0; i < SEEKS; i++) {
	const at = model.start + rand() * (model.end - model.start);
	const s0 = performance.now();
	const frame = model.seek(at);
	void ReplayModel.textOf(frame);
	seekMs.push(performance.now() - s0);
}
// Faithfulness spot check: the end of the replay is the recorder's final documents.
const last = model.seek(model.end);
for (const p of ['p1', 'p2', 'p3']) {
	if (ReplayModel.textOf(last, p) !== filesOf(docs.code).get(p)!.toString())
		throw new Error(`final text of ${p} differs`);
}
void first;

console.log(
	JSON.stringify(
		{
			log: {
				entries: model.entries.length,
				codeUpdates: CODE_UPDATES,
				canvasUpdates: CANVAS_UPDATES,
				runs,
				durationMinutes: Math.round((model.end - model.start) / 60_000),
				ndjsonMB: round(ndjson.length / 1e6),
				checkpointsStored: checkpoints.length,
				checkpointsServed: cps.length,
				checkpointsMB: round(cpLines.join('\n').length / 1e6)
			},
			buildMs: Math.round(buildMs),
			serverReadMs: Math.round(serveMs),
			/** Reading, rewriting without the name and encoding the log and checkpoints for an anonymised link. */
			anonymisedServerReadMs: Math.round(anonymisedServeMs),
			/** The same when the name is in the code from the start: every code update rewritten. */
			anonymisedNameInCodeServerReadMs: Math.round(anonymisedNameInCodeMs),
			playerLoadMs: Math.round(loadMs),
			seekMs: {
				count: SEEKS,
				p50: round(pct(seekMs, 50)),
				p99: round(pct(seekMs, 99)),
				max: round(Math.max(...seekMs)),
				/** The first seeks run cold (no snapshots of the player's own yet, code not yet optimised by V8). */
				firstTen: seekMs.slice(0, 10).map(round),
				p99AfterFirstTen: round(pct(seekMs.slice(10), 99))
			},
			node: process.version
		},
		null,
		2
	)
);
await stores.close();
fs.rmSync(dir, { recursive: true, force: true });
