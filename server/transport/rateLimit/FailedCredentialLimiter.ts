/**
 * Guessing protection (issue 12, item 8): failed credentials are counted per client address, and a
 * client that fails too often is answered 429 for a while. Only failures count, so a legitimate
 * user's successful requests never use up anything. The default counts in this process
 * (rate-limiter-flexible's memory store); a shared one (its Redis store) fits the same interface
 * once several processes serve one deployment.
 */
export interface FailedCredentialLimiter {
	/** Milliseconds until this client may present a credential again; 0 when it may now. */
	blockedForMs(client: string): Promise<number>;
	/** Counts one failed credential; answers the block it caused in milliseconds (0: none yet). */
	recordFailure(client: string): Promise<number>;
}

/** Failed credentials (room, admin, panel or reviewer) a client address may send per window. */
export const FAILED_CREDENTIALS_PER_WINDOW = 10;
export const FAILED_CREDENTIAL_WINDOW_S = 60;
/** How long a client that used up its failures is answered 429. */
export const FAILED_CREDENTIAL_BLOCK_S = 300;

export interface FailureLimits {
	failures: number;
	windowS: number;
	blockS: number;
}

export const DEFAULT_FAILURE_LIMITS: FailureLimits = {
	failures: FAILED_CREDENTIALS_PER_WINDOW,
	windowS: FAILED_CREDENTIAL_WINDOW_S,
	blockS: FAILED_CREDENTIAL_BLOCK_S
};
