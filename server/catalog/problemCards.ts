import type { ProblemCard } from '../../src/lib/shared/problemCatalog.js';
import type { ProblemFiles } from '../storage/loadProblems.js';

/** A problem's metadata for the organizer's filters and rubric coverage: no statement, nothing private. */
export function toProblemCard(p: ProblemFiles, missing: (names: string[]) => string[]): ProblemCard {
	return {
		id: p.id,
		title: p.title,
		kind: p.kind,
		timeBoxMinutes: p.timeBoxMinutes,
		competencies: p.competencies,
		seniority: p.seniority,
		topics: p.topics,
		difficulty: p.difficulty,
		packages: p.packages,
		missingPackages: missing(p.packages)
	};
}
