import { laterTurn, type NextTurn } from '../laterTurn.js';
import {
	DEFAULT_RELIABILITY_DAYS,
	MIN_HISTORY_UNITS,
	type HistoryPoint,
	type HistorySource,
	type InterviewerLeniency,
	type PersonHistory,
	type ReliabilityQuery,
	type ReliabilityReport,
	type RubricReliability
} from '../../../src/lib/shared/calibration/reliability.js';
import { notDefined } from '../../../src/lib/shared/agreement/figure.js';
import { raterOffsets } from '../../../src/lib/shared/agreement/raterOffsets.js';
import { buildScale } from '../../../src/lib/shared/agreement/scale.js';
import type { Rubric } from '../../../src/lib/shared/rubric.js';
import { DomainError } from '../errors.js';
import type { InterviewService } from '../InterviewService.js';
import type {
	CalibrationStore,
	Clock,
	InterviewStore,
	PeopleStore,
	ScorecardStore,
	TableStatistics
} from '../ports.js';
import type { RubricCatalog } from '../ScorecardService.js';
import type { InterviewRecord } from '../types.js';
import { LEVEL_CATEGORIES } from './calibrationStatistics.js';
import { reliabilityTables } from './reliabilityTables.js';
import { figuresInThisThread } from './figuresInThisThread.js';
import type { CalibrationService } from './CalibrationService.js';
import { toPerson } from './PeopleService.js';
import { liveSamples, monthOf, type Sample } from './ratingSamples.js';

export const DAY_MS = 24 * 3600 * 1000;

export interface ReliabilityDeps {
	interviews: InterviewService;
	interviewStore: Pick<InterviewStore, 'listEndedBetween'>;
	scorecards: Pick<ScorecardStore, 'listVersions'>;
	people: Pick<PeopleStore, 'getPerson' | 'participantsOfPerson'>;
	calibrationStore: Pick<CalibrationStore, 'ratersOfPerson'>;
	calibrations: CalibrationService;
	rubrics: RubricCatalog;
	clock: Clock;
	/** The figures; in this thread unless given (the server gives them a thread of their own). */
	statistics?: TableStatistics;
	/** Runs `fn` on a later turn of the event loop, so that the rooms' messages waiting meanwhile go first. */
	nextTurn?: NextTurn;
}

/** Interviews whose scorecards are read between two turns of the event loop. */
const SAMPLES_PER_TURN = 50;

/** Reliability across live interviews (CAL-10) and one person's leniency over time (CAL-11). */
export class ReliabilityService {
	constructor(private readonly deps: ReliabilityDeps) {}

	async report(q: ReliabilityQuery): Promise<ReliabilityReport> {
		const to = q.to ?? this.deps.clock.now();
		const from = q.from ?? to - DEFAULT_RELIABILITY_DAYS * DAY_MS;
		if (from >= to) throw new DomainError('invalid', 'from must be before to', 'from');
		if (q.rubric !== undefined && !this.deps.rubrics.get(q.rubric)) {
			throw new DomainError('invalid', `rubric "${q.rubric}" is not a known rubric`, 'rubric');
		}
		const ended = await this.deps.interviewStore.listEndedBetween(from, to);
		const byRubric = new Map<string, InterviewRecord[]>();
		for (const iv of ended) {
			if (!iv.rubricId || (q.rubric !== undefined && iv.rubricId !== q.rubric)) continue;
			// Pushed, not copied: copying the list per interview was 90 ms of the rooms' thread for 10,000.
			const list = byRubric.get(iv.rubricId);
			if (list) list.push(iv);
			else byRubric.set(iv.rubricId, [iv]);
		}
		const rubrics: RubricReliability[] = [];
		const interviewers: InterviewerLeniency[] = [];
		for (const [rubricId, list] of byRubric) {
			const rubric = this.deps.rubrics.get(rubricId);
			if (!rubric) continue;
			const samples = (await this.samplesOf(list)).filter((s) => s.cards.length >= 2);
			if (samples.length === 0) continue;
			const { reliability, leniency } = await rubricFigures(
				rubric,
				samples,
				this.deps.statistics ?? figuresInThisThread
			);
			rubrics.push(reliability);
			interviewers.push(...leniency);
		}
		return { period: { from, to }, rubrics, interviewers };
	}

	/**
	 * The interviews' latest scorecards, a slice at a time: SQLite answers each read synchronously,
	 * so two thousand interviews read at once held the rooms' thread for about 200 ms.
	 */
	private async samplesOf(list: InterviewRecord[]): Promise<Sample[]> {
		const out: Sample[] = [];
		for (let i = 0; i < list.length; i += SAMPLES_PER_TURN) {
			if (i > 0) await laterTurn(this.deps.nextTurn);
			out.push(...(await Promise.all(list.slice(i, i + SAMPLES_PER_TURN).map((iv) => liveSamples(this.deps, iv)))));
		}
		return out;
	}

	async history(personId: string): Promise<PersonHistory> {
		const person = await this.deps.people.getPerson(personId);
		if (!person) throw new DomainError('not_found', `No person with id "${personId}"`);
		const samples: (Sample & { source: HistorySource })[] = [];
		for (const p of await this.deps.people.participantsOfPerson(personId)) {
			const iv = await this.deps.interviews.findInterview(p.interviewId);
			if (iv?.endedAt != null) samples.push({ ...(await liveSamples(this.deps, iv)), source: 'live' });
		}
		for (const r of await this.deps.calibrationStore.ratersOfPerson(personId)) {
			samples.push(
				...(await this.calibrationSamples(r.sessionId)).map((s) => ({ ...s, source: 'calibration' as const }))
			);
		}
		const competencies = new Map<string, string>();
		for (const rubric of this.deps.rubrics.list())
			for (const c of rubric.competencies) if (!competencies.has(c.id)) competencies.set(c.id, c.name);
		const out: PersonHistory['competencies'] = [];
		for (const [competencyId, name] of competencies) {
			const points = historyPoints(personId, competencyId, samples);
			if (points.length > 0) out.push({ competencyId, name, points });
		}
		return {
			person: toPerson(person),
			minUnits: MIN_HISTORY_UNITS,
			competencies: out,
			note:
				out.length === 0
					? `${person.name} has no rating yet that another rater also gave (live or in a revealed calibration round)`
					: null
		};
	}

	/** CAL-5: only revealed rounds count; a card of an open round is nobody's business yet. */
	private async calibrationSamples(sessionId: string): Promise<Sample[]> {
		const d = await this.deps.calibrations.load(sessionId);
		const out: Sample[] = [];
		for (const round of d.rounds) {
			if (round.revealedAt === null) continue;
			for (const iv of d.interviews) {
				const cards = d.cards
					.filter((c) => c.round === round.round && c.interviewId === iv.id)
					.map((c) => ({
						who: d.raters.find((r) => r.id === c.raterId)?.personId ?? c.raterId,
						name: d.raters.find((r) => r.id === c.raterId)?.name ?? 'Rater',
						ratings: c.ratings,
						recommendation: c.recommendation
					}));
				out.push({ interviewId: iv.id, at: round.revealedAt, cards });
			}
		}
		return out;
	}
}

/** Raters are people; units the interviews (CAL-10). */
async function rubricFigures(rubric: Rubric, samples: Sample[], statistics: TableStatistics) {
	const { who, tables } = reliabilityTables(rubric, samples);
	const figures = await statistics.figures(tables);
	const perCompetency = rubric.competencies.map((c, i) => ({ c, figures: figures[i] }));
	const recommendation = figures[rubric.competencies.length];
	const reliability: RubricReliability = {
		rubricId: rubric.id,
		title: rubric.title,
		interviews: samples.length,
		competencies: perCompetency.map(({ c, figures }) => ({ competencyId: c.id, name: c.name, alpha: figures.alpha })),
		recommendation: recommendation.alpha
	};
	const leniency: InterviewerLeniency[] = who.map(([personId, name], row) => ({
		personId,
		name,
		rubricId: rubric.id,
		competencies: perCompetency.map(({ c, figures }) => ({ competencyId: c.id, ...figures.offsets[row] }))
	}));
	return { reliability, leniency };
}

/** CAL-11: one point per month in which the person rated this competency. */
function historyPoints(
	personId: string,
	competencyId: string,
	samples: (Sample & { source: HistorySource })[]
): HistoryPoint[] {
	const months = new Map<string, (Sample & { source: HistorySource })[]>();
	for (const s of samples) {
		const mine = s.cards.find((c) => c.who === personId)?.ratings[competencyId];
		if (mine === undefined) continue;
		const key = monthOf(s.at).period;
		const month = months.get(key);
		if (month) month.push(s);
		else months.set(key, [s]);
	}
	return [...months.entries()]
		.sort(([a], [b]) => (a < b ? -1 : 1))
		.map(([period, list]) => {
			const others = [...new Set(list.flatMap((s) => s.cards.map((c) => c.who)).filter((w) => w !== personId))];
			const cell = (s: Sample, w: string) => {
				const l = s.cards.find((c) => c.who === w)?.ratings[competencyId]?.level;
				return typeof l === 'number' ? l : null;
			};
			const ratings = [personId, ...others].map((w) => list.map((s) => cell(s, w)));
			const [{ offset, n }] = raterOffsets(buildScale({ ratings, categories: LEVEL_CATEGORIES }));
			const sources = { calibration: 0, live: 0 };
			for (const s of list) sources[s.source]++;
			const { from, to } = monthOf(list[0].at);
			return {
				period,
				from,
				to,
				offset:
					n < MIN_HISTORY_UNITS
						? notDefined(
								`only ${n} of this month's ratings could be compared with another rater's; at least ${MIN_HISTORY_UNITS} are needed`
							)
						: offset,
				n,
				sources
			};
		});
}
