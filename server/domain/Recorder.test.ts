import { nextTurn } from '../system/timers.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ObservedStore } from '../testing/ObservedStore.js';
import { Recorder } from './Recorder.js';
import type { LogEntry, NewLogEntry } from './types.js';

function event(interviewId: string, type: string): NewLogEntry {
	// The recorder passes events through as they are: any type names them here.
	return { interviewId, t: 1_000, kind: 'event', type, actor: 'p1', data: { type } } as unknown as NewLogEntry;
}

/** Whether each promise has settled yet, without waiting for it. */
function track<T>(promises: Promise<T>[]) {
	const state = promises.map(() => 'pending' as 'pending' | 'resolved' | 'rejected');
	promises.forEach((p, i) =>
		p.then(
			() => (state[i] = 'resolved'),
			() => (state[i] = 'rejected')
		)
	);
	return state;
}

describe('Recorder', () => {
	let store: ObservedStore;
	let recorder: Recorder;
	beforeEach(() => {
		store = new ObservedStore();
		recorder = new Recorder(store, nextTurn);
	});
	afterEach(() => store.close());

	it('writes everything appended in one tick with ONE appendBatch call, seqs in append order', async () => {
		const entries = Array.from({ length: 50 }, (_, i) => event('iv', `e${i}`));
		const written = await Promise.all(entries.map((e) => recorder.append(e)));
		expect(store.batches).toHaveLength(1);
		expect(store.batches[0]).toEqual(entries);
		expect(written.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
		expect(written.map((e) => e.kind === 'event' && e.type)).toEqual(entries.map((_, i) => `e${i}`));
	});

	it('resolves append only once the batch is committed, with the assigned seq', async () => {
		const hold = store.holdNextBatch();
		const appended = recorder.append(event('iv', 'first'));
		const state = track([appended]);
		await hold.started;
		expect(state).toEqual(['pending']);
		expect(store.committed).toEqual([]);
		hold.release();
		const entry = await appended;
		expect(entry.seq).toBe(1);
		expect(store.committed).toEqual([entry]);
	});

	it('puts appends made while a batch is being written into the next batch, keeping order per interview', async () => {
		const hold = store.holdNextBatch();
		const first = [recorder.append(event('a', 'a1')), recorder.append(event('b', 'b1'))];
		await hold.started;
		const later = [
			recorder.append(event('a', 'a2')),
			recorder.append(event('b', 'b2')),
			recorder.append(event('a', 'a3'))
		];
		hold.release();
		const written = await Promise.all([...first, ...later]);
		expect(store.batches.map((b) => b.map((e) => e.kind === 'event' && e.type))).toEqual([
			['a1', 'b1'],
			['a2', 'b2', 'a3']
		]);
		expect(written.map((e) => `${e.interviewId}${e.seq}`)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
	});

	it('rejects every append of a batch the store fails, and the next batch still works', async () => {
		const diskFull = new Error('disk full');
		store.failNextBatch(diskFull);
		const failed = [recorder.append(event('iv', 'lost1')), recorder.append(event('iv', 'lost2'))];
		for (const p of failed) await expect(p).rejects.toBe(diskFull);
		const after = await recorder.append(event('iv', 'kept'));
		expect(after.seq).toBe(1);
		expect(store.committed.map((e) => e.kind === 'event' && e.type)).toEqual(['kept']);
	});

	it('drain() waits for every append, including those queued behind a batch in flight', async () => {
		const hold = store.holdNextBatch();
		const promises: Promise<LogEntry>[] = [recorder.append(event('iv', 'e1'))];
		await hold.started;
		promises.push(recorder.append(event('iv', 'e2')), recorder.append(event('iv', 'e3')));
		const state = track(promises);
		const drained = recorder.drain();
		hold.release();
		await drained;
		expect(state).toEqual(['resolved', 'resolved', 'resolved']);
		expect(store.committed.map((e) => e.seq)).toEqual([1, 2, 3]);
		expect(store.batches).toHaveLength(2);
	});

	it('drain() resolves at once when nothing was appended', async () => {
		await recorder.drain();
		expect(store.batches).toEqual([]);
	});

	it('a tick is whatever the injected scheduler says it is', async () => {
		const ticks: (() => void)[] = [];
		const manual = new Recorder(store, (fn) => ticks.push(fn));
		const appended = [manual.append(event('iv', 'x')), manual.append(event('iv', 'y'))];
		expect(ticks).toHaveLength(1);
		expect(store.batches).toEqual([]);
		ticks.shift()!();
		await Promise.all(appended);
		expect(store.batches).toHaveLength(1);
	});
});
