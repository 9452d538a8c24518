/**
 * The interview log: what every entry is (declared once, here), and its NDJSON form (the
 * DESIGN.md contract), one entry per line, in `seq` order:
 *   { "seq", "t", "kind": "yjs", "doc", "update": base64 }
 *   { "seq", "t", "kind": "event", "type", "actor", "data" }
 */
import { z } from 'zod';
import { toBase64, fromBase64 } from 'lib0/buffer';
import { DOC_NAMES, type DocName } from './protocol.js';
import { RoomEventSchema, type RoomEvent } from './room/roomEvents.js';

/** One entry, at the server's time `t`: a Yjs update of a document, or a room event. */
export type LogRecord = (
	{ kind: 'yjs'; doc: DocName; actor: string; update: Uint8Array } | ({ kind: 'event' } & RoomEvent)
) & { t: number };

/** An entry the server is about to append to an interview's log. */
export type NewLogEntry = LogRecord & { interviewId: string };
/** A stored entry: `seq` is its place in the interview's log (1, 2, 3…). */
export type LogEntry = NewLogEntry & { seq: number };
/** A line of the recording: a stored entry without the interview it belongs to. */
export type RecordedEntry = LogRecord & { seq: number };

const header = { seq: z.number().int().positive(), t: z.number() };

/** A line as it is on the wire, before its update is decoded and its event validated. */
export const RecordingLineSchema = z.discriminatedUnion('kind', [
	z.object({
		...header,
		kind: z.literal('yjs'),
		doc: z.enum(DOC_NAMES),
		actor: z.string().optional(),
		update: z.string()
	}),
	z.object({ ...header, kind: z.literal('event'), type: z.string(), actor: z.string(), data: z.unknown() })
]);
export type RecordingLine = z.infer<typeof RecordingLineSchema>;

/** The event of an event line, validated against its type's schema. */
export function parseRecordedEvent(line: Extract<RecordingLine, { kind: 'event' }>) {
	return RoomEventSchema.safeParse({ type: line.type, actor: line.actor, data: line.data });
}

export function toRecordingLine(e: RecordedEntry): string {
	if (e.kind === 'yjs') {
		return JSON.stringify({ seq: e.seq, t: e.t, kind: 'yjs', doc: e.doc, actor: e.actor, update: toBase64(e.update) });
	}
	return JSON.stringify({ seq: e.seq, t: e.t, kind: 'event', type: e.type, actor: e.actor, data: e.data });
}

export { toBase64, fromBase64 };
