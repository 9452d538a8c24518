import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Bus } from '../../domain/ports.js';

/** How often an idle event stream sends a comment, so proxies keep it open. */
export const SSE_HEARTBEAT_MS = 25_000;

/**
 * Subscribers per key (`interview:{id}`, `loop:{id}`). A stream carries no data, only "changed":
 * the page then asks again through the same checked endpoint, so a stream can never say more
 * than a GET would. With a bus (issue 13) a change made on one process reaches the streams open
 * on every other: `notify` tells this process's streams at once and publishes on `feed:{key}`;
 * a process listens on that channel while it has a stream for the key, and ignores what it
 * published itself (its message is its `origin`).
 */
export class ChangeFeeds {
	private readonly byKey = new Map<string, Set<() => void>>();
	private readonly open = new Set<ServerResponse>();
	private readonly busSubscriptions = new Map<string, () => void>();
	private readonly origin: Uint8Array;

	constructor(
		private readonly bus?: Bus,
		origin = 'this-process'
	) {
		this.origin = new TextEncoder().encode(origin);
	}

	notify(key: string): void {
		this.notifyHere(key);
		this.bus?.publish(`feed:${key}`, this.origin);
	}

	private notifyHere(key: string): void {
		for (const fn of this.byKey.get(key) ?? []) fn();
	}

	/** A Server-Sent Events stream that says "changed" whenever `key` is notified. */
	stream(req: IncomingMessage, res: ServerResponse, key: string): void {
		res.writeHead(200, {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-store',
			Connection: 'keep-alive',
			'X-Accel-Buffering': 'no'
		});
		res.write('event: ready\ndata: {}\n\n');
		const off = this.subscribe(key, res, () => res.write('event: changed\ndata: {}\n\n'));
		const beat = setInterval(() => res.write(': still here\n\n'), SSE_HEARTBEAT_MS);
		beat.unref();
		const done = () => {
			clearInterval(beat);
			off();
		};
		req.on('close', done);
		res.on('close', done);
	}

	closeAll(): void {
		for (const res of this.open) res.end();
		this.open.clear();
		this.byKey.clear();
		for (const off of this.busSubscriptions.values()) off();
		this.busSubscriptions.clear();
	}

	private subscribe(key: string, res: ServerResponse, fn: () => void): () => void {
		let set = this.byKey.get(key);
		if (!set) {
			this.byKey.set(key, (set = new Set()));
			if (this.bus) {
				const off = this.bus.subscribe(`feed:${key}`, (from) => {
					if (!sameBytes(from, this.origin)) this.notifyHere(key);
				});
				this.busSubscriptions.set(key, off);
			}
		}
		set.add(fn);
		this.open.add(res);
		return () => {
			set.delete(fn);
			this.open.delete(res);
			if (set.size > 0 || this.byKey.get(key) !== set) return;
			this.byKey.delete(key);
			this.busSubscriptions.get(key)?.();
			this.busSubscriptions.delete(key);
		};
	}
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.length === b.length && a.every((x, i) => x === b[i]);
}
