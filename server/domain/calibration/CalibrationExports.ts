import {
	RATINGS_CSV_COLUMNS,
	STATISTICS_CSV_COLUMNS,
	type AlphaFigure,
	type CalibrationExport
} from '../../../src/lib/shared/calibration/calibrationApi.js';
import type { Figure } from '../../../src/lib/shared/agreement/index.js';
import { toCsv, type CsvValue } from '../csv.js';
import { movementOf } from './buildReveal.js';
import type { CalibrationService } from './CalibrationService.js';
import { toCard } from './RaterScoring.js';
import { sessionView, toRoundView } from './sessionData.js';

/** CAL-12: a session's revealed rounds, cards and statistics as JSON and CSV (formula-safe cells). */
export class CalibrationExports {
	constructor(private readonly calibrations: CalibrationService) {}

	async json(id: string): Promise<CalibrationExport> {
		const d = await this.calibrations.load(id);
		const revealed = d.rounds.filter((r) => r.revealedAt !== null);
		const statistics = await this.calibrations.revealedRounds(d);
		return {
			exportedAt: this.calibrations.deps.clock.now(),
			session: sessionView(d, this.calibrations.deps.problems),
			raters: d.raters.map((r) => ({ raterId: r.id, personId: r.personId, name: r.name })),
			rounds: revealed.map((r, i) => ({
				...toRoundView(r),
				cards: d.cards.filter((c) => c.round === r.round).map((c) => toCard(d.rubric, c)),
				statistics: statistics[i]
			})),
			movement: movementOf(statistics),
			originals: await this.calibrations.originals(d)
		};
	}

	/** One row per round × interview × rater × competency, and one for the recommendation. */
	async ratingsCsv(id: string): Promise<string> {
		const e = await this.json(id);
		const rows: CsvValue[][] = [[...RATINGS_CSV_COLUMNS]];
		for (const round of e.rounds) {
			for (const c of round.cards) {
				const rater = e.raters.find((r) => r.raterId === c.raterId);
				const base = [e.session.id, round.round, c.interviewId, c.raterId, rater?.personId ?? '', rater?.name ?? ''];
				const at = new Date(c.submittedAt).toISOString();
				for (const comp of e.session.rubric.competencies) {
					const r = c.ratings[comp.id];
					const notes = (r?.notes ?? []).map((n) => `[${new Date(n.t).toISOString()}] ${n.text}`).join(' | ');
					rows.push([...base, comp.id, r?.level ?? null, null, null, notes, at]);
				}
				rows.push([...base, 'recommendation', null, c.recommendation, c.confidence, null, at]);
			}
		}
		return toCsv(rows);
	}

	/** One row per round × figure: each competency, `overall` and `recommendation`. */
	async statisticsCsv(id: string): Promise<string> {
		const e = await this.json(id);
		const rows: CsvValue[][] = [[...STATISTICS_CSV_COLUMNS]];
		for (const round of e.rounds) {
			const s = round.statistics;
			const line = (figure: string, a: AlphaFigure, exact: Figure, withinOne: Figure): CsvValue[] => [
				e.session.id,
				round.round,
				figure,
				a.level,
				a.alpha.value,
				a.interval.low,
				a.interval.high,
				a.units,
				exact.value,
				withinOne.value,
				[a.alpha, exact, withinOne].find((f) => f.value === null)?.reason ?? null
			];
			for (const c of s.competencies) rows.push(line(c.competencyId, c.alpha, c.exactAgreement, c.withinOneAgreement));
			rows.push(line('overall', s.overall.alpha, s.overall.exactAgreement, s.overall.withinOneAgreement));
			rows.push(
				line(
					'recommendation',
					s.recommendation.alpha,
					s.recommendation.exactAgreement,
					s.recommendation.withinOneAgreement
				)
			);
		}
		return toCsv(rows);
	}
}
