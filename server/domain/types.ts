import type { Confidence, Recommendation } from '../../src/lib/shared/rubric.js';
import type { DecisionRule, Draft, Rating } from '../../src/lib/shared/scorecard.js';
import type { FinalDecision } from '../../src/lib/shared/debrief.js';
import type { InterviewMode, Role } from '../../src/lib/shared/protocol.js';
import type { CanvasElement } from '../../src/lib/shared/canvas/canvasDoc.js';

export interface InterviewRecord {
	id: string;
	title: string;
	candidateName: string;
	problemIds: string[];
	rubricId: string | null;
	createdAt: number;
	endedAt: number | null;
	/** `take-home`: the candidate works alone within the time box; interviewers review afterwards. */
	mode: InterviewMode;
	timeBoxMinutes: number | null;
	/** When the candidate started a take-home (the clock runs from here). */
	startedAt: number | null;
	/** CONSENT-1: when the candidate accepted the recording (null: not yet). */
	consentedAt?: number | null;
}

/** A read-only replay link for a reviewer (REPLAY-6): never a room participant. */
export interface ReviewerLinkRecord {
	id: string;
	interviewId: string;
	tokenHash: string;
	/** Blind review: the candidate's name never leaves the server on this link. */
	anonymised: boolean;
	createdAt: number;
}

export interface ParticipantRecord {
	id: string;
	interviewId: string;
	name: string;
	role: Role;
	color: string;
	tokenHash: string;
	/** PEOPLE-1: the person an interviewer link belongs to (null for candidates, observers, and before PEOPLE-2). */
	personId?: string | null;
}

export type { LogEntry, NewLogEntry } from '../../src/lib/shared/recording.js';

export interface Checkpoint {
	seq: number;
	state: Uint8Array;
	/** UPD-1: who owns each Yjs client id of the state (client id → participant id). */
	clients?: Record<string, string>;
}

/** Interviewer-only parts of a problem (PRIV-1). */
export interface PrivateProblem {
	id: string;
	solution: string;
	hiddenTests: string;
	interviewerNotes: string;
}

/** What a problem offers every role in the room. */
export interface Problem {
	id: string;
	title: string;
	kind: string;
	statement: string;
	/** Visible tests: shown to, and run by, everyone. */
	tests: string;
	starter: string;
	timeBoxMinutes: number;
	competencies: string[];
	/** Python packages the problem's code imports (meta.yaml `packages`), loaded before a run. */
	packages: string[];
	/** System design: Excalidraw elements the canvas starts with when the problem is first opened. */
	scene: CanvasElement[] | null;
}

export interface DraftRecord {
	interviewId: string;
	participantId: string;
	draft: Draft;
	savedAt: number;
}

export interface ScorecardVersionRecord {
	interviewId: string;
	participantId: string;
	version: number;
	ratings: Record<string, Rating>;
	recommendation: Recommendation;
	confidence: Confidence;
	reason: string | null;
	afterSeeingOthers: boolean;
	submittedAt: number;
}

export interface LoopRecord {
	id: string;
	title: string;
	candidateName: string;
	decisionRule: DecisionRule;
	/** The hiring panel's capability, stored only as a hash. */
	panelTokenHash: string;
	createdAt: number;
}

export interface DecisionRecord {
	loopId: string;
	decision: FinalDecision;
	rationale: string;
	decidedBy: string;
	decidedAt: number;
}
