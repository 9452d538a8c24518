import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { ParticipantView } from '../../src/lib/shared/protocol.js';
import { FOLLOW_FIELD, sanitizeFollow } from '../../src/lib/shared/room/follow.js';
import { MAX_AWARENESS_STATE_CHARS } from './docLimits.js';

export class MalformedMessageError extends Error {}

/**
 * Room for the `user` the server writes into every state: a client that sends a state back, as the
 * stock provider does with every state it hears of, sends it with that field.
 */
const USER_FIELD_CHARS = 1024;

const tooLong = () =>
	new MalformedMessageError(`an awareness state is limited to ${MAX_AWARENESS_STATE_CHARS} characters`);

/** One message updates at most this many awareness states (a page has one per document). */
export const MAX_AWARENESS_ENTRIES = 8;

/**
 * An awareness update as the room will apply it: names come from the server, so nobody shows up
 * under another's name; the follow field is kept only well formed, and only an interviewer may
 * present (FOLLOW-1); states another connection controls are dropped; an oversized or malformed
 * state throws (the connection is closed).
 */
export function sanitizeAwareness(
	update: Uint8Array,
	participant: ParticipantView,
	takenByOther: (clientId: number) => boolean
): Uint8Array | null {
	const dec = decoding.createDecoder(update);
	const count = decoding.readVarUint(dec);
	if (count > MAX_AWARENESS_ENTRIES) throw new MalformedMessageError('too many awareness entries');
	const entries: { clientId: number; clock: number; state: string }[] = [];
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(dec);
		const clock = decoding.readVarUint(dec);
		const raw = decoding.readVarString(dec);
		// First: the stock provider sends back every state it hears of, others' included, and those
		// carry the `user` the server added, so may be longer than their owner sent them.
		if (takenByOther(clientId)) continue;
		if (raw.length > MAX_AWARENESS_STATE_CHARS + USER_FIELD_CHARS) throw tooLong();
		const state = JSON.parse(raw) as unknown;
		if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
			throw new MalformedMessageError('awareness state must be an object or null');
		}
		// QUOTA-2 counts what the client wrote, not the `user` the server writes in its place.
		const own = state === null ? null : { ...(state as object), user: undefined };
		if (JSON.stringify(own).length > MAX_AWARENESS_STATE_CHARS) throw tooLong();
		const clean = state === null ? null : cleanState(state as Record<string, unknown>, participant);
		entries.push({ clientId, clock, state: JSON.stringify(clean) });
	}
	if (entries.length === 0) return null;
	const enc = encoding.createEncoder();
	encoding.writeVarUint(enc, entries.length);
	for (const e of entries) {
		encoding.writeVarUint(enc, e.clientId);
		encoding.writeVarUint(enc, e.clock);
		encoding.writeVarString(enc, e.state);
	}
	return encoding.toUint8Array(enc);
}

function cleanState(state: Record<string, unknown>, participant: ParticipantView): Record<string, unknown> {
	const { [FOLLOW_FIELD]: follow, ...rest } = state;
	const kept = follow === undefined ? null : sanitizeFollow(follow, participant.role);
	return { ...rest, ...(kept ? { [FOLLOW_FIELD]: kept } : {}), user: { ...participant } };
}
