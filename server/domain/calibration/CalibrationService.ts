import {
	MIN_CARDS_TO_CLOSE,
	type CalibrationSummary,
	type CreateCalibration,
	type OrganizerCalibrationView,
	type OriginalScores,
	type RevealPayload,
	type RevealRound
} from '../../../src/lib/shared/calibration/calibrationApi.js';
import { can, RATER_ROLE } from '../../../src/lib/shared/permissions.js';
import { DomainError } from '../errors.js';
import type { InterviewService, ProblemCatalog } from '../InterviewService.js';
import type { CalibrationStore, Clock, PeopleStore, ScorecardStore, TableStatistics } from '../ports.js';
import { latestPerInterviewer, type RubricCatalog } from '../ScorecardService.js';
import type { InterviewRecord } from '../types.js';
import { buildRevealRound, movementOf } from './buildReveal.js';
import { figuresInThisThread } from './figuresInThisThread.js';
import type { PeopleService } from './PeopleService.js';
import type { RaterRecord } from './calibrationTypes.js';
import {
	closeRefusal,
	currentRound,
	interviewView,
	loadSession,
	progressOf,
	sessionView,
	type SessionData
} from './sessionData.js';

export interface CalibrationDeps {
	store: CalibrationStore;
	peopleStore: Pick<PeopleStore, 'getPerson'>;
	people: Pick<PeopleService, 'resolve'>;
	interviews: InterviewService;
	scorecards: Pick<ScorecardStore, 'listVersions'>;
	rubrics: RubricCatalog;
	problems: ProblemCatalog;
	clock: Clock;
	newId(): string;
	newToken(): string;
	hashToken(token: string): string;
	/** The reveal's figures; in this thread unless given (the server gives them a thread of their own). */
	statistics?: TableStatistics;
}

/** Told whenever a session's progress, rounds or reveal change (for its event stream). */
export type CalibrationListener = (sessionId: string) => void;

export interface CreatedCalibration {
	id: string;
	raters: { raterId: string; personId: string; name: string; token: string }[];
}

/** The organizer's side of calibration sessions (CAL-1, CAL-5..8) and the reveal (CAL-9). */
export class CalibrationService {
	private readonly listeners = new Set<CalibrationListener>();

	constructor(readonly deps: CalibrationDeps) {}

	onChanged(listener: CalibrationListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	notify(sessionId: string): void {
		for (const l of this.listeners) l(sessionId);
	}

	/** Every revealed round of the session with its figures (CAL-9), in round order. */
	revealedRounds(d: SessionData): Promise<RevealRound[]> {
		const statistics = this.deps.statistics ?? figuresInThisThread;
		return Promise.all(d.rounds.filter((r) => r.revealedAt !== null).map((r) => buildRevealRound(d, r, statistics)));
	}

	load(id: string): Promise<SessionData> {
		const interviews = { getInterview: (iv: string) => this.deps.interviews.findInterview(iv) };
		return loadSession({ ...this.deps, people: this.deps.peopleStore, interviews }, id);
	}

	/** CAL-1 */
	async create(input: CreateCalibration): Promise<CreatedCalibration> {
		const interviews = await this.endedInterviews(input.interviews);
		const rubricId = input.rubric ?? interviews.find((iv) => iv.rubricId !== null)?.rubricId;
		if (!rubricId) {
			throw new DomainError('invalid', 'rubric is missing, and none of the interviews has one to default to', 'rubric');
		}
		if (!this.deps.rubrics.get(rubricId)) {
			throw new DomainError('invalid', `rubric "${rubricId}" is not a known rubric`, 'rubric');
		}
		const people = await this.deps.people.resolve(input.raters, 'raters');
		const now = this.deps.clock.now();
		const id = this.deps.newId();
		const issued = people.map((p) => ({ person: p, token: this.deps.newToken(), raterId: this.deps.newId() }));
		const raters: RaterRecord[] = issued.map((r) => ({
			id: r.raterId,
			sessionId: id,
			personId: r.person.id,
			tokenHash: this.deps.hashToken(r.token),
			createdAt: now
		}));
		await this.deps.store.createSession(
			{ id, title: input.title, rubricId, blind: input.blind, createdAt: now },
			interviews.map((iv) => iv.id),
			raters,
			{ sessionId: id, round: 1, openedAt: now, revealedAt: null, revealedBy: null }
		);
		return {
			id,
			raters: issued.map((r) => ({ raterId: r.raterId, personId: r.person.id, name: r.person.name, token: r.token }))
		};
	}

	private async endedInterviews(ids: string[]): Promise<InterviewRecord[]> {
		const out: InterviewRecord[] = [];
		for (const [i, id] of ids.entries()) {
			const field = `interviews[${i}]`;
			if (ids.indexOf(id) !== i) throw new DomainError('invalid', `${field} "${id}" is listed twice`, field);
			const iv = await this.deps.interviews.findInterview(id);
			if (!iv) throw new DomainError('invalid', `${field} "${id}" is not a known interview`, field);
			if (!this.deps.interviews.isOver(iv)) {
				throw new DomainError(
					'invalid',
					`${field} "${iv.title}" has not ended: only recorded interviews are calibrated`,
					field
				);
			}
			out.push(iv);
		}
		return out;
	}

	async list(): Promise<CalibrationSummary[]> {
		const sessions = await this.deps.store.listSessions();
		return Promise.all(
			sessions.map(async (s): Promise<CalibrationSummary> => {
				const [interviews, raters, rounds] = await Promise.all([
					this.deps.store.sessionInterviews(s.id),
					this.deps.store.listRaters(s.id),
					this.deps.store.listRounds(s.id)
				]);
				const last = rounds[rounds.length - 1];
				return {
					id: s.id,
					title: s.title,
					blind: s.blind,
					rubricId: s.rubricId,
					interviews: interviews.length,
					raters: raters.length,
					currentRound: last?.round ?? 1,
					state: last?.revealedAt == null ? 'scoring' : 'revealed',
					createdAt: s.createdAt
				};
			})
		);
	}

	async organizerView(id: string): Promise<OrganizerCalibrationView> {
		const d = await this.load(id);
		const refusal = closeRefusal(d, MIN_CARDS_TO_CLOSE);
		return {
			...sessionView(d, this.deps.problems),
			// The organizer knows who the candidates were; the titles are theirs, unredacted.
			title: d.session.title,
			interviews: d.interviews.map((iv) => ({
				...interviewView(iv, this.deps.problems, (s) => s),
				candidateName: iv.candidateName
			})),
			raters: progressOf(d),
			close: refusal === null ? { allowed: true } : { allowed: false, reason: refusal }
		};
	}

	/** CAL-5, CAL-6: the organizer closes scoring of the current round (the reveal). */
	async close(id: string): Promise<OrganizerCalibrationView> {
		const d = await this.load(id);
		const refusal = closeRefusal(d, MIN_CARDS_TO_CLOSE);
		if (refusal) throw new DomainError('conflict', refusal);
		await this.deps.store.revealRound(id, currentRound(d).round, this.deps.clock.now(), 'closed-by-organizer');
		this.notify(id);
		return this.organizerView(id);
	}

	/** CAL-5: the round reveals itself once every rater has submitted every interview. */
	async revealIfComplete(id: string): Promise<void> {
		const d = await this.load(id);
		const round = currentRound(d);
		if (round.revealedAt !== null || !progressOf(d).every((p) => p.done)) return;
		if (await this.deps.store.revealRound(id, round.round, this.deps.clock.now(), 'all-submitted')) this.notify(id);
	}

	/** CAL-7 */
	async openNextRound(id: string): Promise<OrganizerCalibrationView> {
		const d = await this.load(id);
		const last = currentRound(d);
		const opened = await this.deps.store.openRound({
			sessionId: id,
			round: last.round + 1,
			openedAt: this.deps.clock.now(),
			revealedAt: null,
			revealedBy: null
		});
		if (!opened) {
			throw new DomainError(
				'conflict',
				`Round ${last.round} is still open: it is revealed when every rater has submitted, or when you close scoring`
			);
		}
		this.notify(id);
		return this.organizerView(id);
	}

	async delete(id: string): Promise<void> {
		if (!(await this.deps.store.deleteSession(id))) {
			throw new DomainError('not_found', `No calibration session with id "${id}"`);
		}
		this.notify(id);
	}

	/**
	 * CAL-5, CAL-9: the revealed rounds with their figures and the interviews' own scorecards.
	 * `forRater`: the caller is a rater (403 before any reveal), else the organizer (409).
	 */
	async reveal(id: string, forRater: boolean): Promise<RevealPayload> {
		const d = await this.load(id);
		const revealed = d.rounds.filter((r) => r.revealedAt !== null);
		const allowed = forRater ? can(RATER_ROLE, 'seeReveal', { revealed: revealed.length > 0 }) : revealed.length > 0;
		if (!allowed) {
			throw new DomainError(
				forRater ? 'forbidden' : 'conflict',
				'Nothing is revealed yet: scores show once every rater has submitted or the organizer closes scoring'
			);
		}
		const rounds = await this.revealedRounds(d);
		return {
			session: sessionView(d, this.deps.problems),
			rounds,
			movement: movementOf(rounds),
			originals: await this.originals(d)
		};
	}

	/** The live interviews' latest scorecards, only the session rubric's competencies (CAL-5: after the reveal only). */
	async originals(d: SessionData): Promise<OriginalScores[]> {
		const ids = new Set(d.rubric.competencies.map((c) => c.id));
		return Promise.all(
			d.interviews.map(async (iv) => {
				const [versions, participants] = await Promise.all([
					this.deps.scorecards.listVersions(iv.id),
					this.deps.interviews.participantsOf(iv.id)
				]);
				return {
					interviewId: iv.id,
					rubricId: iv.rubricId,
					interviewers: latestPerInterviewer(versions).map((v) => {
						const who = participants.find((p) => p.id === v.participantId);
						return {
							participantId: v.participantId,
							personId: who?.personId ?? null,
							name: who?.name ?? 'Unknown interviewer',
							ratings: Object.fromEntries(
								Object.entries(v.ratings)
									.filter(([k]) => ids.has(k))
									.map(([k, r]) => [k, r.level])
							),
							recommendation: v.recommendation,
							confidence: v.confidence,
							submittedAt: v.submittedAt
						};
					})
				};
			})
		);
	}
}
