import type { Bus } from '../domain/ports.js';
import { InProcessBus } from '../bus/InProcessBus.js';

/**
 * A bus between the "processes" of one test, which the test can take down and bring back, as
 * Redis does to RedisBus: while down, publishes are dropped (not queued); when it is back, the
 * reconnect listeners run.
 */
export class OutageBus implements Bus {
	private readonly inner = new InProcessBus();
	private readonly reconnectListeners = new Set<() => void>();
	private down = false;

	publish(channel: string, message: Uint8Array): void {
		if (!this.down) this.inner.publish(channel, message);
	}

	subscribe(channel: string, handler: (message: Uint8Array) => void): () => void {
		return this.inner.subscribe(channel, handler);
	}

	reachesOthers(channel: string, self: (message: Uint8Array) => void): boolean {
		return this.inner.reachesOthers(channel, self);
	}

	onReconnect(listener: () => void): () => void {
		this.reconnectListeners.add(listener);
		return () => this.reconnectListeners.delete(listener);
	}

	goDown(): void {
		this.down = true;
	}

	comeBack(): void {
		this.down = false;
		for (const l of [...this.reconnectListeners]) l();
	}
}
