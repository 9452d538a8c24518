/**
 * Reads a recording (the DESIGN.md NDJSON contract) into replay entries. A damaged or cut-off
 * log does not stop the replay: parsing stops at the first bad entry and reports it, naming
 * the interview and the entry, and everything before it is kept.
 */
import {
	RecordingLineSchema,
	fromBase64,
	parseRecordedEvent,
	type RecordedEntry,
	type RecordingLine
} from '../recording.js';
import { DOC_NAMES } from '../protocol.js';
import { describeUpdate, type UpdateInfo } from './updateInfo.js';

/** A recorded entry; a code update also carries what it says about cursors, pastes and switches. */
export type ReplayEntry =
	(Extract<RecordedEntry, { kind: 'yjs' }> & { info: UpdateInfo | null }) | Extract<RecordedEntry, { kind: 'event' }>;

export class ReplayLogError extends Error {
	constructor(
		readonly interviewId: string,
		/** The entry at fault (the one that is damaged or missing). */
		readonly seq: number,
		readonly reason: string
	) {
		super(
			`The recording of interview "${interviewId}" is damaged at entry ${seq}: ${reason}. The replay shows everything before it.`
		);
		this.name = 'ReplayLogError';
	}
}

export interface ParsedRecording {
	entries: ReplayEntry[];
	error: ReplayLogError | null;
}

type YjsLine = Extract<RecordingLine, { kind: 'yjs' }>;

/**
 * The shape of almost every line (a Yjs update as the server writes it), checked by hand: zod's
 * interpreter (the page runs it without its compiler, see hooks.client.ts) costs more than the
 * rest of the parse on a long log. It accepts only lines the schema accepts; anything else,
 * events and damage included, goes through RecordingLineSchema, which names what is wrong.
 */
export function isPlainYjsLine(raw: unknown): raw is YjsLine {
	if (typeof raw !== 'object' || raw === null) return false;
	const r = raw as Record<string, unknown>;
	return (
		r.kind === 'yjs' &&
		Number.isSafeInteger(r.seq) &&
		(r.seq as number) > 0 &&
		typeof r.t === 'number' &&
		Number.isFinite(r.t) &&
		(DOC_NAMES as readonly unknown[]).includes(r.doc) &&
		typeof r.update === 'string' &&
		(r.actor === undefined || typeof r.actor === 'string')
	);
}

export function parseRecording(interviewId: string, ndjson: string): ParsedRecording {
	const entries: ReplayEntry[] = [];
	const lines = ndjson.split('\n');
	let expected = 1;
	const fail = (reason: string): ParsedRecording => ({
		entries,
		error: new ReplayLogError(interviewId, expected, reason)
	});
	for (let i = 0; i < lines.length; i++) {
		const line = lines[i];
		if (line.trim() === '') {
			if (i === lines.length - 1) break;
			continue;
		}
		let raw: unknown;
		try {
			raw = JSON.parse(line);
		} catch {
			return fail(i === lines.length - 1 ? 'the log ends in the middle of an entry' : 'the entry is not valid JSON');
		}
		let e: RecordingLine;
		if (isPlainYjsLine(raw)) e = raw;
		else {
			const parsed = RecordingLineSchema.safeParse(raw);
			if (!parsed.success) {
				const issue = parsed.error.issues[0];
				return fail(`${issue.path.join('.') || 'entry'} ${issue.message}`);
			}
			e = parsed.data;
		}
		if (e.seq !== expected) {
			return e.seq < expected ? fail(`entry ${e.seq} comes again out of order`) : fail('the entry is missing');
		}
		if (e.kind === 'yjs') {
			let update: Uint8Array;
			let info: UpdateInfo | null = null;
			try {
				update = fromBase64(e.update);
				// Only the code document's changes carry cursors, pastes and problem switches.
				info = describeUpdate(update);
				if (e.doc !== 'code') info = null;
			} catch {
				return fail('the Yjs update cannot be decoded');
			}
			entries.push({ seq: e.seq, t: e.t, kind: 'yjs', doc: e.doc, actor: e.actor ?? 'server', update, info });
		} else {
			const event = parseRecordedEvent(e);
			if (!event.success) {
				const issue = event.error.issues[0];
				return fail(`the ${e.type} event's ${issue.path.join('.') || 'data'} ${issue.message}`);
			}
			entries.push({ seq: e.seq, t: e.t, kind: 'event', ...event.data });
		}
		expected++;
	}
	return { entries, error: null };
}
