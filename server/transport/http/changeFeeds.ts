import type { IncomingMessage, ServerResponse } from 'node:http';

/** How often an idle event stream sends a comment, so proxies keep it open. */
export const SSE_HEARTBEAT_MS = 25_000;

/**
 * In-process subscribers per key (`interview:{id}`, `loop:{id}`). A stream carries no data,
 * only "changed": the page then asks again through the same checked endpoint, so a stream can
 * never say more than a GET would.
 */
export class ChangeFeeds {
	private readonly byKey = new Map<string, Set<() => void>>();
	private readonly open = new Set<ServerResponse>();

	notify(key: string): void {
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
	}

	private subscribe(key: string, res: ServerResponse, fn: () => void): () => void {
		let set = this.byKey.get(key);
		if (!set) this.byKey.set(key, (set = new Set()));
		set.add(fn);
		this.open.add(res);
		return () => {
			set.delete(fn);
			if (set.size === 0) this.byKey.delete(key);
			this.open.delete(res);
		};
	}
}
