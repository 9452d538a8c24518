import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { InProcessBus } from '../../bus/InProcessBus.js';
import { ChangeFeeds } from './changeFeeds.js';

const servers: http.Server[] = [];
const aborts: AbortController[] = [];
afterEach(async () => {
	for (const a of aborts.splice(0)) a.abort();
	for (const s of servers.splice(0)) await new Promise((r) => s.close(r));
});

/** An HTTP server whose every request is an event stream of `feeds` on `key`. */
async function serve(feeds: ChangeFeeds, key: string): Promise<string> {
	const server = http.createServer((req, res) => feeds.stream(req, res, key));
	servers.push(server);
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

/** Reads an event stream; `until(n)` waits for the n-th "changed". */
async function open(url: string) {
	const abort = new AbortController();
	aborts.push(abort);
	const reader = (await fetch(url, { signal: abort.signal })).body!.getReader();
	let text = '';
	const count = () => text.split('event: changed').length - 1;
	const until = async (test: () => boolean) => {
		while (!test()) {
			const { value, done } = await reader.read();
			if (done) throw new Error('stream ended');
			text += new TextDecoder().decode(value);
		}
	};
	await until(() => text.includes('event: ready'));
	return { until, count };
}

describe('change feeds across processes (through the bus)', () => {
	it('a change notified on one process reaches a stream open on another, once on each', async () => {
		const bus = new InProcessBus();
		const a = new ChangeFeeds(bus, 'process-a');
		const b = new ChangeFeeds(bus, 'process-b');
		const onA = await open(await serve(a, 'interview:x'));
		const onB = await open(await serve(b, 'interview:x'));

		a.notify('interview:x');
		await onB.until(() => onB.count() >= 1);
		await onA.until(() => onA.count() >= 1);
		b.notify('interview:x');
		await onA.until(() => onA.count() >= 2);
		await onB.until(() => onB.count() >= 2);
		// A marker: once it has arrived, any duplicate of the earlier changes would have too.
		b.notify('interview:x');
		await onB.until(() => onB.count() >= 3);
		await onA.until(() => onA.count() >= 3);
		expect([onA.count(), onB.count()]).toEqual([3, 3]);
		a.closeAll();
		b.closeAll();
	});

	it('another key’s change does not reach the stream', async () => {
		const bus = new InProcessBus();
		const a = new ChangeFeeds(bus, 'process-a');
		const b = new ChangeFeeds(bus, 'process-b');
		const onB = await open(await serve(b, 'interview:x'));
		a.notify('interview:y');
		a.notify('interview:x');
		await onB.until(() => onB.count() >= 1);
		expect(onB.count()).toBe(1);
		a.closeAll();
		b.closeAll();
	});
});
