/**
 * Calibration (issue 14): the API contract shared by the server (server/transport/http/
 * calibrationRoutes.ts, peopleRoutes.ts) and the pages. Request bodies are zod schemas
 * validated once at the edge; replies are the types below. Rules: CAL-* in
 * server/domain/calibration/calibrationRules.ts.
 *
 * Credentials: ADMIN = `Authorization: Bearer <admin key>`; a room, panel, reviewer or rater
 * token there answers 403, no credential 401. RATER = the rater link's token as `?token=` or
 * `Authorization: Bearer`. Errors are always JSON `{ error, field? }`.
 *
 * | method | path                                            | who         | answers                                   |
 * | ------ | ----------------------------------------------- | ----------- | ----------------------------------------- |
 * | GET    | /api/people                                     | ADMIN       | 200 PeopleList                            |
 * | POST   | /api/people                                     | ADMIN       | 201 Person; 400; 409 email taken          |
 * | GET    | /api/people/:personId                           | ADMIN       | 200 Person; 404                           |
 * | PUT    | /api/people/:personId                           | ADMIN       | 200 Person; 400; 404; 409 email taken     |
 * | DELETE | /api/people/:personId                           | ADMIN       | 200 {deleted}; 404; 409 has links/cards   |
 * | GET    | /api/people/:personId/history                   | ADMIN       | 200 PersonHistory; 404                    |
 * | POST   | /api/interviews (interviewers: PersonRef[])     | ADMIN       | 201 as before, links carry personId       |
 * | POST   | /api/calibrations                               | ADMIN       | 201 CreateCalibrationReply; 400; 409      |
 * | GET    | /api/calibrations                               | ADMIN       | 200 { sessions: CalibrationSummary[] }    |
 * | GET    | /api/calibrations/:id                           | ADMIN       | 200 OrganizerCalibrationView; 404         |
 * | DELETE | /api/calibrations/:id                           | ADMIN       | 200 {deleted}; 404                        |
 * | POST   | /api/calibrations/:id/close                     | ADMIN       | 200 OrganizerCalibrationView; 409 (<2 cards, already revealed) |
 * | POST   | /api/calibrations/:id/rounds                    | ADMIN       | 201 OrganizerCalibrationView; 409 (round not revealed yet) |
 * | GET    | /api/calibrations/:id/export.json               | ADMIN       | 200 CalibrationExport (revealed rounds)   |
 * | GET    | /api/calibrations/:id/export.csv                | ADMIN       | 200 text/csv, one row per rating          |
 * | GET    | /api/calibrations/:id/statistics.csv            | ADMIN       | 200 text/csv, one row per round × figure  |
 * | GET    | /api/reliability?from=&to=&rubric=              | ADMIN       | 200 ReliabilityReport; 400 bad period     |
 * | GET    | /api/calibrations/:id/rater                     | RATER       | 200 RaterView (who submitted, not what)   |
 * | PUT    | /api/calibrations/:id/interviews/:iid/draft     | RATER       | 200 {savedAt}; 400; 404; 409 revealed     |
 * | POST   | /api/calibrations/:id/interviews/:iid/card      | RATER       | 201 RaterCard; 400 incomplete; 409 already submitted / revealed |
 * | GET    | /api/calibrations/:id/events                    | RATER/ADMIN | SSE `changed` (progress, reveal, round)   |
 * | GET    | /api/calibrations/:id/reveal                    | RATER/ADMIN | 200 RevealPayload; 403 rater before reveal; 409 admin before reveal |
 * | GET    | /api/interviews/:iid/replay (+ /log, /checkpoints) | RATER    | 200 replay, anonymised when blind; 403 not in the rater's session |
 *
 * A rater token anywhere else (room session, scorecards, debrief, loops, reviewer links,
 * another session, the Yjs socket, Socket.IO) answers 403 / close 4403 (CAL-3). The rater page
 * is `/calibrate/:id?token=T` (the link CreateCalibrationReply hands out).
 */
import { z } from 'zod';
import type { AlphaInterval, AlphaVerdict, Figure } from '../agreement/index.js';
import type { Confidence, Recommendation, Rubric } from '../rubric.js';
import type { Draft, LevelChoice, Rating } from '../scorecard.js';
import { PersonIdSchema, PersonRefSchema } from './people.js';

export { DraftSchema as RaterDraftSchema, SubmitSchema as RaterSubmitSchema } from '../scorecard.js';

export const MAX_SESSION_INTERVIEWS = 20;
export const MIN_RATERS = 2;
export const MAX_RATERS = 20;
/** CAL-6: scoring closes with at least this many submitted cards for every interview of the session. */
export const MIN_CARDS_TO_CLOSE = 2;

const interviewId = z.string().min(1).max(64);

export const CreateCalibrationSchema = z
	.object({
		title: z.string().trim().min(1, 'is required').max(200, 'is longer than 200 characters'),
		/** Ended interviews, in the order raters see them. */
		interviews: z
			.array(interviewId)
			.min(1, 'needs at least one interview')
			.max(MAX_SESSION_INTERVIEWS, `holds at most ${MAX_SESSION_INTERVIEWS} interviews`),
		/** Default: the first interview's own rubric (every interview must then share it or have none). */
		rubric: z.string().min(1).max(64).optional(),
		raters: z
			.array(PersonRefSchema)
			.min(MIN_RATERS, `needs at least ${MIN_RATERS} raters`)
			.max(MAX_RATERS, `holds at most ${MAX_RATERS} raters`),
		/** CAL-2: on by default. */
		blind: z.boolean().default(true)
	})
	.strict();
export type CreateCalibrationInput = z.input<typeof CreateCalibrationSchema>;
export type CreateCalibration = z.output<typeof CreateCalibrationSchema>;

export const CalibrationIdSchema = PersonIdSchema;

export interface CreateCalibrationReply {
	id: string;
	/** One link per person; the token in it is shown only here (stored as a hash). */
	raters: { raterId: string; personId: string; name: string; url: string }[];
}

export type RoundState = 'scoring' | 'revealed';
/** CAL-5: what revealed a round. */
export type RevealCause = 'all-submitted' | 'closed-by-organizer';

export interface RoundView {
	round: number;
	openedAt: number;
	revealedAt: number | null;
	revealedBy: RevealCause | null;
}

/** An interview as a rater sees it: in a blind session the title is redacted and no candidate name is sent. */
export interface CalibrationInterviewView {
	id: string;
	title: string;
	problems: { id: string; title: string }[];
	startedAt: number | null;
	endedAt: number | null;
	/** Pinned notes' times are clamped into it (server epoch ms, the recording's clock). */
	range: { from: number; to: number | null };
}

export interface CalibrationSessionView {
	id: string;
	title: string;
	blind: boolean;
	rubric: Rubric;
	interviews: CalibrationInterviewView[];
	/** Oldest first; the last is the current one. */
	rounds: RoundView[];
	currentRound: number;
	state: RoundState;
	createdAt: number;
}

export interface CalibrationSummary {
	id: string;
	title: string;
	blind: boolean;
	rubricId: string;
	interviews: number;
	raters: number;
	currentRound: number;
	state: RoundState;
	createdAt: number;
}

/** Who has submitted in the current round: never what. */
export interface RaterProgress {
	raterId: string;
	personId: string;
	name: string;
	/** Interviews of the session this rater has submitted a card for in the current round. */
	submitted: string[];
	done: boolean;
}

export interface OrganizerCalibrationView extends Omit<CalibrationSessionView, 'interviews'> {
	/** The organizer knows who the candidate was. */
	interviews: (CalibrationInterviewView & { candidateName: string })[];
	raters: RaterProgress[];
	/** Whether POST /close would be accepted now, and why not. */
	close: { allowed: true } | { allowed: false; reason: string };
}

/** One rater's submitted card for one interview in one round; never changed once stored (CAL-4). */
export interface RaterCard {
	sessionId: string;
	interviewId: string;
	raterId: string;
	round: number;
	ratings: Record<string, Rating>;
	recommendation: Recommendation;
	confidence: Confidence;
	submittedAt: number;
	weightedScore: number | null;
}

export interface RaterCardSlot {
	interviewId: string;
	/** The current round's draft (null before the first autosave or once submitted). */
	draft: (Draft & { savedAt: number }) | null;
	/** The current round's submitted card. */
	card: RaterCard | null;
	/** CAL-7: my own cards of the earlier rounds, oldest first. */
	earlier: RaterCard[];
}

export interface RaterView {
	session: CalibrationSessionView;
	me: { raterId: string; personId: string; name: string };
	progress: Omit<RaterProgress, 'personId'>[];
	cards: RaterCardSlot[];
	/** Whether GET /reveal opens (some round is revealed). */
	revealAvailable: boolean;
}

/** Alpha with its 95 % bootstrap interval and its reading in words (Krippendorff's thresholds). */
export interface AlphaFigure {
	level: 'ordinal' | 'nominal';
	alpha: Figure;
	interval: AlphaInterval;
	verdict: AlphaVerdict;
	/** Units (interviews, or interview × competency) with two or more ratings. */
	units: number;
}

export interface OffsetFigure {
	raterId: string;
	/** + scores above the others, − below, in levels (positions of the scale for recommendations). */
	offset: Figure;
	n: number;
}

export interface CompetencyReveal {
	competencyId: string;
	name: string;
	/** Every rater's level per interview; null: no card. */
	levels: { raterId: string; interviewId: string; level: LevelChoice | null }[];
	/** Counts over all ratings of the round, for the chart; not-assessed counted apart. */
	distribution: { level: 1 | 2 | 3 | 4; count: number }[];
	notAssessed: number;
	/** Highest minus lowest assessed level, per interview (not defined with fewer than two). */
	spread: { interviewId: string; low: number | null; high: number | null; spread: Figure }[];
	/** Units = the session's interviews. */
	alpha: AlphaFigure;
	exactAgreement: Figure;
	withinOneAgreement: Figure;
	offsets: OffsetFigure[];
}

export interface RecommendationReveal {
	values: { raterId: string; interviewId: string; recommendation: Recommendation | null }[];
	distribution: { recommendation: Recommendation; count: number }[];
	/** Nominal; units = the session's interviews. */
	alpha: AlphaFigure;
	exactAgreement: Figure;
	withinOneAgreement: Figure;
	offsets: OffsetFigure[];
}

export interface RevealRound extends RoundView {
	raters: { raterId: string; personId: string; name: string }[];
	competencies: CompetencyReveal[];
	/** Every competency of every interview as one unit (ordinal): a figure even for one interview. */
	overall: { alpha: AlphaFigure; exactAgreement: Figure; withinOneAgreement: Figure; offsets: OffsetFigure[] };
	recommendation: RecommendationReveal;
}

/** How alpha moved from one revealed round to the next. */
export interface AlphaMovement {
	/** A competency id, `overall` or `recommendation`. */
	figure: string;
	fromRound: number;
	toRound: number;
	from: Figure;
	to: Figure;
	/** to − from; not defined when either is not. */
	change: Figure;
}

/** The live interview's own scorecards (latest version each), shown beside the raters' at the reveal. */
export interface OriginalScores {
	interviewId: string;
	/** The rubric the interview was scored on; only competencies of the session's rubric are listed. */
	rubricId: string | null;
	interviewers: {
		participantId: string;
		personId: string | null;
		name: string;
		ratings: Record<string, LevelChoice>;
		recommendation: Recommendation;
		confidence: Confidence;
		submittedAt: number;
	}[];
}

export interface RevealPayload {
	session: CalibrationSessionView;
	/** Revealed rounds only, oldest first. */
	rounds: RevealRound[];
	movement: AlphaMovement[];
	originals: OriginalScores[];
}

/** GET /export.json: the revealed rounds' cards and statistics. */
export interface CalibrationExport {
	exportedAt: number;
	session: CalibrationSessionView;
	raters: { raterId: string; personId: string; name: string }[];
	rounds: (RoundView & { cards: RaterCard[]; statistics: RevealRound })[];
	movement: AlphaMovement[];
	originals: OriginalScores[];
}

/** Columns of export.csv, in order (one row per round × interview × rater × competency, plus `recommendation`). */
export const RATINGS_CSV_COLUMNS = [
	'session_id',
	'round',
	'interview_id',
	'rater_id',
	'person_id',
	'rater',
	'competency',
	'level',
	'recommendation',
	'confidence',
	'notes',
	'submitted_at'
] as const;

/** Columns of statistics.csv (one row per round × figure: each competency, `overall`, `recommendation`). */
export const STATISTICS_CSV_COLUMNS = [
	'session_id',
	'round',
	'figure',
	'alpha_level',
	'alpha',
	'alpha_ci_low',
	'alpha_ci_high',
	'units',
	'exact_agreement',
	'within_one_agreement',
	'not_defined_because'
] as const;
