/**
 * The recording's NDJSON format (DESIGN.md contract), one entry per line, in `seq` order:
 *   { "seq", "t", "kind": "yjs", "doc", "update": base64 }
 *   { "seq", "t", "kind": "event", "type", "actor", "data" }
 */
import { z } from 'zod';
import { toBase64, fromBase64 } from 'lib0/buffer';
import { DOC_NAMES } from './protocol.js';

export const RecordingLineSchema = z.discriminatedUnion('kind', [
	z.object({
		seq: z.number().int().positive(),
		t: z.number(),
		kind: z.literal('yjs'),
		doc: z.enum(DOC_NAMES),
		actor: z.string().optional(),
		update: z.string()
	}),
	z.object({
		seq: z.number().int().positive(),
		t: z.number(),
		kind: z.literal('event'),
		type: z.string(),
		actor: z.string(),
		data: z.unknown()
	})
]);
export type RecordingLine = z.infer<typeof RecordingLineSchema>;

type Entry =
	| { seq: number; t: number; kind: 'yjs'; doc: string; actor: string; update: Uint8Array }
	| { seq: number; t: number; kind: 'event'; type: string; actor: string; data: unknown };

export function toRecordingLine(e: Entry): string {
	if (e.kind === 'yjs') {
		return JSON.stringify({ seq: e.seq, t: e.t, kind: 'yjs', doc: e.doc, actor: e.actor, update: toBase64(e.update) });
	}
	return JSON.stringify({ seq: e.seq, t: e.t, kind: 'event', type: e.type, actor: e.actor, data: e.data });
}

export { toBase64, fromBase64 };
