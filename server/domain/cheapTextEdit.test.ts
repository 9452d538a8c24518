import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { buildCodeSeed, FILES, filesOf, stateOf } from '../../src/lib/shared/codeDoc.js';
import { CHEAP_DELETE_MAX_CLOCKS, CHEAP_EDIT_MAX_BYTES, cheapTextEdit } from './cheapTextEdit.js';

const STARTER = 'def solve(xs):\n    return sorted(xs)\n';

/** The server's copy of a code document seeded with one buffer, `p`. */
function serverDoc(text = STARTER): Y.Doc {
	const doc = new Y.Doc({ gc: true });
	Y.applyUpdate(doc, buildCodeSeed([{ problemId: 'p', text }]));
	return doc;
}

function clientOf(server: Y.Doc): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
	return doc;
}

/** The one update a client's transaction sends (as y-websocket's provider sends it). */
function edit(client: Y.Doc, change: (text: Y.Text, doc: Y.Doc) => void): Uint8Array {
	let update: Uint8Array | null = null;
	const keep = (u: Uint8Array) => (update = u);
	client.on('update', keep);
	client.transact(() => change(filesOf(client).get('p')!, client));
	client.off('update', keep);
	if (!update) throw new Error('the change made no update');
	return update;
}

const cheap = (server: Y.Doc, update: Uint8Array) => cheapTextEdit(server, update, FILES);

/** A hand-written update of one string item, for what no honest client sends. */
function craftedInsert(o: {
	client: number;
	clock: number;
	origin?: Y.ID;
	rightOrigin?: Y.ID;
	text?: string;
	deletes?: [number, number, number][];
}): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint(e, 1);
	encoding.writeVarUint(e, o.client);
	encoding.writeVarUint(e, o.clock);
	encoding.writeUint8(e, 4 | (o.origin ? 0x80 : 0) | (o.rightOrigin ? 0x40 : 0));
	for (const id of [o.origin, o.rightOrigin]) {
		if (!id) continue;
		encoding.writeVarUint(e, id.client);
		encoding.writeVarUint(e, id.clock);
	}
	encoding.writeVarString(e, o.text ?? 'x');
	writeDeletes(e, o.deletes ?? []);
	return encoding.toUint8Array(e);
}

function craftedDelete(deletes: [number, number, number][]): Uint8Array {
	const e = encoding.createEncoder();
	encoding.writeVarUint(e, 0);
	writeDeletes(e, deletes);
	return encoding.toUint8Array(e);
}

function writeDeletes(e: encoding.Encoder, deletes: [client: number, clock: number, len: number][]): void {
	encoding.writeVarUint(e, deletes.length);
	for (const [client, clock, len] of deletes) {
		encoding.writeVarUint(e, client);
		encoding.writeVarUint(e, 1);
		encoding.writeVarUint(e, clock);
		encoding.writeVarUint(e, len);
	}
}

describe('cheapTextEdit: what a person typing sends', () => {
	it.each<[string, (t: Y.Text) => void]>([
		['a keystroke inside the starter (inside one item)', (t) => t.insert(9, 'd')],
		['a keystroke at the end of the buffer', (t) => t.insert(t.length, '#')],
		['a keystroke at the start of the buffer', (t) => t.insert(0, '#')],
		['a line typed as one change', (t) => t.insert(t.length, '\nprint(solve([3, 1, 2]))\n')],
		['characters outside the BMP', (t) => t.insert(4, '🙂é')],
		['a replaced selection', (t) => (t.delete(4, 5), t.insert(4, 'order'))]
	])('%s is a cheap edit by its client', (_, change) => {
		const server = serverDoc();
		const client = clientOf(server);
		expect(cheap(server, edit(client, change))).toEqual({ clients: [client.clientID] });
	});

	it('a backspace and a deleted line are cheap edits that add no client', () => {
		const server = serverDoc();
		const client = clientOf(server);
		expect(
			cheap(
				server,
				edit(client, (t) => t.delete(5, 1))
			)
		).toEqual({ clients: [] });
		expect(
			cheap(
				server,
				edit(client, (t) => t.delete(0, 15))
			)
		).toEqual({ clients: [] });
	});

	it('keystrokes after keystrokes stay cheap, as the server applies each one', () => {
		const server = serverDoc();
		const client = clientOf(server);
		for (const [i, ch] of [...'return [x for x in xs]'].entries()) {
			const update = edit(client, (t) => (i % 7 === 6 ? t.delete(t.length - 2, 1) : t.insert(20 + i, ch)));
			expect(cheap(server, update), `keystroke ${i}`).not.toBeNull();
			Y.applyUpdate(server, update);
		}
		expect(filesOf(server).get('p')!.toString()).toBe(filesOf(client).get('p')!.toString());
	});

	it("a keystroke is cheap however fragmented the buffer is, since the bound is the update's own", () => {
		const server = serverDoc('');
		const writer = clientOf(server);
		// 5,000 one-character items that Yjs cannot merge (each typed before the one before it).
		Y.applyUpdate(
			server,
			edit(writer, (t) => [...Array(5_000)].forEach(() => t.insert(0, 'x')))
		);
		const typist = clientOf(server);
		expect(
			cheap(
				server,
				edit(typist, (t) => t.insert(2_500, 'y'))
			)
		).toEqual({ clients: [typist.clientID] });
	});

	it('an empty update (a fresh client answering the handshake) is cheap and adds nothing', () => {
		expect(cheap(serverDoc(), Y.encodeStateAsUpdate(new Y.Doc()))).toEqual({ clients: [] });
	});
});

describe('cheapTextEdit: what goes to the guard', () => {
	it('an insertion where someone else has typed meanwhile (the origins are no longer neighbours)', () => {
		const server = serverDoc();
		const a = clientOf(server);
		const b = clientOf(server);
		Y.applyUpdate(
			server,
			edit(a, (t) => t.insert(4, 'A'))
		);
		expect(
			cheap(
				server,
				edit(b, (t) => t.insert(4, 'B'))
			)
		).toBeNull();
	});

	it('an update after a gap in its own clocks (Yjs would hold it as pending)', () => {
		const server = serverDoc();
		const client = clientOf(server);
		edit(client, (t) => t.insert(0, 'a'));
		expect(
			cheap(
				server,
				edit(client, (t) => t.insert(1, 'b'))
			)
		).toBeNull();
	});

	it('an insertion after text the server does not have', () => {
		const server = serverDoc();
		const a = clientOf(server);
		const b = clientOf(server);
		const unseen = edit(a, (t) => t.insert(4, 'A'));
		Y.applyUpdate(b, unseen);
		expect(
			cheap(
				server,
				edit(b, (t) => t.insert(5, 'B'))
			)
		).toBeNull();
	});

	it.each<[string, (t: Y.Text, doc: Y.Doc) => void]>([
		['switching the problem (the state map)', (_, d) => stateOf(d).set('activeProblem', 'q')],
		['deleting the state entry', (_, d) => stateOf(d).delete('activeProblem')],
		['adding a buffer', (_, d) => filesOf(d).set('q', new Y.Text('x'))],
		['deleting a buffer', (_, d) => filesOf(d).delete('p')],
		['text in a root type other than the buffers', (_, d) => d.getText('other').insert(0, 'x')],
		['two insertions in one update', (t) => (t.insert(0, 'a'), t.insert(10, 'b'))],
		['a paste over the size bound', (t) => t.insert(3, 'x'.repeat(CHEAP_EDIT_MAX_BYTES))],
		['formatting (not a string insertion)', (t) => t.format(0, 3, { bold: true })]
	])('%s', (_, change) => {
		const server = serverDoc();
		expect(cheap(server, edit(clientOf(server), change))).toBeNull();
	});

	it('deleting more characters than the bound', () => {
		const server = serverDoc('y'.repeat(CHEAP_DELETE_MAX_CLOCKS + 10));
		expect(
			cheap(
				server,
				edit(clientOf(server), (t) => t.delete(0, CHEAP_DELETE_MAX_CLOCKS + 1))
			)
		).toBeNull();
	});

	it('typing into a buffer that was replaced', () => {
		const server = serverDoc();
		const stale = clientOf(server);
		const other = clientOf(server);
		Y.applyUpdate(
			server,
			edit(other, (_, d) => filesOf(d).set('p', new Y.Text('new')))
		);
		expect(
			cheap(
				server,
				edit(stale, (t) => t.insert(2, 'z'))
			)
		).toBeNull();
	});

	it('crafted: an insertion at the start whose right origin is not the first item (the walk Yjs would make)', () => {
		const server = serverDoc('');
		const writer = clientOf(server);
		Y.applyUpdate(
			server,
			edit(writer, (t) => [...Array(100)].forEach(() => t.insert(0, 'x')))
		);
		const last = filesOf(server).get('p')!._start!;
		let item = last;
		while (item.right) item = item.right;
		expect(cheap(server, craftedInsert({ client: 77, clock: 0, rightOrigin: item.id }))).toBeNull();
		// The same bytes with the first item as right origin are a keystroke at the start.
		expect(cheap(server, craftedInsert({ client: 77, clock: 0, rightOrigin: last.id }))).toEqual({ clients: [77] });
	});

	it('crafted: an origin whose right is not the right origin, and an origin the document lacks', () => {
		const server = serverDoc();
		const seed = filesOf(server).get('p')!._start!.id;
		const at = (clock: number) => Y.createID(seed.client, clock);
		expect(cheap(server, craftedInsert({ client: 9, clock: 0, origin: at(3), rightOrigin: at(9) }))).toBeNull();
		expect(cheap(server, craftedInsert({ client: 9, clock: 0, origin: at(3), rightOrigin: at(4) }))).not.toBeNull();
		expect(cheap(server, craftedInsert({ client: 9, clock: 0, origin: Y.createID(12345, 0) }))).toBeNull();
		expect(cheap(server, craftedInsert({ client: 9, clock: 5, origin: at(3), rightOrigin: at(4) }))).toBeNull();
	});

	it('crafted: deletions past the text, of what the document does not have yet, or of nothing', () => {
		const server = serverDoc();
		const chars = filesOf(server).get('p')!._start!;
		const { client, clock } = chars.id;
		const textEnd = clock + chars.length;
		expect(cheap(server, craftedDelete([[client, textEnd - 2, 2]]))).toEqual({ clients: [] });
		// The seed's next clock is the state map's entry.
		expect(cheap(server, craftedDelete([[client, textEnd - 2, 3]]))).toBeNull();
		const end = Y.getState(server.store, client);
		expect(cheap(server, craftedDelete([[client, end - 1, 2]]))).toBeNull();
		expect(cheap(server, craftedDelete([[4242, 0, 1]]))).toBeNull();
		expect(cheap(server, craftedDelete([[client, 3, 0]]))).toBeNull();
		// Text to the end of a client's clocks, and a range past it (Yjs would keep the rest pending).
		const typist = clientOf(server);
		Y.applyUpdate(
			server,
			edit(typist, (t) => t.insert(0, 'abc'))
		);
		expect(cheap(server, craftedDelete([[typist.clientID, 1, 2]]))).toEqual({ clients: [] });
		expect(cheap(server, craftedDelete([[typist.clientID, 1, 5]]))).toBeNull();
	});

	it('malformed bytes: truncated, trailing, invalid UTF-8, an endless varint', () => {
		const server = serverDoc();
		const good = edit(clientOf(server), (t) => t.insert(4, 'é'));
		expect(cheap(server, good)).not.toBeNull();
		for (let n = 0; n < good.length; n++) expect(cheap(server, good.subarray(0, n)), `first ${n} bytes`).toBeNull();
		expect(cheap(server, Uint8Array.from([...good, 0]))).toBeNull();
		const invalid = Uint8Array.from(good);
		invalid[invalid.indexOf(0xc3)] = 0xff;
		expect(cheap(server, invalid)).toBeNull();
		expect(cheap(server, Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))).toBeNull();
	});
});
