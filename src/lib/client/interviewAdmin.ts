/** The organizer's list of interviews and their deletion (DEL-1), with the admin key. */
import { requestJson } from './http';
import type { InterviewSummary } from '$lib/shared/replay/bundle';

const auth = (adminKey: string) => ({ authorization: `Bearer ${adminKey}` });

export async function listInterviews(adminKey: string): Promise<InterviewSummary[]> {
	return (await requestJson<{ interviews: InterviewSummary[] }>('/api/interviews', { headers: auth(adminKey) }))
		.interviews;
}

export async function deleteInterview(adminKey: string, id: string): Promise<void> {
	await requestJson(`/api/interviews/${encodeURIComponent(id)}`, { method: 'DELETE', headers: auth(adminKey) });
}
