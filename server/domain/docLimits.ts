import type { DocName } from '../../src/lib/shared/protocol.js';
import type { Clock } from './ports.js';
import { WindowBudget } from './WindowBudget.js';

/**
 * QUOTA-1: how large a document may grow, counted as the bytes of its stored state and every
 * update since. A two-hour interview of steady typing writes about 1.5 MB of code updates; the
 * canvas holds up to 40 images of 560 KB. An update past the limit closes the connection (4413)
 * with the limit in words; the document, and everyone else, is unharmed.
 */
export const MAX_DOC_BYTES: Record<DocName, number> = {
	code: 8 * 1024 * 1024,
	canvas: 48 * 1024 * 1024
};

/** QUOTA-2: one awareness state (a cursor, a selection, a name) is small; this is generous. */
export const MAX_AWARENESS_STATE_CHARS = 8 * 1024;

/**
 * LIMIT-2: a sync request costs the server the whole difference between its document and the
 * client's state vector. Each connection may be answered this many bytes per window; a client
 * that asks again and again (amplification) is cut off, one that asks once per reconnect never.
 */
export const SYNC_ANSWER_WINDOW_MS = 10_000;
/**
 * LIMIT-7: presence bytes one connection may send per window. A cursor update is a few hundred
 * bytes and Monaco sends at most a few dozen a second: 256 KiB in 10 s is ten times that.
 */
export const MAX_PRESENCE_BYTES_PER_WINDOW = 256 * 1024;
export const PRESENCE_WINDOW_MS = 10_000;
export const MAX_SYNC_ANSWER_BYTES_PER_WINDOW = 32 * 1024 * 1024;

/** A connection's byte budget (LIMIT-2, LIMIT-7): the first answer of a window is always sent. */
export class SyncBudget extends WindowBudget {
	constructor(clock: Clock, maxBytes = MAX_SYNC_ANSWER_BYTES_PER_WINDOW, windowMs = SYNC_ANSWER_WINDOW_MS) {
		super(clock, maxBytes, windowMs, true);
	}
}

export function megabytes(bytes: number): string {
	return `${Math.round(bytes / (1024 * 1024))} MB`;
}
