import type { ServerOptions } from 'socket.io';
import type { Bus, Logger } from '../domain/ports.js';
import { InProcessBus } from './InProcessBus.js';

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
	const { openRedisBus } = await import('./openRedisBus.js');
	return openRedisBus(redisUrl, logger);
}
