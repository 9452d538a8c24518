import type { DocName } from '../../src/lib/shared/protocol.js';
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
} from './types.js';

/**
 * The small interfaces the domain needs from the outside world. Storage (SQLite now,
 * PostgreSQL later), fan-out (in-process now, Redis later) and the update guard implement
 * them; the domain never imports a driver or a socket library.
 *
 * Storage is cut by concept, one port per concept, each a repository on one database
 * (server/storage/sqlite/SqliteDatabase.ts) or in memory (server/storage/memory). Every method
 * answers a Promise, so a network database (PostgreSQL, issue 13) fits without changing a
 * caller, and each call is one unit of work: what must be atomic (an interview with its
 * participants, a log batch, a version with its draft cleared, an erasure) is one method,
 * so no transaction ever spans two calls.
 */

/** Interviews and their participants. */
export interface InterviewStore {
	/** The interview and its participants, in one transaction. */
	createInterview(interview: InterviewRecord, participants: ParticipantRecord[]): Promise<void>;
	getInterview(id: string): Promise<InterviewRecord | undefined>;
	findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined>;
	/** In the order they were created. */
	participantsOf(interviewId: string): Promise<ParticipantRecord[]>;
	/** Sets the end time unless already set; answers the stored one and whether this call set it. */
	markEnded(id: string, endedAt: number): Promise<{ endedAt: number; changed: boolean }>;
	/** Sets the start time unless already set; answers the stored one. */
	markStarted(id: string, startedAt: number): Promise<number>;
	/** Take-homes that have started and not ended, for the deadline sweep. */
	listRunningTakeHomes(): Promise<InterviewRecord[]>;
	/** Most recent first. */
	listInterviews(limit: number): Promise<InterviewRecord[]>;
	/** RET-1: interviews that ended before `t`. */
	listEndedBefore(t: number): Promise<InterviewRecord[]>;
}

/** CONSENT-2: the candidate's acceptance of the recording. */
export interface ConsentStore {
	/** Sets the acceptance unless already set; answers the stored time and whether this call set it. */
	markConsented(interviewId: string, at: number): Promise<{ consentedAt: number; changed: boolean }>;
}

/** The recording: the append-only log of an interview and its documents' checkpoints. */
export interface LogStore {
	/** Appends in one transaction; seq is assigned per interview, in order, from 1, with no gap. */
	appendBatch(entries: NewLogEntry[]): Promise<LogEntry[]>;
	readLog(interviewId: string, afterSeq?: number): AsyncIterable<LogEntry>;
	readDocUpdates(interviewId: string, doc: DocName, afterSeq: number): Promise<LogEntry[]>;
	latestCheckpoint(interviewId: string, doc: DocName): Promise<Checkpoint | undefined>;
	writeCheckpoint(interviewId: string, doc: DocName, checkpoint: Checkpoint): Promise<void>;
	/** Every checkpoint of an interview (both documents), in seq order, without their states. */
	listCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]>;
	readCheckpoint(interviewId: string, doc: DocName, seq: number): Promise<Checkpoint | undefined>;
}

/** REPLAY-6: read-only replay links for reviewers. */
export interface ReviewerLinkStore {
	createReviewerLink(link: ReviewerLinkRecord): Promise<void>;
	findReviewerLinkByTokenHash(tokenHash: string): Promise<ReviewerLinkRecord | undefined>;
}

/** Interviewers' drafts, submitted versions and "first saw others" times (never in the log). */
export interface ScorecardStore {
	getDraft(interviewId: string, participantId: string): Promise<DraftRecord | undefined>;
	saveDraft(draft: DraftRecord): Promise<void>;
	/** All versions of all interviewers of an interview, in submission order. */
	listVersions(interviewId: string): Promise<ScorecardVersionRecord[]>;
	/**
	 * Stores a version and clears that interviewer's draft, in one transaction. False, and nothing
	 * stored, when that version number already exists (two submits raced).
	 */
	appendVersion(version: ScorecardVersionRecord): Promise<boolean>;
	/** Keeps the first time; answers the stored one. */
	markSeenOthers(interviewId: string, participantId: string, at: number): Promise<number>;
	seenOthersAt(interviewId: string, participantId: string): Promise<number | null>;
}

/** Loops of interviews for a hiring panel, and the panel's decisions. */
export interface LoopStore {
	/** The loop and its first interviews, in one transaction. */
	createLoop(loop: LoopRecord, interviewIds: string[]): Promise<void>;
	getLoop(id: string): Promise<LoopRecord | undefined>;
	/** Whether any loop's panel link has this token hash (a credential, not a guess). */
	findLoopByPanelTokenHash(tokenHash: string): Promise<LoopRecord | undefined>;
	/** Most recent first. */
	listLoops(): Promise<(LoopRecord & { interviews: number })[]>;
	/** Appends at the end of the loop; adding one twice keeps its place. */
	addLoopInterview(loopId: string, interviewId: string): Promise<void>;
	listLoopInterviews(loopId: string): Promise<string[]>;
	loopsOfInterview(interviewId: string): Promise<string[]>;
	appendDecision(decision: DecisionRecord): Promise<void>;
	/** In the order they were made. */
	listDecisions(loopId: string): Promise<DecisionRecord[]>;
}

/** DEL-1: removing an interview from everything stored. */
export interface InterviewErasure {
	/**
	 * Removes the interview and every row of it from every concept above, in one transaction,
	 * then makes sure the freed bytes are gone from the storage (for SQLite: the file and its
	 * WAL). A loop keeps existing without the interview. False when there was no such interview.
	 */
	eraseInterview(id: string): Promise<boolean>;
}

/** Everything stored, one repository per concept over one database. */
export interface Stores {
	interviews: InterviewStore;
	consent: ConsentStore;
	log: LogStore;
	reviewerLinks: ReviewerLinkStore;
	scorecards: ScorecardStore;
	loops: LoopStore;
	erasure: InterviewErasure;
	close(): Promise<void>;
}

/** Cross-room fan-out: in-process now; Redis pub/sub when several processes serve a room. */
export interface Bus {
	publish(channel: string, message: Uint8Array): void;
	subscribe(channel: string, handler: (message: Uint8Array) => void): () => void;
	/** Called each time the bus is back after an outage, when what was published meanwhile is lost. */
	onReconnect?(listener: () => void): () => void;
}

/** A document whose every change the guard validates against a schema (see src/lib/shared/canvas). */
export type DocSchema = 'canvas';

/**
 * `clients`: the Yjs client ids whose structs the update adds (checked against who owns them);
 * `costMs`: how long applying it to the mirror took (LIMIT-6).
 */
export type GuardVerdict = { ok: true; clients: number[]; costMs: number } | { ok: false; reason: string };

/**
 * Applies an untrusted Yjs update to a mirror of the document under a time and memory
 * bound, before the real document sees it (Yjs 13 can hang on crafted updates).
 */
export interface UpdateGuard {
	/**
	 * Starts mirroring a document; `snapshot` gives its current state whenever the guard
	 * restarts. With a `schema`, every update must leave the document valid under it.
	 */
	load(key: string, snapshot: () => Uint8Array, schema?: DocSchema): Promise<void>;
	/** `protect`: top-level maps this update must not change (refused, with a reason, if it does). */
	check(key: string, update: Uint8Array, protect?: string[]): Promise<GuardVerdict>;
	/**
	 * An update another process checked and stored, applied to the real document: the mirror
	 * applies it too, in order with the checks, so that what builds on it is not taken as pending.
	 */
	applyTrusted(key: string, update: Uint8Array): void;
	/** The last update checked was refused after all (by the room): the mirror forgets it. */
	reload(key: string): void;
	drop(key: string): void;
}

export interface Clock {
	now(): number;
}

/** A pending timer; `cancel` is safe to call twice. */
export interface ScheduledTask {
	cancel(): void;
}

/** Timers, passed in so that tests drive time with a fake clock (the domain calls no raw timer). */
export interface Scheduler {
	after(ms: number, task: () => void): ScheduledTask;
}

/** Where the domain reports what an operator should know; the server prints it, tests collect it. */
export interface Logger {
	error(message: string, err?: unknown): void;
	warn(message: string): void;
	info(message: string): void;
}
