import type { ServerResponse } from 'node:http';
import { describeZodError } from '../../src/lib/shared/api.js';
import {
	ReviewerLinkSchema,
	type InterviewSummary,
	type ReviewerLinkReply
} from '../../src/lib/shared/replay/bundle.js';
import type { InterviewService } from '../domain/InterviewService.js';
import type { InterviewDeletion } from '../domain/InterviewDeletion.js';
import type { RecordingConsent } from '../domain/RecordingConsent.js';
import type { ReplayService } from '../domain/ReplayService.js';
import { HttpError, baseUrl, isAdmin, json, readJson, requireAdmin, tokenOf, type Route } from './httpApi.js';

export interface ReplayApiDeps {
	interviews: InterviewService;
	replay: ReplayService;
	consent: RecordingConsent;
	deletion: InterviewDeletion;
	adminKey: string;
	publicUrl?: string;
}

/** Most interviews the organizer's list shows. */
const LIST_LIMIT = 50;

/** Replay, reviewer links, consent, deletion and the organizer's list: thin adapters over the domain. */
export function createReplayRoutes(deps: ReplayApiDeps): Route[] {
	const viewer = (req: Parameters<Route['handle']>[0], id: string, url: URL) =>
		deps.replay.viewer(id, { admin: isAdmin(req, deps.adminKey), token: url.searchParams.get('token') });
	return [
		{
			method: 'GET',
			pattern: /^\/api\/interviews$/,
			handle: async (req, res) => {
				requireAdmin(req, deps.adminKey);
				const list: InterviewSummary[] = (await deps.interviews.list(LIST_LIMIT)).map((i) => ({
					id: i.id,
					title: i.title,
					candidateName: i.candidateName,
					createdAt: i.createdAt,
					endedAt: i.endedAt,
					mode: i.mode
				}));
				json(res, 200, { interviews: list });
			}
		},
		{
			// DEL-1
			method: 'DELETE',
			pattern: /^\/api\/interviews\/([^/]+)$/,
			handle: async (req, res, m) => {
				requireAdmin(req, deps.adminKey);
				await deps.deletion.delete(decodeURIComponent(m[1]));
				json(res, 200, { deleted: true });
			}
		},
		{
			// CONSENT-2
			method: 'POST',
			pattern: /^\/api\/interviews\/([^/]+)\/consent$/,
			handle: async (req, res, m, url) => {
				const p = await deps.interviews.authenticate(m[1], tokenOf(req, url));
				const consentedAt = await deps.consent.accept(p);
				json(res, 200, deps.interviews.sessionView({ ...p, interview: { ...p.interview, consentedAt } }));
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/replay$/,
			handle: async (req, res, m, url) => {
				json(res, 200, await deps.replay.bundle(await viewer(req, m[1], url)));
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/replay\/log$/,
			handle: async (req, res, m, url) => {
				await ndjson(res, deps.replay.logLines(await viewer(req, m[1], url)));
			}
		},
		{
			method: 'GET',
			pattern: /^\/api\/interviews\/([^/]+)\/replay\/checkpoints$/,
			handle: async (req, res, m, url) => {
				await ndjson(res, deps.replay.checkpointLines(await viewer(req, m[1], url)));
			}
		},
		{
			// REPLAY-6
			method: 'POST',
			pattern: /^\/api\/interviews\/([^/]+)\/reviewer-links$/,
			handle: async (req, res, m, url) => {
				const v = await viewer(req, m[1], url);
				const parsed = ReviewerLinkSchema.safeParse(await readJson(req));
				if (!parsed.success) {
					const { field, message } = describeZodError(parsed.error);
					throw new HttpError(400, message, field);
				}
				const token = await deps.replay.createReviewerLink(v, parsed.data.anonymised);
				const reply: ReviewerLinkReply = {
					url: `${baseUrl(req, deps.publicUrl)}/replay/${v.interview.id}?token=${token}`,
					anonymised: parsed.data.anonymised
				};
				json(res, 201, reply);
			}
		}
	];
}

async function ndjson(res: ServerResponse, lines: AsyncIterable<string>): Promise<void> {
	const iterator = lines[Symbol.asyncIterator]();
	// The first line is read before the status goes out, so a refusal still answers 4xx.
	let next = await iterator.next();
	res.writeHead(200, { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' });
	while (!next.done) {
		if (!res.write(next.value + '\n')) await new Promise((r) => res.once('drain', r));
		next = await iterator.next();
	}
	res.end();
}
