import type { IncomingMessage, ServerResponse } from 'node:http';
import {
	CreateCalibrationSchema,
	RaterDraftSchema,
	RaterSubmitSchema,
	type CreateCalibrationReply
} from '../../../src/lib/shared/calibration/calibrationApi.js';
import { ReliabilityQuerySchema } from '../../../src/lib/shared/calibration/reliability.js';
import type { CalibrationExports } from '../../domain/calibration/CalibrationExports.js';
import type { CalibrationService } from '../../domain/calibration/CalibrationService.js';
import type { RaterScoring } from '../../domain/calibration/RaterScoring.js';
import type { ReliabilityService } from '../../domain/calibration/ReliabilityService.js';
import { baseUrl, isAdmin, json, parseInput, readBody, requireAdminOnly, route, tokenOf, type Route } from '../http.js';
import type { ChangeFeeds } from './changeFeeds.js';

export interface CalibrationRouteDeps {
	calibrations: CalibrationService;
	raters: RaterScoring;
	reliability: ReliabilityService;
	exports: CalibrationExports;
	feeds: ChangeFeeds;
	adminKey: string;
	publicUrl?: string;
}

/** The change feed key of a session's stream. */
export const calibrationFeed = (sessionId: string) => `calibration:${sessionId}`;

/** The organizer's calibration sessions, reliability and exports (admin key; CAL-1, CAL-5..12). */
export function calibrationAdminRoutes(deps: CalibrationRouteDeps): Route[] {
	const adminOnly = (req: IncomingMessage, url: URL) => requireAdminOnly(req, url, deps.adminKey);
	const download = (res: ServerResponse, type: string, name: string, text: string) => {
		res.writeHead(200, {
			'Content-Type': `${type}; charset=utf-8`,
			'Content-Disposition': `attachment; filename="${name}"`,
			'Content-Length': Buffer.byteLength(text)
		});
		res.end(text);
	};
	return [
		route('POST', '/api/calibrations', async ({ req, res, url }) => {
			adminOnly(req, url);
			const created = await deps.calibrations.create(await readBody(req, CreateCalibrationSchema));
			const base = baseUrl(req, deps.publicUrl);
			const reply: CreateCalibrationReply = {
				id: created.id,
				raters: created.raters.map((r) => ({
					raterId: r.raterId,
					personId: r.personId,
					name: r.name,
					url: `${base}/calibrate/${created.id}?token=${r.token}`
				}))
			};
			json(res, 201, reply);
		}),
		route('GET', '/api/calibrations', async ({ req, res, url }) => {
			adminOnly(req, url);
			json(res, 200, { sessions: await deps.calibrations.list() });
		}),
		route('GET', '/api/calibrations/:id', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			json(res, 200, await deps.calibrations.organizerView(params.id));
		}),
		route('DELETE', '/api/calibrations/:id', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			await deps.calibrations.delete(params.id);
			json(res, 200, { deleted: true });
		}),
		route('POST', '/api/calibrations/:id/close', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			json(res, 200, await deps.calibrations.close(params.id));
		}),
		route('POST', '/api/calibrations/:id/rounds', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			json(res, 201, await deps.calibrations.openNextRound(params.id));
		}),
		route('GET', '/api/calibrations/:id/export.json', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			const body = JSON.stringify(await deps.exports.json(params.id));
			download(res, 'application/json', `calibration-${params.id}.json`, body);
		}),
		route('GET', '/api/calibrations/:id/export.csv', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			download(res, 'text/csv', `calibration-${params.id}-ratings.csv`, await deps.exports.ratingsCsv(params.id));
		}),
		route('GET', '/api/calibrations/:id/statistics.csv', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			download(res, 'text/csv', `calibration-${params.id}-statistics.csv`, await deps.exports.statisticsCsv(params.id));
		}),
		route('GET', '/api/reliability', async ({ req, res, url }) => {
			adminOnly(req, url);
			const query = parseInput(ReliabilityQuerySchema, Object.fromEntries(url.searchParams));
			json(res, 200, await deps.reliability.report(query));
		})
	];
}

/** What a rater token opens (CAL-3); the events and the reveal open with the admin key too. */
export function calibrationRaterRoutes(deps: CalibrationRouteDeps): Route[] {
	const rater = (req: IncomingMessage, url: URL, id: string) => deps.raters.authenticate(id, tokenOf(req, url));
	/** The admin key, or this session's rater; answers whether it was a rater. */
	const adminOrRater = async (req: IncomingMessage, url: URL, id: string): Promise<boolean> => {
		if (isAdmin(req, deps.adminKey)) {
			await deps.calibrations.load(id);
			return false;
		}
		await rater(req, url, id);
		return true;
	};
	return [
		route('GET', '/api/calibrations/:id/rater', async ({ req, res, url, params }) => {
			json(res, 200, await deps.raters.view(await rater(req, url, params.id)));
		}),
		route('PUT', '/api/calibrations/:id/interviews/:interviewId/draft', async ({ req, res, url, params }) => {
			const a = await rater(req, url, params.id);
			json(res, 200, await deps.raters.saveDraft(a, params.interviewId, await readBody(req, RaterDraftSchema, 'dots')));
		}),
		route('POST', '/api/calibrations/:id/interviews/:interviewId/card', async ({ req, res, url, params }) => {
			const a = await rater(req, url, params.id);
			const card = await deps.raters.submit(a, params.interviewId, await readBody(req, RaterSubmitSchema, 'dots'));
			json(res, 201, card);
		}),
		route('GET', '/api/calibrations/:id/events', async ({ req, res, url, params }) => {
			await adminOrRater(req, url, params.id);
			deps.feeds.stream(req, res, calibrationFeed(params.id));
		}),
		route('GET', '/api/calibrations/:id/reveal', async ({ req, res, url, params }) => {
			const forRater = await adminOrRater(req, url, params.id);
			json(res, 200, await deps.calibrations.reveal(params.id, forRater));
		})
	];
}
