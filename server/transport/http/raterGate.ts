import type { IncomingMessage, ServerResponse } from 'node:http';
import { json, tokenOf, type Route } from '../http.js';

/**
 * CAL-3: a request that carries a calibration rater's token (as `?token=` or Bearer) reaches only
 * the routes listed in `allowed` (the rater's own, and the replay's reads, which check the
 * session themselves); every other API route answers 403 before it runs, so no route of another
 * feature has to know about raters.
 */
export function raterGate(
	handle: (req: IncomingMessage, res: ServerResponse) => Promise<boolean>,
	deps: { isRaterToken(token: string): Promise<boolean>; allowed: Route[] }
) {
	return async function gated(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (!url.pathname.startsWith('/api/')) return false;
		const token = tokenOf(req, url);
		const allowed = deps.allowed.some((r) => r.method === req.method && r.match(url.pathname) !== null);
		if (token && !allowed && (await deps.isRaterToken(token))) {
			res.setHeader('Cache-Control', 'no-store');
			json(res, 403, {
				error: "A calibration rater's link opens only its own session's replays, scorecards and reveal"
			});
			return true;
		}
		return handle(req, res);
	};
}
