import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus } from '../domain/ports.js';

/** Two handles on one bus: as two processes (Redis), or the same object (in-process). */
export interface BusesUnderTest {
	publisher: Bus;
	subscriber: Bus;
	/** Resolves once every subscribe/unsubscribe asked for has taken effect (Redis acknowledges them). */
	settled(): Promise<void>;
	close(): Promise<void>;
}

/** What a channel's handler has received, and a way to wait for the n-th message. */
function inbox(bus: Bus, channel: string) {
	const messages: Uint8Array[] = [];
	const waiting: { n: number; resolve: () => void }[] = [];
	const unsubscribe = bus.subscribe(channel, (m) => {
		messages.push(new Uint8Array(m));
		for (const w of waiting.filter((w) => messages.length >= w.n)) w.resolve();
	});
	const received = (n: number) =>
		messages.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiting.push({ n, resolve }));
	return { messages, received, unsubscribe };
}

const text = (m: Uint8Array) => new TextDecoder().decode(m);
const encode = (s: string) => new TextEncoder().encode(s);

/**
 * What every Bus must do, whatever carries it. Absence of a delivery is checked without a
 * sleep: a message published after it on another channel, to the same subscriber, arrives
 * after it would have (one publisher, one subscriber: delivery keeps publish order).
 */
export function busContract(make: () => Promise<BusesUnderTest>): void {
	let buses: BusesUnderTest;
	beforeEach(async () => {
		buses = await make();
	});
	afterEach(async () => {
		await buses.close();
	});

	describe('bus', () => {
		it('delivers a message to every subscriber of its channel and to no other channel', async () => {
			const a1 = inbox(buses.subscriber, 'c:a');
			const a2 = inbox(buses.subscriber, 'c:a');
			const b = inbox(buses.subscriber, 'c:b');
			await buses.settled();
			buses.publisher.publish('c:a', encode('for a'));
			buses.publisher.publish('c:b', encode('for b'));
			await Promise.all([a1.received(1), a2.received(1), b.received(1)]);
			expect(a1.messages.map(text)).toEqual(['for a']);
			expect(a2.messages.map(text)).toEqual(['for a']);
			expect(b.messages.map(text)).toEqual(['for b']);
		});

		it('keeps binary payloads intact, every byte value, empty and large', async () => {
			const box = inbox(buses.subscriber, 'bin');
			await buses.settled();
			const all = Uint8Array.from({ length: 256 }, (_, i) => i);
			const large = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256);
			// A view into a larger buffer: only its own bytes must travel.
			const view = new Uint8Array([9, 9, 1, 2, 3, 9]).subarray(2, 5);
			for (const m of [all, new Uint8Array(0), large, view]) buses.publisher.publish('bin', m);
			await box.received(4);
			expect(box.messages.map((m) => [...m])).toEqual([[...all], [], [...large], [1, 2, 3]]);
		});

		it('stops delivering to a handler once it unsubscribes, and keeps delivering to the others', async () => {
			const gone = inbox(buses.subscriber, 'c');
			const kept = inbox(buses.subscriber, 'c');
			await buses.settled();
			gone.unsubscribe();
			buses.publisher.publish('c', encode('after'));
			await kept.received(1);
			expect(gone.messages).toEqual([]);

			kept.unsubscribe();
			const marker = inbox(buses.subscriber, 'marker');
			await buses.settled();
			buses.publisher.publish('c', encode('nobody'));
			buses.publisher.publish('marker', encode('done'));
			await marker.received(1);
			expect(kept.messages.map(text)).toEqual(['after']);

			const again = inbox(buses.subscriber, 'c');
			await buses.settled();
			buses.publisher.publish('c', encode('back'));
			await again.received(1);
			expect(again.messages.map(text)).toEqual(['back']);
		});

		it('delivers one channel’s messages in the order they were published', async () => {
			const box = inbox(buses.subscriber, 'ordered');
			await buses.settled();
			const n = 500;
			for (let i = 0; i < n; i++) buses.publisher.publish('ordered', encode(String(i)));
			await box.received(n);
			expect(box.messages.map(text)).toEqual(Array.from({ length: n }, (_, i) => String(i)));
		});
	});
}
