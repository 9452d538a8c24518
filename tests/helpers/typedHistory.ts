import * as Y from 'yjs';
import { filesOf } from '../../src/lib/shared/codeDoc.js';
import type { NewLogEntry } from '../../server/domain/types.js';

/**
 * A code document's history as the log holds it: `text` typed into `problemId`'s buffer one
 * character per update by `actor`, as a candidate types it (for the tests that need a long
 * recording without typing it through a socket for minutes).
 */
export function typedHistory(
	interviewId: string,
	actor: string,
	problemId: string,
	text: string,
	t0 = Date.now()
): NewLogEntry[] {
	const doc = new Y.Doc();
	const out: NewLogEntry[] = [];
	let t = t0;
	doc.on('update', (update: Uint8Array) => out.push({ interviewId, t: t++, kind: 'yjs', doc: 'code', actor, update }));
	const buffer = new Y.Text();
	filesOf(doc).set(problemId, buffer);
	for (let i = 0; i < text.length; i++) buffer.insert(i, text[i]);
	doc.destroy();
	return out;
}
