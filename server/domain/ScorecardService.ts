import type { Rubric } from '../../src/lib/shared/rubric.js';
import {
	submissionProblems,
	weightedScore,
	type Draft,
	type Note,
	type ScorecardVersion,
	type Submission
} from '../../src/lib/shared/scorecard.js';
import type { PanelView } from '../../src/lib/shared/debrief.js';
import { DomainError } from './errors.js';
import type { InterviewService, Participant } from './InterviewService.js';
import type { Clock, ScorecardStore } from './ports.js';
import { can } from '../../src/lib/shared/permissions.js';
import type { InterviewRecord, ParticipantRecord, ScorecardVersionRecord } from './types.js';

export interface RubricCatalog {
	get(id: string): Rubric | undefined;
	list(): Rubric[];
	defaultFor(kind: string): Rubric | undefined;
}

export interface ScorecardDeps {
	store: ScorecardStore;
	interviews: InterviewService;
	rubrics: RubricCatalog;
	clock: Clock;
}

/** Told after a scorecard version is stored, with the interview it belongs to. */
export type ScorecardListener = (interviewId: string) => void;

/**
 * Interviewers' scorecards for one interview: drafts, submissions, amendments and the
 * independence rule (rules in scorecardRules.ts). Inputs arrive validated against their schemas
 * (DraftSchema, SubmitSchema) by the transport; the rules that need the rubric are checked here.
 */
export class ScorecardService {
	private readonly listeners = new Set<ScorecardListener>();

	constructor(private readonly deps: ScorecardDeps) {}

	/** SCORE-1. */
	assertScorer(p: Participant): void {
		if (!can(p.participant.role, 'score')) {
			throw new DomainError('forbidden', `A ${p.participant.role} has no scorecard and may not see any`);
		}
	}

	rubricOf(interview: InterviewRecord): Rubric {
		const rubric = interview.rubricId ? this.deps.rubrics.get(interview.rubricId) : undefined;
		if (!rubric) throw new DomainError('conflict', 'This interview has no rubric, so it cannot be scored');
		return rubric;
	}

	/** The interview's time range: pins are clamped into it (SCORE-10). */
	private range(interview: InterviewRecord): { from: number; to: number | null } {
		return { from: interview.startedAt ?? interview.createdAt, to: interview.endedAt };
	}

	private clampT(interview: InterviewRecord, t: number): number {
		const { from, to } = this.range(interview);
		return Math.min(Math.max(t, from), to ?? this.deps.clock.now());
	}

	/** SCORE-10: the current moment of the interview, for a new pinned note. */
	async pin(p: Participant): Promise<{ t: number }> {
		this.assertScorer(p);
		const interview = await this.deps.interviews.requireInterview(p.interview.id);
		return { t: this.clampT(interview, this.deps.clock.now()) };
	}

	/** What this interviewer's panel shows (SCORE-2: others only once they have submitted). */
	async panel(p: Participant): Promise<PanelView> {
		this.assertScorer(p);
		const interview = await this.deps.interviews.requireInterview(p.interview.id);
		const rubric = this.rubricOf(interview);
		const [draft, all, interviewers] = await Promise.all([
			this.deps.store.getDraft(interview.id, p.participant.id),
			this.deps.store.listVersions(interview.id),
			this.deps.interviews.interviewersOf(interview.id)
		]);
		const mine = all.filter((v) => v.participantId === p.participant.id);
		const submittedIds = new Set(all.map((v) => v.participantId));
		let others: ScorecardVersion[] | null = null;
		if (mine.length > 0) {
			others = latestPerInterviewer(all.filter((v) => v.participantId !== p.participant.id)).map((v) =>
				toView(rubric, v, interviewers)
			);
			// SCORE-5: from the first time others' scorecards are actually shown.
			if (others.length > 0)
				await this.deps.store.markSeenOthers(interview.id, p.participant.id, this.deps.clock.now());
		}
		return {
			rubric,
			me: { id: p.participant.id, name: p.participant.name },
			draft: draft ? { ...draft.draft, savedAt: draft.savedAt } : null,
			versions: mine.map((v) => toView(rubric, v, interviewers)),
			progress: interviewers.map((i) => ({ id: i.id, name: i.name, submitted: submittedIds.has(i.id) })),
			others,
			range: this.range(interview)
		};
	}

	/** SCORE-2: another interviewer's scorecard (every version), only after submitting one's own. */
	async scorecardOf(p: Participant, interviewerId: string): Promise<ScorecardVersion[]> {
		this.assertScorer(p);
		const interview = await this.deps.interviews.requireInterview(p.interview.id);
		const rubric = this.rubricOf(interview);
		const [all, interviewers] = await Promise.all([
			this.deps.store.listVersions(interview.id),
			this.deps.interviews.interviewersOf(interview.id)
		]);
		const iSubmitted = all.some((v) => v.participantId === p.participant.id);
		if (interviewerId !== p.participant.id && !iSubmitted) {
			throw new DomainError('forbidden', 'Submit your own scorecard before reading anyone else’s');
		}
		if (!interviewers.some((i) => i.id === interviewerId)) {
			throw new DomainError('not_found', `No interviewer "${interviewerId}" in this interview`);
		}
		const theirs = all.filter((v) => v.participantId === interviewerId);
		if (theirs.length === 0) throw new DomainError('not_found', 'This interviewer has not submitted yet');
		if (interviewerId !== p.participant.id) {
			await this.deps.store.markSeenOthers(interview.id, p.participant.id, this.deps.clock.now());
		}
		return theirs.map((v) => toView(rubric, v, interviewers));
	}

	/** Saves the interviewer's draft as they type; private to them. */
	async saveDraft(p: Participant, draft: Draft): Promise<{ savedAt: number }> {
		this.assertScorer(p);
		const interview = await this.deps.interviews.requireInterview(p.interview.id);
		const rubric = this.rubricOf(interview);
		for (const key of Object.keys(draft.ratings)) {
			if (!rubric.competencies.some((c) => c.id === key)) {
				throw new DomainError('invalid', `ratings.${key} is not a competency of this rubric`, `ratings.${key}`);
			}
		}
		const clean: Draft = {
			...draft,
			ratings: Object.fromEntries(
				Object.entries(draft.ratings).map(([k, r]) => [k, { ...r, notes: this.clampNotes(interview, r.notes) }])
			)
		};
		const savedAt = this.deps.clock.now();
		await this.deps.store.saveDraft({
			interviewId: interview.id,
			participantId: p.participant.id,
			draft: clean,
			savedAt
		});
		return { savedAt };
	}

	private clampNotes(interview: InterviewRecord, notes: Note[]): Note[] {
		return notes.map((n) => ({ ...n, t: this.clampT(interview, n.t) }));
	}

	/** SCORE-3..5: a first submission, or an amendment (a new version with a reason). */
	async submit(p: Participant, s: Submission): Promise<ScorecardVersion> {
		this.assertScorer(p);
		const interview = await this.deps.interviews.requireInterview(p.interview.id);
		const rubric = this.rubricOf(interview);
		const problems = submissionProblems(rubric, s);
		if (problems.length > 0) throw new DomainError('invalid', problems[0].message, problems[0].field);
		const [all, interviewers, seenAt] = await Promise.all([
			this.deps.store.listVersions(interview.id),
			this.deps.interviews.interviewersOf(interview.id),
			this.deps.store.seenOthersAt(interview.id, p.participant.id)
		]);
		const mine = all.filter((v) => v.participantId === p.participant.id);
		if (mine.length > 0 && !s.reason) {
			throw new DomainError('invalid', 'reason is required to amend a submitted scorecard', 'reason');
		}
		const record: ScorecardVersionRecord = {
			interviewId: interview.id,
			participantId: p.participant.id,
			version: mine.length + 1,
			ratings: Object.fromEntries(
				rubric.competencies.map((c) => {
					const r = s.ratings[c.id];
					return [c.id, { level: r.level, notes: this.clampNotes(interview, r.notes) }];
				})
			),
			recommendation: s.recommendation,
			confidence: s.confidence,
			reason: mine.length > 0 ? s.reason! : null,
			afterSeeingOthers: mine.length > 0 && seenAt !== null,
			submittedAt: this.deps.clock.now()
		};
		if (!(await this.deps.store.appendVersion(record))) {
			throw new DomainError(
				'conflict',
				'Another submission of this scorecard arrived at the same time; reload and try again'
			);
		}
		for (const l of this.listeners) l(interview.id);
		return toView(rubric, record, interviewers);
	}

	onSubmitted(listener: ScorecardListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}
}

export function latestPerInterviewer(versions: ScorecardVersionRecord[]): ScorecardVersionRecord[] {
	const latest = new Map<string, ScorecardVersionRecord>();
	for (const v of versions) {
		const cur = latest.get(v.participantId);
		if (!cur || v.version > cur.version) latest.set(v.participantId, v);
	}
	return [...latest.values()];
}

export function toView(rubric: Rubric, v: ScorecardVersionRecord, interviewers: ParticipantRecord[]): ScorecardVersion {
	const who = interviewers.find((i) => i.id === v.participantId);
	return {
		interviewId: v.interviewId,
		interviewer: { id: v.participantId, name: who?.name ?? 'Unknown interviewer' },
		version: v.version,
		ratings: v.ratings,
		recommendation: v.recommendation,
		confidence: v.confidence,
		reason: v.reason,
		afterSeeingOthers: v.afterSeeingOthers,
		submittedAt: v.submittedAt,
		weightedScore: weightedScore(rubric, v.ratings)
	};
}
