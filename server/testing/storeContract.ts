import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocName } from '../../src/lib/shared/protocol.js';
import type { Store } from '../domain/ports.js';
import type { InterviewRecord, LogEntry, NewLogEntry, ParticipantRecord } from '../domain/types.js';

export interface StoreUnderTest {
	/** An empty store. */
	store: Store;
	/** Durable stores only: opens the same database again, after the suite has closed `store`. */
	reopen?(): Store | Promise<Store>;
	/** Removes whatever the store left behind (files, schemas); the store is already closed. */
	cleanup?(): void | Promise<void>;
}

/**
 * What every Store implementation must do, whatever it is built on. SqliteStore runs it
 * in memory and on a file; a PostgreSQL store runs the same function.
 */
/**
 * `durable`: the store keeps its data across close and reopen (`reopen` must be given); only
 * then is that checked. An in-memory store is not asked to, rather than skipping at run time.
 */
export function storeContract(
	makeStore: () => StoreUnderTest | Promise<StoreUnderTest>,
	{ durable = false }: { durable?: boolean } = {}
): void {
	let subject: StoreUnderTest;
	let store: Store;
	let closed: boolean;

	beforeEach(async () => {
		subject = await makeStore();
		store = subject.store;
		closed = false;
	});
	afterEach(async () => {
		if (!closed) store.close();
		await subject.cleanup?.();
	});

	async function readAll(interviewId: string, afterSeq?: number): Promise<LogEntry[]> {
		const out: LogEntry[] = [];
		for await (const e of store.readLog(interviewId, afterSeq)) out.push(e);
		return out;
	}

	describe('log', () => {
		it('assigns seq 1..n per interview, in batch order, across interleaved interviews and batches', async () => {
			const first = await store.appendBatch([event('a', 'a1'), event('b', 'b1'), event('a', 'a2'), event('a', 'a3')]);
			const second = await store.appendBatch([event('b', 'b2'), event('a', 'a4')]);
			expect(first.map((e) => [e.interviewId, e.seq])).toEqual([
				['a', 1],
				['b', 1],
				['a', 2],
				['a', 3]
			]);
			expect(second.map((e) => [e.interviewId, e.seq])).toEqual([
				['b', 2],
				['a', 4]
			]);
			expect((await readAll('a')).map((e) => [e.seq, typeOf(e)])).toEqual([
				[1, 'a1'],
				[2, 'a2'],
				[3, 'a3'],
				[4, 'a4']
			]);
			expect((await readAll('b')).map((e) => [e.seq, typeOf(e)])).toEqual([
				[1, 'b1'],
				[2, 'b2']
			]);
		});

		it.each<[string, NewLogEntry]>([
			['a yjs update, byte for byte', yjs('a', 'code', [0, 1, 2, 255, 128, 7])],
			['an event with nested data', event('a', 'run:end', { outcome: 'ok', lines: [1, 'two', null] })],
			['an event with null data', event('a', 'x', null)]
		])('returns %s as it was appended', async (_what, entry) => {
			const [written] = await store.appendBatch([entry]);
			expect(written).toEqual({ ...entry, seq: 1 });
			expect(await readAll('a')).toEqual([{ ...entry, seq: 1 }]);
		});

		it('stores nothing and uses no seq when one entry of a batch cannot be written', async () => {
			const unserialisable = event('a', 'bad', { big: 1n });
			await expect(store.appendBatch([event('a', 'ok'), unserialisable])).rejects.toThrow();
			expect(await readAll('a')).toEqual([]);
			const [next] = await store.appendBatch([event('a', 'after')]);
			expect(next.seq).toBe(1);
		});

		it('reads a log longer than any page size completely, in order, from any afterSeq', async () => {
			// SqliteStore reads 2000 rows a page; 4321 crosses two page boundaries and ends mid-page.
			const total = 4321;
			for (let from = 1; from <= total; from += 1000) {
				const batch: NewLogEntry[] = [];
				for (let i = from; i < Math.min(from + 1000, total + 1); i++) {
					batch.push(event('long', `e${i}`), event('other', `o${i}`));
				}
				await store.appendBatch(batch);
			}
			const all = await readAll('long');
			expect(all.map((e) => e.seq)).toEqual(range(1, total));
			expect(all.map(typeOf)).toEqual(range(1, total).map((i) => `e${i}`));
			expect((await readAll('long', 2000)).map((e) => e.seq)).toEqual(range(2001, total));
			expect((await readAll('long', 3999)).map((e) => e.seq)).toEqual(range(4000, total));
			expect(await readAll('long', total)).toEqual([]);
		});

		describe('readDocUpdates', () => {
			beforeEach(async () => {
				await store.appendBatch([
					yjs('a', 'code', [1]), // 1
					yjs('a', 'canvas', [2]), // 2
					event('a', 'run:start'), // 3
					yjs('a', 'code', [4]), // 4
					yjs('b', 'code', [99]), // b:1
					yjs('a', 'code', [5]), // 5
					yjs('a', 'canvas', [6]) // 6
				]);
			});

			it.each<[DocName, number, number[]]>([
				['code', 0, [1, 4, 5]],
				['code', 1, [4, 5]],
				['code', 4, [5]],
				['code', 5, []],
				['canvas', 0, [2, 6]],
				['canvas', 2, [6]]
			])('%s after seq %i gives only that document’s updates: %j', async (doc, afterSeq, seqs) => {
				const entries = await store.readDocUpdates('a', doc, afterSeq);
				expect(entries.map((e) => e.seq)).toEqual(seqs);
				for (const e of entries) {
					expect(e).toMatchObject({ interviewId: 'a', kind: 'yjs', doc });
					expect(e.kind === 'yjs' && [...e.update]).toEqual([e.seq]);
				}
			});
		});
	});

	describe('checkpoints', () => {
		it('returns the one with the highest seq, per interview and document', async () => {
			expect(await store.latestCheckpoint('a', 'code')).toBeUndefined();
			await store.writeCheckpoint('a', 'code', { seq: 10, state: bytes(10) });
			await store.writeCheckpoint('a', 'code', { seq: 30, state: bytes(30) });
			await store.writeCheckpoint('a', 'code', { seq: 20, state: bytes(20) });
			await store.writeCheckpoint('a', 'canvas', { seq: 40, state: bytes(40) });
			await store.writeCheckpoint('b', 'code', { seq: 50, state: bytes(50) });
			expect(await store.latestCheckpoint('a', 'code')).toEqual({ seq: 30, state: bytes(30) });
			expect(await store.latestCheckpoint('a', 'canvas')).toEqual({ seq: 40, state: bytes(40) });
			expect(await store.latestCheckpoint('b', 'canvas')).toBeUndefined();
		});

		it('UPD-1: keeps the owners of the Yjs client ids with a checkpoint', async () => {
			const clients = { '1234567': 'participant-a', '42': 'server' };
			await store.writeCheckpoint('a', 'code', { seq: 5, state: bytes(5), clients });
			expect(await store.latestCheckpoint('a', 'code')).toEqual({ seq: 5, state: bytes(5), clients });
		});
	});

	describe('interviews and participants', () => {
		it('reads an interview back as created, and undefined for an unknown id', async () => {
			await store.createInterview(interview('iv1'), participants('iv1'));
			await store.createInterview(interview('iv2'), participants('iv2'));
			expect(await store.getInterview('iv1')).toEqual(interview('iv1'));
			expect(await store.getInterview('iv2')).toEqual(interview('iv2'));
			expect(await store.getInterview('nope')).toBeUndefined();
		});

		it('finds a participant by token hash only', async () => {
			await store.createInterview(interview('iv1'), participants('iv1'));
			await store.createInterview(interview('iv2'), participants('iv2'));
			for (const p of [...participants('iv1'), ...participants('iv2')]) {
				expect(await store.findParticipantByTokenHash(p.tokenHash)).toEqual(p);
			}
			expect(await store.findParticipantByTokenHash('hash-of-nothing')).toBeUndefined();
			expect(await store.findParticipantByTokenHash(participants('iv1')[0].id)).toBeUndefined();
		});

		it('markEnded keeps the first end time', async () => {
			await store.createInterview(interview('iv1'), participants('iv1'));
			await store.markEnded('iv1', 5_000);
			await store.markEnded('iv1', 9_000);
			expect((await store.getInterview('iv1'))?.endedAt).toBe(5_000);
		});
	});

	if (durable)
		it('keeps everything across close and reopen', async () => {
			if (!subject.reopen) throw new Error('a durable store under test must offer reopen()');
			await store.createInterview(interview('iv1'), participants('iv1'));
			await store.markEnded('iv1', 5_000);
			const update = yjs('iv1', 'code', [3, 1, 4, 1, 5]);
			await store.appendBatch([update, event('iv1', 'run:start')]);
			await store.writeCheckpoint('iv1', 'code', { seq: 1, state: bytes(7) });
			store.close();
			closed = true;
			store = await subject.reopen!();
			closed = false;
			expect(await store.getInterview('iv1')).toEqual({ ...interview('iv1'), endedAt: 5_000 });
			expect(await store.findParticipantByTokenHash(participants('iv1')[1].tokenHash)).toEqual(participants('iv1')[1]);
			expect(await readAll('iv1')).toEqual([
				{ ...update, seq: 1 },
				{ ...event('iv1', 'run:start'), seq: 2 }
			]);
			expect(await store.latestCheckpoint('iv1', 'code')).toEqual({ seq: 1, state: bytes(7) });
			const [next] = await store.appendBatch([event('iv1', 'after')]);
			expect(next.seq).toBe(3);
		});
}

function event(interviewId: string, type: string, data: unknown = { type }): NewLogEntry {
	// The store keeps any event as it is given; the types are the domain's business.
	return { interviewId, t: 1_000, kind: 'event', type, actor: 'p1', data } as NewLogEntry;
}

function yjs(interviewId: string, doc: DocName, update: number[]): NewLogEntry {
	return { interviewId, t: 1_000, kind: 'yjs', doc, actor: 'p1', update: new Uint8Array(update) };
}

function typeOf(e: LogEntry): string {
	return e.kind === 'event' ? e.type : `yjs:${e.doc}`;
}

function bytes(n: number): Uint8Array {
	return new Uint8Array([n, n + 1, n + 2]);
}

function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function interview(id: string): InterviewRecord {
	return {
		id,
		title: `Interview ${id}`,
		candidateName: 'Cara',
		problemIds: ['moving-average', 'softmax'],
		rubricId: id === 'iv2' ? 'swe-default' : null,
		createdAt: 1_000,
		endedAt: null,
		mode: 'live',
		timeBoxMinutes: null,
		startedAt: null
	};
}

function participants(interviewId: string): ParticipantRecord[] {
	return (['candidate', 'interviewer', 'observer'] as const).map((role) => ({
		id: `${interviewId}-${role}`,
		interviewId,
		name: `${role} of ${interviewId}`,
		role,
		color: '#123456',
		tokenHash: `hash-${interviewId}-${role}`
	}));
}
