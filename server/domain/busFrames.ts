import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/** A stored document update as it travels on the bus: which process and connection it came from. */
export interface BusFrame {
	processId: string;
	originConnId: string;
	update: Uint8Array;
}

export function encodeBusFrame(f: BusFrame): Uint8Array {
	const enc = encoding.createEncoder();
	encoding.writeVarString(enc, f.processId);
	encoding.writeVarString(enc, f.originConnId);
	encoding.writeVarUint8Array(enc, f.update);
	return encoding.toUint8Array(enc);
}

export function decodeBusFrame(message: Uint8Array): BusFrame {
	const dec = decoding.createDecoder(message);
	return {
		processId: decoding.readVarString(dec),
		originConnId: decoding.readVarString(dec),
		update: decoding.readVarUint8Array(dec)
	};
}
