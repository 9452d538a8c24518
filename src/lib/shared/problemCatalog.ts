/**
 * What the organizer page knows of each problem, and the pure rules it filters and measures
 * rubric coverage by (shared so the page and the tests agree).
 */
import type { ProblemKind, Seniority } from './problemSchema.js';

/** A problem as the organizer sees it: metadata only, never statements or interviewer material. */
export interface ProblemCard {
	id: string;
	title: string;
	kind: ProblemKind;
	timeBoxMinutes: number;
	competencies: string[];
	seniority: Seniority[];
	topics: string[];
	difficulty: 'easy' | 'medium' | 'hard' | null;
	/** Pyodide packages the problem declares, and those of them this server cannot serve. */
	packages: string[];
	missingPackages: string[];
}

/** Empty strings and null mean "any". */
export interface ProblemFilter {
	kind: ProblemKind | '';
	competency: string;
	seniority: Seniority | '';
	/** At most this many minutes. */
	maxMinutes: number | null;
}

export const NO_FILTER: ProblemFilter = { kind: '', competency: '', seniority: '', maxMinutes: null };

export function matchesFilter(p: ProblemCard, f: ProblemFilter): boolean {
	return (
		(!f.kind || p.kind === f.kind) &&
		(!f.competency || p.competencies.includes(f.competency)) &&
		(!f.seniority || p.seniority.includes(f.seniority)) &&
		(f.maxMinutes === null || p.timeBoxMinutes <= f.maxMinutes)
	);
}

export interface CoverageRow {
	id: string;
	name: string;
	/** Titles of the chosen problems that probe this competency, in the order chosen. */
	problems: string[];
}

export interface RubricCoverage {
	covered: CoverageRow[];
	uncovered: { id: string; name: string }[];
}

/** Which of the rubric's competencies the chosen problems give evidence for, in rubric order. */
export function rubricCoverage(
	competencies: readonly { id: string; name: string }[],
	chosen: readonly ProblemCard[]
): RubricCoverage {
	const covered: CoverageRow[] = [];
	const uncovered: RubricCoverage['uncovered'] = [];
	for (const c of competencies) {
		const problems = chosen.filter((p) => p.competencies.includes(c.id)).map((p) => p.title);
		if (problems.length > 0) covered.push({ id: c.id, name: c.name, problems });
		else uncovered.push({ id: c.id, name: c.name });
	}
	return { covered, uncovered };
}
