import type { DocName } from '../../src/lib/shared/protocol.js';
import type { RecordsStore, Store } from '../domain/ports.js';
import type { Checkpoint, InterviewRecord, LogEntry, NewLogEntry, ParticipantRecord } from '../domain/types.js';
import { SqliteStore } from '../storage/SqliteStore.js';

interface Hold {
	markStarted(): void;
	released: Promise<void>;
}

/**
 * A Store that forwards to a real one (SQLite in memory unless given) and records how the
 * domain used it, so unit tests can assert on calls and wait on them instead of sleeping.
 * It also lets a test hold or fail the next batch. Domain tests get their store from here,
 * which keeps `server/domain/*.test.ts` free of storage imports (see eslint.config.js).
 */
export class ObservedStore implements Store {
	/** The entries of every appendBatch call, in call order, failed ones included. */
	readonly batches: NewLogEntry[][] = [];
	/** Entries the inner store has committed, in commit order. */
	readonly committed: LogEntry[] = [];
	readonly checkpointsWritten: { interviewId: string; doc: DocName; seq: number }[] = [];
	readonly docReads: { interviewId: string; doc: DocName; afterSeq: number }[] = [];
	readonly created: { interview: InterviewRecord; participants: ParticipantRecord[] }[] = [];

	private readonly holds: Hold[] = [];
	private readonly failures: unknown[] = [];
	private readonly inFlight = new Set<Promise<unknown>>();

	constructor(readonly inner: Store = new SqliteStore(':memory:')) {}

	/** CONSENT-2, for domain tests of the candidate (the inner store must be a RecordsStore too). */
	markConsented(id: string, at: number): ReturnType<RecordsStore['markConsented']> {
		return (this.inner as Store & RecordsStore).markConsented(id, at);
	}

	/** The next appendBatch waits for `release()`; `started` resolves once it has been called. */
	holdNextBatch(): { started: Promise<void>; release(): void } {
		let markStarted!: () => void;
		let release!: () => void;
		const started = new Promise<void>((r) => (markStarted = r));
		const released = new Promise<void>((r) => (release = r));
		this.holds.push({ markStarted, released });
		return { started, release };
	}

	/** The next appendBatch rejects with `err` and stores nothing. */
	failNextBatch(err: unknown): void {
		this.failures.push(err);
	}

	/** Resolves once every write that has been started is finished. */
	async settled(): Promise<void> {
		await Promise.allSettled([...this.inFlight]);
	}

	appendBatch(entries: NewLogEntry[]): Promise<LogEntry[]> {
		this.batches.push([...entries]);
		const hold = this.holds.shift();
		const failure = this.failures.length > 0 ? { err: this.failures.shift() } : null;
		return this.track(
			(async () => {
				if (hold) {
					hold.markStarted();
					await hold.released;
				}
				if (failure) throw failure.err;
				const written = await this.inner.appendBatch(entries);
				this.committed.push(...written);
				return written;
			})()
		);
	}

	readLog(interviewId: string, afterSeq?: number): AsyncIterable<LogEntry> {
		return this.inner.readLog(interviewId, afterSeq);
	}

	readDocUpdates(interviewId: string, doc: DocName, afterSeq: number): Promise<LogEntry[]> {
		this.docReads.push({ interviewId, doc, afterSeq });
		return this.inner.readDocUpdates(interviewId, doc, afterSeq);
	}

	latestCheckpoint(interviewId: string, doc: DocName): Promise<Checkpoint | undefined> {
		return this.inner.latestCheckpoint(interviewId, doc);
	}

	writeCheckpoint(interviewId: string, doc: DocName, checkpoint: Checkpoint): Promise<void> {
		this.checkpointsWritten.push({ interviewId, doc, seq: checkpoint.seq });
		return this.track(this.inner.writeCheckpoint(interviewId, doc, checkpoint));
	}

	createInterview(interview: InterviewRecord, participants: ParticipantRecord[]): Promise<void> {
		this.created.push({ interview: structuredClone(interview), participants: structuredClone(participants) });
		return this.inner.createInterview(interview, participants);
	}

	getInterview(id: string): Promise<InterviewRecord | undefined> {
		return this.inner.getInterview(id);
	}

	findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined> {
		return this.inner.findParticipantByTokenHash(tokenHash);
	}

	markEnded(id: string, endedAt: number): Promise<{ endedAt: number; changed: boolean }> {
		return this.inner.markEnded(id, endedAt);
	}

	markStarted(id: string, startedAt: number): Promise<number> {
		return this.inner.markStarted(id, startedAt);
	}

	listRunningTakeHomes(): Promise<InterviewRecord[]> {
		return this.inner.listRunningTakeHomes();
	}

	close(): void {
		this.inner.close();
	}

	private track<T>(p: Promise<T>): Promise<T> {
		this.inFlight.add(p);
		const forget = () => this.inFlight.delete(p);
		p.then(forget, forget);
		return p;
	}
}
