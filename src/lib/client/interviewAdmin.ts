/** The organizer's list of interviews, its live feed, new links (ORG-1..3) and deletion (DEL-1), with the admin key. */
import { requestJson } from './http';
import { watchChanges, type FeedState } from './scorecards';
import type { InterviewListFilter, OrganizerInterview, RenewedLinkReply } from '$lib/shared/organizer';

const auth = (adminKey: string) => ({ authorization: `Bearer ${adminKey}` });

/** `GET /api/interviews` with the filters that are set (empty ones are left out). */
export function listPath(filter: InterviewListFilter = {}): string {
	const params = new URLSearchParams();
	for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== '') params.set(k, String(v));
	const q = params.toString();
	return q ? `/api/interviews?${q}` : '/api/interviews';
}

export async function listInterviews(
	adminKey: string,
	filter: InterviewListFilter = {}
): Promise<OrganizerInterview[]> {
	return (await requestJson<{ interviews: OrganizerInterview[] }>(listPath(filter), { headers: auth(adminKey) }))
		.interviews;
}

export async function deleteInterview(adminKey: string, id: string): Promise<void> {
	await requestJson(`/api/interviews/${encodeURIComponent(id)}`, { method: 'DELETE', headers: auth(adminKey) });
}

/** A fresh link for one person; the old one stops working at once (ORG-3). */
export function renewLink(adminKey: string, interviewId: string, participantId: string): Promise<RenewedLinkReply> {
	const path = `/api/interviews/${encodeURIComponent(interviewId)}/participants/${encodeURIComponent(participantId)}/link`;
	return requestJson(path, { method: 'POST', headers: auth(adminKey) });
}

/** Calls `onChange` whenever the list may have changed (and on every (re)connection). */
export function watchInterviews(adminKey: string, onChange: () => void, onState?: (s: FeedState) => void): () => void {
	return watchChanges('/api/interviews/events', { adminKey }, onChange, onState);
}

export type { FeedState };
