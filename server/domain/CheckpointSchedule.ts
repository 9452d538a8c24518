/** A full-state checkpoint after this many stored updates of one document... */
export const CHECKPOINT_EVERY_UPDATES = 200;
/** ...once they also add up to 1/CHECKPOINT_GROWTH of the last checkpoint's bytes. */
export const CHECKPOINT_GROWTH = 32;

/**
 * When a document's next full-state checkpoint is due. A checkpoint costs its whole size (encoded
 * on the main thread, then written), so it comes after CHECKPOINT_EVERY_UPDATES updates and only
 * once those updates are worth 1/CHECKPOINT_GROWTH of the last one. An interview's code and a
 * canvas of shapes checkpoint every 200 updates as before (their updates pass the bytes bound
 * long before the count). A canvas holding images is megabytes, and rewriting all of it after
 * every 200 small moves stalled every room of the process for tens of milliseconds each time.
 * Both bounds also keep what a load or a replay seek applies after a checkpoint small: at most
 * a 32nd of the state's bytes, or 200 updates.
 */
export class CheckpointSchedule {
	private updates = 0;
	private bytes = 0;
	private lastBytes = 0;

	/** Starting from a stored document: its checkpoint's size and what the log holds after it. */
	constructor(
		from: { checkpointBytes: number; updatesSince: number; bytesSince: number } = {
			checkpointBytes: 0,
			updatesSince: 0,
			bytesSince: 0
		}
	) {
		this.lastBytes = from.checkpointBytes;
		this.updates = from.updatesSince;
		this.bytes = from.bytesSince;
	}

	/** An update of `bytes` was stored. */
	stored(bytes: number): void {
		this.updates++;
		this.bytes += bytes;
	}

	get due(): boolean {
		return this.updates >= CHECKPOINT_EVERY_UPDATES && this.bytes * CHECKPOINT_GROWTH >= this.lastBytes;
	}

	/** Something is stored since the last checkpoint (a room that closes writes a last one then). */
	get pending(): boolean {
		return this.updates > 0;
	}

	/** A checkpoint of `bytes` is being written: counting starts again. */
	written(bytes: number): void {
		this.updates = 0;
		this.bytes = 0;
		this.lastBytes = bytes;
	}
}
