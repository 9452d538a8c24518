import { json, route, type Route } from '../http.js';

/** What the database and the bus say about themselves (issue 13). */
export type HealthCheck = () => Promise<{
	database: { kind: 'sqlite' | 'postgres'; ok: boolean };
	bus: { kind: 'in-process' | 'redis'; ok: boolean };
}>;

/**
 * `GET /api/health`: the process answers, with the state of its database and bus (503 when
 * either is down, so a load balancer stops sending it new clients) and what other features
 * report (`details`: the Python packages it serves).
 */
export function healthRoutes(check?: HealthCheck, details: () => Record<string, unknown> = () => ({})): Route[] {
	return [
		route('GET', '/api/health', async ({ res }) => {
			if (!check) return json(res, 200, { ok: true, ...details() });
			const parts = await check();
			const ok = parts.database.ok && parts.bus.ok;
			return json(res, ok ? 200 : 503, { ok, ...parts, ...details() });
		})
	];
}
