import { requestJson } from './http';
import type { CreateInterviewInput, CreateInterviewReply } from '$lib/shared/api';
import type { ProblemCard } from '$lib/shared/problemCatalog';

const KEY_STORAGE = 'pairboard.adminKey';

export function savedAdminKey(): string {
	return localStorage.getItem(KEY_STORAGE) ?? '';
}

export function saveAdminKey(key: string): void {
	if (key) localStorage.setItem(KEY_STORAGE, key);
	else localStorage.removeItem(KEY_STORAGE);
}

function call<T>(path: string, adminKey: string, init: RequestInit = {}): Promise<T> {
	return requestJson(path, {
		...init,
		headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}`, ...(init.headers ?? {}) }
	});
}

/** Every problem's kind, competencies, levels and time box, for the organizer's filters. */
export function listProblemCatalog(adminKey: string): Promise<{ problems: ProblemCard[] }> {
	return call('/api/problem-catalog', adminKey);
}

export function createInterview(adminKey: string, input: CreateInterviewInput): Promise<CreateInterviewReply> {
	return call('/api/interviews', adminKey, { method: 'POST', body: JSON.stringify(input) });
}
