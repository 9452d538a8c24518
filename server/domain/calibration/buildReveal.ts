import type {
	AlphaMovement,
	CompetencyReveal,
	OffsetFigure,
	RecommendationReveal,
	RevealRound
} from '../../../src/lib/shared/calibration/calibrationApi.js';
import { notDefined } from '../../../src/lib/shared/agreement/figure.js';
import { NOT_ASSESSED, RECOMMENDATIONS, type Recommendation } from '../../../src/lib/shared/rubric.js';
import type { LevelChoice } from '../../../src/lib/shared/scorecard.js';
import type { RoundRecord } from './calibrationTypes.js';
import type { TableStatistics } from '../ports.js';
import { changeOf, LEVEL_CATEGORIES, type FiguresRequest, type TableFigures } from './calibrationStatistics.js';
import { packTable } from './packedTable.js';
import { cardsOfRound, toRoundView, type SessionData } from './sessionData.js';

const LEVELS = [1, 2, 3, 4] as const;

/** A level as the statistics read it: "not assessed" and no card are both missing (SCORE-6). */
const asRating = (level: LevelChoice | null | undefined) => (typeof level === 'number' ? level : null);

/** CAL-9: every figure of one revealed round, from its cards only; the tables' figures from `statistics`, in one job. */
export async function buildRevealRound(
	d: SessionData,
	round: RoundRecord,
	statistics: TableStatistics
): Promise<RevealRound> {
	const cards = cardsOfRound(d, round.round);
	const cardOf = (raterId: string, interviewId: string) =>
		cards.find((c) => c.raterId === raterId && c.interviewId === interviewId);
	const offsetsOf = (f: TableFigures): OffsetFigure[] =>
		f.offsets.map((o, i) => ({ raterId: d.raters[i].id, offset: o.offset, n: o.n }));
	const levelOf = (r: { id: string }, iv: { id: string }, competencyId: string) =>
		asRating(cardOf(r.id, iv.id)?.ratings[competencyId]?.level);

	const levels = (ratings: (number | null)[][]) => packTable(ratings, LEVEL_CATEGORIES);
	const tables: FiguresRequest[] = [
		...d.rubric.competencies.map((c) => ({
			table: levels(d.raters.map((r) => d.interviews.map((iv) => levelOf(r, iv, c.id)))),
			categories: LEVEL_CATEGORIES,
			level: 'ordinal' as const
		})),
		// Each competency of each interview is one unit: a figure for the scorecard as a whole.
		{
			table: levels(
				d.raters.map((r) => d.interviews.flatMap((iv) => d.rubric.competencies.map((c) => levelOf(r, iv, c.id))))
			),
			categories: LEVEL_CATEGORIES,
			level: 'ordinal',
			unitWord: 'competency'
		},
		{
			table: packTable(
				d.raters.map((r) => d.interviews.map((iv) => cardOf(r.id, iv.id)?.recommendation ?? null)),
				[...RECOMMENDATIONS]
			),
			categories: [...RECOMMENDATIONS],
			level: 'nominal'
		}
	];
	const figures = await statistics.figures(tables);
	const [overall, recommendation] = figures.slice(d.rubric.competencies.length);

	const competencies: CompetencyReveal[] = d.rubric.competencies.map((c, i) => {
		const levels = d.interviews.flatMap((iv) =>
			d.raters.map((r) => ({
				raterId: r.id,
				interviewId: iv.id,
				level: cardOf(r.id, iv.id)?.ratings[c.id]?.level ?? null
			}))
		);
		return {
			competencyId: c.id,
			name: c.name,
			levels,
			distribution: LEVELS.map((level) => ({ level, count: levels.filter((l) => l.level === level).length })),
			notAssessed: levels.filter((l) => l.level === NOT_ASSESSED).length,
			spread: d.interviews.map((iv) => spreadOf(iv.id, levels)),
			alpha: figures[i].alpha,
			exactAgreement: figures[i].exactAgreement,
			withinOneAgreement: figures[i].withinOneAgreement,
			offsets: offsetsOf(figures[i])
		};
	});

	return {
		...toRoundView(round),
		raters: d.raters.map((r) => ({ raterId: r.id, personId: r.personId, name: r.name })),
		competencies,
		overall: {
			alpha: overall.alpha,
			exactAgreement: overall.exactAgreement,
			withinOneAgreement: overall.withinOneAgreement,
			offsets: offsetsOf(overall)
		},
		recommendation: recommendationOf(d, cardOf, recommendation, offsetsOf(recommendation))
	};
}

function recommendationOf(
	d: SessionData,
	cardOf: (raterId: string, interviewId: string) => { recommendation: Recommendation } | undefined,
	figures: TableFigures,
	offsets: OffsetFigure[]
): RecommendationReveal {
	const values = d.interviews.flatMap((iv) =>
		d.raters.map((r) => ({
			raterId: r.id,
			interviewId: iv.id,
			recommendation: cardOf(r.id, iv.id)?.recommendation ?? null
		}))
	);
	return {
		values,
		distribution: RECOMMENDATIONS.map((recommendation) => ({
			recommendation,
			count: values.filter((v) => v.recommendation === recommendation).length
		})),
		alpha: figures.alpha,
		exactAgreement: figures.exactAgreement,
		withinOneAgreement: figures.withinOneAgreement,
		offsets
	};
}

function spreadOf(interviewId: string, levels: { interviewId: string; level: LevelChoice | null }[]) {
	const assessed = levels.flatMap((l) =>
		l.interviewId === interviewId && typeof l.level === 'number' ? [l.level] : []
	);
	if (assessed.length < 2) {
		return {
			interviewId,
			low: assessed[0] ?? null,
			high: assessed[0] ?? null,
			spread: notDefined('fewer than two raters assessed it, so there is no spread')
		};
	}
	const low = Math.min(...assessed);
	const high = Math.max(...assessed);
	return { interviewId, low, high, spread: { value: high - low } };
}

/** CAL-7: how alpha moved between consecutive revealed rounds, per competency, overall and for the recommendation. */
export function movementOf(rounds: RevealRound[]): AlphaMovement[] {
	const out: AlphaMovement[] = [];
	for (let i = 1; i < rounds.length; i++) {
		const [a, b] = [rounds[i - 1], rounds[i]];
		const pairs: [string, RevealRound['overall']['alpha'], RevealRound['overall']['alpha']][] = [
			...a.competencies.map(
				(c, j) => [c.competencyId, c.alpha, b.competencies[j].alpha] as [string, typeof c.alpha, typeof c.alpha]
			),
			['overall', a.overall.alpha, b.overall.alpha],
			['recommendation', a.recommendation.alpha, b.recommendation.alpha]
		];
		for (const [figure, from, to] of pairs) {
			out.push({
				figure,
				fromRound: a.round,
				toRound: b.round,
				from: from.alpha,
				to: to.alpha,
				change: changeOf(from.alpha, to.alpha, a.round, b.round)
			});
		}
	}
	return out;
}
