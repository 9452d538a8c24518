import type { IncomingMessage } from 'node:http';
import { DomainError } from '../../domain/errors.js';
import { clientAddress } from './clientAddress.js';
import type { FailedCredentialLimiter } from './FailedCredentialLimiter.js';

/**
 * The guessing limit on a socket handshake (Yjs or Socket.IO), counted with the HTTP API's: a
 * blocked address is refused before its token is even looked at, and a token that is not of the
 * interview (or an interview that does not exist) counts as a failure.
 */
export async function guardHandshake<T>(
	limiter: FailedCredentialLimiter,
	req: IncomingMessage,
	trustProxy: boolean,
	authenticate: () => Promise<T>
): Promise<T> {
	const client = clientAddress(req, trustProxy);
	const waitMs = await limiter.blockedForMs(client);
	if (waitMs > 0) {
		throw new DomainError(
			'too_many',
			`Too many failed credentials from this address: try again in ${Math.ceil(waitMs / 1000)} s`
		);
	}
	try {
		return await authenticate();
	} catch (err) {
		if (err instanceof DomainError && (err.code === 'unauthorized' || err.code === 'not_found')) {
			await limiter.recordFailure(client);
		}
		throw err;
	}
}
