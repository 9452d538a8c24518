import { Redis } from 'ioredis';
import type { Bus, Logger } from '../domain/ports.js';
import { describeConnectionError, redactUrl } from '../system/describeConnectionError.js';

type Handler = (message: Uint8Array) => void;

/** How long start-up waits for Redis before failing with a clear message. */
export const REDIS_CONNECT_TIMEOUT_MS = 10_000;

/**
 * Fan-out across processes through Redis pub/sub (issue 13). One connection publishes, one is
 * subscribed (a subscribed Redis connection can do nothing else); channels are subscribed in
 * Redis while this process has at least one handler on them. Messages are binary buffers end to
 * end. Redis keeps the order of one connection's publishes, so each channel's messages arrive in
 * the order they were published here.
 *
 * ioredis reconnects by itself; this bus then subscribes again to every channel it has. While Redis is
 * down a publish is dropped, not queued (a queue would replay stale updates later); the state is
 * reported by `ok` and the outage is logged once, with its end.
 */
export class RedisBus implements Bus {
	private readonly handlers = new Map<string, Set<Handler>>();
	private readonly reconnectListeners = new Set<() => void>();
	private pending: Promise<unknown> = Promise.resolve();
	private up = false;
	private closing = false;
	private downSince: number | null = null;

	private constructor(
		private readonly pub: Redis,
		private readonly sub: Redis,
		private readonly logger: Logger
	) {
		for (const [name, client] of [
			['publisher', pub],
			['subscriber', sub]
		] as const) {
			client.on('ready', () => this.onReady());
			client.on('close', () => this.onDown(`${name} connection closed`));
			client.on('error', (err: Error) => this.onDown(`${name}: ${err.message}`));
		}
		sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
			const set = this.handlers.get(channel.toString('utf8'));
			if (!set) return;
			const bytes = new Uint8Array(message.buffer, message.byteOffset, message.byteLength);
			for (const handler of [...set]) handler(bytes);
		});
	}

	/** Connects both connections; rejects, naming the address, when Redis cannot be reached. */
	static async connect(url: string, logger: Logger): Promise<RedisBus> {
		const options = {
			lazyConnect: true,
			// Subscribed again by onReady, through the queue, so that settled() covers it.
			autoResubscribe: false,
			enableOfflineQueue: false,
			maxRetriesPerRequest: 1,
			connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
			retryStrategy: (times: number) => Math.min(times * 200, 2_000)
		};
		const pub = new Redis(url, options);
		const sub = new Redis(url, options);
		// ioredis rejects connect() with "Connection is closed"; the error event before it says why.
		let cause: unknown;
		const remember = (err: unknown) => (cause ??= err);
		pub.on('error', remember);
		sub.on('error', remember);
		try {
			await Promise.all([pub.connect(), sub.connect()]);
		} catch (err) {
			pub.disconnect();
			sub.disconnect();
			throw new Error(`Cannot reach Redis at ${redactUrl(url)}: ${describeConnectionError(cause ?? err)}`);
		}
		pub.off('error', remember);
		sub.off('error', remember);
		const bus = new RedisBus(pub, sub, logger);
		bus.up = true;
		return bus;
	}

	/** Whether both connections are up now (for the health endpoint). */
	get ok(): boolean {
		return this.up && this.pub.status === 'ready' && this.sub.status === 'ready';
	}

	publish(channel: string, message: Uint8Array): void {
		if (!this.ok) return;
		this.pub
			.publish(channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength))
			.catch((err: Error) => this.onDown(`publish: ${err.message}`));
	}

	subscribe(channel: string, handler: Handler): () => void {
		let set = this.handlers.get(channel);
		if (!set) {
			this.handlers.set(channel, (set = new Set()));
			this.queue(() => this.sub.subscribe(channel));
		}
		set.add(handler);
		return () => {
			if (!set.delete(handler) || set.size > 0 || this.handlers.get(channel) !== set) return;
			this.handlers.delete(channel);
			this.queue(() => this.sub.unsubscribe(channel));
		};
	}

	onReconnect(listener: () => void): () => void {
		this.reconnectListeners.add(listener);
		return () => this.reconnectListeners.delete(listener);
	}

	/** Resolves when every subscribe and unsubscribe asked for so far has been acknowledged by Redis. */
	async settled(): Promise<void> {
		await this.pending;
	}

	async close(): Promise<void> {
		this.closing = true;
		this.up = false;
		await this.pending;
		await Promise.allSettled([this.pub.quit(), this.sub.quit()]);
	}

	/** In order; a failure (Redis down) is reported as an outage, and ioredis resubscribes on reconnect. */
	private queue(command: () => Promise<unknown>): void {
		this.pending = this.pending.then(command).catch((err: Error) => this.onDown(`subscribe: ${err.message}`));
	}

	private onDown(reason: string): void {
		if (this.closing) return;
		if (this.downSince === null) {
			this.downSince = Date.now();
			this.logger.warn(`Redis is unreachable (${reason}); serving this process's clients only until it returns`);
		}
		this.up = false;
	}

	private onReady(): void {
		if (this.pub.status !== 'ready' || this.sub.status !== 'ready') return;
		if (this.downSince !== null) {
			const channels = [...this.handlers.keys()];
			if (channels.length > 0) this.queue(() => this.sub.subscribe(...channels));
			this.logger.info(`Redis is back after ${Math.round((Date.now() - this.downSince) / 1000)} s`);
			this.downSince = null;
			this.up = true;
			// Once subscribed again, so that what the rooms publish in their resync is heard everywhere.
			void this.pending.then(() => {
				if (this.ok) for (const l of [...this.reconnectListeners]) l();
			});
			return;
		}
		this.up = true;
	}
}
