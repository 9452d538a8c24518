import type {
	CalibrationInterviewView,
	CalibrationSessionView,
	RaterProgress,
	RoundView
} from '../../../src/lib/shared/calibration/calibrationApi.js';
import type { Rubric } from '../../../src/lib/shared/rubric.js';
import { DomainError } from '../errors.js';
import { NameRedactor } from '../anonymise/NameRedactor.js';
import type { ProblemCatalog } from '../InterviewService.js';
import type { CalibrationStore, InterviewStore, PeopleStore } from '../ports.js';
import type { RubricCatalog } from '../ScorecardService.js';
import type { InterviewRecord } from '../types.js';
import type { CalibrationSessionRecord, RaterCardRecord, RaterRecord, RoundRecord } from './calibrationTypes.js';

export interface SessionDataDeps {
	store: CalibrationStore;
	people: Pick<PeopleStore, 'getPerson'>;
	interviews: Pick<InterviewStore, 'getInterview'>;
	rubrics: RubricCatalog;
	problems: ProblemCatalog;
}

export type NamedRater = RaterRecord & { name: string };

/** Everything of one session, read once per request. */
export interface SessionData {
	session: CalibrationSessionRecord;
	rubric: Rubric;
	/** In the session's order; an interview deleted meanwhile is simply not there (CAL-8). */
	interviews: InterviewRecord[];
	raters: NamedRater[];
	/** Oldest first; never empty. */
	rounds: RoundRecord[];
	cards: RaterCardRecord[];
}

export async function loadSession(deps: SessionDataDeps, id: string): Promise<SessionData> {
	const session = await deps.store.getSession(id);
	if (!session) throw new DomainError('not_found', `No calibration session with id "${id}"`);
	const rubric = deps.rubrics.get(session.rubricId);
	if (!rubric) throw new DomainError('conflict', `The session's rubric "${session.rubricId}" is no longer installed`);
	const [ids, raters, rounds, cards] = await Promise.all([
		deps.store.sessionInterviews(id),
		deps.store.listRaters(id),
		deps.store.listRounds(id),
		deps.store.listCards(id)
	]);
	const interviews = (await Promise.all(ids.map((i) => deps.interviews.getInterview(i)))).filter(
		(iv): iv is InterviewRecord => iv !== undefined
	);
	const named = await Promise.all(
		raters.map(async (r) => ({ ...r, name: (await deps.people.getPerson(r.personId))?.name ?? 'Unknown person' }))
	);
	return { session, rubric, interviews, raters: named, rounds, cards };
}

export function currentRound(d: SessionData): RoundRecord {
	return d.rounds[d.rounds.length - 1];
}

export function cardsOfRound(d: SessionData, round: number): RaterCardRecord[] {
	return d.cards.filter((c) => c.round === round);
}

export function isRevealed(d: SessionData): boolean {
	return d.rounds.some((r) => r.revealedAt !== null);
}

/**
 * CAL-2: in a blind session every text a rater receives is redacted with every interview's
 * candidate name (titles the organizer typed may hold one).
 */
export function redactorOf(d: SessionData): (s: string) => string {
	if (!d.session.blind) return (s) => s;
	const redactors = d.interviews.map((iv) => new NameRedactor(iv.candidateName));
	return (s) => redactors.reduce((text, r) => r.redact(text), s);
}

export function toRoundView(r: RoundRecord): RoundView {
	return { round: r.round, openedAt: r.openedAt, revealedAt: r.revealedAt, revealedBy: r.revealedBy };
}

export function interviewView(
	iv: InterviewRecord,
	problems: ProblemCatalog,
	redact: (s: string) => string
): CalibrationInterviewView {
	return {
		id: iv.id,
		title: redact(iv.title),
		problems: iv.problemIds.map((id) => ({ id, title: problems.get(id)?.title ?? id })),
		startedAt: iv.startedAt,
		endedAt: iv.endedAt,
		range: { from: iv.startedAt ?? iv.createdAt, to: iv.endedAt }
	};
}

/** What raters and the organizer both see of a session; blind-redacted (no candidate name in it). */
export function sessionView(d: SessionData, problems: ProblemCatalog): CalibrationSessionView {
	const redact = redactorOf(d);
	const current = currentRound(d);
	return {
		id: d.session.id,
		title: redact(d.session.title),
		blind: d.session.blind,
		rubric: d.rubric,
		interviews: d.interviews.map((iv) => interviewView(iv, problems, redact)),
		rounds: d.rounds.map(toRoundView),
		currentRound: current.round,
		state: current.revealedAt === null ? 'scoring' : 'revealed',
		createdAt: d.session.createdAt
	};
}

/** CAL-5: who has submitted in the current round, never what. */
export function progressOf(d: SessionData): RaterProgress[] {
	const round = currentRound(d).round;
	const present = new Set(d.interviews.map((iv) => iv.id));
	return d.raters.map((r) => {
		const submitted = cardsOfRound(d, round)
			.filter((c) => c.raterId === r.id && present.has(c.interviewId))
			.map((c) => c.interviewId);
		return {
			raterId: r.id,
			personId: r.personId,
			name: r.name,
			submitted,
			done: submitted.length === present.size
		};
	});
}

/** CAL-6: why the current round cannot close now, or null when it can. */
export function closeRefusal(d: SessionData, minCards: number): string | null {
	const round = currentRound(d);
	if (round.revealedAt !== null) return `Round ${round.round} is already revealed`;
	const short = d.interviews.flatMap((iv) => {
		const n = cardsOfRound(d, round.round).filter((c) => c.interviewId === iv.id).length;
		return n < minCards ? [`“${iv.title}” has ${n} submitted card${n === 1 ? '' : 's'}`] : [];
	});
	if (short.length === 0) return null;
	return `Scoring cannot close yet: ${short.join(', ')}; agreement needs at least ${minCards} cards for every interview`;
}
