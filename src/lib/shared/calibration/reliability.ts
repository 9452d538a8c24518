/**
 * Reliability across live interviews (issue 14, item 6) and a person's history (item 7): the
 * query schema and the replies of GET /api/reliability and GET /api/people/:id/history.
 */
import { z } from 'zod';
import type { Figure } from '../agreement/index.js';
import type { AlphaFigure } from './calibrationApi.js';
import type { Person } from './people.js';

/** CAL-11: a history point shows an offset only when the person was compared on at least this many units. */
export const MIN_HISTORY_UNITS = 3;

/** `2026-11-01`, `2026-11-01T10:00:00Z` or epoch milliseconds. */
const instant = z
	.union([z.coerce.number().int().nonnegative(), z.iso.datetime({ offset: true }), z.iso.date()], {
		error: 'must be a date (2026-11-01), an ISO time or epoch milliseconds'
	})
	.transform((v) => (typeof v === 'number' ? v : Date.parse(v)));

/** Query string of GET /api/reliability (strings, as a URL gives them); default: the last 90 days. */
export const ReliabilityQuerySchema = z
	.object({
		from: instant.optional(),
		to: instant.optional(),
		rubric: z.string().min(1).max(64).optional()
	})
	.strict();
export type ReliabilityQuery = z.output<typeof ReliabilityQuerySchema>;

export const DEFAULT_RELIABILITY_DAYS = 90;

export interface CompetencyReliability {
	competencyId: string;
	name: string;
	/** Ordinal alpha over the period's interviews (units) and their interviewers (raters, as people). */
	alpha: AlphaFigure;
}

export interface RubricReliability {
	rubricId: string;
	title: string;
	/** Interviews on this rubric in the period with two or more submitted scorecards. */
	interviews: number;
	competencies: CompetencyReliability[];
	/** Nominal alpha of the recommendations. */
	recommendation: AlphaFigure;
}

/** One interviewer's leniency on one rubric: + scores above the other interviewers of the same interviews. */
export interface InterviewerLeniency {
	personId: string;
	name: string;
	rubricId: string;
	competencies: { competencyId: string; offset: Figure; n: number }[];
}

export interface ReliabilityReport {
	/** [from, to) in epoch ms: interviews that ended in it count. */
	period: { from: number; to: number };
	rubrics: RubricReliability[];
	interviewers: InterviewerLeniency[];
}

export type HistorySource = 'calibration' | 'live';

/** One calendar month (UTC) of one competency. */
export interface HistoryPoint {
	/** `2026-11` */
	period: string;
	from: number;
	to: number;
	/** Not defined below MIN_HISTORY_UNITS units, with the reason in words. */
	offset: Figure;
	/** Units (a competency of one interview, in one calibration round or live) compared with someone else. */
	n: number;
	sources: Record<HistorySource, number>;
}

export interface PersonHistory {
	person: Person;
	minUnits: number;
	competencies: { competencyId: string; name: string; points: HistoryPoint[] }[];
	/** Said when there is nothing to draw at all. */
	note: string | null;
}
