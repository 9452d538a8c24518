/**
 * Canvas benchmark (issue 4): a scene of 2,000 Excalidraw elements, side by side with a scene of
 * 20, on the real server with stock y-websocket clients.
 *
 * - remote change: one person moves one element; time until the other person's client holds
 *   it and has worked out the scene to show (readScene + reconcileScene, the binding's work
 *   before Excalidraw paints). Excalidraw's own paint is not included.
 * - memory: the document's encoded size, and the heap a client's Y.Doc of it takes.
 *
 * Prints one JSON object. Run: npm run bench:canvas
 */
import * as Y from 'yjs';
import { createInterview, startServer } from '../tests/helpers/startServer.js';
import { connectY, roundTrip, waitFor, waitSynced } from '../tests/helpers/yclient.js';
import { rect } from '../tests/helpers/canvasElements.js';
import {
	elementsOf,
	readScene,
	reconcileScene,
	writeElements,
	type CanvasElement
} from '../src/lib/shared/canvas/canvasDoc.js';

const SIZES = [20, 2_000];
const CHANGES = 300;
const BATCH = 500; // elements per write: keeps each update inside one WebSocket frame

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:canvas does)');

function percentile(xs: number[], p: number): number {
	const s = [...xs].sort((a, b) => a - b);
	return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

function heapOf(state: Uint8Array): number {
	gc!();
	const before = process.memoryUsage().heapUsed;
	const doc = new Y.Doc();
	Y.applyUpdate(doc, state);
	readScene(doc); // what the client holds once it has shown the scene
	gc!();
	const used = process.memoryUsage().heapUsed - before;
	doc.destroy();
	return used;
}

const server = await startServer();
const results: Record<string, unknown>[] = [];
try {
	for (const size of SIZES) {
		const iv = await createInterview(server, { title: `bench ${size}` });
		const a = connectY(server.wsUrl, iv.id, iv.candidate, 'canvas');
		const b = connectY(server.wsUrl, iv.id, iv.interviewer, 'canvas');
		await Promise.all([waitSynced(a), waitSynced(b)]);
		const elements: CanvasElement[] = Array.from({ length: size }, (_, i) => ({
			...rect(`el-${i}`, (i % 50) * 150, 1),
			y: Math.floor(i / 50) * 100,
			index: `a${String(i).padStart(5, '0')}`
		}));
		for (let i = 0; i < size; i += BATCH) {
			writeElements(a.doc, elements.slice(i, i + BATCH));
			await roundTrip(a);
		}
		await waitFor(b.doc, () => elementsOf(b.doc).size === size, 30_000);
		let shownOnB = readScene(b.doc).elements;

		const latencies: number[] = [];
		for (let k = 0; k < CHANGES; k++) {
			const id = `el-${Math.floor(Math.random() * size)}`;
			const current = elementsOf(a.doc).get(id)!;
			const moved = { ...current, x: (current.x as number) + 5, version: current.version + 1, versionNonce: k };
			const seen = new Promise<number>((resolve) => {
				const map = elementsOf(b.doc);
				const on = () => {
					if (map.get(id)?.version !== moved.version) return;
					map.unobserve(on);
					shownOnB = reconcileScene(shownOnB, readScene(b.doc).elements, new Set());
					resolve(performance.now());
				};
				map.observe(on);
			});
			const t0 = performance.now();
			writeElements(a.doc, [moved]);
			latencies.push((await seen) - t0);
		}
		const state = Y.encodeStateAsUpdate(b.doc);
		results.push({
			elements: size,
			remoteChangeMs: { p50: round(percentile(latencies, 50)), p99: round(percentile(latencies, 99)) },
			documentBytes: state.byteLength,
			clientHeapBytes: heapOf(state)
		});
		a.destroy();
		b.destroy();
	}
} finally {
	await server.stop();
}

const [small, big] = results as { remoteChangeMs: { p50: number }; documentBytes: number }[];
console.log(
	JSON.stringify(
		{
			benchmark: 'canvas',
			changes: CHANGES,
			scenes: results,
			ratio2000to20: {
				remoteChangeP50: round(big.remoteChangeMs.p50 / small.remoteChangeMs.p50, 1),
				documentBytes: round(big.documentBytes / small.documentBytes, 1)
			}
		},
		null,
		2
	)
);
