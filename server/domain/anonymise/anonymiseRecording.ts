import { toRecordingLine } from '../../../src/lib/shared/recording.js';
import { DOC_NAMES, type DocName } from '../../../src/lib/shared/protocol.js';
import type { LogEntry } from '../types.js';
import { anonymiseDocHistory, type DocUpdate } from './anonymiseDocHistory.js';
import { NameRedactor } from './NameRedactor.js';
import { redactEventData } from './redactEventData.js';

export interface AnonymisedRecording {
	/** NDJSON lines in seq order, in the format of /recording. */
	lines: string[];
	/** Full states (v1) of the anonymised documents at the seqs asked for. */
	checkpoints: { doc: DocName; seq: number; state: Uint8Array }[];
}

/**
 * REPLAY-7: the whole recording as an anonymised reviewer gets it. Event data has every free-text
 * string redacted (printed output and test messages included; ids, roles and problem ids kept);
 * each document's updates are rewritten so that no moment of it shows the name (see
 * anonymiseDocHistory). Entries keep their seq, time, kind and author, so the replay is the same
 * minus the name.
 */
export function anonymiseRecording(
	entries: LogEntry[],
	candidateName: string,
	checkpointsAt: { doc: DocName; seq: number }[] = []
): AnonymisedRecording {
	const redactor = new NameRedactor(candidateName);
	const updates = new Map<number, Uint8Array>();
	const checkpoints: AnonymisedRecording['checkpoints'] = [];
	for (const doc of DOC_NAMES) {
		const ofDoc: DocUpdate[] = entries.flatMap((e) => (e.kind === 'yjs' && e.doc === doc ? [e] : []));
		const at = new Set(checkpointsAt.filter((c) => c.doc === doc).map((c) => c.seq));
		const history = anonymiseDocHistory(doc, ofDoc, redactor, at);
		for (const [seq, u] of history.updates) updates.set(seq, u);
		for (const [seq, state] of history.states) checkpoints.push({ doc, seq, state });
	}
	const lines = entries.map((e) =>
		e.kind === 'yjs'
			? toRecordingLine({ ...e, update: updates.get(e.seq)! })
			: // Redacting free text keeps each field's type: the event stays of its type.
				toRecordingLine({ ...e, data: redactEventData(e.data, redactor) } as typeof e)
	);
	return { lines, checkpoints: checkpoints.sort((a, b) => a.seq - b.seq) };
}
