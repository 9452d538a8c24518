import type { RaterCard, RaterView } from '../../../src/lib/shared/calibration/calibrationApi.js';
import { can, RATER_ROLE } from '../../../src/lib/shared/permissions.js';
import {
	submissionProblems,
	weightedScore,
	type Draft,
	type Note,
	type Submission
} from '../../../src/lib/shared/scorecard.js';
import type { Rubric } from '../../../src/lib/shared/rubric.js';
import { DomainError } from '../errors.js';
import type { InterviewRecord } from '../types.js';
import type { CalibrationService } from './CalibrationService.js';
import type { RaterCardRecord, RaterRecord } from './calibrationTypes.js';
import { currentRound, isRevealed, sessionView, type SessionData } from './sessionData.js';

/** A rater token, checked: the rater and the session it belongs to. */
export interface RaterAccess {
	rater: RaterRecord;
	sessionId: string;
}

/** The rater's side (CAL-3..5): their view, drafts and cards. Inputs arrive validated (DraftSchema, SubmitSchema). */
export class RaterScoring {
	constructor(private readonly calibrations: CalibrationService) {}

	private get deps() {
		return this.calibrations.deps;
	}

	/** Whether a token hash is any session's rater link (CAL-3: such a token gets 403 elsewhere). */
	async isRaterTokenHash(hash: string): Promise<boolean> {
		return (await this.deps.store.findRaterByTokenHash(hash)) !== undefined;
	}

	isRaterToken(token: string): Promise<boolean> {
		return this.isRaterTokenHash(this.deps.hashToken(token));
	}

	/** The rater of a token; 401 for a token that is no rater link, 403 for another session's. */
	async authenticate(sessionId: string, token: string | null | undefined): Promise<RaterAccess> {
		if (!token) throw new DomainError('unauthorized', 'A rater link token is required');
		const rater = await this.deps.store.findRaterByTokenHash(this.deps.hashToken(token));
		if (!rater) throw new DomainError('unauthorized', 'This link is not a calibration rater link');
		if (rater.sessionId !== sessionId) {
			throw new DomainError('forbidden', 'This rater link belongs to another calibration session');
		}
		return { rater, sessionId };
	}

	/** CAL-3: a rater token on an interview's replay: the viewer it is, or 403 when the interview is not its session's. */
	async replayViewer(interviewId: string, token: string): Promise<{ name: string; anonymised: boolean } | null> {
		const rater = await this.deps.store.findRaterByTokenHash(this.deps.hashToken(token));
		if (!rater) return null;
		const d = await this.calibrations.load(rater.sessionId);
		if (!d.interviews.some((iv) => iv.id === interviewId) || !can(RATER_ROLE, 'replayCalibration')) {
			throw new DomainError('forbidden', 'This rater link opens only the replays of its own calibration session');
		}
		return { name: d.raters.find((r) => r.id === rater.id)?.name ?? 'Rater', anonymised: d.session.blind };
	}

	/** CAL-5: my drafts and cards, and who has submitted (not what). */
	async view(a: RaterAccess): Promise<RaterView> {
		const d = await this.calibrations.load(a.sessionId);
		const round = currentRound(d).round;
		const me = d.raters.find((r) => r.id === a.rater.id)!;
		const mine = d.cards.filter((c) => c.raterId === me.id);
		const cards = await Promise.all(
			d.interviews.map(async (iv) => {
				const draft = await this.deps.store.getDraft(d.session.id, me.id, iv.id, round);
				const card = mine.find((c) => c.interviewId === iv.id && c.round === round);
				return {
					interviewId: iv.id,
					draft: draft && !card ? { ...draft.draft, savedAt: draft.savedAt } : null,
					card: card ? toCard(d.rubric, card) : null,
					earlier: mine.filter((c) => c.interviewId === iv.id && c.round < round).map((c) => toCard(d.rubric, c))
				};
			})
		);
		const present = new Set(d.interviews.map((iv) => iv.id));
		return {
			session: sessionView(d, this.deps.problems),
			me: { raterId: me.id, personId: me.personId, name: me.name },
			progress: d.raters.map((r) => {
				const submitted = d.cards
					.filter((c) => c.raterId === r.id && c.round === round && present.has(c.interviewId))
					.map((c) => c.interviewId);
				return { raterId: r.id, name: r.name, submitted, done: submitted.length === present.size };
			}),
			cards,
			revealAvailable: isRevealed(d)
		};
	}

	async saveDraft(a: RaterAccess, interviewId: string, draft: Draft): Promise<{ savedAt: number }> {
		const { d, interview, round } = await this.openCard(a, interviewId);
		for (const key of Object.keys(draft.ratings)) {
			if (!d.rubric.competencies.some((c) => c.id === key)) {
				throw new DomainError('invalid', `ratings.${key} is not a competency of this rubric`, `ratings.${key}`);
			}
		}
		const clean: Draft = {
			...draft,
			ratings: Object.fromEntries(
				Object.entries(draft.ratings).map(([k, r]) => [k, { ...r, notes: clampNotes(interview, r.notes) }])
			)
		};
		const savedAt = this.deps.clock.now();
		await this.deps.store.saveDraft({
			sessionId: a.sessionId,
			raterId: a.rater.id,
			interviewId,
			round,
			draft: clean,
			savedAt
		});
		return { savedAt };
	}

	/** CAL-4: one card per interview and round; the round reveals itself once every card is in (CAL-5). */
	async submit(a: RaterAccess, interviewId: string, s: Submission): Promise<RaterCard> {
		const { d, interview, round } = await this.openCard(a, interviewId);
		const problems = submissionProblems(d.rubric, s);
		if (problems.length > 0) throw new DomainError('invalid', problems[0].message, problems[0].field);
		const card: RaterCardRecord = {
			sessionId: a.sessionId,
			raterId: a.rater.id,
			interviewId,
			round,
			ratings: Object.fromEntries(
				d.rubric.competencies.map((c) => {
					const r = s.ratings[c.id];
					return [c.id, { level: r.level, notes: clampNotes(interview, r.notes) }];
				})
			),
			recommendation: s.recommendation,
			confidence: s.confidence,
			submittedAt: this.deps.clock.now()
		};
		const outcome = await this.deps.store.submitCard(card);
		if (outcome === 'exists') {
			throw new DomainError('conflict', `You have already submitted this interview's card in round ${round}`);
		}
		if (outcome === 'closed') throw new DomainError('conflict', `Round ${round} has been revealed: scoring is closed`);
		this.calibrations.notify(a.sessionId);
		await this.calibrations.revealIfComplete(a.sessionId);
		return toCard(d.rubric, card);
	}

	private async openCard(
		a: RaterAccess,
		interviewId: string
	): Promise<{ d: SessionData; interview: InterviewRecord; round: number }> {
		const d = await this.calibrations.load(a.sessionId);
		const interview = d.interviews.find((iv) => iv.id === interviewId);
		if (!interview) throw new DomainError('not_found', `No interview "${interviewId}" in this calibration session`);
		const round = currentRound(d);
		if (!can(RATER_ROLE, 'scoreCalibration', { revealed: round.revealedAt !== null })) {
			throw new DomainError('conflict', `Round ${round.round} has been revealed: scoring is closed`);
		}
		return { d, interview, round: round.round };
	}
}

/** CAL-4 / SCORE-10: a note pinned to the replay's clock stays inside the interview's time range. */
function clampNotes(interview: InterviewRecord, notes: Note[]): Note[] {
	const from = interview.startedAt ?? interview.createdAt;
	const to = interview.endedAt ?? Number.MAX_SAFE_INTEGER;
	return notes.map((n) => ({ ...n, t: Math.min(Math.max(n.t, from), to) }));
}

export function toCard(rubric: Rubric, c: RaterCardRecord): RaterCard {
	return {
		sessionId: c.sessionId,
		interviewId: c.interviewId,
		raterId: c.raterId,
		round: c.round,
		ratings: c.ratings,
		recommendation: c.recommendation,
		confidence: c.confidence,
		submittedAt: c.submittedAt,
		weightedScore: weightedScore(rubric, c.ratings)
	};
}
