import type { DocName } from '../../../src/lib/shared/protocol.js';
import type {
	ConsentStore,
	InterviewErasure,
	InterviewStore,
	LogStore,
	LoopStore,
	ReviewerLinkStore,
	ScorecardStore,
	Stores
} from '../../domain/ports.js';
import type {
	Checkpoint,
	DecisionRecord,
	DraftRecord,
	InterviewRecord,
	LogEntry,
	LoopRecord,
	NewLogEntry,
	ParticipantRecord,
	ReviewerLinkRecord,
	ScorecardVersionRecord
} from '../../domain/types.js';

import { MemoryCalibrationData, MemoryCalibrationStore, MemoryPeopleStore } from './MemoryCalibrationStores.js';

/*
 * Every port in memory, for domain tests and as the reference the contract suites describe. It
 * behaves as the SQLite repositories do where a caller could tell: records are copied in and
 * out (a caller never holds stored state), event data goes through JSON, unique keys and the
 * foreign keys SQLite enforces are refused with an error, and a failed call changes nothing.
 */

type YjsEntry = Extract<LogEntry, { kind: 'yjs' }>;
type EventEntry = Extract<LogEntry, { kind: 'event' }>;
/** Event data is kept as JSON text, as SQLite keeps it. */
type StoredEntry = YjsEntry | (Omit<EventEntry, 'data'> & { json: string });

/** The data of one in-memory database, shared by its repositories. */
class MemoryData {
	readonly interviews = new Map<string, InterviewRecord>();
	readonly participants: ParticipantRecord[] = [];
	readonly log = new Map<string, StoredEntry[]>();
	/** `${interviewId}/${doc}` → seq → state. */
	readonly checkpoints = new Map<string, Map<number, Checkpoint>>();
	readonly reviewerLinks: ReviewerLinkRecord[] = [];
	readonly drafts = new Map<string, DraftRecord>();
	readonly versions: ScorecardVersionRecord[] = [];
	readonly seenOthers = new Map<string, number>();
	readonly loops: LoopRecord[] = [];
	readonly loopInterviews: { loopId: string; interviewId: string }[] = [];
	readonly decisions: DecisionRecord[] = [];

	requireInterview(id: string): void {
		if (!this.interviews.has(id)) throw new Error(`FOREIGN KEY constraint failed: no interview ${id}`);
	}

	requireLoop(id: string): void {
		if (!this.loops.some((l) => l.id === id)) throw new Error(`FOREIGN KEY constraint failed: no loop ${id}`);
	}
}

const copy = <T>(v: T): T => structuredClone(v);
const key = (...parts: string[]) => parts.join('\u0000');

class MemoryInterviewStore implements InterviewStore {
	constructor(private readonly data: MemoryData) {}

	async createInterview(interview: InterviewRecord, participants: ParticipantRecord[]): Promise<void> {
		const d = this.data;
		if (d.interviews.has(interview.id)) throw new Error(`UNIQUE constraint failed: interviews.id ${interview.id}`);
		const ids = new Set(d.participants.map((p) => p.id));
		const hashes = new Set(d.participants.map((p) => p.tokenHash));
		for (const p of participants) {
			if (ids.has(p.id) || hashes.has(p.tokenHash)) throw new Error('UNIQUE constraint failed: participants');
			if (p.interviewId !== interview.id) throw new Error('FOREIGN KEY constraint failed: participants.interview_id');
			ids.add(p.id);
			hashes.add(p.tokenHash);
		}
		d.interviews.set(interview.id, copy(interview));
		d.participants.push(...copy(participants));
	}

	async getInterview(id: string): Promise<InterviewRecord | undefined> {
		const iv = this.data.interviews.get(id);
		return iv && copy(iv);
	}

	async findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined> {
		const p = this.data.participants.find((x) => x.tokenHash === tokenHash);
		return p && copy(p);
	}

	async participantsOf(interviewId: string): Promise<ParticipantRecord[]> {
		return copy(this.data.participants.filter((p) => p.interviewId === interviewId));
	}

	async markEnded(id: string, endedAt: number): Promise<{ endedAt: number; changed: boolean }> {
		const iv = this.data.interviews.get(id);
		const changed = !!iv && iv.endedAt === null;
		if (iv && changed) iv.endedAt = endedAt;
		return { endedAt: iv?.endedAt ?? endedAt, changed };
	}

	async markStarted(id: string, startedAt: number): Promise<number> {
		const iv = this.data.interviews.get(id);
		if (iv && iv.startedAt === null) iv.startedAt = startedAt;
		return iv?.startedAt ?? startedAt;
	}

	async listRunningTakeHomes(): Promise<InterviewRecord[]> {
		return this.all().filter((i) => i.mode === 'take-home' && i.startedAt !== null && i.endedAt === null);
	}

	async listInterviews(limit: number): Promise<InterviewRecord[]> {
		// Newest first; among equal times the one created last first, as SQLite's rowid order.
		const all = this.all().map((iv, i) => ({ iv, i }));
		all.sort((a, b) => b.iv.createdAt - a.iv.createdAt || b.i - a.i);
		return all.slice(0, limit).map((x) => x.iv);
	}

	async listEndedBefore(t: number): Promise<InterviewRecord[]> {
		return this.all().filter((i) => i.endedAt !== null && i.endedAt < t);
	}

	async listEndedBetween(from: number, to: number): Promise<InterviewRecord[]> {
		const all = this.all().filter((i) => i.endedAt !== null && i.endedAt >= from && i.endedAt < to);
		return all.sort((a, b) => a.endedAt! - b.endedAt!);
	}

	private all(): InterviewRecord[] {
		return [...this.data.interviews.values()].map(copy);
	}
}

class MemoryConsentStore implements ConsentStore {
	constructor(private readonly data: MemoryData) {}

	async markConsented(interviewId: string, at: number): Promise<{ consentedAt: number; changed: boolean }> {
		const iv = this.data.interviews.get(interviewId);
		const changed = !!iv && iv.consentedAt == null;
		if (iv && changed) iv.consentedAt = at;
		return { consentedAt: iv?.consentedAt ?? at, changed };
	}
}

class MemoryLogStore implements LogStore {
	constructor(private readonly data: MemoryData) {}

	async appendBatch(entries: NewLogEntry[]): Promise<LogEntry[]> {
		// Everything is encoded before anything is stored, so a bad entry leaves no trace.
		const next = new Map<string, number>();
		const stored = entries.map((e) => {
			const seq = (next.get(e.interviewId) ?? this.data.log.get(e.interviewId)?.at(-1)?.seq ?? 0) + 1;
			next.set(e.interviewId, seq);
			if (e.kind === 'yjs') return { ...e, seq, update: new Uint8Array(e.update) } satisfies StoredEntry;
			const { data, ...rest } = e;
			return { ...rest, seq, json: JSON.stringify(data ?? null) } satisfies StoredEntry;
		});
		for (const e of stored) {
			let list = this.data.log.get(e.interviewId);
			if (!list) this.data.log.set(e.interviewId, (list = []));
			list.push(e);
		}
		return stored.map(toEntry);
	}

	async *readLog(interviewId: string, afterSeq = 0): AsyncIterable<LogEntry> {
		for (const e of this.data.log.get(interviewId) ?? []) if (e.seq > afterSeq) yield toEntry(e);
	}

	async readDocUpdates(interviewId: string, doc: DocName, afterSeq: number): Promise<LogEntry[]> {
		return (this.data.log.get(interviewId) ?? [])
			.filter((e) => e.kind === 'yjs' && e.doc === doc && e.seq > afterSeq)
			.map(toEntry);
	}

	async latestCheckpoint(interviewId: string, doc: DocName): Promise<Checkpoint | undefined> {
		const all = this.data.checkpoints.get(key(interviewId, doc));
		if (!all || all.size === 0) return undefined;
		return copyCheckpoint(all.get(Math.max(...all.keys()))!);
	}

	async writeCheckpoint(interviewId: string, doc: DocName, checkpoint: Checkpoint): Promise<void> {
		let all = this.data.checkpoints.get(key(interviewId, doc));
		if (!all) this.data.checkpoints.set(key(interviewId, doc), (all = new Map()));
		all.set(checkpoint.seq, copyCheckpoint(checkpoint));
	}

	async listCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]> {
		const out: { doc: DocName; seq: number }[] = [];
		for (const doc of ['code', 'canvas'] as DocName[]) {
			for (const seq of this.data.checkpoints.get(key(interviewId, doc))?.keys() ?? []) out.push({ doc, seq });
		}
		return out.sort((a, b) => a.seq - b.seq || a.doc.localeCompare(b.doc));
	}

	async readCheckpoint(interviewId: string, doc: DocName, seq: number): Promise<Checkpoint | undefined> {
		const checkpoint = this.data.checkpoints.get(key(interviewId, doc))?.get(seq);
		return checkpoint && copyCheckpoint(checkpoint);
	}
}

/** A copy, as a database would hand back: what a caller changes later is not what was stored. */
function copyCheckpoint(c: Checkpoint): Checkpoint {
	const copy: Checkpoint = { seq: c.seq, state: new Uint8Array(c.state) };
	if (c.clients) copy.clients = { ...c.clients };
	return copy;
}

function toEntry(e: StoredEntry): LogEntry {
	if (e.kind === 'yjs') return { ...e, update: new Uint8Array(e.update) };
	const { json, ...rest } = e;
	return { ...rest, data: JSON.parse(json) };
}

class MemoryReviewerLinkStore implements ReviewerLinkStore {
	constructor(private readonly data: MemoryData) {}

	async createReviewerLink(link: ReviewerLinkRecord): Promise<void> {
		this.data.requireInterview(link.interviewId);
		if (this.data.reviewerLinks.some((l) => l.id === link.id || l.tokenHash === link.tokenHash))
			throw new Error('UNIQUE constraint failed: reviewer_links');
		this.data.reviewerLinks.push(copy(link));
	}

	async findReviewerLinkByTokenHash(tokenHash: string): Promise<ReviewerLinkRecord | undefined> {
		const l = this.data.reviewerLinks.find((x) => x.tokenHash === tokenHash);
		return l && copy(l);
	}
}

class MemoryScorecardStore implements ScorecardStore {
	constructor(private readonly data: MemoryData) {}

	async getDraft(interviewId: string, participantId: string): Promise<DraftRecord | undefined> {
		const d = this.data.drafts.get(key(interviewId, participantId));
		return d && copy(d);
	}

	async saveDraft(draft: DraftRecord): Promise<void> {
		// Through JSON, as SQLite stores it: what cannot be stored there fails here too.
		this.data.drafts.set(key(draft.interviewId, draft.participantId), JSON.parse(JSON.stringify(draft)));
	}

	async listVersions(interviewId: string): Promise<ScorecardVersionRecord[]> {
		return copy(
			this.data.versions
				.filter((v) => v.interviewId === interviewId)
				.sort(
					(a, b) =>
						a.submittedAt - b.submittedAt ||
						(a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0) ||
						a.version - b.version
				)
		);
	}

	async appendVersion(v: ScorecardVersionRecord): Promise<boolean> {
		const d = this.data;
		const taken = d.versions.some(
			(x) => x.interviewId === v.interviewId && x.participantId === v.participantId && x.version === v.version
		);
		if (taken) return false;
		d.versions.push(copy(v));
		d.drafts.delete(key(v.interviewId, v.participantId));
		return true;
	}

	async markSeenOthers(interviewId: string, participantId: string, at: number): Promise<number> {
		const k = key(interviewId, participantId);
		if (!this.data.seenOthers.has(k)) this.data.seenOthers.set(k, at);
		return this.data.seenOthers.get(k)!;
	}

	async seenOthersAt(interviewId: string, participantId: string): Promise<number | null> {
		return this.data.seenOthers.get(key(interviewId, participantId)) ?? null;
	}
}

class MemoryLoopStore implements LoopStore {
	constructor(private readonly data: MemoryData) {}

	async createLoop(loop: LoopRecord, interviewIds: string[]): Promise<void> {
		if (this.data.loops.some((l) => l.id === loop.id || l.panelTokenHash === loop.panelTokenHash))
			throw new Error('UNIQUE constraint failed: loops');
		this.data.loops.push(copy(loop));
		for (const id of interviewIds) await this.addLoopInterview(loop.id, id);
	}

	async getLoop(id: string): Promise<LoopRecord | undefined> {
		const l = this.data.loops.find((x) => x.id === id);
		return l && copy(l);
	}

	async findLoopByPanelTokenHash(tokenHash: string): Promise<LoopRecord | undefined> {
		const l = this.data.loops.find((x) => x.panelTokenHash === tokenHash);
		return l && copy(l);
	}

	async listLoops(): Promise<(LoopRecord & { interviews: number })[]> {
		const all = this.data.loops.map((l, i) => ({ l, i }));
		all.sort((a, b) => b.l.createdAt - a.l.createdAt || b.i - a.i);
		return all.map(({ l }) => ({
			...copy(l),
			interviews: this.data.loopInterviews.filter((x) => x.loopId === l.id).length
		}));
	}

	async addLoopInterview(loopId: string, interviewId: string): Promise<void> {
		this.data.requireLoop(loopId);
		if (this.data.loopInterviews.some((x) => x.loopId === loopId && x.interviewId === interviewId)) return;
		this.data.loopInterviews.push({ loopId, interviewId });
	}

	async listLoopInterviews(loopId: string): Promise<string[]> {
		return this.data.loopInterviews.filter((x) => x.loopId === loopId).map((x) => x.interviewId);
	}

	async loopsOfInterview(interviewId: string): Promise<string[]> {
		return this.data.loopInterviews.filter((x) => x.interviewId === interviewId).map((x) => x.loopId);
	}

	async appendDecision(decision: DecisionRecord): Promise<void> {
		this.data.requireLoop(decision.loopId);
		this.data.decisions.push(copy(decision));
	}

	async listDecisions(loopId: string): Promise<DecisionRecord[]> {
		const all = this.data.decisions.map((d, i) => ({ d, i })).filter((x) => x.d.loopId === loopId);
		all.sort((a, b) => a.d.decidedAt - b.d.decidedAt || a.i - b.i);
		return all.map((x) => copy(x.d));
	}
}

class MemoryInterviewErasure implements InterviewErasure {
	constructor(
		private readonly data: MemoryData,
		private readonly calibration: MemoryCalibrationData
	) {}

	async eraseInterview(id: string): Promise<boolean> {
		const d = this.data;
		this.calibration.eraseInterview(id);
		const keep = <T extends { interviewId: string }>(list: T[]) => {
			const kept = list.filter((x) => x.interviewId !== id);
			list.splice(0, list.length, ...kept);
		};
		keep(d.participants);
		keep(d.reviewerLinks);
		keep(d.versions);
		keep(d.loopInterviews);
		d.log.delete(id);
		for (const doc of ['code', 'canvas']) d.checkpoints.delete(key(id, doc));
		for (const map of [d.drafts, d.seenOthers]) {
			for (const k of [...map.keys()]) if (k.startsWith(key(id, ''))) map.delete(k);
		}
		return d.interviews.delete(id);
	}
}

/** A fresh, empty in-memory database with every repository on it. */
export function createInMemoryStores(): Stores {
	const data = new MemoryData();
	const calibration = new MemoryCalibrationData(data.participants, data.interviews);
	return {
		interviews: new MemoryInterviewStore(data),
		consent: new MemoryConsentStore(data),
		log: new MemoryLogStore(data),
		reviewerLinks: new MemoryReviewerLinkStore(data),
		scorecards: new MemoryScorecardStore(data),
		loops: new MemoryLoopStore(data),
		people: new MemoryPeopleStore(calibration),
		calibrations: new MemoryCalibrationStore(calibration),
		erasure: new MemoryInterviewErasure(data, calibration),
		async close() {}
	};
}
