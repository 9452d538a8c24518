import type { ProblemSummary } from '../../../src/lib/shared/api.js';
import type { ProblemCard } from '../../../src/lib/shared/problemCatalog.js';
import type { RubricSummary } from '../../../src/lib/shared/rubric.js';
import type { ProblemCatalog } from '../../domain/InterviewService.js';
import type { RubricCatalog } from '../../domain/ScorecardService.js';
import { json, requireAdmin, requireAdminOnly, route, type Route } from '../http.js';

export interface CatalogRouteDeps {
	problems: ProblemCatalog;
	/** Every problem's metadata (kind, competencies, seniority, time box), for the filters. */
	problemCards: () => ProblemCard[];
	rubrics: RubricCatalog;
	adminKey: string;
	/** Which declared Python packages this server cannot serve. */
	python?: { missing(names: string[]): string[] };
}

/** The problem bank and the rubrics, for the organizer (admin key). */
export function catalogRoutes(deps: CatalogRouteDeps): Route[] {
	return [
		route('GET', '/api/problems', async ({ req, res }) => {
			requireAdmin(req, deps.adminKey);
			const problems: ProblemSummary[] = deps.problems.list().map((p) => ({
				id: p.id,
				title: p.title,
				kind: p.kind,
				timeBoxMinutes: p.timeBoxMinutes,
				packages: p.packages,
				missingPackages: deps.python?.missing(p.packages) ?? p.packages
			}));
			json(res, 200, { problems });
		}),
		// Metadata only: no statement, and nothing interviewers alone may read.
		route('GET', '/api/problem-catalog', async ({ req, res }) => {
			requireAdmin(req, deps.adminKey);
			json(res, 200, { problems: deps.problemCards() });
		}),
		route('GET', '/api/rubrics', async ({ req, res, url }) => {
			requireAdminOnly(req, url, deps.adminKey);
			const rubrics: RubricSummary[] = deps.rubrics.list().map((r) => ({
				id: r.id,
				title: r.title,
				defaultFor: r.defaultFor,
				competencies: r.competencies.map((c) => ({ id: c.id, name: c.name }))
			}));
			json(res, 200, { rubrics });
		})
	];
}
