/**
 * Several processes serving one room (issue 13), each a DocRoom on one store, joined by a bus
 * that the test can take down and bring back as Redis would go down and return.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { InterviewHarness, PEOPLE, awarenessFrame, seedWith, updateFrame } from '../testing/docRoomHarness.js';
import { OutageBus } from '../testing/OutageBus.js';
import { InProcessBus } from '../bus/InProcessBus.js';

/** An in-process bus that counts what is published on it, by channel kind. */
class CountingBus extends InProcessBus {
	readonly published = { updates: 0, awareness: 0 };
	publish(channel: string, message: Uint8Array): void {
		this.published[channel.startsWith('awareness:') ? 'awareness' : 'updates']++;
		super.publish(channel, message);
	}
}

const harness = new InterviewHarness();
afterEach(() => harness.closeOpen());
afterAll(() => harness.close());

async function twoProcesses() {
	const iv = harness.interview();
	const bus = new OutageBus();
	const onA = await iv.open(async () => seedWith('starter\n'), iv.store, { id: 'process-a', bus });
	const onB = await iv.open(async () => null, iv.store, { id: 'process-b', bus });
	return { iv, bus, onA, onB };
}

const textOf = (doc: Y.Doc) => doc.getText('t').toString();

describe('DocRoom on several processes', () => {
	it('clients of one process keep seeing each other while the bus is down', async () => {
		const { iv, bus, onA } = await twoProcesses();
		const typist = await iv.connect(onA, 'candidate');
		const watcher = await iv.connect(onA, 'interviewer');
		bus.goDown();
		await iv.send(onA, typist, updateFrame(typist.edit((t) => t.insert(0, 'typed while Redis is down\n'))));
		expect(textOf(watcher.doc)).toBe('typed while Redis is down\nstarter\n');
	});

	it('two processes that were typed on while the bus was down converge once it is back', async () => {
		const { iv, bus, onA, onB } = await twoProcesses();
		const a = await iv.connect(onA, 'candidate');
		const b = await iv.connect(onB, 'interviewer');
		expect(textOf(b.doc)).toBe('starter\n');
		bus.goDown();
		await iv.send(onA, a, updateFrame(a.edit((t) => t.insert(0, 'on A\n'))));
		await iv.send(onB, b, updateFrame(b.edit((t) => t.insert(t.length, 'on B\n'))));
		expect(textOf(a.doc)).not.toContain('on B');

		bus.comeBack();
		await Promise.all([onA.settled(), onB.settled()]);

		expect(textOf(a.doc)).toBe(textOf(b.doc));
		expect(textOf(a.doc)).toBe('on A\nstarter\non B\n');
		expect(textOf(onA.doc)).toBe(textOf(onB.doc));
	});

	it("a cursor on one process reaches the other process's clients, and its removal too", async () => {
		const { iv, onA, onB } = await twoProcesses();
		const cara = await iv.connect(onA, 'candidate');
		const ivan = await iv.connect(onB, 'interviewer');
		await iv.send(onA, cara, awarenessFrame([{ clientId: 1001, clock: 1, json: '{"cursor":{"anchor":4}}' }]));
		expect(ivan.received('awareness').at(-1)?.states).toEqual([
			{ clientId: 1001, clock: 1, state: { cursor: { anchor: 4 }, user: PEOPLE.candidate } }
		]);
		onA.leave(cara);
		expect(ivan.received('awareness').at(-1)?.states).toMatchObject([{ clientId: 1001, state: null }]);
	});

	it('a process alone on an in-process bus publishes nothing: no frame is made that only it would read', async () => {
		const iv = harness.interview();
		const bus = new CountingBus();
		const room = await iv.open(async () => seedWith('starter\n'), iv.store, { id: 'alone', bus });
		const typist = await iv.connect(room, 'candidate');
		const watcher = await iv.connect(room, 'interviewer');
		await iv.send(room, typist, updateFrame(typist.edit((t) => t.insert(0, 'typed\n'))));
		await iv.send(room, typist, awarenessFrame([{ clientId: 1001, clock: 1, json: '{"cursor":{"anchor":2}}' }]));
		expect(textOf(watcher.doc)).toBe('typed\nstarter\n');
		expect(watcher.received('awareness').at(-1)?.states).toMatchObject([{ clientId: 1001 }]);
		expect(bus.published).toEqual({ updates: 0, awareness: 0 });

		// A second process on the same bus: from then on both are published, and reach it.
		const other = await iv.open(async () => null, iv.store, { id: 'other', bus });
		const far = await iv.connect(other, 'interviewer');
		await iv.send(room, typist, updateFrame(typist.edit((t) => t.insert(0, 'seen far\n'))));
		await iv.send(room, typist, awarenessFrame([{ clientId: 1001, clock: 2, json: '{"cursor":{"anchor":3}}' }]));
		await other.settled();
		expect(textOf(far.doc)).toBe('seen far\ntyped\nstarter\n');
		expect(far.received('awareness').at(-1)?.states).toMatchObject([{ clientId: 1001, clock: 2 }]);
		expect(bus.published.updates).toBeGreaterThan(0);
		expect(bus.published.awareness).toBeGreaterThan(0);
	});
});
