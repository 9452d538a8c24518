import * as Y from 'yjs';
import type { DocName } from '../../src/lib/shared/protocol.js';
import { ClientOwners } from './ClientOwners.js';
import type { LogStore } from './ports.js';

/** What a room knows once it has read its document from the log. */
export interface StoredDoc<Conn> {
	/** UPD-1: who owns each Yjs client id of the state. */
	owners: ClientOwners<Conn>;
	/** QUOTA-1: bytes of the checkpoint and every update since. */
	bytes: number;
	/** The seq of the last stored update (0: nothing stored yet). */
	lastSeq: number;
	/** Bytes of the checkpoint it started from (0: none), and what the log holds after it. */
	checkpointBytes: number;
	updatesSince: number;
	bytesSince: number;
}

/** Applies the latest checkpoint and every update after it to `doc`, in one transaction. */
export async function loadStoredDoc<Conn>(
	log: LogStore,
	interviewId: string,
	docName: DocName,
	doc: Y.Doc,
	origin: unknown
): Promise<StoredDoc<Conn>> {
	const checkpoint = await log.latestCheckpoint(interviewId, docName);
	const entries = await log.readDocUpdates(interviewId, docName, checkpoint?.seq ?? 0);
	const owners = ClientOwners.fromRecord<Conn>(checkpoint?.clients);
	let bytes = checkpoint?.state.length ?? 0;
	doc.transact(() => {
		if (checkpoint) Y.applyUpdate(doc, checkpoint.state, origin);
		for (const e of entries) {
			if (e.kind !== 'yjs') continue;
			Y.applyUpdate(doc, e.update, origin);
			owners.bindStored(e.update, e.actor);
			bytes += e.update.length;
		}
	}, origin);
	return {
		owners,
		bytes,
		lastSeq: entries.at(-1)?.seq ?? checkpoint?.seq ?? 0,
		checkpointBytes: checkpoint?.state.length ?? 0,
		updatesSince: entries.length,
		bytesSince: bytes - (checkpoint?.state.length ?? 0)
	};
}
