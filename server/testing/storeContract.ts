import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocName } from '../../src/lib/shared/protocol.js';
import type { Stores } from '../domain/ports.js';
import type { NewLogEntry } from '../domain/types.js';
import { erasureContract } from './erasureContract.js';
import {
	bytes,
	event,
	interview,
	participants,
	range,
	readAll,
	typeOf,
	yjs,
	type StoresUnderTest
} from './storeFixtures.js';

export type { StoresUnderTest } from './storeFixtures.js';

/**
 * What every implementation of the storage ports must do, whatever it is built on: interviews
 * and participants, consent, the log and checkpoints, reviewer links and erasure (scorecards and
 * loops: scorecardStoreContract.ts). SQLite (in memory and on a file) and the in-memory stores
 * run it; a PostgreSQL implementation runs the same function.
 *
 * `durable`: the stores keep their data across close and reopen (`reopen` must be given); only
 * then is that checked. An in-memory store is not asked to, rather than skipping at run time.
 */
export function storeContract(
	makeStores: () => StoresUnderTest | Promise<StoresUnderTest>,
	{ durable = false }: { durable?: boolean } = {}
): void {
	let subject: StoresUnderTest;
	let stores: Stores;
	let closed: boolean;

	beforeEach(async () => {
		subject = await makeStores();
		stores = subject.stores;
		closed = false;
	});
	afterEach(async () => {
		if (!closed) await stores.close();
		await subject.cleanup?.();
	});

	describe('log', () => {
		it('assigns seq 1..n per interview, in batch order, across interleaved interviews and batches', async () => {
			const first = await stores.log.appendBatch([
				event('a', 'a1'),
				event('b', 'b1'),
				event('a', 'a2'),
				event('a', 'a3')
			]);
			const second = await stores.log.appendBatch([event('b', 'b2'), event('a', 'a4')]);
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
			expect((await readAll(stores, 'a')).map((e) => [e.seq, typeOf(e)])).toEqual([
				[1, 'a1'],
				[2, 'a2'],
				[3, 'a3'],
				[4, 'a4']
			]);
			expect((await readAll(stores, 'b')).map((e) => [e.seq, typeOf(e)])).toEqual([
				[1, 'b1'],
				[2, 'b2']
			]);
		});

		it.each<[string, NewLogEntry]>([
			['a yjs update, byte for byte', yjs('a', 'code', [0, 1, 2, 255, 128, 7])],
			['an event with nested data', event('a', 'run:end', { outcome: 'ok', lines: [1, 'two', null] })],
			['an event with null data', event('a', 'x', null)]
		])('returns %s as it was appended', async (_what, entry) => {
			const [written] = await stores.log.appendBatch([entry]);
			expect(written).toEqual({ ...entry, seq: 1 });
			expect(await readAll(stores, 'a')).toEqual([{ ...entry, seq: 1 }]);
		});

		it('keeps what was appended even if the caller changes its bytes afterwards', async () => {
			const entry = yjs('a', 'code', [1, 2, 3]);
			await stores.log.appendBatch([entry]);
			if (entry.kind === 'yjs') entry.update[0] = 99;
			const [read] = await readAll(stores, 'a');
			expect(read.kind === 'yjs' && [...read.update]).toEqual([1, 2, 3]);
		});

		it('stores nothing and uses no seq when one entry of a batch cannot be written', async () => {
			const unserialisable = event('a', 'bad', { big: 1n });
			await expect(stores.log.appendBatch([event('a', 'ok'), unserialisable])).rejects.toThrow();
			expect(await readAll(stores, 'a')).toEqual([]);
			const [next] = await stores.log.appendBatch([event('a', 'after')]);
			expect(next.seq).toBe(1);
		});

		it('reads a log longer than any page size completely, in order, from any afterSeq', async () => {
			// SqliteLogStore reads 2000 rows a page; 4321 crosses two page boundaries and ends mid-page.
			const total = 4321;
			for (let from = 1; from <= total; from += 1000) {
				const batch: NewLogEntry[] = [];
				for (let i = from; i < Math.min(from + 1000, total + 1); i++) {
					batch.push(event('long', `e${i}`), event('other', `o${i}`));
				}
				await stores.log.appendBatch(batch);
			}
			const all = await readAll(stores, 'long');
			expect(all.map((e) => e.seq)).toEqual(range(1, total));
			expect(all.map(typeOf)).toEqual(range(1, total).map((i) => `e${i}`));
			expect((await readAll(stores, 'long', 2000)).map((e) => e.seq)).toEqual(range(2001, total));
			expect((await readAll(stores, 'long', 3999)).map((e) => e.seq)).toEqual(range(4000, total));
			expect(await readAll(stores, 'long', total)).toEqual([]);
		});

		describe('readDocUpdates', () => {
			beforeEach(async () => {
				await stores.log.appendBatch([
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
				const entries = await stores.log.readDocUpdates('a', doc, afterSeq);
				expect(entries.map((e) => e.seq)).toEqual(seqs);
				for (const e of entries) {
					expect(e).toMatchObject({ interviewId: 'a', kind: 'yjs', doc });
					expect(e.kind === 'yjs' && [...e.update]).toEqual([e.seq]);
				}
			});
		});
	});

	describe('checkpoints', () => {
		beforeEach(async () => {
			await stores.log.writeCheckpoint('a', 'code', { seq: 10, state: bytes(10) });
			await stores.log.writeCheckpoint('a', 'code', { seq: 30, state: bytes(30) });
			await stores.log.writeCheckpoint('a', 'code', { seq: 20, state: bytes(20) });
			await stores.log.writeCheckpoint('a', 'canvas', { seq: 25, state: bytes(25) });
			await stores.log.writeCheckpoint('b', 'code', { seq: 50, state: bytes(50) });
		});

		it('the latest is the one with the highest seq, per interview and document', async () => {
			expect(await stores.log.latestCheckpoint('a', 'code')).toEqual({ seq: 30, state: bytes(30) });
			expect(await stores.log.latestCheckpoint('a', 'canvas')).toEqual({ seq: 25, state: bytes(25) });
			expect(await stores.log.latestCheckpoint('b', 'canvas')).toBeUndefined();
			expect(await stores.log.latestCheckpoint('nope', 'code')).toBeUndefined();
		});

		it('lists every checkpoint of an interview in seq order, and reads each one back', async () => {
			expect(await stores.log.listCheckpoints('a')).toEqual([
				{ doc: 'code', seq: 10 },
				{ doc: 'code', seq: 20 },
				{ doc: 'canvas', seq: 25 },
				{ doc: 'code', seq: 30 }
			]);
			expect(await stores.log.readCheckpoint('a', 'code', 20)).toEqual({ seq: 20, state: bytes(20) });
			expect(await stores.log.readCheckpoint('a', 'canvas', 20)).toBeUndefined();
			expect(await stores.log.listCheckpoints('nope')).toEqual([]);
		});

		it('a second checkpoint at the same seq replaces the first', async () => {
			await stores.log.writeCheckpoint('a', 'code', { seq: 30, state: bytes(31) });
			expect(await stores.log.readCheckpoint('a', 'code', 30)).toEqual({ seq: 30, state: bytes(31) });
			expect((await stores.log.listCheckpoints('a')).filter((c) => c.seq === 30)).toHaveLength(1);
		});

		it('keeps a checkpoint of several megabytes (a canvas with images) byte for byte', async () => {
			await stores.log.appendBatch([yjs('big', 'canvas', [1])]);
			const state = new Uint8Array(3 * 1024 * 1024 + 17).map((_, i) => (i * 7 + (i >> 10)) & 0xff);
			await stores.log.writeCheckpoint('big', 'canvas', { seq: 1, state, clients: { '5': 'p' } });
			for (const got of [
				await stores.log.latestCheckpoint('big', 'canvas'),
				await stores.log.readCheckpoint('big', 'canvas', 1)
			]) {
				expect(got?.seq).toBe(1);
				expect(got?.clients).toEqual({ '5': 'p' });
				expect(got && Buffer.from(got.state).equals(Buffer.from(state))).toBe(true);
			}
		});

		it('UPD-1: keeps the owners of the Yjs client ids with a checkpoint', async () => {
			const clients = { '1234567': 'participant-a', '42': 'server' };
			await stores.log.writeCheckpoint('a', 'code', { seq: 35, state: bytes(35), clients });
			expect(await stores.log.latestCheckpoint('a', 'code')).toEqual({ seq: 35, state: bytes(35), clients });
			expect(await stores.log.readCheckpoint('a', 'code', 35)).toEqual({ seq: 35, state: bytes(35), clients });
		});
	});

	describe('interviews and participants', () => {
		beforeEach(async () => {
			await stores.interviews.createInterview(interview('iv1'), participants('iv1'));
			await stores.interviews.createInterview(interview('iv2'), participants('iv2'));
		});

		it('reads an interview back as created, and undefined for an unknown id', async () => {
			expect(await stores.interviews.getInterview('iv1')).toEqual(interview('iv1'));
			expect(await stores.interviews.getInterview('iv2')).toEqual(interview('iv2'));
			expect(await stores.interviews.getInterview('nope')).toBeUndefined();
		});

		it('finds a participant by token hash only, and lists an interview’s in creation order', async () => {
			for (const p of [...participants('iv1'), ...participants('iv2')]) {
				expect(await stores.interviews.findParticipantByTokenHash(p.tokenHash)).toEqual(p);
			}
			expect(await stores.interviews.findParticipantByTokenHash('hash-of-nothing')).toBeUndefined();
			expect(await stores.interviews.findParticipantByTokenHash(participants('iv1')[0].id)).toBeUndefined();
			expect(await stores.interviews.participantsOf('iv2')).toEqual(participants('iv2'));
			expect(await stores.interviews.participantsOf('nope')).toEqual([]);
		});

		it('refuses a token hash already taken, and then stores nothing of that interview', async () => {
			const clash = participants('iv3').map((p, i) => (i === 1 ? { ...p, tokenHash: 'hash-iv1-candidate' } : p));
			await expect(stores.interviews.createInterview(interview('iv3'), clash)).rejects.toThrow();
			expect(await stores.interviews.getInterview('iv3')).toBeUndefined();
			expect(await stores.interviews.participantsOf('iv3')).toEqual([]);
			expect(await stores.interviews.findParticipantByTokenHash('hash-iv1-candidate')).toEqual(participants('iv1')[0]);
		});

		it('a record read back is a copy: changing it changes nothing stored', async () => {
			const read = (await stores.interviews.getInterview('iv1'))!;
			read.problemIds.push('changed');
			read.title = 'changed';
			expect(await stores.interviews.getInterview('iv1')).toEqual(interview('iv1'));
		});

		it('markEnded and markStarted keep the first time and say whether they set it', async () => {
			expect(await stores.interviews.markEnded('iv1', 5_000)).toEqual({ endedAt: 5_000, changed: true });
			expect(await stores.interviews.markEnded('iv1', 9_000)).toEqual({ endedAt: 5_000, changed: false });
			expect((await stores.interviews.getInterview('iv1'))?.endedAt).toBe(5_000);
			expect(await stores.interviews.markStarted('iv2', 2_000)).toBe(2_000);
			expect(await stores.interviews.markStarted('iv2', 3_000)).toBe(2_000);
			expect((await stores.interviews.getInterview('iv2'))?.startedAt).toBe(2_000);
		});

		it('lists running take-homes: started, not ended, take-home only', async () => {
			const takeHome = (id: string) => interview(id, { mode: 'take-home', timeBoxMinutes: 60 });
			for (const id of ['th-new', 'th-running', 'th-done']) await stores.interviews.createInterview(takeHome(id), []);
			await stores.interviews.markStarted('th-running', 2_000);
			await stores.interviews.markStarted('th-done', 2_000);
			await stores.interviews.markEnded('th-done', 3_000);
			await stores.interviews.markStarted('iv1', 2_000);
			expect((await stores.interviews.listRunningTakeHomes()).map((i) => i.id)).toEqual(['th-running']);
		});

		it('lists interviews most recent first, up to the limit, and those ended before a time', async () => {
			await stores.interviews.createInterview(interview('late', { createdAt: 9_000 }), []);
			await stores.interviews.createInterview(interview('early', { createdAt: 10 }), []);
			// iv1 and iv2 were created at the same time: the later-created one comes first.
			expect((await stores.interviews.listInterviews(10)).map((i) => i.id)).toEqual(['late', 'iv2', 'iv1', 'early']);
			expect((await stores.interviews.listInterviews(2)).map((i) => i.id)).toEqual(['late', 'iv2']);
			await stores.interviews.markEnded('iv1', 5_000);
			await stores.interviews.markEnded('late', 9_500);
			expect((await stores.interviews.listEndedBefore(9_000)).map((i) => i.id)).toEqual(['iv1']);
			expect((await stores.interviews.listEndedBefore(9_501)).map((i) => i.id).sort()).toEqual(['iv1', 'late']);
		});

		it('ORG-2: searches by name or title (ASCII case folded, % and _ literal), problem and end, most recent first', async () => {
			const add = (id: string, over: Parameters<typeof interview>[1]) =>
				stores.interviews.createInterview(interview(id, over), []);
			await add('zoe', { candidateName: 'Zoë Ng', title: 'ML coding', problemIds: ['softmax'], createdAt: 5_000 });
			await add('pct', { candidateName: 'Al 100%', title: 'Design_round', problemIds: ['kv-cache'], createdAt: 6_000 });
			await add('done', { candidateName: 'Dana', problemIds: ['kv-cache'], createdAt: 7_000, endedAt: 8_000 });
			const ids = async (search: Parameters<typeof stores.interviews.searchInterviews>[0]) =>
				(await stores.interviews.searchInterviews(search)).map((i) => i.id);
			expect(await ids({ limit: 10 })).toEqual(['done', 'pct', 'zoe', 'iv2', 'iv1']);
			expect(await ids({ text: 'ZOË', limit: 10 })).toEqual([]);
			expect(await ids({ text: 'zoë n', limit: 10 })).toEqual(['zoe']);
			expect(await ids({ text: 'ml CODING', limit: 10 })).toEqual(['zoe']);
			expect(await ids({ text: '%', limit: 10 })).toEqual(['pct']);
			expect(await ids({ text: 'n_r', limit: 10 })).toEqual(['pct']);
			expect(await ids({ text: 'n_', limit: 10 })).toEqual(['pct']);
			expect(await ids({ problemId: 'kv-cache', limit: 10 })).toEqual(['done', 'pct']);
			// A problem id is matched whole, never as part of another.
			expect(await ids({ problemId: 'kv', limit: 10 })).toEqual([]);
			expect(await ids({ problemId: 'kv-cache', ended: false, limit: 10 })).toEqual(['pct']);
			expect(await ids({ ended: true, limit: 10 })).toEqual(['done']);
			expect(await ids({ ended: false, limit: 2 })).toEqual(['pct', 'zoe']);
			expect(await ids({ text: 'INTERVIEW', ended: false, limit: 10 })).toEqual(['iv2', 'iv1']);
		});

		it('ORG-3: a replaced token hash finds the participant, the old one nothing; other interviews untouched', async () => {
			const [candidate, interviewer] = participants('iv1');
			expect(await stores.interviews.replaceTokenHash('iv1', interviewer.id, 'hash-new')).toBe(true);
			expect(await stores.interviews.findParticipantByTokenHash(interviewer.tokenHash)).toBeUndefined();
			expect(await stores.interviews.findParticipantByTokenHash('hash-new')).toEqual({
				...interviewer,
				tokenHash: 'hash-new'
			});
			expect(await stores.interviews.findParticipantByTokenHash(candidate.tokenHash)).toEqual(candidate);
			expect(await stores.interviews.participantsOf('iv2')).toEqual(participants('iv2'));
			// Another interview's participant, or an unknown one, is not this interview's.
			expect(await stores.interviews.replaceTokenHash('iv2', interviewer.id, 'hash-x')).toBe(false);
			expect(await stores.interviews.replaceTokenHash('iv1', 'nobody', 'hash-x')).toBe(false);
			expect(await stores.interviews.findParticipantByTokenHash('hash-x')).toBeUndefined();
			// A hash already taken is refused and changes nothing.
			await expect(stores.interviews.replaceTokenHash('iv1', candidate.id, 'hash-iv2-candidate')).rejects.toThrow();
			expect(await stores.interviews.findParticipantByTokenHash(candidate.tokenHash)).toEqual(candidate);
		});
	});

	describe('consent', () => {
		it('CONSENT-2: the first acceptance is kept, and the interview reads it back', async () => {
			await stores.interviews.createInterview(interview('iv1'), participants('iv1'));
			expect(await stores.consent.markConsented('iv1', 700)).toEqual({ consentedAt: 700, changed: true });
			expect(await stores.consent.markConsented('iv1', 800)).toEqual({ consentedAt: 700, changed: false });
			expect(await stores.interviews.getInterview('iv1')).toEqual({ ...interview('iv1'), consentedAt: 700 });
			expect((await stores.consent.markConsented('nope', 900)).changed).toBe(false);
		});
	});

	describe('reviewer links', () => {
		const link = { id: 'L1', interviewId: 'iv1', tokenHash: 'rh1', anonymised: true, createdAt: 5 };

		it('REPLAY-6: a link is found by its token hash only, as created', async () => {
			await stores.interviews.createInterview(interview('iv1'), participants('iv1'));
			await stores.reviewerLinks.createReviewerLink(link);
			await stores.reviewerLinks.createReviewerLink({ ...link, id: 'L2', tokenHash: 'rh2', anonymised: false });
			expect(await stores.reviewerLinks.findReviewerLinkByTokenHash('rh1')).toEqual(link);
			expect((await stores.reviewerLinks.findReviewerLinkByTokenHash('rh2'))?.anonymised).toBe(false);
			expect(await stores.reviewerLinks.findReviewerLinkByTokenHash('L1')).toBeUndefined();
		});

		it('refuses a link to an unknown interview, or a token hash already taken', async () => {
			await expect(stores.reviewerLinks.createReviewerLink(link)).rejects.toThrow();
			await stores.interviews.createInterview(interview('iv1'), participants('iv1'));
			await stores.reviewerLinks.createReviewerLink(link);
			await expect(stores.reviewerLinks.createReviewerLink({ ...link, id: 'L2' })).rejects.toThrow();
		});
	});

	erasureContract(() => stores);

	if (durable)
		it('keeps everything across close and reopen', async () => {
			if (!subject.reopen) throw new Error('durable stores under test must offer reopen()');
			await stores.interviews.createInterview(interview('iv1'), participants('iv1'));
			await stores.interviews.markEnded('iv1', 5_000);
			await stores.consent.markConsented('iv1', 4_000);
			const update = yjs('iv1', 'code', [3, 1, 4, 1, 5]);
			await stores.log.appendBatch([update, event('iv1', 'run:start')]);
			await stores.log.writeCheckpoint('iv1', 'code', { seq: 1, state: bytes(7) });
			const link = { id: 'L1', interviewId: 'iv1', tokenHash: 'rh1', anonymised: true, createdAt: 5 };
			await stores.reviewerLinks.createReviewerLink(link);
			await stores.close();
			closed = true;
			stores = await subject.reopen();
			closed = false;
			expect(await stores.interviews.getInterview('iv1')).toEqual({
				...interview('iv1'),
				endedAt: 5_000,
				consentedAt: 4_000
			});
			expect(await stores.interviews.findParticipantByTokenHash(participants('iv1')[1].tokenHash)).toEqual(
				participants('iv1')[1]
			);
			expect(await readAll(stores, 'iv1')).toEqual([
				{ ...update, seq: 1 },
				{ ...event('iv1', 'run:start'), seq: 2 }
			]);
			expect(await stores.log.latestCheckpoint('iv1', 'code')).toEqual({ seq: 1, state: bytes(7) });
			expect(await stores.reviewerLinks.findReviewerLinkByTokenHash('rh1')).toEqual(link);
			const [next] = await stores.log.appendBatch([event('iv1', 'after')]);
			expect(next.seq).toBe(3);
		});
}
