import type { Confidence, Recommendation } from '../../src/lib/shared/rubric.js';
import type { DecisionRule, Draft, Rating } from '../../src/lib/shared/scorecard.js';
import type { FinalDecision } from '../../src/lib/shared/debrief.js';
import type { ParticipantRecord } from './types.js';

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

/** Scorecards and loops live in their own tables, never in the recording log or a Yjs document. */
export interface ScorecardStore {
	listInterviewers(interviewId: string): Promise<ParticipantRecord[]>;
	getDraft(interviewId: string, participantId: string): Promise<DraftRecord | undefined>;
	saveDraft(draft: DraftRecord): Promise<void>;
	/** All versions of all interviewers of an interview, by participant then version. */
	listVersions(interviewId: string): Promise<ScorecardVersionRecord[]>;
	/**
	 * Stores a version and clears that interviewer's draft, in one transaction. False, and nothing
	 * stored, when that version number already exists (two submits raced).
	 */
	appendVersion(version: ScorecardVersionRecord): Promise<boolean>;
	/** Keeps the first time; answers the stored one. */
	markSeenOthers(interviewId: string, participantId: string, at: number): Promise<number>;
	seenOthersAt(interviewId: string, participantId: string): Promise<number | null>;

	createLoop(loop: LoopRecord, interviewIds: string[]): Promise<void>;
	getLoop(id: string): Promise<LoopRecord | undefined>;
	/** Whether any loop's panel link has this token hash (a credential, not a guess). */
	findLoopByPanelTokenHash(tokenHash: string): Promise<LoopRecord | undefined>;
	listLoops(): Promise<(LoopRecord & { interviews: number })[]>;
	/** Appends at the end of the loop; adding one twice keeps its place. */
	addLoopInterview(loopId: string, interviewId: string): Promise<void>;
	listLoopInterviews(loopId: string): Promise<string[]>;
	loopsOfInterview(interviewId: string): Promise<string[]>;
	appendDecision(decision: DecisionRecord): Promise<void>;
	listDecisions(loopId: string): Promise<DecisionRecord[]>;
	close(): void;
}
