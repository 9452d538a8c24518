import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRouter } from '../http.js';
import { healthRoutes, type HealthCheck } from './healthRoutes.js';

const servers: http.Server[] = [];
afterEach(async () => {
	for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

async function get(check: HealthCheck): Promise<{ status: number; body: unknown }> {
	const handle = createRouter(healthRoutes(check));
	const server = http.createServer((req, res) => void handle(req, res));
	servers.push(server);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/health`);
	return { status: res.status, body: await res.json() };
}

describe('GET /api/health', () => {
	it.each([
		[true, false, 503],
		[false, true, 503],
		[false, false, 503],
		[true, true, 200]
	])('database ok %s, bus ok %s: status %i, with each part’s state', async (dbOk, busOk, status) => {
		const parts = { database: { kind: 'postgres', ok: dbOk }, bus: { kind: 'redis', ok: busOk } } as const;
		expect(await get(async () => parts)).toEqual({ status, body: { ok: dbOk && busOk, ...parts } });
	});
});
