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
import type {
	CalibrationSessionRecord,
	CardOutcome,
	PersonRecord,
	RaterCardRecord,
	RaterDraftRecord,
	RaterRecord,
	RoundRecord
} from './calibration/calibrationTypes.js';
import type { AnonymisedRecording } from './anonymise/anonymiseRecording.js';
import type { FiguresRequest, TableFigures } from './calibration/calibrationStatistics.js';

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
	/** ORG-2: the organizer's search, most recent first (as `listInterviews`), every filter given at once. */
	searchInterviews(search: InterviewSearch): Promise<InterviewRecord[]>;
	/**
	 * ORG-3: the participant's token hash is replaced, so the old token opens nothing any more.
	 * False, and nothing changed, when the interview has no such participant; a hash already
	 * taken is refused (throws) and changes nothing.
	 */
	replaceTokenHash(interviewId: string, participantId: string, tokenHash: string): Promise<boolean>;
	/** CAL-10: interviews that ended in [from, to), oldest first. */
	listEndedBetween(from: number, to: number): Promise<InterviewRecord[]>;
}

/** PEOPLE-1..3: the team's interviewers, and which links belong to whom. */
export interface PeopleStore {
	/** False, and nothing stored, when another person has the email. */
	createPerson(person: PersonRecord): Promise<boolean>;
	getPerson(id: string): Promise<PersonRecord | undefined>;
	/** By name, then creation. */
	listPeople(): Promise<PersonRecord[]>;
	/** People whose name, trimmed, spaces collapsed and lowercased, is `nameKey`. */
	findPeopleByNameKey(nameKey: string): Promise<PersonRecord[]>;
	/**
	 * PEOPLE-1: the person named as `person` is (by name key), the oldest if several, or `person`
	 * stored now if nobody is. Atomic: requests naming a new person at once all get the same one.
	 */
	createPersonNamed(person: PersonRecord): Promise<PersonRecord>;
	/** False when there is no such person or another person has the email (nothing changed). */
	updatePerson(person: PersonRecord): Promise<boolean>;
	/** False when there was no such person. Callers check `linksOf` first (PEOPLE-3). */
	deletePerson(id: string): Promise<boolean>;
	/** Interview links (participants) and rater links naming the person. */
	linksOf(id: string): Promise<{ interviewLinks: number; raterLinks: number }>;
	/** The person's interviewer links, oldest first. */
	participantsOfPerson(personId: string): Promise<ParticipantRecord[]>;
	/** PEOPLE-2: interviewer links with no person yet, oldest first. */
	listUnlinkedInterviewers(): Promise<ParticipantRecord[]>;
	linkParticipant(participantId: string, personId: string): Promise<void>;
}

/** Calibration sessions, their raters, rounds, drafts and cards (CAL-1..8). */
export interface CalibrationStore {
	/** The session, its interviews (in order), its raters and round 1, in one transaction. */
	createSession(
		session: CalibrationSessionRecord,
		interviewIds: string[],
		raters: RaterRecord[],
		firstRound: RoundRecord
	): Promise<void>;
	getSession(id: string): Promise<CalibrationSessionRecord | undefined>;
	/** Most recent first. */
	listSessions(): Promise<CalibrationSessionRecord[]>;
	/** The session and everything of it; false when there was none. */
	deleteSession(id: string): Promise<boolean>;
	sessionInterviews(sessionId: string): Promise<string[]>;
	/** In the order they were created. */
	listRaters(sessionId: string): Promise<RaterRecord[]>;
	findRaterByTokenHash(tokenHash: string): Promise<RaterRecord | undefined>;
	/** The person's rater links in every session, oldest first. */
	ratersOfPerson(personId: string): Promise<RaterRecord[]>;
	/** Oldest first. */
	listRounds(sessionId: string): Promise<RoundRecord[]>;
	/** Marks the round revealed unless it already is; true when this call did. */
	revealRound(sessionId: string, round: number, at: number, by: RoundRecord['revealedBy']): Promise<boolean>;
	/** CAL-7: adds round `round` if the last round is `round - 1` and revealed; false otherwise. */
	openRound(next: RoundRecord): Promise<boolean>;
	getDraft(
		sessionId: string,
		raterId: string,
		interviewId: string,
		round: number
	): Promise<RaterDraftRecord | undefined>;
	saveDraft(draft: RaterDraftRecord): Promise<void>;
	/**
	 * Stores the card and clears its draft in one transaction, only while its round is open and no
	 * card of that rater, interview and round exists.
	 */
	submitCard(card: RaterCardRecord): Promise<CardOutcome>;
	/** Every card of the session, by round, then submission. */
	listCards(sessionId: string): Promise<RaterCardRecord[]>;
}

/** What `searchInterviews` filters on; unset fields do not filter. */
export interface InterviewSearch {
	/** Part of the candidate's name or the title; ASCII letters match in any case; `%` and `_` are literal. */
	text?: string;
	/** Interviews whose problems include this id. */
	problemId?: string;
	/** True: `endedAt` set; false: not set. */
	ended?: boolean;
	limit: number;
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
	 * WAL). A loop keeps existing without the interview. CAL-8: the interview leaves its calibration
	 * sessions with its drafts and cards; a session left with no interview goes with its raters and
	 * rounds. False when there was no such interview.
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
	people: PeopleStore;
	calibrations: CalibrationStore;
	erasure: InterviewErasure;
	close(): Promise<void>;
}

/** Cross-room fan-out: in-process now; Redis pub/sub when several processes serve a room. */
export interface Bus {
	publish(channel: string, message: Uint8Array): void;
	subscribe(channel: string, handler: (message: Uint8Array) => void): () => void;
	/** Called each time the bus is back after an outage, when what was published meanwhile is lost. */
	onReconnect?(listener: () => void): () => void;
	/**
	 * False when nothing but `self` would receive what is published on `channel` (one process, its
	 * room the only subscriber): the room then makes no frame at all. A bus that cannot know who
	 * listens (Redis) leaves it out, and everything is published.
	 */
	reachesOthers?(channel: string, self: (message: Uint8Array) => void): boolean;
}

/** A document whose every change the guard validates against a schema (see src/lib/shared/canvas). */
export type DocSchema = 'canvas';

/**
 * REPLAY-7's rewrite of a whole recording without the candidate's name. Seconds of work on a long
 * interview: the server runs it on a thread of its own (server/anonymiser), never on the rooms'.
 */
export interface Anonymiser {
	anonymise(
		entries: LogEntry[],
		candidateName: string,
		checkpointsAt: { doc: DocName; seq: number }[]
	): Promise<AnonymisedRecording>;
}

/**
 * CAL-9, CAL-10: the figures of raters × units tables (calibrationStatistics). Alpha's bootstrap
 * interval takes tens to hundreds of milliseconds a table: the server computes them on a thread of
 * its own (server/statistics), never on the rooms'. The figures answered are shared: read only.
 */
export interface TableStatistics {
	figures(tables: FiguresRequest[]): Promise<TableFigures[]>;
}

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
	/**
	 * An update the room checked itself (a cheap edit) and applied: the mirror takes it before its
	 * next check, so what builds on it is not taken as pending.
	 */
	appliedUnchecked(key: string, update: Uint8Array): void;
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
