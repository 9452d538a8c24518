/** Loops and the hiring panel's debrief: request schemas and the views the API answers. */
import { z } from 'zod';
import type { Rubric } from './rubric.js';
import {
	DecisionRuleSchema,
	type DecisionRule,
	type Disagreements,
	type Draft,
	type RuleOutcome,
	type ScorecardVersion
} from './scorecard.js';

const name = z.string().trim().min(1, 'is required').max(80, 'is longer than 80 characters');
const interviewId = z.string().min(1).max(64);

export const CreateLoopSchema = z.object({
	title: z.string().trim().min(1, 'is required').max(200, 'is longer than 200 characters'),
	candidate: z.object({ name }),
	/** Interviews to group now, in the loop's order; more can be added later. */
	interviews: z.array(interviewId).max(20).default([]),
	decisionRule: DecisionRuleSchema.optional()
});
export type CreateLoopInput = z.input<typeof CreateLoopSchema>;
/** A loop as validated at the edge. */
export type CreateLoop = z.output<typeof CreateLoopSchema>;

export const AddToLoopSchema = z.object({ interview: interviewId });
export type AddToLoop = z.output<typeof AddToLoopSchema>;

export const FINAL_DECISIONS = ['hire', 'no-hire'] as const;
export type FinalDecision = (typeof FINAL_DECISIONS)[number];
export const DecisionSchema = z.object({
	decision: z.enum(FINAL_DECISIONS),
	rationale: z.string().trim().min(1, 'is required').max(5000, 'is longer than 5000 characters'),
	decidedBy: name
});
export type Decision = z.output<typeof DecisionSchema>;

export interface CreateLoopReply {
	id: string;
	/** The hiring panel's link: the token in it is the only way in besides the admin key. */
	debriefUrl: string;
}

export interface LoopSummary {
	id: string;
	title: string;
	candidateName: string;
	createdAt: number;
	interviews: number;
}

/** What one interviewer's room panel gets (SCORE-1, SCORE-2). */
export interface PanelView {
	rubric: Rubric;
	me: { id: string; name: string };
	draft: (Draft & { savedAt: number }) | null;
	/** My submitted versions, oldest first. */
	versions: ScorecardVersion[];
	/** Every interviewer of the interview and only whether they have submitted. */
	progress: { id: string; name: string; submitted: boolean }[];
	/** SCORE-2: others' latest scorecards, only once I have submitted; null before. */
	others: ScorecardVersion[] | null;
	/** Interview time range for pins (server epoch ms). */
	range: { from: number; to: number | null };
}

export interface DebriefInterview {
	id: string;
	title: string;
	/** When the interview started (server epoch ms): pinned notes are shown relative to it. */
	startedAt: number;
	rubric: { id: string; title: string } | null;
	/** Interviewers of this interview; `submitted` false until their first version. */
	interviewers: { id: string; name: string; submitted: boolean }[];
	/** Latest version of each submitted scorecard. */
	scorecards: ScorecardVersion[];
	/** Every version, amendments included, oldest first. */
	history: ScorecardVersion[];
	disagreements: Disagreements;
}

export interface DebriefView {
	loop: { id: string; title: string; candidateName: string; createdAt: number; decisionRule: DecisionRule };
	/** Interview matrix: which competencies each interview's rubric covers. */
	competencies: { id: string; name: string; weightByInterview: Record<string, number> }[];
	interviews: DebriefInterview[];
	/** SCORE-7 across the loop: recommendations on both sides of the hire line. */
	recommendationSplit: boolean;
	rule: RuleOutcome;
	decisions: { decision: FinalDecision; rationale: string; decidedBy: string; decidedAt: number }[];
	generatedAt: number;
}

/** The applicant-tracking-system payload (see README). */
export interface AtsPayload {
	candidate: { name: string };
	loop: { id: string; title: string; debriefUrl: string };
	overallRecommendation: FinalDecision | 'pending';
	ruleOutcome: RuleOutcome['outcome'];
	decision: { decision: FinalDecision; rationale: string; decidedBy: string; decidedAt: string } | null;
	scorecards: {
		interview: { id: string; title: string };
		interviewer: string;
		recommendation: string;
		confidence: string;
		weightedScore: number | null;
		version: number;
		amendedAfterSeeingOthers: boolean;
		submittedAt: string;
		scorecardUrl: string;
		ratings: { competency: string; name: string; rating: number | null; notAssessed: boolean }[];
		replayMoments: { competency: string; note: string; at: string; url: string }[];
	}[];
}
