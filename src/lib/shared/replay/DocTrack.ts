/**
 * One Yjs document of a recording, able to stand at any point of its history. It starts from
 * the nearest base at or before the target (a checkpoint the server stored, or a snapshot this
 * track took while applying updates) and applies the log's updates from there in seq order,
 * so a seek costs at most the distance to the nearest base, never the whole log. Moving
 * forward from where it stands applies only the updates in between.
 */
import * as Y from 'yjs';

/** A seek that applied this many updates past the nearest base leaves a snapshot where it landed. */
export const SNAPSHOT_EVERY_UPDATES = 250;

export interface TrackUpdate {
	seq: number;
	update: Uint8Array;
}

interface Base {
	/** How many of the track's updates this state covers (updates[0..count) applied). */
	count: number;
	state: Uint8Array | null;
	/** Yjs's v2 encoding: about half the size of v1, and faster to load. */
	v2: boolean;
}

export class DocTrack {
	doc = new Y.Doc({ gc: true });
	/** Bumped whenever `doc` changes or is replaced, so views know when to redraw. */
	version = 0;
	/** Set when an update could not be applied: the track stops just before it. */
	failedSeq: number | null = null;
	private applied = 0;
	private readonly bases: Base[] = [{ count: 0, state: null, v2: false }];
	private readonly seqs: number[];

	constructor(
		private readonly updates: TrackUpdate[],
		checkpoints: { seq: number; state: Uint8Array; v2?: boolean }[] = []
	) {
		this.seqs = updates.map((u) => u.seq);
		for (const cp of checkpoints) {
			const count = this.countUpTo(cp.seq);
			// A checkpoint past the end of a cut-off log cannot be matched with the log: ignore it.
			if (count === 0 || this.seqs[count - 1] !== cp.seq) continue;
			this.addBase({ count, state: cp.state, v2: cp.v2 ?? false });
		}
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
		if (target === this.applied) return;
		const base = this.baseAtOrBefore(target);
		if (target < this.applied || base.count > this.applied) {
			const doc = new Y.Doc({ gc: true });
			if (base.state && base.v2) Y.applyUpdateV2(doc, base.state);
			else if (base.state) Y.applyUpdate(doc, base.state);
			this.doc.destroy();
			this.doc = doc;
			this.applied = base.count;
		}
		this.version++;
		while (this.applied < target) {
			const u = this.updates[this.applied];
			try {
				Y.applyUpdate(this.doc, u.update);
			} catch {
				this.failedSeq = u.seq;
				return;
			}
			this.applied++;
		}
		// One snapshot per seek at most, where it landed, so seeking around here later starts close by.
		if (this.applied - this.baseAtOrBefore(this.applied).count >= SNAPSHOT_EVERY_UPDATES) {
			this.addBase({ count: this.applied, state: Y.encodeStateAsUpdateV2(this.doc), v2: true });
		}
	}

	private baseAtOrBefore(count: number): Base {
		let lo = 0;
		let hi = this.bases.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (this.bases[mid].count <= count) lo = mid;
			else hi = mid - 1;
		}
		return this.bases[lo];
	}

	private addBase(b: Base): void {
		const i = this.bases.findIndex((x) => x.count >= b.count);
		if (i === -1) this.bases.push(b);
		else if (this.bases[i].count !== b.count) this.bases.splice(i, 0, b);
	}

	/** Bases held (checkpoints and snapshots), for tests and the benchmark. */
	get baseCount(): number {
		return this.bases.length;
	}
}
