/**
 * `GET /api/problem-catalog` (admin key): every problem's metadata for the organizer's filters
 * and rubric coverage. Metadata only: no statement, and nothing interviewers alone may read.
 */
import type { ProblemCard } from '../../src/lib/shared/problemCatalog.js';
import type { ProblemFiles } from '../storage/loadProblems.js';
import { json, requireAdmin, type Route } from '../transport/httpApi.js';

export interface ProblemCatalogRoutesDeps {
	problems: { list(): ProblemFiles[] };
	adminKey: string;
}

export function toProblemCard(p: ProblemFiles): ProblemCard {
	return {
		id: p.id,
		title: p.title,
		kind: p.kind,
		timeBoxMinutes: p.timeBoxMinutes,
		competencies: p.competencies,
		seniority: p.seniority,
		topics: p.topics,
		difficulty: p.difficulty
	};
}

export function createProblemCatalogRoutes(deps: ProblemCatalogRoutesDeps): Route[] {
	return [
		{
			method: 'GET',
			pattern: /^\/api\/problem-catalog$/,
			handle: async (req, res) => {
				requireAdmin(req, deps.adminKey);
				json(res, 200, { problems: deps.problems.list().map(toProblemCard) });
			}
		}
	];
}
