/**
 * What a recorded Yjs update of the code document did, read from its encoding alone (no
 * document needed): how many characters it inserted, where its author's cursor ended up, and
 * whether it switched the active problem. The replay builds its markers and cursors from it;
 * the server uses `insertedChars` to notice large pastes (candidate signals).
 */
import * as Y from 'yjs';
import { skimUpdate } from './skimUpdate.js';

export interface CursorMark {
	/** The Yjs id of the character the cursor sits next to. */
	client: number;
	clock: number;
	/** True: after that character (an insert); false: where it was (a deletion). */
	after: boolean;
}

export interface UpdateInfo {
	insertedChars: number;
	cursor: CursorMark | null;
	/** The code document holds plain values only in `state.activeProblem`: a string set there. */
	activeProblem: string | null;
}

interface DecodedItem {
	id: { client: number; clock: number };
	length: number;
	content: { str?: string; arr?: unknown[]; constructor: { name: string } };
}

/**
 * Throws when the bytes are not a Yjs update (a damaged log entry). The skimmer answers for
 * the updates it reads (almost all); Yjs's decoder for the rest.
 */
export function describeUpdate(update: Uint8Array): UpdateInfo {
	return skimUpdate(update) ?? describeWithYjs(update);
}

/** describeUpdate by Yjs's own decoder: what the skimmer must agree with. */
export function describeWithYjs(update: Uint8Array): UpdateInfo {
	const { structs, ds } = Y.decodeUpdate(update) as unknown as {
		structs: (DecodedItem | { content?: undefined })[];
		ds: { clients: Map<number, { clock: number; len: number }[]> };
	};
	let insertedChars = 0;
	let cursor: CursorMark | null = null;
	let activeProblem: string | null = null;
	for (const s of structs) {
		const item = s as DecodedItem;
		const content = item.content;
		if (!content) continue; // GC or Skip
		if (typeof content.str === 'string') {
			insertedChars += content.str.length;
			cursor = { client: item.id.client, clock: item.id.clock + item.length - 1, after: true };
		} else if (Array.isArray(content.arr) && typeof content.arr[0] === 'string') {
			activeProblem = content.arr[0] as string;
		}
	}
	if (!cursor) {
		for (const [client, ranges] of ds.clients) {
			if (ranges.length > 0) {
				cursor = { client, clock: ranges[0].clock, after: false };
				break;
			}
		}
	}
	return { insertedChars, cursor, activeProblem };
}

/** Characters a code-document update inserted (0 for anything unreadable). */
export function insertedChars(update: Uint8Array): number {
	try {
		return describeUpdate(update).insertedChars;
	} catch {
		return 0;
	}
}
