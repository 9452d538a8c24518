import { json, route, type Route } from '../http.js';

/** `GET /api/health`: the process answers, with what the features report (the Python packages it serves). */
export function healthRoutes(health: () => Record<string, unknown> = () => ({})): Route[] {
	return [route('GET', '/api/health', async ({ res }) => json(res, 200, { ok: true, ...health() }))];
}
