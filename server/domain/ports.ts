import type { DocName } from '../../src/lib/shared/protocol.js';
import type {
	Checkpoint,
	InterviewRecord,
	LogEntry,
	NewLogEntry,
	ParticipantRecord,
	ReviewerLinkRecord
} from './types.js';

/**
 * The small interfaces the domain needs from the outside world. Storage (SQLite now,
 * PostgreSQL later), fan-out (in-process now, Redis later) and the update guard implement
 * them; the domain never imports a driver or a socket library.
 * Async throughout so that a network database fits without changing callers.
 */
export interface InterviewStore {
	createInterview(interview: InterviewRecord, participants: ParticipantRecord[]): Promise<void>;
	getInterview(id: string): Promise<InterviewRecord | undefined>;
	findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined>;
	/** Sets the end time unless already set; answers the stored one and whether this call set it. */
	markEnded(id: string, endedAt: number): Promise<{ endedAt: number; changed: boolean }>;
	/** Sets the start time unless already set; answers the stored one. */
	markStarted(id: string, startedAt: number): Promise<number>;
	/** Take-homes that have started and not ended, for the deadline sweep. */
	listRunningTakeHomes(): Promise<InterviewRecord[]>;
}

export interface LogStore {
	/** Appends in one transaction; seq is assigned per interview, in order. */
	appendBatch(entries: NewLogEntry[]): Promise<LogEntry[]>;
	readLog(interviewId: string, afterSeq?: number): AsyncIterable<LogEntry>;
	readDocUpdates(interviewId: string, doc: DocName, afterSeq: number): Promise<LogEntry[]>;
	latestCheckpoint(interviewId: string, doc: DocName): Promise<Checkpoint | undefined>;
	writeCheckpoint(interviewId: string, doc: DocName, checkpoint: Checkpoint): Promise<void>;
}

export interface Store extends InterviewStore, LogStore {
	close(): void;
}

/**
 * Replay, consent, deletion and retention (issue 6). Apart from Store so a store adds it on
 * its own; SqliteStore implements both.
 */
export interface RecordsStore {
	/** CONSENT-2: sets the candidate's acceptance unless already set; answers the stored time. */
	markConsented(id: string, at: number): Promise<{ consentedAt: number; changed: boolean }>;
	/** Most recent first. */
	listInterviews(limit: number): Promise<InterviewRecord[]>;
	/** RET-1: interviews that ended before `t`. */
	listEndedBefore(t: number): Promise<InterviewRecord[]>;
	participantsOf(interviewId: string): Promise<ParticipantRecord[]>;
	/**
	 * DEL-1: removes the interview and every row that belongs to it, in every table with an
	 * interview id, in one transaction, then makes sure the freed bytes are gone from the
	 * database file (and its journal). Whoever adds a table with interview rows adds it here.
	 * Answers false when there was no such interview.
	 */
	deleteInterview(id: string): Promise<boolean>;
	createReviewerLink(link: ReviewerLinkRecord): Promise<void>;
	findReviewerLinkByTokenHash(tokenHash: string): Promise<ReviewerLinkRecord | undefined>;
	/** Every checkpoint of an interview (both documents), in seq order, without their states. */
	listCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]>;
	readCheckpoint(interviewId: string, doc: DocName, seq: number): Promise<Checkpoint | undefined>;
}

/** Cross-room fan-out: in-process now; Redis pub/sub when several processes serve a room. */
export interface Bus {
	publish(channel: string, message: Uint8Array): void;
	subscribe(channel: string, handler: (message: Uint8Array) => void): () => void;
}

/** A document whose every change the guard validates against a schema (see src/lib/shared/canvas). */
export type DocSchema = 'canvas';

/** `clients`: the Yjs client ids whose structs the update adds (checked against who owns them). */
export type GuardVerdict = { ok: true; clients: number[] } | { ok: false; reason: string };

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
