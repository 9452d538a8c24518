import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';

/** y-websocket message types (the wire protocol of the stock WebsocketProvider). */
export const MESSAGE_SYNC = 0;
export const MESSAGE_QUERY_AWARENESS = 3;

/** The server's opening: its state vector, so the client answers with what the server lacks. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
	return encoding.encode((enc) => {
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeSyncStep1(enc, doc);
	});
}

/** The answer to a client's state vector: everything it lacks. */
export function syncStep2Message(missing: Uint8Array): Uint8Array {
	return encoding.encode((enc) => {
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		encoding.writeVarUint(enc, syncProtocol.messageYjsSyncStep2);
		encoding.writeVarUint8Array(enc, missing);
	});
}

export function updateMessage(update: Uint8Array): Uint8Array {
	return encoding.encode((enc) => {
		encoding.writeVarUint(enc, MESSAGE_SYNC);
		syncProtocol.writeUpdate(enc, update);
	});
}
