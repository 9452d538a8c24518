import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { DEFAULT_FAILURE_LIMITS, type FailedCredentialLimiter, type FailureLimits } from './FailedCredentialLimiter.js';

/**
 * FailedCredentialLimiter on rate-limiter-flexible. Give it a `RateLimiterRedis` built with the
 * same points and duration to share the counts between processes; by default it counts in memory.
 */
export class FlexibleFailedCredentialLimiter implements FailedCredentialLimiter {
	private readonly counter: RateLimiterAbstract;

	constructor(
		private readonly limits: FailureLimits = DEFAULT_FAILURE_LIMITS,
		counter?: RateLimiterAbstract
	) {
		this.counter =
			counter ??
			new RateLimiterMemory({ keyPrefix: 'failed-credential', points: limits.failures, duration: limits.windowS });
	}

	async blockedForMs(client: string): Promise<number> {
		const res = await this.counter.get(client);
		return res && res.consumedPoints >= this.limits.failures ? Math.max(1, res.msBeforeNext) : 0;
	}

	async recordFailure(client: string): Promise<number> {
		const res = await this.counter.consume(client).catch((e: unknown) => {
			if (e instanceof RateLimiterRes) return e;
			throw e;
		});
		if (res.consumedPoints < this.limits.failures) return 0;
		await this.counter.block(client, this.limits.blockS);
		return this.limits.blockS * 1000;
	}
}
