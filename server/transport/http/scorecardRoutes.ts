import type { IncomingMessage } from 'node:http';
import { DraftSchema, SubmitSchema } from '../../../src/lib/shared/scorecard.js';
import type { InterviewService } from '../../domain/InterviewService.js';
import type { ScorecardService } from '../../domain/ScorecardService.js';
import { json, readBody, route, tokenOf, type Route } from '../http.js';
import type { ChangeFeeds } from './changeFeeds.js';

export interface ScorecardRouteDeps {
	interviews: InterviewService;
	scorecards: ScorecardService;
	feeds: ChangeFeeds;
}

/**
 * An interviewer's scorecard panel (rules SCORE-1..10 in server/domain/scorecardRules.ts). The
 * role is checked before a body is read; bodies are validated here, the rubric's rules in the
 * domain.
 */
export function scorecardRoutes(deps: ScorecardRouteDeps): Route[] {
	const participant = (req: IncomingMessage, url: URL, id: string) =>
		deps.interviews.authenticate(id, tokenOf(req, url));
	const scorer = async (req: IncomingMessage, url: URL, id: string) => {
		const p = await participant(req, url, id);
		deps.scorecards.assertScorer(p);
		return p;
	};

	return [
		route('GET', '/api/interviews/:id/scorecards', async ({ req, res, url, params }) => {
			json(res, 200, await deps.scorecards.panel(await participant(req, url, params.id)));
		}),
		route('POST', '/api/interviews/:id/scorecards', async ({ req, res, url, params }) => {
			const p = await scorer(req, url, params.id);
			json(res, 201, await deps.scorecards.submit(p, await readBody(req, SubmitSchema, 'dots')));
		}),
		route('PUT', '/api/interviews/:id/scorecards/draft', async ({ req, res, url, params }) => {
			const p = await scorer(req, url, params.id);
			json(res, 200, await deps.scorecards.saveDraft(p, await readBody(req, DraftSchema, 'dots')));
		}),
		route('POST', '/api/interviews/:id/scorecards/pin', async ({ req, res, url, params }) => {
			json(res, 200, await deps.scorecards.pin(await participant(req, url, params.id)));
		}),
		// Before `:interviewerId`, which would match `events` too.
		route('GET', '/api/interviews/:id/scorecards/events', async ({ req, res, url, params }) => {
			// SCORE-1: a candidate or observer never gets a stream.
			const p = await scorer(req, url, params.id);
			deps.feeds.stream(req, res, `interview:${p.interview.id}`);
		}),
		route('GET', '/api/interviews/:id/scorecards/:interviewerId', async ({ req, res, url, params }) => {
			const p = await participant(req, url, params.id);
			json(res, 200, { versions: await deps.scorecards.scorecardOf(p, params.interviewerId) });
		})
	];
}
