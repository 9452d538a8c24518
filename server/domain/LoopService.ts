import { RECOMMENDATION_LABELS, NOT_ASSESSED, type Rubric } from '../../src/lib/shared/rubric.js';
import {
	DEFAULT_DECISION_RULE,
	evaluateDecisionRule,
	findDisagreements,
	type ScorecardVersion
} from '../../src/lib/shared/scorecard.js';
import {
	type AtsPayload,
	type CreateLoop,
	type Decision,
	type DebriefInterview,
	type DebriefView,
	type LoopSummary
} from '../../src/lib/shared/debrief.js';
import { toCsv } from './csv.js';
import { DomainError } from './errors.js';
import type { InterviewService } from './InterviewService.js';
import type { Clock, LoopStore, ScorecardStore } from './ports.js';
import { latestPerInterviewer, toView, type RubricCatalog } from './ScorecardService.js';
import type { LoopRecord } from './types.js';

export interface LoopDeps {
	store: LoopStore;
	scorecards: Pick<ScorecardStore, 'listVersions'>;
	interviews: InterviewService;
	rubrics: RubricCatalog;
	clock: Clock;
	newId(): string;
	/** At least 128 random bits, URL-safe. */
	newToken(): string;
	hashToken(token: string): string;
}

/** How the debrief's links are built; the transport knows the public URL. */
export interface LinkBuilder {
	debrief(loopId: string): string;
	/** A link to one scorecard on the debrief page. */
	scorecard(loopId: string, interviewId: string, interviewerId: string): string;
	/** The replay at a moment: `/replay/{interviewId}?token={token}&t={epochMs}`. */
	replay(interviewId: string, t: number): string;
}

/**
 * A loop groups one candidate's interviews for the hiring panel; its debrief brings their
 * submitted scorecards together (SCORE-7, SCORE-8) and records the panel's decision.
 */
export class LoopService {
	constructor(private readonly deps: LoopDeps) {}

	/** `data` arrives validated against CreateLoopSchema; which interviews exist is checked here. */
	async create(data: CreateLoop): Promise<{ id: string; token: string }> {
		for (const [i, id] of data.interviews.entries()) {
			if (!(await this.deps.interviews.findInterview(id))) {
				throw new DomainError('invalid', `interviews[${i}] "${id}" is not a known interview`, `interviews[${i}]`);
			}
		}
		const token = this.deps.newToken();
		const loop: LoopRecord = {
			id: this.deps.newId(),
			title: data.title,
			candidateName: data.candidate.name,
			decisionRule: data.decisionRule ?? DEFAULT_DECISION_RULE,
			panelTokenHash: this.deps.hashToken(token),
			createdAt: this.deps.clock.now()
		};
		await this.deps.store.createLoop(loop, [...new Set(data.interviews)]);
		return { id: loop.id, token };
	}

	async addInterview(loopId: string, interview: string): Promise<void> {
		await this.requireLoop(loopId);
		if (!(await this.deps.interviews.findInterview(interview))) {
			throw new DomainError('invalid', `interview "${interview}" is not a known interview`, 'interview');
		}
		await this.deps.store.addLoopInterview(loopId, interview);
	}

	async list(): Promise<LoopSummary[]> {
		return (await this.deps.store.listLoops()).map((l) => ({
			id: l.id,
			title: l.title,
			candidateName: l.candidateName,
			createdAt: l.createdAt,
			interviews: l.interviews
		}));
	}

	async requireLoop(loopId: string): Promise<LoopRecord> {
		const loop = await this.deps.store.getLoop(loopId);
		if (!loop) throw new DomainError('not_found', `No loop with id "${loopId}"`);
		return loop;
	}

	/** SCORE-9: the panel's token of this loop (the admin key is checked by the transport). */
	async authorizePanel(loopId: string, token: string | null | undefined): Promise<LoopRecord> {
		const loop = await this.requireLoop(loopId);
		if (!token) throw new DomainError('unauthorized', 'The debrief needs the panel’s link or the admin key');
		if (this.deps.hashToken(token) !== loop.panelTokenHash) {
			throw new DomainError('forbidden', 'This token does not open the debrief of this loop');
		}
		return loop;
	}

	/** Whether `token` is the panel link of a loop holding this interview (it may watch its replay). */
	async isPanelOf(interviewId: string, token: string): Promise<boolean> {
		const hash = this.deps.hashToken(token);
		for (const loopId of await this.deps.store.loopsOfInterview(interviewId)) {
			if ((await this.deps.store.getLoop(loopId))?.panelTokenHash === hash) return true;
		}
		return false;
	}

	loopsOfInterview(interviewId: string): Promise<string[]> {
		return this.deps.store.loopsOfInterview(interviewId);
	}

	async debrief(loopId: string): Promise<DebriefView> {
		const loop = await this.requireLoop(loopId);
		const ids = await this.deps.store.listLoopInterviews(loopId);
		const interviews: DebriefInterview[] = [];
		const rubrics = new Map<string, Rubric>();
		for (const id of ids) {
			const interview = await this.deps.interviews.findInterview(id);
			if (!interview) continue;
			const rubric = interview.rubricId ? this.deps.rubrics.get(interview.rubricId) : undefined;
			if (rubric) rubrics.set(id, rubric);
			const [versions, interviewers] = await Promise.all([
				this.deps.scorecards.listVersions(id),
				this.deps.interviews.interviewersOf(id)
			]);
			const submitted = new Set(versions.map((v) => v.participantId));
			const history = rubric ? versions.map((v) => toView(rubric, v, interviewers)) : [];
			const scorecards = rubric ? latestPerInterviewer(versions).map((v) => toView(rubric, v, interviewers)) : [];
			interviews.push({
				id,
				title: interview.title,
				startedAt: interview.startedAt ?? interview.createdAt,
				rubric: rubric ? { id: rubric.id, title: rubric.title } : null,
				interviewers: interviewers.map((i) => ({ id: i.id, name: i.name, submitted: submitted.has(i.id) })),
				scorecards,
				history,
				disagreements: findDisagreements(rubric?.competencies.map((c) => c.id) ?? [], scorecards)
			});
		}
		const competencies: DebriefView['competencies'] = [];
		for (const [interviewId, rubric] of rubrics) {
			for (const c of rubric.competencies) {
				let row = competencies.find((r) => r.id === c.id);
				if (!row) competencies.push((row = { id: c.id, name: c.name, weightByInterview: {} }));
				row.weightByInterview[interviewId] = c.weight;
			}
		}
		const all = interviews.flatMap((i) => i.scorecards);
		const loopWide = findDisagreements([], all);
		return {
			loop: {
				id: loop.id,
				title: loop.title,
				candidateName: loop.candidateName,
				createdAt: loop.createdAt,
				decisionRule: loop.decisionRule
			},
			competencies,
			interviews,
			recommendationSplit: loopWide.recommendation,
			rule: evaluateDecisionRule(
				loop.decisionRule,
				all.map((c) => c.recommendation),
				interviews.filter((i) => i.scorecards.length === 0).map((i) => i.title)
			),
			decisions: (await this.deps.store.listDecisions(loopId)).map((d) => ({
				decision: d.decision,
				rationale: d.rationale,
				decidedBy: d.decidedBy,
				decidedAt: d.decidedAt
			})),
			generatedAt: this.deps.clock.now()
		};
	}

	/** The panel's final decision; earlier ones are kept, the latest counts. */
	async decide(loopId: string, d: Decision): Promise<DebriefView['decisions'][number]> {
		await this.requireLoop(loopId);
		const record = { loopId, ...d, decidedAt: this.deps.clock.now() };
		await this.deps.store.appendDecision(record);
		return { decision: d.decision, rationale: d.rationale, decidedBy: d.decidedBy, decidedAt: record.decidedAt };
	}

	/** One row per (scorecard version, competency): every version, amendments marked. */
	async exportCsv(loopId: string): Promise<string> {
		const view = await this.debrief(loopId);
		const rows: (string | number | null)[][] = [
			[
				'loop_id',
				'candidate',
				'interview_id',
				'interview',
				'interviewer',
				'version',
				'latest',
				'amendment_reason',
				'amended_after_seeing_others',
				'submitted_at',
				'recommendation',
				'confidence',
				'weighted_score',
				'competency',
				'level',
				'evidence'
			]
		];
		for (const i of view.interviews) {
			for (const v of i.history) {
				const latest = i.scorecards.some((s) => s.interviewer.id === v.interviewer.id && s.version === v.version);
				for (const [competency, r] of Object.entries(v.ratings)) {
					rows.push([
						view.loop.id,
						view.loop.candidateName,
						i.id,
						i.title,
						v.interviewer.name,
						v.version,
						latest ? 'yes' : 'no',
						v.reason ?? '',
						v.afterSeeingOthers ? 'yes' : 'no',
						new Date(v.submittedAt).toISOString(),
						v.recommendation,
						v.confidence,
						v.weightedScore,
						competency,
						r.level,
						r.notes.map((n) => `[${new Date(n.t).toISOString()}] ${n.text}`).join(' | ')
					]);
				}
			}
		}
		if (view.decisions.length > 0) {
			const d = view.decisions[view.decisions.length - 1];
			rows.push([]);
			rows.push([
				'final_decision',
				d.decision,
				'decided_by',
				d.decidedBy,
				'decided_at',
				new Date(d.decidedAt).toISOString(),
				'rationale',
				d.rationale
			]);
		}
		return toCsv(rows);
	}

	/** Shaped for an applicant-tracking system; links point back to the debrief and the replay. */
	async atsPayload(loopId: string, links: LinkBuilder): Promise<AtsPayload> {
		const view = await this.debrief(loopId);
		const decision = view.decisions.at(-1) ?? null;
		return {
			candidate: { name: view.loop.candidateName },
			loop: { id: view.loop.id, title: view.loop.title, debriefUrl: links.debrief(view.loop.id) },
			overallRecommendation: decision?.decision ?? 'pending',
			ruleOutcome: view.rule.outcome,
			decision: decision && { ...decision, decidedAt: new Date(decision.decidedAt).toISOString() },
			scorecards: view.interviews.flatMap((i) =>
				i.scorecards.map((s) => {
					const rubric = this.deps.rubrics.get(i.rubric!.id)!;
					return {
						interview: { id: i.id, title: i.title },
						interviewer: s.interviewer.name,
						recommendation: RECOMMENDATION_LABELS[s.recommendation],
						confidence: s.confidence,
						weightedScore: s.weightedScore,
						version: s.version,
						amendedAfterSeeingOthers: s.afterSeeingOthers,
						submittedAt: new Date(s.submittedAt).toISOString(),
						scorecardUrl: links.scorecard(view.loop.id, i.id, s.interviewer.id),
						ratings: rubric.competencies.map((c) => {
							const level = s.ratings[c.id]?.level;
							return {
								competency: c.id,
								name: c.name,
								rating: typeof level === 'number' ? level : null,
								notAssessed: level === NOT_ASSESSED
							};
						}),
						replayMoments: rubric.competencies.flatMap((c) =>
							(s.ratings[c.id]?.notes ?? []).map((n) => ({
								competency: c.id,
								note: n.text,
								at: new Date(n.t).toISOString(),
								url: links.replay(i.id, n.t)
							}))
						)
					};
				})
			)
		};
	}
}

export type { ScorecardVersion };
