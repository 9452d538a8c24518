/**
 * One Yjs document of a recording, able to stand at any point of its history. A seek starts
 * from the nearest base at or before the target and applies the log's updates from there in seq
 * order, so it costs at most the distance to that base, never the whole log (REPLAY-2). A base
 * is a checkpoint the server stored, or one of the few documents this track keeps decoded where
 * earlier seeks left them: moving one of those forward applies only the updates in between, and
 * nothing is ever encoded again (encoding a snapshot of the document cost a cold seek more than
 * the updates it saved).
 */
import * as Y from 'yjs';

/** Decoded documents a track keeps (least recently used goes first): about 2-4 MB each on a long interview. */
export const LIVE_DOCS_PER_TRACK = 6;

export interface TrackUpdate {
	seq: number;
	update: Uint8Array;
}

interface Checkpoint {
	/** How many of the track's updates this state covers (updates[0..count) applied). */
	count: number;
	state: Uint8Array | null;
	/** Yjs's v2 encoding: about half the size of v1, and faster to load. */
	v2: boolean;
}

/** A decoded document standing after `applied` updates. */
interface LiveDoc {
	doc: Y.Doc;
	applied: number;
	lastUsed: number;
}

export class DocTrack {
	/** Bumped whenever the document shown changes or is replaced, so views know when to redraw. */
	version = 0;
	/** Set when an update could not be applied: the track stops just before it. */
	failedSeq: number | null = null;
	private readonly checkpoints: Checkpoint[] = [{ count: 0, state: null, v2: false }];
	private readonly seqs: number[];
	private live: LiveDoc[] = [];
	private current: LiveDoc;
	private clock = 0;

	constructor(
		private readonly updates: TrackUpdate[],
		checkpoints: { seq: number; state: Uint8Array; v2?: boolean }[] = []
	) {
		this.seqs = updates.map((u) => u.seq);
		for (const cp of checkpoints) {
			const count = this.countUpTo(cp.seq);
			// A checkpoint past the end of a cut-off log cannot be matched with the log: ignore it.
			if (count === 0 || this.seqs[count - 1] !== cp.seq) continue;
			this.addCheckpoint({ count, state: cp.state, v2: cp.v2 ?? false });
		}
		this.current = this.decode(this.checkpoints[0]);
	}

	/** The document where the last seek left it. */
	get doc(): Y.Doc {
		return this.current.doc;
	}

	get length(): number {
		return this.updates.length;
	}

	/** How many updates have seq ≤ `seq`. */
	countUpTo(seq: number): number {
		let lo = 0;
		let hi = this.seqs.length;
		while (lo < hi) {
			const mid = (lo + hi) >> 1;
			if (this.seqs[mid] <= seq) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}

	/** Stands the document at the state after every update with seq ≤ `seq`. */
	seekSeq(seq: number): Y.Doc {
		this.seekCount(this.countUpTo(seq));
		return this.doc;
	}

	seekCount(target: number): void {
		if (this.failedSeq !== null) target = Math.min(target, this.countUpTo(this.failedSeq - 1));
		this.current.lastUsed = ++this.clock;
		if (target === this.current.applied) return;
		const checkpoint = this.checkpointAtOrBefore(target);
		let from: LiveDoc | null = null;
		for (const l of this.live) if (l.applied <= target && (!from || l.applied > from.applied)) from = l;
		// A decoded document at or past the checkpoint is closer: move it, decode nothing.
		if (!from || from.applied < checkpoint.count) from = this.decode(checkpoint);
		from.lastUsed = this.clock;
		this.current = from;
		this.version++;
		while (from.applied < target) {
			const u = this.updates[from.applied];
			try {
				Y.applyUpdate(from.doc, u.update);
			} catch {
				this.failedSeq = u.seq;
				return;
			}
			from.applied++;
		}
	}

	/** A fresh document from a checkpoint, kept among the live ones (evicting the least recently used). */
	private decode(cp: Checkpoint): LiveDoc {
		const doc = new Y.Doc({ gc: true });
		if (cp.state && cp.v2) Y.applyUpdateV2(doc, cp.state);
		else if (cp.state) Y.applyUpdate(doc, cp.state);
		const l: LiveDoc = { doc, applied: cp.count, lastUsed: ++this.clock };
		if (this.live.length >= LIVE_DOCS_PER_TRACK) {
			// The document shown (this.current) is the most recently used, so it is never the one to go.
			let oldest = this.live[0];
			for (const x of this.live) if (x.lastUsed < oldest.lastUsed) oldest = x;
			this.live = this.live.filter((x) => x !== oldest);
			oldest.doc.destroy();
		}
		this.live.push(l);
		return l;
	}

	private checkpointAtOrBefore(count: number): Checkpoint {
		let lo = 0;
		let hi = this.checkpoints.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.checkpoints[mid].count <= count) lo = mid;
			else hi = mid - 1;
		}
		return this.checkpoints[lo];
	}

	private addCheckpoint(c: Checkpoint): void {
		const i = this.checkpoints.findIndex((x) => x.count >= c.count);
		if (i === -1) this.checkpoints.push(c);
		else if (this.checkpoints[i].count !== c.count) this.checkpoints.splice(i, 0, c);
	}
}
