import * as Y from 'yjs';
import { ANONYMOUS_CANDIDATE } from '../../../src/lib/shared/replay/bundle.js';
import type { DocName } from '../../../src/lib/shared/protocol.js';
import type { NameRedactor } from './NameRedactor.js';

export interface DocUpdate {
	seq: number;
	actor: string;
	update: Uint8Array;
}

export interface AnonymisedDocHistory {
	/** seq → the update served instead of the recorded one (an empty update when nothing shown changed). */
	updates: Map<number, Uint8Array>;
	/** seq → the full state (v1) after that update, for the seqs asked for (checkpoints). */
	states: Map<number, Uint8Array>;
}

/** Top-level maps of each document (src/lib/shared/codeDoc.ts, canvas/README.md). */
const TOP_LEVEL: Record<DocName, string[]> = { code: ['files', 'state'], canvas: ['elements', 'deleted', 'files'] };
/** Canvas element fields that hold what people wrote; every other field is geometry, style or an id. */
const CANVAS_TEXT_FIELDS = ['text', 'originalText', 'name', 'link'];
/** An update that does not decode: the player reports the log as damaged from there (REPLAY-3). */
const UNREADABLE = new Uint8Array([0xff]);
const EMPTY = Y.encodeStateAsUpdate(new Y.Doc());

/**
 * REPLAY-7 for document text: a new history of the document in which the name was never typed.
 * Each recorded update is applied to a copy of the server's document; the text that copy shows,
 * with the name redacted, is then written into a second document by the same author (one client id
 * per participant), and that document's update is what the reviewer gets for this seq. So at every
 * seq the reviewer's document is the server's minus the name, cursors follow each author's edits,
 * and no update or checkpoint carries the name in any encoding.
 *
 * A name typed one keystroke at a time would show its first letters ("Da") before it is a whole
 * word. A first pass therefore finds every character that is ever part of the name (by its Yjs id)
 * and every canvas element whose text ever holds it; the second pass hides those characters and
 * those elements' name prefixes from the start.
 */
export function anonymiseDocHistory(
	doc: DocName,
	entries: DocUpdate[],
	redactor: NameRedactor,
	statesAt: ReadonlySet<number> = new Set()
): AnonymisedDocHistory {
	const marks = findNameMarks(doc, entries, redactor, statesAt);
	// A document that never shows the name (the usual case) is served as it was recorded.
	if (!marks.found) return { updates: new Map(entries.map((e) => [e.seq, e.update])), states: marks.states };
	const source = withMaps(doc);
	const target = withMaps(doc);
	const watch = watchChanges(source);
	const clients = new Map<string, number>();
	let captured: Uint8Array[] = [];
	target.on('update', (u: Uint8Array) => captured.push(u));
	const out: AnonymisedDocHistory = { updates: new Map(), states: new Map() };
	let broken = false;
	const mirror = new Mirror(doc, source, target, redactor, marks);
	for (const e of entries) {
		if (!broken && !tryApply(source, e.update)) broken = true;
		if (broken) {
			out.updates.set(e.seq, UNREADABLE);
			continue;
		}
		if (!clients.has(e.actor)) clients.set(e.actor, clients.size + 1);
		target.clientID = clients.get(e.actor)!;
		target.transact(() => watch.drain((map, key) => mirror.syncKey(map, key)));
		out.updates.set(e.seq, captured.length > 0 ? Y.mergeUpdates(captured) : EMPTY);
		captured = [];
		if (statesAt.has(e.seq)) out.states.set(e.seq, Y.encodeStateAsUpdate(target));
	}
	return out;
}

interface NameMarks {
	/** Whether the name shows anywhere in the document at some moment. */
	found: boolean;
	/** The recorded states at the seqs asked for (what is served when the name is never found). */
	states: Map<number, Uint8Array>;
	/** Per Yjs client, the clocks of its characters that are part of the name at some moment. */
	chars: NameChars;
	/** Canvas elements whose text holds the name at some moment. */
	elements: Set<string>;
}

function findNameMarks(
	doc: DocName,
	entries: DocUpdate[],
	redactor: NameRedactor,
	statesAt: ReadonlySet<number>
): NameMarks {
	const marks: NameMarks = { found: false, states: new Map(), chars: new Map(), elements: new Set() };
	const source = withMaps(doc);
	const watch = watchChanges(source);
	for (const e of entries) {
		if (!tryApply(source, e.update)) {
			marks.found = true; // the rest is withheld: served as unreadable by the rewrite
			break;
		}
		watch.drain((map, key) => {
			const v = map.get(key);
			if (v instanceof Y.Text) {
				if (markNameChars(v, redactor, marks.chars)) marks.found = true;
			} else if (doc === 'canvas' && isObject(v) && CANVAS_TEXT_FIELDS.some((f) => redactor.test(String(v[f] ?? '')))) {
				marks.elements.add(key);
				marks.found = true;
			} else if (typeof v === 'string' && redactor.test(v)) {
				marks.found = true;
			}
		});
		if (statesAt.has(e.seq)) marks.states.set(e.seq, Y.encodeStateAsUpdate(source));
	}
	return marks;
}

/** The Yjs internals a text is walked by (yjs 13: a linked list of items). */
interface TextItem {
	right: TextItem | null;
	deleted: boolean;
	id: { client: number; clock: number };
	content: { str?: string };
}

/** Visits the text's live strings in order; a visitor answering `false` stops the walk. */
function liveStrings(text: Y.Text, visit: (item: TextItem, str: string) => boolean | void): void {
	for (let item = (text as unknown as { _start: TextItem | null })._start; item; item = item.right) {
		if (!item.deleted && typeof item.content.str === 'string' && visit(item, item.content.str) === false) return;
	}
}

type NameChars = Map<number, Set<number>>;

/** Adds the ids of the text's characters that are part of the name now; answers whether there were any. */
function markNameChars(text: Y.Text, redactor: NameRedactor, chars: NameChars): boolean {
	const ranges = redactor.matches(text.toString());
	if (ranges.length === 0) return false;
	const lastEnd = ranges[ranges.length - 1][1];
	let index = 0;
	liveStrings(text, (item, str) => {
		const start = index;
		if (start >= lastEnd) return false; // past the last match: nothing more to mark
		index += str.length;
		for (const [a, b] of ranges) {
			const from = Math.max(a, start);
			const to = Math.min(b, index);
			if (from >= to) continue;
			let clocks = chars.get(item.id.client);
			if (!clocks) chars.set(item.id.client, (clocks = new Set()));
			for (let i = from; i < to; i++) clocks.add(item.id.clock + (i - start));
		}
	});
	return true;
}

/** The text as shown, each run of name characters one "Candidate", then any other match redacted. */
function renderText(text: Y.Text, redactor: NameRedactor, chars: NameChars): string {
	if (chars.size === 0) return redactor.redact(text.toString());
	const out: string[] = [];
	let inName = false;
	liveStrings(text, (item, str) => {
		const clocks = chars.get(item.id.client);
		if (!clocks) {
			out.push(str);
			inName = false;
			return;
		}
		let plainFrom = 0;
		for (let i = 0; i < str.length; i++) {
			const isName = clocks.has(item.id.clock + i);
			if (isName && !inName) {
				out.push(str.slice(plainFrom, i), ANONYMOUS_CANDIDATE);
			} else if (!isName && inName) {
				plainFrom = i;
			}
			inName = isName;
		}
		if (!inName) out.push(str.slice(plainFrom));
	});
	return redactor.redact(out.join(''));
}

/** Writes what changed in the source document, redacted, into the target. */
class Mirror {
	constructor(
		private readonly doc: DocName,
		private readonly source: Y.Doc,
		private readonly target: Y.Doc,
		private readonly redactor: NameRedactor,
		private readonly marks: NameMarks
	) {}

	syncKey(map: Y.Map<unknown>, key: string): void {
		const name = TOP_LEVEL[this.doc].find((n) => this.source.getMap(n) === map);
		if (!name) return; // nothing outside the schema is mirrored, so nothing of it can leak
		const to = this.target.getMap(name);
		const value = map.get(key);
		if (value === undefined) {
			if (to.has(key)) to.delete(key);
		} else if (value instanceof Y.Text) {
			let text = to.get(key);
			if (!(text instanceof Y.Text)) to.set(key, (text = new Y.Text()));
			replaceChanged(text as Y.Text, renderText(value, this.redactor, this.marks.chars));
		} else if (!(value instanceof Y.AbstractType)) {
			const shown = this.redactValue(name, key, value);
			if (JSON.stringify(to.get(key)) !== JSON.stringify(shown)) to.set(key, shown);
		}
	}

	private redactValue(map: string, key: string, value: unknown): unknown {
		if (this.doc === 'code' && map === 'files' && typeof value === 'string') return this.redactor.redact(value);
		if (this.doc !== 'canvas' || map !== 'elements' || !isObject(value)) return value; // ids, versions, images
		const withPrefixes = this.marks.elements.has(key);
		const copy: Record<string, unknown> = { ...value };
		for (const f of CANVAS_TEXT_FIELDS) {
			if (typeof copy[f] === 'string') {
				copy[f] = withPrefixes ? this.redactor.redactWithPrefixes(copy[f]) : this.redactor.redact(copy[f]);
			}
		}
		return copy;
	}
}

/** The smallest edit from the text's content to `next`: one delete and one insert between common ends. */
function replaceChanged(text: Y.Text, next: string): void {
	const cur = text.toString();
	if (cur === next) return;
	const max = Math.min(cur.length, next.length);
	// Binary searches on native string comparison: a keystroke in a long buffer stays cheap.
	const start = longest(max, (n) => cur.startsWith(next.slice(0, n)));
	const end = longest(max - start, (n) => cur.endsWith(next.slice(next.length - n)));
	if (cur.length - start - end > 0) text.delete(start, cur.length - start - end);
	if (next.length - start - end > 0) text.insert(start, next.slice(start, next.length - end));
}

/** The largest n in [0, max] for which `holds(n)`, given that it holds for every smaller n. */
function longest(max: number, holds: (n: number) => boolean): number {
	let lo = 0;
	let hi = max;
	while (lo < hi) {
		const mid = Math.ceil((lo + hi) / 2);
		if (holds(mid)) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}

function withMaps(doc: DocName): Y.Doc {
	const d = new Y.Doc();
	for (const name of TOP_LEVEL[doc]) d.getMap(name);
	return d;
}

/** Collects (map, key) pairs changed by transactions; a changed text counts as its key in its map. */
function watchChanges(doc: Y.Doc) {
	const changed = new Map<Y.Map<unknown>, Set<string>>();
	const add = (map: Y.Map<unknown>, key: string) => {
		let keys = changed.get(map);
		if (!keys) changed.set(map, (keys = new Set()));
		keys.add(key);
	};
	doc.on('afterTransaction', (tr: Y.Transaction) => {
		for (const [type, keys] of tr.changed) {
			if (type instanceof Y.Map) for (const k of keys) if (k !== null) add(type, k);
			const item = type._item;
			if (type instanceof Y.Text && item && item.parent instanceof Y.Map && item.parentSub)
				add(item.parent, item.parentSub);
		}
	});
	return {
		drain(visit: (map: Y.Map<unknown>, key: string) => void) {
			for (const [map, keys] of changed) for (const k of keys) visit(map, k);
			changed.clear();
		}
	};
}

function tryApply(doc: Y.Doc, update: Uint8Array): boolean {
	try {
		Y.applyUpdate(doc, update);
		return true;
	} catch {
		return false;
	}
}

function isObject(v: unknown): v is Record<string, unknown> {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}
