import { DOC_NAMES } from '../../src/lib/shared/protocol.js';
import { turn } from '../system/timers.js';
import type { LogEntry } from '../domain/types.js';

/**
 * A recording packed for a worker thread: its updates in one buffer, its numbers in typed arrays,
 * its few events as one JSON text. postMessage copies tens of thousands of small objects one by
 * one on the sending thread (45 ms for 20,000 entries, a stall of every room); these buffers are
 * handed over without a copy, and packing them is one pass of typed-array writes.
 */
export interface PackedEntries {
	interviewId: string;
	seq: Float64Array;
	t: Float64Array;
	/** An update's document (its index in DOC_NAMES), or EVENT. */
	kind: Uint8Array;
	/** Each entry's author, an index into `actors`. */
	actor: Uint32Array;
	actors: string[];
	/** Where each entry's update ends in `bytes` (an event's is empty). */
	ends: Uint32Array;
	bytes: Uint8Array;
	/** The events' [type, data], in order. */
	events: string;
}

const EVENT = 255;
/** Entries packed per turn of the event loop: 20,000 in one go held the rooms up for 20–40 ms. */
export const PACK_ENTRIES_PER_TURN = 2000;

export async function packEntries(entries: LogEntry[]): Promise<PackedEntries> {
	const n = entries.length;
	const p = {
		interviewId: entries[0]?.interviewId ?? '',
		seq: new Float64Array(n),
		t: new Float64Array(n),
		kind: new Uint8Array(n),
		actor: new Uint32Array(n),
		actors: [] as string[],
		ends: new Uint32Array(n)
	};
	const actorIndex = new Map<string, number>();
	const events: [string, unknown][] = [];
	let size = 0;
	for (const e of entries) if (e.kind === 'yjs') size += e.update.length;
	const bytes = new Uint8Array(size);
	let at = 0;
	for (let i = 0; i < n; i++) {
		if (i > 0 && i % PACK_ENTRIES_PER_TURN === 0) await turn();
		const e = entries[i];
		p.seq[i] = e.seq;
		p.t[i] = e.t;
		let a = actorIndex.get(e.actor);
		if (a === undefined) actorIndex.set(e.actor, (a = p.actors.push(e.actor) - 1));
		p.actor[i] = a;
		if (e.kind === 'yjs') {
			p.kind[i] = DOC_NAMES.indexOf(e.doc);
			bytes.set(e.update, at);
			at += e.update.length;
		} else {
			p.kind[i] = EVENT;
			events.push([e.type, e.data]);
		}
		p.ends[i] = at;
	}
	return { ...p, bytes, events: JSON.stringify(events) };
}

/** What to transfer (not copy) with a packed recording. */
export function transferables(p: PackedEntries): ArrayBuffer[] {
	return [p.seq, p.t, p.kind, p.actor, p.ends, p.bytes].map((a) => a.buffer as ArrayBuffer);
}

export function unpackEntries(p: PackedEntries): LogEntry[] {
	const events = JSON.parse(p.events) as [string, unknown][];
	let nextEvent = 0;
	let from = 0;
	const out: LogEntry[] = new Array(p.seq.length);
	for (let i = 0; i < p.seq.length; i++) {
		const base = { interviewId: p.interviewId, seq: p.seq[i], t: p.t[i], actor: p.actors[p.actor[i]] };
		const end = p.ends[i];
		if (p.kind[i] === EVENT) {
			const [type, data] = events[nextEvent++];
			out[i] = { ...base, kind: 'event', type, data } as LogEntry;
		} else {
			out[i] = { ...base, kind: 'yjs', doc: DOC_NAMES[p.kind[i]], update: p.bytes.subarray(from, end) };
		}
		from = end;
	}
	return out;
}
