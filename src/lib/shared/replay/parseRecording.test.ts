import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { RecordingLineSchema, toBase64 } from '../recording.js';
import { isPlainYjsLine, parseRecording } from './parseRecording.js';

function validUpdate(): string {
	const doc = new Y.Doc();
	let update: Uint8Array = new Uint8Array();
	doc.on('update', (u: Uint8Array) => (update = u));
	doc.getText('t').insert(0, 'hi');
	return toBase64(update);
}

const good = { seq: 1, t: 1000, kind: 'yjs', doc: 'code', actor: 'p1', update: validUpdate() };

/** Lines that look almost like a Yjs line: each must be damage, named as the schema names it. */
const MALFORMED: [string, Record<string, unknown>][] = [
	['seq 0', { ...good, seq: 0 }],
	['fractional seq', { ...good, seq: 1.5 }],
	['seq as text', { ...good, seq: '1' }],
	['t as text', { ...good, t: '1000' }],
	['no t', { ...good, t: undefined }],
	['unknown document', { ...good, doc: 'notes' }],
	['actor null', { ...good, actor: null }],
	['actor a number', { ...good, actor: 7 }],
	['update a number', { ...good, update: 12 }],
	['no update', { ...good, update: undefined }],
	['unknown kind', { ...good, kind: 'yjs2' }]
];

describe('parseRecording', () => {
	it('REPLAY-3: the shortcut for plain Yjs lines accepts only what the schema accepts', () => {
		expect(isPlainYjsLine(good)).toBe(true);
		expect(parseRecording('iv', JSON.stringify(good)).error).toBeNull();
		for (const [name, line] of MALFORMED) {
			expect(isPlainYjsLine(JSON.parse(JSON.stringify(line))), name).toBe(false);
			expect(RecordingLineSchema.safeParse(JSON.parse(JSON.stringify(line))).success, name).toBe(false);
		}
	});

	it('REPLAY-3: a malformed Yjs line is damage at its entry, with the schema’s reason, and the entries before it are kept', () => {
		for (const [name, line] of MALFORMED) {
			const ndjson = [JSON.stringify(good), JSON.stringify({ ...line, seq: line.seq === 1 ? 2 : line.seq })].join('\n');
			const { entries, error } = parseRecording('iv-bad', ndjson);
			expect(entries.length, name).toBe(1);
			expect(error?.seq, name).toBe(2);
			expect(error?.message, name).toContain('interview "iv-bad" is damaged at entry 2');
			const schemaIssue = RecordingLineSchema.safeParse({ ...line, seq: line.seq === 1 ? 2 : line.seq });
			if (!schemaIssue.success) {
				const issue = schemaIssue.error.issues[0];
				expect(error?.reason, name).toBe(`${issue.path.join('.') || 'entry'} ${issue.message}`);
			}
		}
	});
});
