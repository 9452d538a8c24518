import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Bus, Logger } from '../domain/ports.js';
import { InProcessBus } from './InProcessBus.js';
import { RedisBus } from './RedisBus.js';

/** What `GET /api/health` says about fan-out. */
export interface BusHealth {
	kind: 'in-process' | 'redis';
	ok: boolean;
}

export interface OpenedBus {
	bus: Bus;
	health(): BusHealth;
	/** Socket.IO's Redis adapter, so `io.to(room).emit` reaches sockets on every process. */
	socketIoAdapter?: ServerOptions['adapter'];
	close(): Promise<void>;
}

/** Redis when `PAIRBOARD_REDIS_URL` is set (issue 13), else fan-out within this process. */
export async function openBus(redisUrl: string | undefined, logger: Logger): Promise<OpenedBus> {
	if (!redisUrl) {
		return { bus: new InProcessBus(), health: () => ({ kind: 'in-process', ok: true }), close: async () => undefined };
	}
	const bus = await RedisBus.connect(redisUrl, logger);
	// The adapter's own pair: a subscribed connection can serve one subscriber only. Their
	// outages are the bus's (same Redis), which logs them; these only must not throw unhandled.
	const pub = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
	const sub = pub.duplicate();
	for (const c of [pub, sub]) c.on('error', () => undefined);
	return {
		bus,
		health: () => ({ kind: 'redis', ok: bus.ok }),
		socketIoAdapter: createAdapter(pub, sub),
		async close() {
			await Promise.allSettled([bus.close(), pub.quit(), sub.quit()]);
		}
	};
}
