import type { AnonymisedRecording } from '../domain/anonymise/anonymiseRecording.js';
import type { Anonymiser } from '../domain/ports.js';
import type { DocName } from '../../src/lib/shared/protocol.js';
import type { LogEntry } from '../domain/types.js';
import { BackgroundThread } from '../background/BackgroundThread.js';
import { packEntries, transferables, type PackedEntries } from './packedEntries.js';

export interface AnonymiseJob {
	entries: PackedEntries;
	candidateName: string;
	checkpointsAt: { doc: DocName; seq: number }[];
}

export interface AnonymiserThreadOptions {
	/** The thread's heap: a recording past it fails with a message, and the server goes on. */
	heapMb?: number;
	/** The thread ends once it has had nothing to do this long. */
	idleMs?: number;
}

/**
 * REPLAY-7's rewrite off the main thread. Rewriting a recording without the candidate's name
 * replays every update of it: seconds for a long interview, tens of seconds when the name is in
 * the code. Run in the request, it froze every live room of the process meanwhile (a keystroke
 * waited for a blind calibration rater's replay to be ready). The log crosses as a few buffers,
 * packed in slices on this thread (packedEntries).
 */
export class AnonymiserThread implements Anonymiser {
	private readonly thread: BackgroundThread<AnonymiseJob, AnonymisedRecording>;

	constructor(opts: AnonymiserThreadOptions = {}) {
		this.thread = new BackgroundThread({
			main: new URL('./anonymiserThreadMain.ts', import.meta.url),
			failure: 'The anonymised recording could not be prepared',
			...opts
		});
	}

	/** Rewrites asked for so far (each page load of an anonymised replay should cost one). */
	get jobs(): number {
		return this.thread.jobs;
	}

	/** The thread's nice value as it last reported it (null: it could not lower it, or no job yet). */
	get threadNice(): number | null {
		return this.thread.threadNice;
	}

	anonymise(
		entries: LogEntry[],
		candidateName: string,
		checkpointsAt: { doc: DocName; seq: number }[]
	): Promise<AnonymisedRecording> {
		const job = packEntries(entries).then((packed) => ({ entries: packed, candidateName, checkpointsAt }));
		return this.thread.run(job, (j) => transferables(j.entries));
	}

	/** Ends the thread; jobs still waiting fail. */
	close(): Promise<void> {
		return this.thread.close();
	}
}
