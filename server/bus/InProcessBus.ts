import type { Bus } from '../domain/ports.js';

/** Fan-out within one process. A Redis pub/sub bus takes its place when several processes serve a room. */
export class InProcessBus implements Bus {
	private readonly channels = new Map<string, Set<(m: Uint8Array) => void>>();

	publish(channel: string, message: Uint8Array): void {
		for (const handler of this.channels.get(channel) ?? []) handler(message);
	}

	reachesOthers(channel: string, self: (m: Uint8Array) => void): boolean {
		for (const handler of this.channels.get(channel) ?? []) if (handler !== self) return true;
		return false;
	}

	subscribe(channel: string, handler: (m: Uint8Array) => void): () => void {
		let set = this.channels.get(channel);
		if (!set) {
			set = new Set();
			this.channels.set(channel, set);
		}
		set.add(handler);
		return () => {
			set.delete(handler);
			if (set.size === 0) this.channels.delete(channel);
		};
	}
}
