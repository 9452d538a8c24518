import { CreateInterviewSchema, type CreateInterviewReply } from '../../../src/lib/shared/api.js';
import type { InterviewSummary } from '../../../src/lib/shared/replay/bundle.js';
import type { InterviewDeletion } from '../../domain/InterviewDeletion.js';
import type { InterviewService } from '../../domain/InterviewService.js';
import type { RecordingConsent } from '../../domain/RecordingConsent.js';
import { baseUrl, json, readBody, requireAdmin, route, tokenOf, type Route } from '../http.js';

export interface InterviewRouteDeps {
	interviews: InterviewService;
	consent: RecordingConsent;
	deletion: InterviewDeletion;
	adminKey: string;
	publicUrl?: string;
}

/** Most interviews the organizer's list shows. */
export const LIST_LIMIT = 50;

/** Creating, listing and deleting interviews (admin key); a participant's session, start and consent. */
export function interviewRoutes(deps: InterviewRouteDeps): Route[] {
	const participant = (req: Parameters<typeof tokenOf>[0], url: URL, id: string) =>
		deps.interviews.authenticate(id, tokenOf(req, url));

	return [
		route('POST', '/api/interviews', async ({ req, res }) => {
			requireAdmin(req, deps.adminKey);
			const created = await deps.interviews.create(await readBody(req, CreateInterviewSchema));
			const base = baseUrl(req, deps.publicUrl);
			const link = (token: string) => `${base}/room/${created.id}?token=${token}`;
			const reply: CreateInterviewReply = {
				id: created.id,
				links: {
					candidate: link(created.candidate.token),
					interviewers: created.interviewers.map((p) => ({ name: p.name, url: link(p.token), personId: p.personId })),
					observers: created.observers.map((p) => ({ name: p.name, url: link(p.token) }))
				}
			};
			json(res, 201, reply);
		}),
		route('GET', '/api/interviews', async ({ req, res }) => {
			requireAdmin(req, deps.adminKey);
			const interviews: InterviewSummary[] = (await deps.interviews.list(LIST_LIMIT)).map((i) => ({
				id: i.id,
				title: i.title,
				candidateName: i.candidateName,
				createdAt: i.createdAt,
				endedAt: i.endedAt,
				mode: i.mode
			}));
			json(res, 200, { interviews });
		}),
		// DEL-1
		route('DELETE', '/api/interviews/:id', async ({ req, res, params }) => {
			requireAdmin(req, deps.adminKey);
			await deps.deletion.delete(params.id);
			json(res, 200, { deleted: true });
		}),
		route('GET', '/api/interviews/:id/session', async ({ req, res, url, params }) => {
			json(res, 200, deps.interviews.sessionView(await participant(req, url, params.id)));
		}),
		route('POST', '/api/interviews/:id/start', async ({ req, res, url, params }) => {
			const p = await participant(req, url, params.id);
			const interview = await deps.interviews.start(p);
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
