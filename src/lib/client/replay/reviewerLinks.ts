import { requestJson } from '$lib/client/http';
import type { ReviewerLinkReply } from '$lib/shared/replay/bundle';
import type { ReplayAuth } from './ReplayPlayer';

/** REPLAY-6: a read-only replay link for a reviewer; the organizer or an interviewer creates it. */
export function createReviewerLink(
	interviewId: string,
	auth: ReplayAuth,
	anonymised: boolean
): Promise<ReviewerLinkReply> {
	const base = `/api/interviews/${encodeURIComponent(interviewId)}/reviewer-links`;
	const headers: Record<string, string> = { 'content-type': 'application/json' };
	if ('adminKey' in auth) headers.authorization = `Bearer ${auth.adminKey}`;
	const url = 'token' in auth ? `${base}?token=${encodeURIComponent(auth.token)}` : base;
	return requestJson(url, { method: 'POST', headers, body: JSON.stringify({ anonymised }) });
}
