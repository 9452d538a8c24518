/**
 * One Yjs document of a recording, able to stand at any point of its history. A seek starts
 * from the nearest base at or before the target and applies the log's updates from there in seq
 * order, so it costs at most the distance to that base, never the whole log (REPLAY-2). A base
 * is a checkpoint the server stored, or one of the few documents this track keeps decoded where
 * earlier seeks (or idle work, `prepareStep`) left them: moving one of those forward applies only
 * the updates in between and decodes nothing. Nothing is encoded on a seek: a snapshot taken
 * there made later seeks nearby a few milliseconds cheaper, but the seek that took it (often a
 * cold one) slower, and the tail is what a person feels; decoding a snapshot also costs about
 * what decoding a checkpoint does, which is most of a random seek.
 */
import * as Y from 'yjs';

/** Where background work (`prepareStep`) stands documents, as fractions of the log, in order. */
const PREPARE_AT = [0.5, 0.25, 0.75];

/**
 * Decoded documents a track keeps (least recently used goes first): the one shown and the idle
 * work's three. Each is 2-4 MB of small objects on a long interview, and every one kept makes the
 * garbage collector's pauses longer during later seeks: in Chromium, keeping 6 instead of 4 made
 * the seek p99 of a freshly opened two-hour replay 55-82 ms instead of 41-43 (bench:replay).
 */
export const LIVE_DOCS_PER_TRACK = 1 + PREPARE_AT.length;

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
	/** Checkpoints decoded so far (the costly part of a seek). */
	decodes = 0;
	/** Set when an update could not be applied: the track stops just before it. */
	failedSeq: number | null = null;
	private readonly checkpoints: Checkpoint[] = [{ count: 0, state: null, v2: false }];
	private readonly seqs: number[];
	private live: LiveDoc[] = [];
	private current: LiveDoc;
	private clock = 0;
	/** Where background work (prepareStep) still has to stand a document, as fractions of the log. */
	private readonly toPrepare = [...PREPARE_AT];

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

	/**
	 * One piece of background work, for when the page is idle: stands a document of its own at
	 * one of a few moments spread over the log (the middle first, then the quarters), kept among
	 * the decoded ones. Seeks near those moments start there, and the first seeks of a freshly
	 * opened page no longer run Yjs's decoding cold (V8 has optimised it by then). False when
	 * nothing is left to do.
	 */
	prepareStep(): boolean {
		const at = this.toPrepare.shift();
		if (at === undefined) return false;
		const target = Math.floor(at * this.updates.length);
		const l = this.decode(this.checkpointAtOrBefore(target));
		this.forward(l, target);
		return true;
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
		this.forward(from, target);
	}

	/**
	 * Applies the updates up to `target`; a damaged one stops the track just before it. In one
	 * transaction: Yjs's per-transaction work (merging structs, events, the delete-set cleanup) was
	 * most of a seek's cost when each of hundreds of updates had a transaction of its own.
	 */
	private forward(l: LiveDoc, target: number): void {
		if (this.failedSeq !== null) target = Math.min(target, this.countUpTo(this.failedSeq - 1));
		if (l.applied >= target) return;
		l.doc.transact(() => {
			while (l.applied < target) {
				const u = this.updates[l.applied];
				try {
					Y.applyUpdate(l.doc, u.update);
				} catch {
					this.failedSeq = u.seq;
					return;
				}
				l.applied++;
			}
		});
	}

	/** A fresh document from a checkpoint, kept among the live ones (evicting the least recently used). */
	private decode(cp: Checkpoint): LiveDoc {
		const doc = new Y.Doc({ gc: true });
		applyState(doc, cp);
		this.decodes++;
		const l: LiveDoc = { doc, applied: cp.count, lastUsed: ++this.clock };
		if (this.live.length >= LIVE_DOCS_PER_TRACK) {
			// The document shown (this.current) never goes: views still read it.
			let oldest: LiveDoc | null = null;
			for (const x of this.live) if (x !== this.current && (!oldest || x.lastUsed < oldest.lastUsed)) oldest = x;
			this.live = this.live.filter((x) => x !== oldest);
			oldest?.doc.destroy();
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

function applyState(doc: Y.Doc, cp: Checkpoint): void {
	if (cp.state && cp.v2) Y.applyUpdateV2(doc, cp.state);
	else if (cp.state) Y.applyUpdate(doc, cp.state);
}
