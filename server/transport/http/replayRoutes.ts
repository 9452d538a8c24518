import type { IncomingMessage } from 'node:http';
import { toRecordingLine } from '../../../src/lib/shared/recording.js';
import { ReviewerLinkSchema, type ReviewerLinkReply } from '../../../src/lib/shared/replay/bundle.js';
import type { InterviewService } from '../../domain/InterviewService.js';
import type { LogStore } from '../../domain/ports.js';
import type { ReplayService } from '../../domain/ReplayService.js';
import { baseUrl, isAdmin, json, ndjson, readBody, route, tokenOf, type Route } from '../http.js';

export interface ReplayRouteDeps {
	interviews: InterviewService;
	replay: ReplayService;
	/** The recording is the log as it is stored, line for line. */
	log: Pick<LogStore, 'readLog'>;
	adminKey: string;
	publicUrl?: string;
}

/** The recording (NDJSON), the replay bundle, its log and checkpoints, and reviewer links (REPLAY-6). */
export function replayRoutes(deps: ReplayRouteDeps): Route[] {
	const viewer = (req: IncomingMessage, id: string, url: URL) =>
		deps.replay.viewer(id, { admin: isAdmin(req, deps.adminKey), token: tokenOf(req, url) });

	async function* recordingLines(interviewId: string): AsyncIterable<string> {
		for await (const entry of deps.log.readLog(interviewId)) yield toRecordingLine(entry);
	}

	return [
		route('GET', '/api/interviews/:id/recording', async ({ req, res, url, params }) => {
			if (isAdmin(req, deps.adminKey)) await deps.interviews.requireInterview(params.id);
			else deps.interviews.assertCanReadRecording(await deps.interviews.authenticate(params.id, tokenOf(req, url)));
			await ndjson(res, recordingLines(params.id));
		}),
		route('GET', '/api/interviews/:id/replay', async ({ req, res, url, params }) => {
			json(res, 200, await deps.replay.bundle(await viewer(req, params.id, url)));
		}),
		route('GET', '/api/interviews/:id/replay/log', async ({ req, res, url, params }) => {
			await ndjson(res, deps.replay.logLines(await viewer(req, params.id, url)));
		}),
		route('GET', '/api/interviews/:id/replay/checkpoints', async ({ req, res, url, params }) => {
			await ndjson(res, deps.replay.checkpointLines(await viewer(req, params.id, url)));
		}),
		// REPLAY-6
		route('POST', '/api/interviews/:id/reviewer-links', async ({ req, res, url, params }) => {
			const v = await viewer(req, params.id, url);
			const { anonymised } = await readBody(req, ReviewerLinkSchema);
			const token = await deps.replay.createReviewerLink(v, anonymised);
			const reply: ReviewerLinkReply = {
				url: `${baseUrl(req, deps.publicUrl)}/replay/${v.interview.id}?token=${token}`,
				anonymised
			};
			json(res, 201, reply);
		})
	];
}
