import type { DocName } from '../../src/lib/shared/protocol.js';
import type { ConsentStore, InterviewSearch, InterviewStore, LogStore, Stores } from '../domain/ports.js';
import type { Checkpoint, InterviewRecord, LogEntry, NewLogEntry, ParticipantRecord } from '../domain/types.js';
import { createInMemoryStores } from '../storage/memory/InMemoryStores.js';

interface Hold {
	markStarted(): void;
	released: Promise<void>;
}

/**
 * The interview, consent and log repositories of a set of stores (in memory unless given),
 * recording how the domain used them, so unit tests can assert on calls and wait on them
 * instead of sleeping. It also lets a test hold or fail the next batch. Domain tests get their
 * stores from here, which keeps `server/domain/*.test.ts` free of storage imports (see
 * eslint.config.js) and away from SQLite: the in-memory stores pass the same contract suites.
 */
export class ObservedStore implements InterviewStore, LogStore, ConsentStore {
	/** The entries of every appendBatch call, in call order, failed ones included. */
	readonly batches: NewLogEntry[][] = [];
	/** Entries the log has committed, in commit order. */
	readonly committed: LogEntry[] = [];
	readonly checkpointsWritten: { interviewId: string; doc: DocName; seq: number }[] = [];
	readonly docReads: { interviewId: string; doc: DocName; afterSeq: number }[] = [];
	readonly created: { interview: InterviewRecord; participants: ParticipantRecord[] }[] = [];

	private readonly holds: Hold[] = [];
	private readonly failures: unknown[] = [];
	private readonly checkpointHolds: Hold[] = [];
	private readonly checkpointFailures: unknown[] = [];
	private readonly inFlight = new Set<Promise<unknown>>();

	constructor(readonly stores: Stores = createInMemoryStores()) {}

	/** CONSENT-2, for domain tests of the candidate. */
	markConsented(id: string, at: number): ReturnType<ConsentStore['markConsented']> {
		return this.stores.consent.markConsented(id, at);
	}

	/** The next appendBatch waits for `release()`; `started` resolves once it has been called. */
	holdNextBatch(): { started: Promise<void>; release(): void } {
		return this.newHold(this.holds);
	}

	/** The next appendBatch rejects with `err` and stores nothing. */
	failNextBatch(err: unknown): void {
		this.failures.push(err);
	}

	/** The next writeCheckpoint waits for `release()` (a large one, written in parts, takes a while). */
	holdNextCheckpoint(): { started: Promise<void>; release(): void } {
		return this.newHold(this.checkpointHolds);
	}

	/** The next writeCheckpoint rejects with `err` and stores nothing (a full disk). */
	failNextCheckpoint(err: unknown): void {
		this.checkpointFailures.push(err);
	}

	private newHold(into: Hold[]): { started: Promise<void>; release(): void } {
		let markStarted!: () => void;
		let release!: () => void;
		const started = new Promise<void>((r) => (markStarted = r));
		const released = new Promise<void>((r) => (release = r));
		into.push({ markStarted, released });
		return { started, release };
	}

	/** Resolves once every write that has been started is finished. */
	async settled(): Promise<void> {
		await Promise.allSettled([...this.inFlight]);
	}

	appendBatch(entries: NewLogEntry[]): Promise<LogEntry[]> {
		this.batches.push([...entries]);
		return this.write(this.holds, this.failures, async () => {
			const written = await this.stores.log.appendBatch(entries);
			this.committed.push(...written);
			return written;
		});
	}

	/** Runs `write` after the next hold of `holds` is released, or fails with the next of `failures`. */
	private write<T>(holds: Hold[], failures: unknown[], write: () => Promise<T>): Promise<T> {
		const hold = holds.shift();
		const failure = failures.length > 0 ? { err: failures.shift() } : null;
		return this.track(
			(async () => {
				if (hold) {
					hold.markStarted();
					await hold.released;
				}
				if (failure) throw failure.err;
				return write();
			})()
		);
	}

	readLog(interviewId: string, afterSeq?: number): AsyncIterable<LogEntry> {
		return this.stores.log.readLog(interviewId, afterSeq);
	}

	readDocUpdates(interviewId: string, doc: DocName, afterSeq: number): Promise<LogEntry[]> {
		this.docReads.push({ interviewId, doc, afterSeq });
		return this.stores.log.readDocUpdates(interviewId, doc, afterSeq);
	}

	latestCheckpoint(interviewId: string, doc: DocName): Promise<Checkpoint | undefined> {
		return this.stores.log.latestCheckpoint(interviewId, doc);
	}

	writeCheckpoint(interviewId: string, doc: DocName, checkpoint: Checkpoint): Promise<void> {
		this.checkpointsWritten.push({ interviewId, doc, seq: checkpoint.seq });
		return this.write(this.checkpointHolds, this.checkpointFailures, () =>
			this.stores.log.writeCheckpoint(interviewId, doc, checkpoint)
		);
	}

	createInterview(interview: InterviewRecord, participants: ParticipantRecord[]): Promise<void> {
		this.created.push({ interview: structuredClone(interview), participants: structuredClone(participants) });
		return this.stores.interviews.createInterview(interview, participants);
	}

	getInterview(id: string): Promise<InterviewRecord | undefined> {
		return this.stores.interviews.getInterview(id);
	}

	findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined> {
		return this.stores.interviews.findParticipantByTokenHash(tokenHash);
	}

	markEnded(id: string, endedAt: number): Promise<{ endedAt: number; changed: boolean }> {
		return this.stores.interviews.markEnded(id, endedAt);
	}

	markStarted(id: string, startedAt: number): Promise<number> {
		return this.stores.interviews.markStarted(id, startedAt);
	}

	listRunningTakeHomes(): Promise<InterviewRecord[]> {
		return this.stores.interviews.listRunningTakeHomes();
	}

	listCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]> {
		return this.stores.log.listCheckpoints(interviewId);
	}

	readCheckpoint(interviewId: string, doc: DocName, seq: number): Promise<Checkpoint | undefined> {
		return this.stores.log.readCheckpoint(interviewId, doc, seq);
	}

	participantsOf(interviewId: string): Promise<ParticipantRecord[]> {
		return this.stores.interviews.participantsOf(interviewId);
	}

	listInterviews(limit: number): Promise<InterviewRecord[]> {
		return this.stores.interviews.listInterviews(limit);
	}

	listEndedBefore(t: number): Promise<InterviewRecord[]> {
		return this.stores.interviews.listEndedBefore(t);
	}

	searchInterviews(search: InterviewSearch): Promise<InterviewRecord[]> {
		return this.stores.interviews.searchInterviews(search);
	}

	replaceTokenHash(interviewId: string, participantId: string, tokenHash: string): Promise<boolean> {
		return this.stores.interviews.replaceTokenHash(interviewId, participantId, tokenHash);
	}

	listEndedBetween(from: number, to: number): Promise<InterviewRecord[]> {
		return this.stores.interviews.listEndedBetween(from, to);
	}

	close(): Promise<void> {
		return this.stores.close();
	}

	private track<T>(p: Promise<T>): Promise<T> {
		this.inFlight.add(p);
		const forget = () => this.inFlight.delete(p);
		p.then(forget, forget);
		return p;
	}
}
