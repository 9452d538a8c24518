/**
 * describeUpdate's fast path (issue 11): reads a Yjs update (v1) byte by byte and builds nothing
 * it does not need. Yjs's own decoder makes an object of every struct, a string of every key
 * and an object of every canvas element; the player ran it over every entry of a recording
 * while loading, which was half of the load.
 *
 * It is strict rather than complete: at anything it does not read (JSON, embed, format and
 * subdocument contents, an unknown kind, a length past the end, invalid UTF-8, bytes after the
 * delete set, nesting past MAX_DEPTH) it returns null and the caller asks Yjs. So whatever it
 * accepts is what Yjs's decoder reads without error, and its answer is the same (the tests
 * compare both on every update of random sessions, and on damaged copies of them).
 */
import type { CursorMark, UpdateInfo } from './updateInfo.js';
import { CONTENT, HAS_ORIGIN, HAS_PARENT_SUB, HAS_RIGHT_ORIGIN, NOT_READ, StrictBytes } from '../yjs/StrictBytes.js';

/** Deeper values go to Yjs, whose recursive reader sets its own limit. */
const MAX_DEPTH = 32;

const SKIP = 10;

/** lib0's readAny, skipped: tags 127 (undefined) down to 116 (bytes). */
function skipAny(r: StrictBytes, depth: number): void {
	if (depth > MAX_DEPTH) throw NOT_READ;
	const tag = r.byte();
	switch (tag) {
		case 127: // undefined
		case 126: // null
		case 121: // false
		case 120: // true
			return;
		case 125:
			return r.skipInt();
		case 124:
			return r.skip(4);
		case 123: // float64
		case 122: // bigint64
			return r.skip(8);
		case 119:
			r.stringLength();
			return;
		case 118: {
			const keys = r.uint();
			for (let i = 0; i < keys; i++) {
				r.stringLength();
				skipAny(r, depth + 1);
			}
			return;
		}
		case 117: {
			const items = r.uint();
			for (let i = 0; i < items; i++) skipAny(r, depth + 1);
			return;
		}
		case 116:
			return r.skip(r.uint());
		default:
			throw NOT_READ;
	}
}

/** What describeUpdate says of `update`, or null when Yjs's decoder must read it. */
export function skimUpdate(update: Uint8Array): UpdateInfo | null {
	const r = new StrictBytes(update);
	const info: UpdateInfo = { insertedChars: 0, cursor: null, activeProblem: null };
	try {
		const sections = r.uint();
		for (let s = 0; s < sections; s++) readSection(r, info);
		const deleted = firstDeleted(r);
		if (!r.done) return null;
		info.cursor ??= deleted;
		return info;
	} catch (err) {
		if (err === NOT_READ) return null;
		throw err;
	}
}

/** One client's structs: their clocks follow on from the section's first. */
function readSection(r: StrictBytes, info: UpdateInfo): void {
	const structs = r.uint();
	const client = r.uint();
	let clock = r.uint();
	for (let i = 0; i < structs; i++) {
		const bits = r.byte();
		if (bits === SKIP || (bits & CONTENT) === 0) {
			clock += r.uint(); // Skip, GC
			continue;
		}
		if (bits & HAS_ORIGIN) r.skipId();
		if (bits & HAS_RIGHT_ORIGIN) r.skipId();
		if ((bits & (HAS_ORIGIN | HAS_RIGHT_ORIGIN)) === 0) {
			// The parent: a root's name, or the id of the item holding it.
			if (r.uint() === 1) r.stringLength();
			else r.skipId();
			if (bits & HAS_PARENT_SUB) r.stringLength();
		}
		clock += readContent(r, bits & CONTENT, client, clock, info);
	}
}

/** Reads one item's content and returns its length in clocks, as Yjs counts it. */
function readContent(r: StrictBytes, kind: number, client: number, clock: number, info: UpdateInfo): number {
	switch (kind) {
		case 1: // deleted
			return r.uint();
		case 3: // binary
			r.skip(r.uint());
			return 1;
		case 4: {
			const chars = r.stringLength();
			info.insertedChars += chars;
			info.cursor = { client, clock: clock + chars - 1, after: true };
			return chars;
		}
		case 7: {
			const type = r.uint();
			if (type > 6) throw NOT_READ;
			if (type === 3 || type === 5) r.stringLength(); // an XML element's or hook's name
			return 1;
		}
		case 8: {
			const values = r.uint();
			for (let i = 0; i < values; i++) {
				if (i === 0 && r.peek() === 119) {
					r.byte();
					info.activeProblem = r.string();
				} else skipAny(r, 0);
			}
			return values;
		}
		default:
			throw NOT_READ;
	}
}

/** The delete set; where a deletion-only update leaves its author's cursor (the first range). */
function firstDeleted(r: StrictBytes): CursorMark | null {
	let first: CursorMark | null = null;
	const clients = r.uint();
	for (let c = 0; c < clients; c++) {
		const client = r.uint();
		const ranges = r.uint();
		for (let i = 0; i < ranges; i++) {
			const clock = r.uint();
			r.uint();
			first ??= { client, clock, after: false };
		}
	}
	return first;
}
