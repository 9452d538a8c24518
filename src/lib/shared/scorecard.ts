/**
 * Scorecards: the shapes sent to and from the API, and the pure rules about them (spec ids
 * in server/domain/scorecardRules.ts): what a complete submission needs, the weighted score,
 * where interviewers disagree, and a loop's decision rule. Shared by the server, which
 * enforces them, and the pages, which explain them.
 */
import { z } from 'zod';
import {
	CONFIDENCES,
	LEVELS,
	NOT_ASSESSED,
	RECOMMENDATIONS,
	isHire,
	type Confidence,
	type Level,
	type Recommendation,
	type Rubric
} from './rubric.js';

export const MAX_NOTE_CHARS = 2000;
export const MAX_NOTES_PER_COMPETENCY = 50;

const noteId = z
	.string()
	.min(1)
	.max(40)
	.regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -');

/** An evidence note, pinned to a moment of the interview (`t`: server epoch ms, the recording's clock). */
export const NoteSchema = z.object({
	id: noteId,
	text: z.string().trim().min(1, 'is empty').max(MAX_NOTE_CHARS, `is longer than ${MAX_NOTE_CHARS} characters`),
	t: z.number().int().nonnegative()
});
export type Note = z.infer<typeof NoteSchema>;

const levelOrNa = z.union([z.literal(LEVELS[0]), z.literal(2), z.literal(3), z.literal(4), z.literal(NOT_ASSESSED)]);
export type LevelChoice = Level | typeof NOT_ASSESSED;

const competencyKey = z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'is not a competency id');

/** A draft: anything may still be missing; the text being typed in an evidence box is kept too. */
export const DraftSchema = z.object({
	ratings: z
		.record(
			competencyKey,
			z.object({
				level: levelOrNa.nullable().default(null),
				notes: z.array(NoteSchema).max(MAX_NOTES_PER_COMPETENCY).default([]),
				pending: z.string().max(MAX_NOTE_CHARS).default('')
			})
		)
		.default({}),
	recommendation: z.enum(RECOMMENDATIONS).nullable().default(null),
	confidence: z.enum(CONFIDENCES).nullable().default(null),
	/** While amending: the reason typed so far. */
	reason: z.string().max(MAX_NOTE_CHARS).default('')
});
export type Draft = z.infer<typeof DraftSchema>;

/** A submission (first version) or an amendment (a later version, which needs `reason`). */
export const SubmitSchema = z.object({
	ratings: z.record(
		competencyKey,
		z.object({
			level: levelOrNa,
			notes: z.array(NoteSchema).max(MAX_NOTES_PER_COMPETENCY).default([])
		})
	),
	recommendation: z.enum(RECOMMENDATIONS),
	confidence: z.enum(CONFIDENCES),
	reason: z.string().trim().min(1, 'is empty').max(MAX_NOTE_CHARS).optional()
});
export type SubmitInput = z.input<typeof SubmitSchema>;
export type Submission = z.infer<typeof SubmitSchema>;

export interface Rating {
	level: LevelChoice;
	notes: Note[];
}

/** One submitted version of one interviewer's scorecard; never changed once stored (SCORE-4). */
export interface ScorecardVersion {
	interviewId: string;
	interviewer: { id: string; name: string };
	version: number;
	ratings: Record<string, Rating>;
	recommendation: Recommendation;
	confidence: Confidence;
	/** Amendments only. */
	reason: string | null;
	/** SCORE-5: amended after this interviewer had been shown others' scorecards. */
	afterSeeingOthers: boolean;
	submittedAt: number;
	/** Weighted score over assessed competencies, 1–4 (null when none assessed). */
	weightedScore: number | null;
}

export interface SubmissionProblem {
	field: string;
	message: string;
}

/** SCORE-3: what a submission still lacks, in words, each naming its field; empty when complete. */
export function submissionProblems(
	rubric: Rubric,
	s: {
		ratings: Record<string, { level: LevelChoice | null; notes: Note[] }>;
		recommendation: unknown;
		confidence: unknown;
	}
): SubmissionProblem[] {
	const out: SubmissionProblem[] = [];
	for (const key of Object.keys(s.ratings)) {
		if (!rubric.competencies.some((c) => c.id === key)) {
			out.push({ field: `ratings.${key}`, message: `ratings.${key} is not a competency of the rubric "${rubric.id}"` });
		}
	}
	let assessed = 0;
	for (const c of rubric.competencies) {
		const r = s.ratings[c.id];
		if (!r || r.level === null || r.level === undefined) {
			out.push({
				field: `ratings.${c.id}.level`,
				message: `${c.name}: choose a level, or mark it not assessed`
			});
			continue;
		}
		if (r.level === NOT_ASSESSED) continue;
		assessed++;
		if ((r.level === 1 || r.level === 4) && r.notes.length === 0) {
			out.push({
				field: `ratings.${c.id}.notes`,
				message: `${c.name}: level ${r.level} needs at least one evidence note`
			});
		}
	}
	if (assessed === 0 && rubric.competencies.every((c) => s.ratings[c.id]?.level === NOT_ASSESSED)) {
		out.push({ field: 'ratings', message: 'Assess at least one competency' });
	}
	if (!s.recommendation) out.push({ field: 'recommendation', message: 'Choose a recommendation' });
	if (!s.confidence) out.push({ field: 'confidence', message: 'Choose a confidence' });
	return out;
}

/**
 * SCORE-6: the weighted mean of the levels given, on the 1–4 scale. Competencies marked not
 * assessed (or missing) are left out and the weights of the assessed ones renormalised, so a
 * gap never pulls the score towards the middle. Null when nothing was assessed.
 */
export function weightedScore(rubric: Rubric, ratings: Record<string, { level: LevelChoice | null }>): number | null {
	let sum = 0;
	let weight = 0;
	for (const c of rubric.competencies) {
		const level = ratings[c.id]?.level;
		if (typeof level !== 'number') continue;
		sum += c.weight * level;
		weight += c.weight;
	}
	return weight === 0 ? null : Math.round((sum / weight) * 100) / 100;
}

export interface CardForComparison {
	interviewer: { id: string; name: string };
	ratings: Record<string, { level: LevelChoice | null }>;
	recommendation: Recommendation;
}

export interface Disagreements {
	/** SCORE-7: competencies where two interviewers' levels are two or more apart. */
	competencies: { competencyId: string; low: number; high: number }[];
	/** SCORE-7: recommendations on both sides of the hire line. */
	recommendation: boolean;
}

/** SCORE-7: where the panel's discussion should start. Not-assessed levels never count. */
export function findDisagreements(competencyIds: string[], cards: CardForComparison[]): Disagreements {
	const competencies: Disagreements['competencies'] = [];
	for (const id of competencyIds) {
		const levels = cards.map((c) => c.ratings[id]?.level).filter((l): l is Level => typeof l === 'number');
		if (levels.length < 2) continue;
		const low = Math.min(...levels);
		const high = Math.max(...levels);
		if (high - low >= 2) competencies.push({ competencyId: id, low, high });
	}
	const sides = new Set(cards.map((c) => isHire(c.recommendation)));
	return { competencies, recommendation: sides.size === 2 };
}

/** A loop's decision rule (SCORE-8). */
export const DecisionRuleSchema = z
	.object({
		/** Share of scorecards that must recommend hire (hire or strong hire), 0–1. */
		minHireShare: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1'),
		/** Any strong no hire means no hire. */
		vetoOnStrongNoHire: z.boolean(),
		/** No outcome until at least this many scorecards are in. */
		minScorecards: z.number().int().min(1, 'must be at least 1').max(50)
	})
	.strict();
export type DecisionRule = z.infer<typeof DecisionRuleSchema>;
export const DEFAULT_DECISION_RULE: DecisionRule = { minHireShare: 0.75, vetoOnStrongNoHire: true, minScorecards: 2 };

export interface RuleOutcome {
	outcome: 'hire' | 'no-hire' | 'waiting';
	hireVotes: number;
	votes: number;
	/** Why, in words. */
	explanation: string;
}

/**
 * SCORE-8: the rule's outcome for the recommendations in so far. `waitingFor` names the loop's
 * interviews that have no submitted scorecard yet: until each has one, the outcome waits, so a
 * decision is never read off part of the loop.
 */
export function evaluateDecisionRule(
	rule: DecisionRule,
	recommendations: Recommendation[],
	waitingFor: string[] = []
): RuleOutcome {
	const votes = recommendations.length;
	const hireVotes = recommendations.filter(isHire).length;
	const pct = (x: number) => `${Math.round(x * 100)}%`;
	if (waitingFor.length > 0) {
		return {
			outcome: 'waiting',
			hireVotes,
			votes,
			explanation: `Waiting for a scorecard of ${waitingFor.map((t) => `“${t}”`).join(', ')}`
		};
	}
	if (votes < rule.minScorecards) {
		return {
			outcome: 'waiting',
			hireVotes,
			votes,
			explanation: `${votes} of the ${rule.minScorecards} scorecards the rule needs are in`
		};
	}
	if (rule.vetoOnStrongNoHire && recommendations.includes('strong-no-hire')) {
		return { outcome: 'no-hire', hireVotes, votes, explanation: 'A strong no hire vetoes the hire' };
	}
	const share = hireVotes / votes;
	// A small epsilon: 3 of 4 is exactly 0.75 and must meet a 0.75 bar.
	if (share + 1e-9 >= rule.minHireShare) {
		return {
			outcome: 'hire',
			hireVotes,
			votes,
			explanation: `${hireVotes} of ${votes} recommend hire (${pct(share)}, the rule needs ${pct(rule.minHireShare)})`
		};
	}
	return {
		outcome: 'no-hire',
		hireVotes,
		votes,
		explanation: `${hireVotes} of ${votes} recommend hire (${pct(share)}, the rule needs ${pct(rule.minHireShare)})`
	};
}

export function describeRule(rule: DecisionRule): string {
	return `Hire with at least ${Math.round(rule.minHireShare * 100)}% hire votes${rule.vetoOnStrongNoHire ? ' and no strong no hire' : ''}, once ${rule.minScorecards} scorecard${rule.minScorecards === 1 ? ' is' : 's are'} in`;
}
