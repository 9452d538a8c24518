/**
 * Issue 11: the keystrokes the room may check and apply on its own thread, without the guard's
 * worker. Every other update still goes to the guard, whose worker can be killed when an update
 * hangs or eats memory; an update passes here only when what it costs to apply is bounded by its
 * own few bytes, whatever the document holds:
 *
 * - at most one insertion, of text, by one client, at that client's next clock (nothing pending);
 * - typed between two neighbours that are still neighbours: its left origin's right is its right
 *   origin, so Yjs integrates it without walking concurrent insertions (the walk a crafted origin
 *   could make as long as the document);
 * - into a Y.Text that is an entry of the root map `textsIn` (the code buffers), never into
 *   another type, so neither `state` nor a buffer itself is touched;
 * - deleting a few characters of such texts, and only what the document already has.
 *
 * The bytes are read here by a strict reader of Yjs's update format (v1), with every length
 * bounded, rather than by Yjs's decoder: this runs on the thread that serves every room.
 */
import * as Y from 'yjs';
import {
	CONTENT,
	HAS_ORIGIN,
	HAS_PARENT_SUB,
	HAS_RIGHT_ORIGIN,
	NOT_READ,
	StrictBytes
} from '../../src/lib/shared/yjs/StrictBytes.js';

/** Larger updates are pastes and merges: the guard checks those. */
export const CHEAP_EDIT_MAX_BYTES = 2048;
/** Characters (clocks) one update may delete here, and the items those span. */
export const CHEAP_DELETE_MAX_CLOCKS = 1024;
const CHEAP_DELETE_MAX_ITEMS = 64;
const CHEAP_DELETE_MAX_RANGES = 16;

const CONTENT_STRING = 4;

export interface CheapEdit {
	/** Client ids whose clock the update moves (zero or one). */
	clients: number[];
}

interface Id {
	client: number;
	clock: number;
}

interface Insertion {
	id: Id;
	origin: Id | null;
	rightOrigin: Id | null;
}

interface Parsed {
	insertion: Insertion | null;
	deletes: { client: number; clock: number; len: number }[];
}

/** The update's effect if it is a cheap edit of a text in `textsIn`; null when the guard must check it. */
export function cheapTextEdit(doc: Y.Doc, update: Uint8Array, textsIn: string): CheapEdit | null {
	if (update.length > CHEAP_EDIT_MAX_BYTES) return null;
	const parsed = parse(update);
	if (!parsed) return null;
	// The root as stored: a document loaded from updates holds it as a plain AbstractType until
	// someone asks for it by its kind, so it is compared by identity, not by class.
	const texts = doc.share.get(textsIn);
	if (!texts) return null;
	try {
		if (parsed.insertion && !insertsCheaply(doc, parsed.insertion, texts)) return null;
		if (!deletesCheaply(doc, parsed.deletes, texts)) return null;
	} catch {
		return null;
	}
	return { clients: parsed.insertion ? [parsed.insertion.id.client] : [] };
}

/** A root type of a document, as `doc.share` holds it. */
type Root = Y.Doc['share'] extends Map<string, infer T> ? T : never;

/** Whether `item` is in a Y.Text held as an entry of `texts` (a map), not replaced or deleted. */
function inText(item: Y.Item, texts: Root): boolean {
	const type = item.parent;
	if (!(type instanceof Y.Text)) return false;
	const entry = type._item;
	return entry !== null && entry.parent === texts && entry.parentSub !== null && !entry.deleted;
}

function insertsCheaply(doc: Y.Doc, ins: Insertion, texts: Root): boolean {
	const store = doc.store;
	if (Y.getState(store, ins.id.client) !== ins.id.clock) return false;
	if (ins.origin) {
		const left = itemAt(doc, ins.origin);
		if (!left || !inText(left, texts)) return false;
		if (ins.origin.clock < left.id.clock + left.length - 1) {
			// The origin is inside an item: once split, its right is the next character of it.
			return sameId(ins.rightOrigin, { client: left.id.client, clock: ins.origin.clock + 1 });
		}
		if (!ins.rightOrigin) return left.right === null;
		const right = itemAt(doc, ins.rightOrigin);
		return right !== null && left.right === right && right.id.clock === ins.rightOrigin.clock;
	}
	// At the start of a text: its right origin must be the text's first item, whole.
	const right = ins.rightOrigin && itemAt(doc, ins.rightOrigin);
	return !!right && inText(right, texts) && right.left === null && right.id.clock === ins.rightOrigin?.clock;
}

/** The item holding `id`, if the document has it and it is an item (not garbage-collected). */
function itemAt(doc: Y.Doc, id: Id): Y.Item | null {
	if (id.clock >= Y.getState(doc.store, id.client)) return null;
	const structs = doc.store.clients.get(id.client);
	if (!structs) return null;
	const struct = structs[Y.findIndexSS(structs, id.clock)];
	return struct instanceof Y.Item ? struct : null;
}

function deletesCheaply(doc: Y.Doc, deletes: Parsed['deletes'], texts: Root): boolean {
	let clocks = 0;
	let items = 0;
	for (const { client, clock, len } of deletes) {
		clocks += len;
		if (clocks > CHEAP_DELETE_MAX_CLOCKS || clock + len > Y.getState(doc.store, client)) return false;
		const structs = doc.store.clients.get(client);
		if (!structs) return false;
		for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < clock + len; i++) {
			if (++items > CHEAP_DELETE_MAX_ITEMS) return false;
			const s = structs[i];
			// Garbage-collected already: deleting it again changes nothing.
			if (s instanceof Y.Item && !inText(s, texts)) return false;
		}
	}
	return true;
}

function sameId(a: Id | null, b: Id): boolean {
	return a !== null && a.client === b.client && a.clock === b.clock;
}

function parse(update: Uint8Array): Parsed | null {
	const r = new StrictBytes(update);
	const readId = (): Id => ({ client: r.uint(), clock: r.uint() });
	try {
		const clients = r.uint();
		if (clients > 1) return null;
		let insertion: Insertion | null = null;
		if (clients === 1) {
			if (r.uint() !== 1) return null;
			const id = readId();
			const info = r.byte();
			if ((info & CONTENT) !== CONTENT_STRING || (info & HAS_PARENT_SUB) !== 0) return null;
			if ((info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) return null;
			const origin = info & HAS_ORIGIN ? readId() : null;
			const rightOrigin = info & HAS_RIGHT_ORIGIN ? readId() : null;
			if (r.stringLength() === 0) return null;
			insertion = { id, origin, rightOrigin };
		}
		const deletes: Parsed['deletes'] = [];
		const dsClients = r.uint();
		if (dsClients > CHEAP_DELETE_MAX_RANGES) return null;
		for (let c = 0; c < dsClients; c++) {
			const client = r.uint();
			const ranges = r.uint();
			if (deletes.length + ranges > CHEAP_DELETE_MAX_RANGES) return null;
			for (let i = 0; i < ranges; i++) {
				const clock = r.uint();
				const len = r.uint();
				if (len === 0) return null;
				deletes.push({ client, clock, len });
			}
		}
		return r.done ? { insertion, deletes } : null;
	} catch (err) {
		if (err === NOT_READ) return null;
		throw err;
	}
}
