import { DomainError } from './errors.js';

export type ConnectionKind = 'socket' | 'code' | 'canvas';

/**
 * LIMIT-1: open connections per participant and kind. A person's tab holds one Socket.IO
 * connection and one per document; this allows a dozen tabs, and stops a script holding
 * hundreds of connections on one token from making every join and presence change cost
 * everyone else in the room (each is broadcast to every connection).
 */
export const MAX_CONNECTIONS_PER_PARTICIPANT = 12;

export class ConnectionQuota {
	private readonly open = new Map<string, number>();

	constructor(private readonly max = MAX_CONNECTIONS_PER_PARTICIPANT) {}

	/** Counts one more connection; answers the function that gives it back (safe to call twice). */
	acquire(participantId: string, kind: ConnectionKind): () => void {
		const key = `${participantId}/${kind}`;
		const n = this.open.get(key) ?? 0;
		if (n >= this.max) {
			throw new DomainError(
				'too_many',
				`This link already has ${this.max} open connections; close other tabs of this room first`
			);
		}
		this.open.set(key, n + 1);
		let released = false;
		return () => {
			if (released) return;
			released = true;
			const left = (this.open.get(key) ?? 1) - 1;
			if (left <= 0) this.open.delete(key);
			else this.open.set(key, left);
		};
	}
}
