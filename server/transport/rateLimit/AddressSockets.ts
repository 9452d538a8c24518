import type { Clock } from '../../domain/ports.js';

/**
 * LIMIT-8: sockets (Yjs and Socket.IO together) one client address may hold open, and how fast it
 * may open new ones. Per link, LIMIT-1 allows a dozen; this is what stops many links, or no link
 * at all, from one address: each opening costs a WebSocket handshake and, with a token, a lookup,
 * before anything refuses it. Generous, because a company's interviewers may all come through one
 * NAT address: 40 people with 3 sockets each, all reconnecting at once after a restart, fit.
 */
export const MAX_SOCKETS_PER_ADDRESS = 300;
/** Openings per address: a burst this large, then this many a second. */
export const SOCKET_OPEN_BURST = 200;
export const SOCKET_OPENS_PER_SECOND = 20;

export interface AddressSocketLimits {
	maxOpen: number;
	burst: number;
	perSecond: number;
}

/** Tallies kept before idle ones are swept (addresses that only ever got refused). */
const SWEEP_AT = 10_000;

export type Admission = { ok: true } | { ok: false; retryAfterS: number; reason: string };

interface Tally {
	open: number;
	/** Openings still allowed at once (a token bucket refilled at `perSecond`). */
	tokens: number;
	at: number;
}

export class AddressSockets {
	private readonly tallies = new Map<string, Tally>();

	constructor(
		private readonly clock: Clock,
		private readonly limits: AddressSocketLimits = {
			maxOpen: MAX_SOCKETS_PER_ADDRESS,
			burst: SOCKET_OPEN_BURST,
			perSecond: SOCKET_OPENS_PER_SECOND
		}
	) {}

	/** Whether `address` may open one more socket now; an admitted opening uses one from the burst. */
	admit(address: string): Admission {
		const t = this.refilled(address);
		if (t.open >= this.limits.maxOpen) {
			return {
				ok: false,
				retryAfterS: 10,
				reason: `Too many open connections from this address (at most ${this.limits.maxOpen}); close some tabs and try again`
			};
		}
		if (t.tokens < 1) {
			const retryAfterS = Math.ceil((1 - t.tokens) / this.limits.perSecond);
			return {
				ok: false,
				retryAfterS,
				reason: `Too many new connections from this address; try again in ${retryAfterS} s`
			};
		}
		t.tokens -= 1;
		return { ok: true };
	}

	/** Counts an open socket of `address`; answers the function that gives it back (safe to call twice). */
	hold(address: string): () => void {
		const t = this.refilled(address);
		t.open++;
		let released = false;
		return () => {
			if (released) return;
			released = true;
			t.open--;
			this.forgetIfIdle(address, t);
		};
	}

	private refilled(address: string): Tally {
		const now = this.clock.now();
		let t = this.tallies.get(address);
		if (!t) {
			if (this.tallies.size >= SWEEP_AT) this.sweep();
			t = { open: 0, tokens: this.limits.burst, at: now };
			this.tallies.set(address, t);
			return t;
		}
		t.tokens = Math.min(this.limits.burst, t.tokens + ((now - t.at) / 1000) * this.limits.perSecond);
		t.at = now;
		return t;
	}

	/** An address with nothing open and a full burst is no different from one never seen. */
	private forgetIfIdle(address: string, t: Tally): void {
		if (this.idle(t) && this.tallies.get(address) === t) this.tallies.delete(address);
	}

	private idle(t: Tally): boolean {
		return t.open === 0 && t.tokens + ((this.clock.now() - t.at) / 1000) * this.limits.perSecond >= this.limits.burst;
	}

	/** Refused addresses never release anything: their tallies go once their burst is full again. */
	private sweep(): void {
		for (const [address, t] of this.tallies) if (this.idle(t)) this.tallies.delete(address);
	}

	/** Addresses tracked (for tests). */
	get size(): number {
		return this.tallies.size;
	}
}
