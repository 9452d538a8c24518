import { z } from 'zod';
import { CreateInterviewSchema, type CreateInterviewReply } from '../../../src/lib/shared/api.js';
import { IdSchema, InterviewListQuerySchema, type RenewedLinkReply } from '../../../src/lib/shared/organizer.js';
import type { InterviewDeletion } from '../../domain/InterviewDeletion.js';
import type { InterviewDirectory } from '../../domain/InterviewDirectory.js';
import type { InterviewService } from '../../domain/InterviewService.js';
import type { RecordingConsent } from '../../domain/RecordingConsent.js';
import {
	baseUrl,
	json,
	parseInput,
	readBody,
	requireAdmin,
	requireAdminOnly,
	route,
	tokenOf,
	type Route
} from '../http.js';
import type { ChangeFeeds } from './changeFeeds.js';

export interface InterviewRouteDeps {
	interviews: InterviewService;
	directory: InterviewDirectory;
	consent: RecordingConsent;
	deletion: InterviewDeletion;
	/** The organizer's list follows `organizer` (ORGANIZER_FEED). */
	feeds: ChangeFeeds;
	adminKey: string;
	publicUrl?: string;
}

/** The change feed of the organizer's list: interviews created, started, ended, deleted, entered, left, relinked. */
export const ORGANIZER_FEED = 'organizer';

const RenewLinkParams = z.object({ id: IdSchema, participantId: IdSchema });

/** Creating, listing and deleting interviews (admin key); a participant's session, start and consent. */
export function interviewRoutes(deps: InterviewRouteDeps): Route[] {
	const participant = (req: Parameters<typeof tokenOf>[0], url: URL, id: string) =>
		deps.interviews.authenticate(id, tokenOf(req, url));
	const roomLink = (req: Parameters<typeof tokenOf>[0], id: string, token: string) =>
		`${baseUrl(req, deps.publicUrl)}/room/${id}?token=${token}`;
	const changed = () => deps.feeds.notify(ORGANIZER_FEED);

	return [
		route('POST', '/api/interviews', async ({ req, res }) => {
			requireAdmin(req, deps.adminKey);
			const created = await deps.interviews.create(await readBody(req, CreateInterviewSchema));
			const link = (token: string) => roomLink(req, created.id, token);
			const reply: CreateInterviewReply = {
				id: created.id,
				links: {
					candidate: link(created.candidate.token),
					interviewers: created.interviewers.map((p) => ({ name: p.name, url: link(p.token), personId: p.personId })),
					observers: created.observers.map((p) => ({ name: p.name, url: link(p.token) }))
				}
			};
			changed();
			json(res, 201, reply);
		}),
		// ORG-1, ORG-2
		route('GET', '/api/interviews', async ({ req, res, url }) => {
			requireAdminOnly(req, url, deps.adminKey);
			const query = parseInput(InterviewListQuerySchema, Object.fromEntries(url.searchParams));
			json(res, 200, { interviews: await deps.directory.list(query) });
		}),
		route('GET', '/api/interviews/events', async ({ req, res, url }) => {
			requireAdminOnly(req, url, deps.adminKey);
			deps.feeds.stream(req, res, ORGANIZER_FEED);
		}),
		// ORG-3
		route('POST', '/api/interviews/:id/participants/:participantId/link', async ({ req, res, url, params }) => {
			requireAdminOnly(req, url, deps.adminKey);
			const { id, participantId } = parseInput(RenewLinkParams, params);
			const { participant: p, token } = await deps.interviews.renewLink(id, participantId);
			const reply: RenewedLinkReply = {
				person: { id: p.id, name: p.name, role: p.role },
				url: roomLink(req, id, token)
			};
			json(res, 201, reply);
		}),
		// DEL-1
		route('DELETE', '/api/interviews/:id', async ({ req, res, params }) => {
			requireAdmin(req, deps.adminKey);
			await deps.deletion.delete(params.id);
			changed();
			json(res, 200, { deleted: true });
		}),
		route('GET', '/api/interviews/:id/session', async ({ req, res, url, params }) => {
			json(res, 200, deps.interviews.sessionView(await participant(req, url, params.id)));
		}),
		route('POST', '/api/interviews/:id/start', async ({ req, res, url, params }) => {
			const p = await participant(req, url, params.id);
			const interview = await deps.interviews.start(p);
			changed();
			json(res, 200, deps.interviews.sessionView({ ...p, interview }));
		}),
		route('GET', '/api/interviews/:id/private', async ({ req, res, url, params }) => {
			const p = await participant(req, url, params.id);
			json(res, 200, { problems: deps.interviews.privateView(p) });
		}),
		// CONSENT-2
		route('POST', '/api/interviews/:id/consent', async ({ req, res, url, params }) => {
			const p = await participant(req, url, params.id);
			const consentedAt = await deps.consent.accept(p);
			json(res, 200, deps.interviews.sessionView({ ...p, interview: { ...p.interview, consentedAt } }));
		})
	];
}
