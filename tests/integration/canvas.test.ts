/**
 * The canvas document over the real Yjs endpoint: stock y-websocket clients, a real server and
 * SQLite file. Rules: src/lib/shared/canvas/README.md.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createInterview, startServer, type TestServer } from '../helpers/startServer.js';
import { connectY, roundTrip, waitClosed, waitFor, waitSynced, type YClient } from '../helpers/yclient.js';
import { rect } from '../helpers/canvasElements.js';
import {
	canvasFilesOf,
	elementsOf,
	readScene,
	writeElements,
	writeFiles,
	type CanvasElement
} from '../../src/lib/shared/canvas/canvasDoc.js';
import { CANVAS_MAX_ELEMENTS, CANVAS_MAX_FILE_CHARS } from '../../src/lib/shared/canvas/canvasRules.js';
import { CLOSE, type DocName } from '../../src/lib/shared/protocol.js';
import { fromBase64 } from '../../src/lib/shared/recording.js';
import { ReplayModel } from '../../src/lib/shared/replay/ReplayModel.js';
import type { ReplayBundle } from '../../src/lib/shared/replay/bundle.js';
import Database from 'better-sqlite3';
import path from 'node:path';

const servers: TestServer[] = [];
const clients: YClient[] = [];
afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	for (const s of servers.splice(0)) await s.stop();
});

async function server(dataDir?: string) {
	const s = await startServer({ dataDir });
	servers.push(s);
	return s;
}

async function canvasClient(s: TestServer, id: string, token: string): Promise<YClient> {
	const c = connectY(s.wsUrl, id, token, 'canvas');
	clients.push(c);
	await waitSynced(c);
	return c;
}

const ids = (doc: Y.Doc) => readScene(doc).elements.map((e) => `${e.id}:${e.isDeleted ? 'deleted' : (e.x as number)}`);

describe('canvas document', () => {
	it('two collaborators merge element by element, and a deletion reaches everyone', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const a = await canvasClient(s, iv.id, iv.candidate);
		const b = await canvasClient(s, iv.id, iv.interviewer);
		writeElements(a.doc, [rect('box-a', 10)]);
		writeElements(b.doc, [rect('box-b', 200)]);
		await waitFor([a.doc, b.doc], () => ids(a.doc).length === 2 && ids(b.doc).length === 2);
		// Both move their own box at once; then a deletes b's box.
		writeElements(a.doc, [rect('box-a', 30, 2)]);
		writeElements(b.doc, [rect('box-b', 230, 2)]);
		await waitFor([a.doc, b.doc], () => JSON.stringify(ids(a.doc)) === JSON.stringify(ids(b.doc)) && ids(a.doc));
		expect(ids(a.doc)).toEqual(['box-a:30', 'box-b:230']);
		writeElements(a.doc, [{ ...rect('box-b', 230, 3), isDeleted: true }]);
		await waitFor(b.doc, () => ids(b.doc).includes('box-b:deleted'));
	});

	it('a restarted server serves the same canvas, from checkpoint and log', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const a = await canvasClient(s, iv.id, iv.candidate);
		// Enough updates to write a checkpoint, then a few more after it.
		for (let i = 1; i <= 230; i++) writeElements(a.doc, [rect('moving', i, i)]);
		writeElements(a.doc, [rect('still', 5)]);
		await roundTrip(a);
		const before = readScene(a.doc);
		a.destroy();
		await s.stop();
		servers.splice(servers.indexOf(s), 1);

		const again = await server(s.dataDir);
		const c = await canvasClient(again, iv.id, iv.interviewer);
		expect(readScene(c.doc)).toEqual(before);
		expect(elementsOf(c.doc).get('moving')?.version).toBe(230);
	});

	it('issue 11: a canvas of images, checkpointed in parts, comes back whole after a restart and in the replay', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const a = await canvasClient(s, iv.id, iv.interviewer);
		writeElements(a.doc, [rect('box', 1), rect('arrow', 2)]);
		const image = (i: number) => 'data:image/png;base64,' + Buffer.alloc(300_000, i).toString('base64');
		for (let i = 0; i < 2; i++)
			writeFiles(a.doc, [{ id: `img-${i}`, mimeType: 'image/png', dataURL: image(i), created: 1 }]);
		// Past CheckpointSchedule's 200 updates: the first checkpoint, about 800 KB, then a few more updates.
		for (let i = 1; i <= 210; i++) writeElements(a.doc, [rect('box', i, i + 1)]);
		await roundTrip(a);
		const before = readScene(a.doc);
		a.destroy();
		await s.stop();
		servers.splice(servers.indexOf(s), 1);

		const db = new Database(path.join(s.dataDir, 'pairboard.sqlite'), { readonly: true });
		const parted = db
			.prepare(`SELECT seq, parts FROM checkpoints WHERE interview_id = ? AND doc = 'canvas'`)
			.all(iv.id);
		db.close();
		expect(
			parted.some((c) => (c as { parts: number }).parts > 1),
			JSON.stringify(parted)
		).toBe(true);

		const again = await server(s.dataDir);
		const c = await canvasClient(again, iv.id, iv.interviewer);
		expect(readScene(c.doc)).toEqual(before);

		const q = `?token=${encodeURIComponent(iv.interviewer)}`;
		const get = async (p: string) => (await fetch(`${again.url}/api/interviews/${iv.id}/replay${p}${q}`)).text();
		const bundle = JSON.parse(await get('')) as ReplayBundle;
		const checkpoints = (await get('/checkpoints'))
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l) as { doc: DocName; seq: number; state: string; v2?: boolean })
			.map((cp) => ({ ...cp, state: fromBase64(cp.state), v2: cp.v2 === true }));
		expect(checkpoints.some((cp) => cp.doc === 'canvas')).toBe(true);
		const model = new ReplayModel({
			interviewId: iv.id,
			ndjson: await get('/log'),
			checkpoints,
			participants: bundle.participants
		});
		expect(model.damage).toBeNull();
		expect(readScene(model.seek(model.end).canvas)).toEqual(before);
	});

	it('ROLE-2: an observer sees the canvas but nothing it writes is applied or stored', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const a = await canvasClient(s, iv.id, iv.interviewer);
		writeElements(a.doc, [rect('shown', 10)]);
		const o = await canvasClient(s, iv.id, iv.observer!);
		await waitFor(o.doc, () => ids(o.doc).length === 1);
		const room = s.app.rooms.get(iv.id, 'canvas')!;
		const storedBefore = await storedCanvasUpdates(s, iv.id, iv.interviewer);
		const refusedBefore = room.refusedUpdates;
		writeElements(o.doc, [rect('observer-box', 99)]);
		// The server answers in order: once it answered this, it had handled the observer's update.
		await roundTrip(o);
		expect(room.refusedUpdates).toBe(refusedBefore + 1);
		expect(await storedCanvasUpdates(s, iv.id, iv.interviewer)).toBe(storedBefore);
		const fresh = await canvasClient(s, iv.id, iv.interviewer);
		expect(ids(fresh.doc)).toEqual(['shown:10']);
		expect(ids(a.doc)).toEqual(['shown:10']);
		expect(o.closes).toEqual([]);
	});
});

describe('canvas bad input is refused for that connection only', () => {
	/** Sends `change` from a fresh candidate connection; answers its close and what others hold after. */
	async function refused(change: (doc: Y.Doc) => void) {
		const s = await server();
		const iv = await createInterview(s);
		const other = await canvasClient(s, iv.id, iv.interviewer);
		writeElements(other.doc, [rect('kept', 10)]);
		await roundTrip(other);
		const bad = await canvasClient(s, iv.id, iv.candidate);
		change(bad.doc);
		const close = await waitClosed(bad);
		bad.destroy();
		// The other collaborator still works, and the stored canvas has only what was valid.
		writeElements(other.doc, [rect('after', 20)]);
		await roundTrip(other);
		const fresh = await canvasClient(s, iv.id, iv.interviewer);
		return { close, stored: ids(fresh.doc), other: ids(other.doc) };
	}

	it.each<[string, (doc: Y.Doc) => void, RegExp]>([
		[
			'an element with an invalid field',
			(d) => writeElements(d, [{ ...rect('bad', 0), x: 'left' }]),
			/elements\.bad: x/
		],
		[
			'an element of an unknown type',
			(d) => writeElements(d, [{ ...rect('bad', 0), type: 'hexagon' } as CanvasElement]),
			/elements\.bad: type/
		],
		[
			'an element whose id is not its key',
			(d) => elementsOf(d).set('bad', rect('other-id', 0)),
			/id must equal its key/
		],
		['a removed element', (d) => elementsOf(d).delete('kept'), /may not be removed/],
		['a top-level type outside the schema', (d) => d.getText('notes').insert(0, 'hello'), /not part of the canvas/],
		['a nested Yjs type', (d) => elementsOf(d).set('nested', new Y.Map() as never), /elements\.nested|plain values/],
		[
			'an image over the size limit',
			(d) =>
				writeFiles(d, [
					{
						id: 'big',
						mimeType: 'image/png',
						dataURL: `data:image/png;base64,${'A'.repeat(CANVAS_MAX_FILE_CHARS)}`,
						created: 1
					}
				]),
			/files\.big: dataURL/
		],
		[
			'an image that is not an image',
			(d) => writeFiles(d, [{ id: 'js', mimeType: 'text/html', dataURL: 'data:text/html,<script>', created: 1 }]),
			/files\.js/
		]
	])('%s', async (_label, change, reason) => {
		const { close, stored, other } = await refused(change);
		expect(close.code).toBe(CLOSE.UPDATE_REJECTED);
		expect(close.reason).toMatch(reason);
		expect(stored).toEqual(['after:20', 'kept:10']);
		expect(other).toEqual(['after:20', 'kept:10']);
	});

	it('a scene larger than the limit is refused; what was stored before stays', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const a = await canvasClient(s, iv.id, iv.candidate);
		const batch = 2_500; // each batch fits one WebSocket frame
		let refusedAt = -1;
		for (let i = 0; refusedAt < 0 && i * batch <= CANVAS_MAX_ELEMENTS; i++) {
			writeElements(
				a.doc,
				Array.from({ length: batch }, (_, k) => rect(`e${i}-${k}`, k))
			);
			await roundTrip(a).catch(() => undefined);
			if (a.closes.length > 0) refusedAt = i;
		}
		expect(a.closes[0]?.code).toBe(CLOSE.UPDATE_REJECTED);
		expect(a.closes[0]?.reason).toMatch(/at most 10000 elements/);
		a.destroy();
		const fresh = await canvasClient(s, iv.id, iv.interviewer);
		expect(elementsOf(fresh.doc).size).toBe(refusedAt * batch);
	});

	it('an update that does not decode closes that connection; the stored canvas is untouched', async () => {
		const s = await server();
		const iv = await createInterview(s);
		const other = await canvasClient(s, iv.id, iv.interviewer);
		writeElements(other.doc, [rect('kept', 10)]);
		await roundTrip(other);
		const bad = await canvasClient(s, iv.id, iv.candidate);
		// y-protocols sync step 2 (0, 1) with bytes that are no Yjs update.
		(bad.provider.ws as unknown as { send(d: Uint8Array): void }).send(new Uint8Array([0, 2, 5, 0xff, 0xfe, 3, 9, 9]));
		const close = await waitClosed(bad);
		expect([CLOSE.MALFORMED, CLOSE.UPDATE_REJECTED]).toContain(close.code);
		bad.destroy();
		const fresh = await canvasClient(s, iv.id, iv.interviewer);
		expect(ids(fresh.doc)).toEqual(['kept:10']);
		expect(canvasFilesOf(fresh.doc).size).toBe(0);
	});
});

/** How many canvas updates the interview's recording holds, read as any interviewer would. */
async function storedCanvasUpdates(s: TestServer, interviewId: string, token: string): Promise<number> {
	await s.app.recorder.drain();
	const ndjson = await (await fetch(`${s.url}/api/interviews/${interviewId}/recording?token=${token}`)).text();
	return ndjson
		.trim()
		.split('\n')
		.map((l) => JSON.parse(l) as { kind: string; doc?: string })
		.filter((e) => e.kind === 'yjs' && e.doc === 'canvas').length;
}
