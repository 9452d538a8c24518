import type { Clock } from './ports.js';

/**
 * An amount that refills once per fixed window: the bytes of sync answers (LIMIT-2) and presence
 * (LIMIT-7) per connection, the milliseconds of work per participant (LIMIT-6). The window starts
 * with the first spend after the last one ended.
 */
export class WindowBudget {
	private windowStart = -Infinity;
	private spent = 0;

	constructor(
		private readonly clock: Clock,
		private readonly max: number,
		private readonly windowMs: number,
		/** Whether the first spend of a window fits whatever its size (one sync answer always may). */
		private readonly firstAlwaysFits = false
	) {}

	/** Whether `amount` more fits now; counts it when it does. */
	spend(amount: number): boolean {
		if (this.expired()) {
			this.windowStart = this.clock.now();
			this.spent = 0;
		}
		const fits = this.spent + amount <= this.max || (this.firstAlwaysFits && this.spent === 0);
		if (fits) this.spent += amount;
		return fits;
	}

	/** Whether its window has ended: a budget kept per key can then be forgotten. */
	expired(): boolean {
		return this.clock.now() - this.windowStart >= this.windowMs;
	}
}
