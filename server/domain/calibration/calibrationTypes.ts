import type { Confidence, Recommendation } from '../../../src/lib/shared/rubric.js';
import type { Draft, Rating } from '../../../src/lib/shared/scorecard.js';
import type { RevealCause } from '../../../src/lib/shared/calibration/calibrationApi.js';

/** PEOPLE-1: one of the team's interviewers. */
export interface PersonRecord {
	id: string;
	name: string;
	email: string | null;
	role: string | null;
	level: string | null;
	createdAt: number;
}

export interface CalibrationSessionRecord {
	id: string;
	title: string;
	rubricId: string;
	/** CAL-2 */
	blind: boolean;
	createdAt: number;
}

/** A rater link: one person in one session; the token is stored only as a hash. */
export interface RaterRecord {
	id: string;
	sessionId: string;
	personId: string;
	tokenHash: string;
	createdAt: number;
}

export interface RoundRecord {
	sessionId: string;
	round: number;
	openedAt: number;
	revealedAt: number | null;
	revealedBy: RevealCause | null;
}

export interface RaterDraftRecord {
	sessionId: string;
	raterId: string;
	interviewId: string;
	round: number;
	draft: Draft;
	savedAt: number;
}

/** CAL-4: immutable once stored. */
export interface RaterCardRecord {
	sessionId: string;
	raterId: string;
	interviewId: string;
	round: number;
	ratings: Record<string, Rating>;
	recommendation: Recommendation;
	confidence: Confidence;
	submittedAt: number;
}

/** What `submitCard` did: stored, refused because one exists, or refused because the round is not open. */
export type CardOutcome = 'stored' | 'exists' | 'closed';
