import type { DocName } from '../../src/lib/shared/protocol.js';
import type { Clock } from './ports.js';
import { WindowBudget } from './WindowBudget.js';

/**
 * An update that took longer than this to apply to the guard's mirror is refused outright. The
 * real document would pay it again on the main thread, where every room waits, so the limit is
 * as low as honest work allows. Code: typing, a paste, a reformat or a reconnect after an hour
 * offline cost under 30 ms on a quiet machine; only text built to fragment costs more. Canvas:
 * holds plain values only (no text to fragment), so its cost grows with its bytes; a 2,500-element
 * scene pasted at once costs ~40 ms and the 10,000-element maximum ~150 ms.
 */
export const MAX_UPDATE_COST_MS: Record<DocName, number> = { code: 100, canvas: 1_000 };
/** What one participant's updates may cost, in all, per window. */
export const MAX_COST_PER_WINDOW_MS = 1_000;
export const COST_WINDOW_MS = 10_000;

/**
 * LIMIT-6: how much applying a participant's updates may cost. The guard measures each update
 * on its mirror; the real document then pays about as much on the main thread, where every room
 * waits for it. Valid updates can be made expensive on purpose (tens of thousands of scattered
 * one-character inserts take hundreds of milliseconds), so the cost is budgeted like bytes are:
 * typing, pasting and a reconnect after offline work cost a few milliseconds; a stream of
 * crafted updates runs out of budget after two seconds of work in ten.
 */
export class WorkBudget {
	private readonly windows = new Map<string, WindowBudget>();

	constructor(
		private readonly clock: Clock,
		private readonly limits = {
			maxUpdateMs: MAX_UPDATE_COST_MS,
			perWindowMs: MAX_COST_PER_WINDOW_MS,
			windowMs: COST_WINDOW_MS
		}
	) {}

	/** Null when the update of `doc` may be applied (its cost is counted), else why not. */
	spend(participantId: string, costMs: number, doc: DocName): string | null {
		const { perWindowMs, windowMs } = this.limits;
		const maxUpdateMs = this.limits.maxUpdateMs[doc];
		if (costMs > maxUpdateMs) {
			return `it takes too long to apply (${Math.round(costMs)} ms; the limit is ${maxUpdateMs} ms)`;
		}
		let w = this.windows.get(participantId);
		if (!w || w.expired()) {
			this.prune();
			w = new WindowBudget(this.clock, perWindowMs, windowMs);
			this.windows.set(participantId, w);
		}
		if (!w.spend(costMs)) {
			return `these changes take too long to apply (over ${perWindowMs} ms in ${windowMs / 1000} s); wait a moment`;
		}
		return null;
	}

	private prune(): void {
		for (const [id, w] of this.windows) if (w.expired()) this.windows.delete(id);
	}
}
