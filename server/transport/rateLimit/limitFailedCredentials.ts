import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from './clientAddress.js';
import type { FailedCredentialLimiter } from './FailedCredentialLimiter.js';

export type ApiHandler = (req: IncomingMessage, res: ServerResponse) => Promise<boolean>;

export interface LimitOptions {
	/** Whether a refused credential is one that opens something else (not a guess). */
	isKnownCredential(credential: string): Promise<boolean>;
	trustProxy?: boolean;
}

/**
 * Wraps the JSON API: a client address that has sent too many failed credentials gets 429 with
 * Retry-After until its block ends. A failure is a 401 or 403 answered to a request whose
 * credential (`?token=` or the Bearer header) opens nothing at all. A request without a
 * credential, or with a real one used in the wrong place, is no guess and is not counted; nor is
 * any successful request. `/api/health` stays open.
 */
export function limitFailedCredentials(
	handle: ApiHandler,
	limiter: FailedCredentialLimiter,
	opts: LimitOptions
): ApiHandler {
	return async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/api/') || url.pathname === '/api/health') return handle(req, res);
		const client = clientAddress(req, opts.trustProxy);
		const waitMs = await limiter.blockedForMs(client);
		if (waitMs > 0) {
			refuse(res, waitMs);
			return true;
		}
		const handled = await handle(req, res);
		if (handled && (res.statusCode === 401 || res.statusCode === 403)) {
			const given = credentialsOf(req, url);
			for (const credential of given) {
				if (!(await opts.isKnownCredential(credential))) {
					await limiter.recordFailure(client);
					break;
				}
			}
		}
		return handled;
	};
}

function credentialsOf(req: IncomingMessage, url: URL): string[] {
	const auth = req.headers.authorization;
	const bearer = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : auth;
	return [...url.searchParams.getAll('token'), ...(bearer ? [bearer] : [])];
}

function refuse(res: ServerResponse, waitMs: number): void {
	const seconds = Math.ceil(waitMs / 1000);
	const body = JSON.stringify({ error: `Too many failed credentials from this address: try again in ${seconds} s` });
	res.writeHead(429, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(body),
		'Cache-Control': 'no-store',
		'Retry-After': String(seconds)
	});
	res.end(body);
}
