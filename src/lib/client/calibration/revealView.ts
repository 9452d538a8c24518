/**
 * The reveal payload laid out as the page shows it: per competency (and for the
 * recommendation), every rater's choice per interview with the original interviewers' beside,
 * the chart's bars and each rater's offset by name. Pure, so it is tested without a browser.
 */
import type {
	AlphaFigure,
	CalibrationSessionView,
	CompetencyReveal,
	OriginalScores,
	RevealRound
} from '$lib/shared/calibration/calibrationApi';
import type { Figure } from '$lib/shared/agreement/index';
import { RECOMMENDATIONS, RECOMMENDATION_LABELS, type Recommendation } from '$lib/shared/rubric';
import type { LevelChoice } from '$lib/shared/scorecard';
import { describeSpread } from './levelFigures';

export interface PersonChoice<V> {
	name: string;
	value: V | null;
}

export interface InterviewChoices<V> {
	interviewId: string;
	title: string;
	raters: PersonChoice<V>[];
	originals: PersonChoice<V>[];
	/** Levels only. */
	spread?: string;
}

export interface FigureDisplay<V> {
	id: string;
	name: string;
	interviews: InterviewChoices<V>[];
	bars: { label: string; count: number }[];
	/** Ratings marked not assessed, counted apart from the bars. */
	notAssessed: number;
	alpha: AlphaFigure;
	exact: Figure;
	withinOne: Figure;
	offsets: { name: string; offset: Figure; n: number }[];
}

type RoundContext = { session: CalibrationSessionView; round: RevealRound; originals: OriginalScores[] };

function namer(round: RevealRound): (raterId: string) => string {
	const names = new Map(round.raters.map((r) => [r.raterId, r.name]));
	return (id) => names.get(id) ?? 'A rater';
}

function offsetsOf(round: RevealRound, offsets: { raterId: string; offset: Figure; n: number }[]) {
	const name = namer(round);
	return offsets.map((o) => ({ name: name(o.raterId), offset: o.offset, n: o.n }));
}

/** Every competency of a revealed round, in the rubric's order. */
export function competencyDisplays({ session, round, originals }: RoundContext): FigureDisplay<LevelChoice>[] {
	const name = namer(round);
	return round.competencies.map((c: CompetencyReveal) => ({
		id: c.competencyId,
		name: c.name,
		interviews: session.interviews.map((iv) => {
			const spread = c.spread.find((s) => s.interviewId === iv.id);
			return {
				interviewId: iv.id,
				title: iv.title,
				raters: round.raters.map((r) => ({
					name: r.name,
					value: c.levels.find((l) => l.raterId === r.raterId && l.interviewId === iv.id)?.level ?? null
				})),
				originals: (originals.find((o) => o.interviewId === iv.id)?.interviewers ?? []).map((o) => ({
					name: o.name,
					value: o.ratings[c.competencyId] ?? null
				})),
				spread: spread ? describeSpread(spread) : undefined
			};
		}),
		bars: c.distribution.map((d) => ({ label: String(d.level), count: d.count })),
		notAssessed: c.notAssessed,
		alpha: c.alpha,
		exact: c.exactAgreement,
		withinOne: c.withinOneAgreement,
		offsets: c.offsets.map((o) => ({ name: name(o.raterId), offset: o.offset, n: o.n }))
	}));
}

/** The recommendation, treated as the competencies are (nominal alpha). */
export function recommendationDisplay({ session, round, originals }: RoundContext): FigureDisplay<Recommendation> {
	const r = round.recommendation;
	return {
		id: 'recommendation',
		name: 'Recommendation',
		interviews: session.interviews.map((iv) => ({
			interviewId: iv.id,
			title: iv.title,
			raters: round.raters.map((rater) => ({
				name: rater.name,
				value: r.values.find((v) => v.raterId === rater.raterId && v.interviewId === iv.id)?.recommendation ?? null
			})),
			originals: (originals.find((o) => o.interviewId === iv.id)?.interviewers ?? []).map((o) => ({
				name: o.name,
				value: o.recommendation
			}))
		})),
		bars: RECOMMENDATIONS.map((rec) => ({
			label: RECOMMENDATION_LABELS[rec],
			count: r.distribution.find((d) => d.recommendation === rec)?.count ?? 0
		})),
		notAssessed: 0,
		alpha: r.alpha,
		exact: r.exactAgreement,
		withinOne: r.withinOneAgreement,
		offsets: offsetsOf(round, r.offsets)
	};
}

/** The whole round in one figure: every competency of every interview as one unit. */
export function overallDisplay(round: RevealRound) {
	return {
		alpha: round.overall.alpha,
		exact: round.overall.exactAgreement,
		withinOne: round.overall.withinOneAgreement,
		offsets: offsetsOf(round, round.overall.offsets)
	};
}

/** The name of a movement's figure: a competency's name, "All competencies" or "Recommendation". */
export function movementName(figure: string, session: CalibrationSessionView): string {
	if (figure === 'overall') return 'All competencies';
	if (figure === 'recommendation') return 'Recommendation';
	return session.rubric.competencies.find((c) => c.id === figure)?.name ?? figure;
}
