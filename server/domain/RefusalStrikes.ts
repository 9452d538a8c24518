import type { Clock } from './ports.js';

/**
 * LIMIT-5: a link whose updates keep being refused (4422: malformed, too expensive, another's
 * client id) is kept out for a while, so a script that resends a refused update cannot keep the
 * shared update checker, and with it every room, busy. A person's page never gets near this: a
 * refused update closes its connection, and the page only reconnects.
 */
export const MAX_REFUSALS = 3;
export const REFUSAL_WINDOW_MS = 60_000;
export const REFUSAL_COOLDOWN_MS = 60_000;

export class RefusalStrikes {
	private readonly refusals = new Map<string, number[]>();
	private readonly blockedUntil = new Map<string, number>();

	constructor(private readonly clock: Clock) {}

	/** Counts a refused update of this participant. */
	record(participantId: string): void {
		const now = this.clock.now();
		const recent = (this.refusals.get(participantId) ?? []).filter((t) => now - t < REFUSAL_WINDOW_MS);
		recent.push(now);
		if (recent.length >= MAX_REFUSALS) {
			this.blockedUntil.set(participantId, now + REFUSAL_COOLDOWN_MS);
			this.refusals.delete(participantId);
		} else this.refusals.set(participantId, recent);
	}

	/** Milliseconds this participant must still wait before connecting a document again; 0 when free. */
	blockedForMs(participantId: string): number {
		const until = this.blockedUntil.get(participantId);
		if (until === undefined) return 0;
		const left = until - this.clock.now();
		if (left <= 0) this.blockedUntil.delete(participantId);
		return Math.max(0, left);
	}
}
