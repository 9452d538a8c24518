import type { DocName } from '../../src/lib/shared/protocol.js';
import { CheckpointSchedule } from './CheckpointSchedule.js';
import type { LogStore, Logger } from './ports.js';

interface RoomCheckpointsDeps {
	log: LogStore;
	logger: Logger;
	interviewId: string;
	doc: DocName;
	/** The document's whole state and who owns its client ids, taken when a checkpoint is written. */
	snapshot(): { state: Uint8Array; clients: Record<string, string> };
}

/**
 * A room's full-state checkpoints: which updates are stored (the last seq, and how many applied
 * ones are not yet), when the next checkpoint is due (CheckpointSchedule), and the writes in flight.
 */
export class RoomCheckpoints {
	/** The seq of the last stored update; 0 while the document has no history. */
	lastSeq = 0;
	private schedule = new CheckpointSchedule();
	private writing: Promise<void> = Promise.resolve();
	private notYetDurable = 0;

	constructor(
		private readonly deps: RoomCheckpointsDeps,
		private readonly key = `${deps.interviewId}/${deps.doc}`
	) {}

	/** Starting from a stored document. */
	loaded(from: ConstructorParameters<typeof CheckpointSchedule>[0] & { lastSeq: number }): void {
		this.lastSeq = from.lastSeq;
		this.schedule = new CheckpointSchedule(from);
	}

	/** An update was applied; `stored` or `uncounted` follows. */
	applied(): void {
		this.notYetDurable++;
	}

	/** The update applied earlier will not count: storing it failed, or the room has closed. */
	uncounted(): void {
		this.notYetDurable--;
	}

	/** The update applied earlier is stored at `seq`: a checkpoint may be due. */
	stored(seq: number, bytes: number): void {
		this.notYetDurable--;
		this.lastSeq = seq;
		this.schedule.stored(bytes);
		// Only when every applied update is stored, so the state is exactly the log up to lastSeq.
		if (this.notYetDurable !== 0 || !this.schedule.due) return;
		// A large one is written over many turns (SQLite, in parts): `flush` waits for it.
		this.writing = Promise.all([this.writing, this.write()]).then(() => undefined);
	}

	/** Waits for the writes in flight, then writes a last checkpoint if anything is stored since. */
	async flush(): Promise<void> {
		await this.writing;
		await this.write();
	}

	/** Takes the state now, synchronously; a failure is logged (the log still holds everything). */
	private async write(): Promise<void> {
		if (!this.schedule.pending || this.lastSeq === 0) return;
		const seq = this.lastSeq;
		const { state, clients } = this.deps.snapshot();
		this.schedule.written(state.length);
		await this.deps.log
			.writeCheckpoint(this.deps.interviewId, this.deps.doc, { seq, state, clients })
			.catch((err) => this.deps.logger.error(`checkpoint of ${this.key} failed`, err));
	}
}
