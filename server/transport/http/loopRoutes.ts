import type { IncomingMessage } from 'node:http';
import {
	AddToLoopSchema,
	CreateLoopSchema,
	DecisionSchema,
	type CreateLoopReply
} from '../../../src/lib/shared/debrief.js';
import type { LinkBuilder, LoopService } from '../../domain/LoopService.js';
import { baseUrl, isAdmin, json, readBody, requireAdminOnly, route, tokenOf, type Route } from '../http.js';
import type { ChangeFeeds } from './changeFeeds.js';

export interface LoopRouteDeps {
	loops: LoopService;
	feeds: ChangeFeeds;
	adminKey: string;
	publicUrl?: string;
}

/** Loops of interviews (admin key) and their debrief, decision and exports (the panel, SCORE-7..9). */
export function loopRoutes(deps: LoopRouteDeps): Route[] {
	/** SCORE-9: the admin key or this loop's panel token; a room token of any role gets 403. */
	const panel = async (req: IncomingMessage, url: URL, loopId: string) => {
		if (isAdmin(req, deps.adminKey)) await deps.loops.requireLoop(loopId);
		else await deps.loops.authorizePanel(loopId, tokenOf(req, url));
	};
	const adminOnly = (req: IncomingMessage, url: URL) => requireAdminOnly(req, url, deps.adminKey);

	/**
	 * Links in the ATS payload carry no credential: an ATS is long-lived and widely read, so a link
	 * there must not open the debrief by itself. Whoever follows one signs in on the page (the
	 * panel's own link or the admin key).
	 */
	const links = (req: IncomingMessage): LinkBuilder => {
		const base = baseUrl(req, deps.publicUrl);
		return {
			debrief: (loopId) => `${base}/debrief/${loopId}`,
			scorecard: (loopId, interviewId, interviewerId) =>
				`${base}/debrief/${loopId}#scorecard-${interviewId}-${interviewerId}`,
			replay: (interviewId, t) => `${base}/replay/${interviewId}?t=${t}`
		};
	};

	return [
		route('POST', '/api/loops', async ({ req, res, url }) => {
			adminOnly(req, url);
			const { id, token } = await deps.loops.create(await readBody(req, CreateLoopSchema, 'dots'));
			const reply: CreateLoopReply = { id, debriefUrl: `${baseUrl(req, deps.publicUrl)}/debrief/${id}?token=${token}` };
			json(res, 201, reply);
		}),
		route('GET', '/api/loops', async ({ req, res, url }) => {
			adminOnly(req, url);
			json(res, 200, { loops: await deps.loops.list() });
		}),
		route('POST', '/api/loops/:id/interviews', async ({ req, res, url, params }) => {
			adminOnly(req, url);
			const { interview } = await readBody(req, AddToLoopSchema, 'dots');
			await deps.loops.addInterview(params.id, interview);
			deps.feeds.notify(`loop:${params.id}`);
			json(res, 200, { ok: true });
		}),
		route('GET', '/api/loops/:id/debrief', async ({ req, res, url, params }) => {
			await panel(req, url, params.id);
			json(res, 200, await deps.loops.debrief(params.id));
		}),
		route('GET', '/api/loops/:id/debrief/events', async ({ req, res, url, params }) => {
			await panel(req, url, params.id);
			deps.feeds.stream(req, res, `loop:${params.id}`);
		}),
		route('POST', '/api/loops/:id/decision', async ({ req, res, url, params }) => {
			await panel(req, url, params.id);
			const decision = await deps.loops.decide(params.id, await readBody(req, DecisionSchema, 'dots'));
			deps.feeds.notify(`loop:${params.id}`);
			json(res, 201, decision);
		}),
		route('GET', '/api/loops/:id/export.json', async ({ req, res, url, params }) => {
			await panel(req, url, params.id);
			res.setHeader('Content-Disposition', `attachment; filename="loop-${params.id}.json"`);
			json(res, 200, await deps.loops.debrief(params.id));
		}),
		route('GET', '/api/loops/:id/export.csv', async ({ req, res, url, params }) => {
			await panel(req, url, params.id);
			const text = await deps.loops.exportCsv(params.id);
			res.writeHead(200, {
				'Content-Type': 'text/csv; charset=utf-8',
				'Content-Disposition': `attachment; filename="loop-${params.id}.csv"`,
				'Content-Length': Buffer.byteLength(text)
			});
			res.end(text);
		}),
		route('GET', '/api/loops/:id/ats', async ({ req, res, url, params }) => {
			await panel(req, url, params.id);
			json(res, 200, await deps.loops.atsPayload(params.id, links(req)));
		})
	];
}
