/**
 * Keystrokes in one room while another room edits a canvas of many megabytes (issue 11: a
 * full-state checkpoint of that canvas must not stall the other rooms). The real server in its
 * own process; in room A an interviewer's stock y-websocket client holds 300 shapes and --images
 * images of 560 KB and moves a shape every 25 ms; in room B a candidate types a token every
 * 100 ms and an interviewer's client times each one's arrival. The same run without images
 * beside it gives the ratio. Prints JSON; not a test.
 *   npx tsx bench/bigCanvas.ts [--images 20] [--seconds 30] [--repeats 2]
 */
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { spawnApiServer } from '../tests/helpers/spawnServer.js';
import { createInterview } from '../tests/helpers/startServer.js';
import { connectY, waitSynced } from '../tests/helpers/yclient.js';
import { timeKeystrokes } from './keystrokeTimer.js';
import { rect } from '../tests/helpers/canvasElements.js';
import { writeElements, writeFiles } from '../src/lib/shared/canvas/canvasDoc.js';
import { medianOf, percentile, round } from './sync/stats.js';
import { arg } from './numberArg.js';

const IMAGES = arg('images', 20);
const SECONDS = arg('seconds', 30);
const REPEATS = arg('repeats', 2);
const log = (msg: string) => process.stderr.write(`[bench:big-canvas] ${msg}\n`);

interface Run {
	canvasMB: number;
	moves: number;
	keystrokes: number;
	lost: number;
	p50: number;
	p99: number;
	max: number;
	over20ms: number;
	canvasCheckpoints: number;
	canvasCheckpointMB: number;
}

async function run(images: number): Promise<Run> {
	const srv = await spawnApiServer();
	const admin = { url: srv.url, adminKey: srv.adminKey };
	const [a, b] = [await createInterview(admin), await createInterview(admin)];
	const draw = connectY(srv.wsUrl, a.id, a.interviewer, 'canvas');
	await waitSynced(draw);
	writeElements(
		draw.doc,
		Array.from({ length: 300 }, (_, i) => rect(`e${i}`, i * 3, 1))
	);
	for (let i = 0; i < images; i++) {
		const dataURL = 'data:image/png;base64,' + Buffer.alloc(420_000, i).toString('base64');
		writeFiles(draw.doc, [{ id: `f${i}`, mimeType: 'image/png', dataURL, created: 1 }]);
	}
	const typist = connectY(srv.wsUrl, b.id, b.candidate);
	const watcher = connectY(srv.wsUrl, b.id, b.interviewer);
	await Promise.all([waitSynced(typist), waitSynced(watcher)]);

	const timer = timeKeystrokes(typist, watcher, 100);
	let moves = 0;
	const moving = setInterval(() => {
		moves++;
		writeElements(draw.doc, [rect(`e${moves % 300}`, moves, moves + 1)]);
	}, 25);
	await new Promise((r) => setTimeout(r, SECONDS * 1000));
	clearInterval(moving);
	const lost = await timer.stop(10_000);
	const latencies = timer.take();
	const canvasMB = Y.encodeStateAsUpdate(draw.doc).length / 1e6;
	for (const c of [draw, typist, watcher]) c.destroy();
	// Stopped before it is read: closing rooms writes their last checkpoints.
	await srv.stop();
	const db = new Database(path.join(srv.dataDir, 'pairboard.sqlite'), { readonly: true });
	// checkpoint_parts: since schema 4 (an older build, run for comparison, has none).
	const parted = db.prepare(`SELECT 1 FROM sqlite_master WHERE name = 'checkpoint_parts'`).get()
		? `(SELECT coalesce(sum(length(bytes)), 0) FROM checkpoint_parts WHERE doc = 'canvas')`
		: '0';
	const cps = db
		.prepare(
			`SELECT count(*) AS n, coalesce(sum(length(state)), 0) + ${parted} AS bytes FROM checkpoints WHERE doc = 'canvas'`
		)
		.get() as { n: number; bytes: number };
	db.close();
	const sorted = [...latencies].sort((x, y) => x - y);
	return {
		canvasMB: round(canvasMB, 1),
		moves,
		keystrokes: latencies.length,
		lost,
		p50: round(percentile(sorted, 50)),
		p99: round(percentile(sorted, 99)),
		max: round(sorted.at(-1)!),
		over20ms: sorted.filter((x) => x > 20).length,
		canvasCheckpoints: cps.n,
		canvasCheckpointMB: round(cps.bytes / 1e6, 1)
	};
}

const loadAverageBefore = os.loadavg().map((x) => round(x));
const plain: Run[] = [];
const heavy: Run[] = [];
for (let r = 0; r < REPEATS; r++) {
	log(`repeat ${r + 1}/${REPEATS}: no images`);
	plain.push(await run(0));
	log(`repeat ${r + 1}/${REPEATS}: ${IMAGES} images`);
	heavy.push(await run(IMAGES));
}
const p = medianOf(plain);
const h = medianOf(heavy);
console.log(
	JSON.stringify(
		{
			seconds: SECONDS,
			repeats: REPEATS,
			keystrokesInOtherRoomMs: { withoutImages: p, [`with${IMAGES}Images`]: h },
			ratio: { p50: round(h.p50 / p.p50), p99: round(h.p99 / p.p99), max: round(h.max / p.max) },
			perRepeat: { withoutImages: plain, withImages: heavy },
			machine: { cpus: os.cpus().length, loadAverageBefore, loadAverageAfter: os.loadavg().map((x) => round(x)) },
			node: process.version
		},
		null,
		2
	)
);
process.exit(0);
