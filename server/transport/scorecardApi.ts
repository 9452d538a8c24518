import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RubricSummary } from '../../src/lib/shared/rubric.js';
import type { CreateLoopReply } from '../../src/lib/shared/debrief.js';
import type { InterviewService } from '../domain/InterviewService.js';
import type { LoopService, LinkBuilder } from '../domain/LoopService.js';
import type { RubricCatalog, ScorecardService } from '../domain/ScorecardService.js';
import { HttpError, baseUrl, isAdmin, json, readJson, requireAdmin, tokenOf, type Route } from './httpApi.js';

/** How often an idle event stream sends a comment, so proxies keep it open. */
export const SSE_HEARTBEAT_MS = 25_000;

export interface ScorecardApiDeps {
	interviews: InterviewService;
	scorecards: ScorecardService;
	loops: LoopService;
	rubrics: RubricCatalog;
	adminKey: string;
	publicUrl?: string;
}

/**
 * Scorecard, loop and debrief endpoints (rules SCORE-1..10 in server/domain/scorecardRules.ts).
 * Thin: authenticate, hand the raw body to one domain method (which validates it), answer.
 * Live updates are Server-Sent Events that carry no data, only "changed": the page then asks
 * again through the same checked endpoint, so a stream can never say more than a GET would.
 */
export function createScorecardApi(deps: ScorecardApiDeps) {
	const feeds = new ChangeFeeds();
	const unsubscribe = deps.scorecards.onSubmitted((interviewId) => {
		feeds.notify(`interview:${interviewId}`);
		void deps.loops
			.loopsOfInterview(interviewId)
			.then((ids) => ids.forEach((id) => feeds.notify(`loop:${id}`)))
			.catch((err) => console.error('[pairboard] loop notification failed:', err));
	});

	const interviewer = async (req: IncomingMessage, id: string, url: URL) =>
		deps.interviews.authenticate(id, tokenOf(req, url));

	/** SCORE-9: the admin key or this loop's panel token; a room token of any role gets 403. */
	const panel = async (req: IncomingMessage, loopId: string, url: URL) => {
		if (isAdmin(req, deps.adminKey)) await deps.loops.requireLoop(loopId);
		else await deps.loops.authorizePanel(loopId, tokenOf(req, url));
	};

	/**
	 * Rubrics and loop management: the admin key only. A room or panel token is a valid credential
	 * for something else, so it gets 403 (a candidate's token included), no credential 401.
	 */
	const adminOnly = (req: IncomingMessage, url: URL) => {
		if (isAdmin(req, deps.adminKey)) return;
		if (url.searchParams.get('token'))
			throw new HttpError(403, 'This needs the admin key; a room or panel link does not open it');
		requireAdmin(req, deps.adminKey);
	};

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

	const routes: Route[] = [
		{
			method: 'GET',
			pattern: /^\/api\/rubrics$/,
			handle: async (req, res, _m, url) => {
				adminOnly(req, url);
				const rubrics: RubricSummary[] = deps.rubrics.list().map((r) => ({
					id: r.id,
					title: r.title,
					defaultFor: r.defaultFor,
					competencies: r.competencies.map((c) => ({ id: c.id, name: c.name }))
				}));
				json(res, 200, { rubrics });
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/scorecards$/,
			handle: async (req, res, m, url) => json(res, 200, await deps.scorecards.panel(await interviewer(req, m[1], url)))
		},
		{
			method: 'POST',
			pattern: /^\/api\/interviews\/([^/]+)\/scorecards$/,
			handle: async (req, res, m, url) => {
				const p = await interviewer(req, m[1], url);
				json(res, 201, await deps.scorecards.submit(p, await readJson(req)));
			}
		},
		{
			method: 'PUT',
			pattern: /^\/api\/interviews\/([^/]+)\/scorecards\/draft$/,
			handle: async (req, res, m, url) => {
				const p = await interviewer(req, m[1], url);
				json(res, 200, await deps.scorecards.saveDraft(p, await readJson(req)));
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/interviews\/([^/]+)\/scorecards\/pin$/,
			handle: async (req, res, m, url) => json(res, 200, await deps.scorecards.pin(await interviewer(req, m[1], url)))
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/scorecards\/events$/,
			handle: async (req, res, m, url) => {
				const p = await interviewer(req, m[1], url);
				// SCORE-1: a candidate or observer never gets a stream.
				deps.scorecards.assertScorer(p);
				stream(req, res, feeds, `interview:${p.interview.id}`);
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/scorecards\/([^/]+)$/,
			handle: async (req, res, m, url) => {
				const p = await interviewer(req, m[1], url);
				json(res, 200, { versions: await deps.scorecards.scorecardOf(p, decodeURIComponent(m[2])) });
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/loops$/,
			handle: async (req, res, _m, url) => {
				adminOnly(req, url);
				const { id, token } = await deps.loops.create(await readJson(req));
				const reply: CreateLoopReply = {
					id,
					debriefUrl: `${baseUrl(req, deps.publicUrl)}/debrief/${id}?token=${token}`
				};
				json(res, 201, reply);
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/loops$/,
			handle: async (req, res, _m, url) => {
				adminOnly(req, url);
				json(res, 200, { loops: await deps.loops.list() });
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/loops\/([^/]+)\/interviews$/,
			handle: async (req, res, m, url) => {
				adminOnly(req, url);
				await deps.loops.addInterview(m[1], await readJson(req));
				feeds.notify(`loop:${m[1]}`);
				json(res, 200, { ok: true });
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/loops\/([^/]+)\/debrief$/,
			handle: async (req, res, m, url) => {
				await panel(req, m[1], url);
				json(res, 200, await deps.loops.debrief(m[1]));
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/loops\/([^/]+)\/debrief\/events$/,
			handle: async (req, res, m, url) => {
				await panel(req, m[1], url);
				stream(req, res, feeds, `loop:${m[1]}`);
			}
		},
		{
			method: 'POST',
			pattern: /^\/api\/loops\/([^/]+)\/decision$/,
			handle: async (req, res, m, url) => {
				await panel(req, m[1], url);
				const decision = await deps.loops.decide(m[1], await readJson(req));
				feeds.notify(`loop:${m[1]}`);
				json(res, 201, decision);
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/loops\/([^/]+)\/export\.json$/,
			handle: async (req, res, m, url) => {
				await panel(req, m[1], url);
				res.setHeader('Content-Disposition', `attachment; filename="loop-${m[1]}.json"`);
				json(res, 200, await deps.loops.debrief(m[1]));
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/loops\/([^/]+)\/export\.csv$/,
			handle: async (req, res, m, url) => {
				await panel(req, m[1], url);
				const text = await deps.loops.exportCsv(m[1]);
				res.writeHead(200, {
					'Content-Type': 'text/csv; charset=utf-8',
					'Content-Disposition': `attachment; filename="loop-${m[1]}.csv"`,
					'Content-Length': Buffer.byteLength(text)
				});
				res.end(text);
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/loops\/([^/]+)\/ats$/,
			handle: async (req, res, m, url) => {
				await panel(req, m[1], url);
				json(res, 200, await deps.loops.atsPayload(m[1], links(req)));
			}
		}
	];

	return {
		routes,
		close() {
			unsubscribe();
			feeds.closeAll();
		}
	};
}

/** In-process subscribers per key (`interview:{id}`, `loop:{id}`). */
class ChangeFeeds {
	private readonly byKey = new Map<string, Set<() => void>>();
	private readonly open = new Set<ServerResponse>();

	subscribe(key: string, res: ServerResponse, fn: () => void): () => void {
		let set = this.byKey.get(key);
		if (!set) this.byKey.set(key, (set = new Set()));
		set.add(fn);
		this.open.add(res);
		return () => {
			set.delete(fn);
			if (set.size === 0) this.byKey.delete(key);
			this.open.delete(res);
		};
	}

	notify(key: string): void {
		for (const fn of this.byKey.get(key) ?? []) fn();
	}

	closeAll(): void {
		for (const res of this.open) res.end();
		this.open.clear();
		this.byKey.clear();
	}
}

/** A Server-Sent Events stream that says "changed" (no data) whenever `key` is notified. */
function stream(req: IncomingMessage, res: ServerResponse, feeds: ChangeFeeds, key: string): void {
	res.writeHead(200, {
		'Content-Type': 'text/event-stream; charset=utf-8',
		'Cache-Control': 'no-store',
		Connection: 'keep-alive',
		'X-Accel-Buffering': 'no'
	});
	res.write('event: ready\ndata: {}\n\n');
	const off = feeds.subscribe(key, res, () => res.write('event: changed\ndata: {}\n\n'));
	const beat = setInterval(() => res.write(': still here\n\n'), SSE_HEARTBEAT_MS);
	beat.unref();
	const done = () => {
		clearInterval(beat);
		off();
	};
	req.on('close', done);
	res.on('close', done);
}
