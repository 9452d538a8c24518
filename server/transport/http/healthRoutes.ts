import { json, route, type Route } from '../http.js';

/** `GET /api/health`: the process answers. */
export function healthRoutes(): Route[] {
	return [route('GET', '/api/health', async ({ res }) => json(res, 200, { ok: true }))];
}
