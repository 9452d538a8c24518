import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from '../domain/ports.js';
import type { OpenedBus } from './openBus.js';
import { RedisBus } from './RedisBus.js';

/**
 * The bus and Socket.IO's adapter on Redis. Its own module, imported only when Redis is
 * configured: ioredis and the adapter are about 16 MB of a process's memory that a one-process
 * deployment would otherwise carry for nothing.
 */
export async function openRedisBus(redisUrl: string, logger: Logger): Promise<OpenedBus> {
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
