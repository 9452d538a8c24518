/**
 * The calibration pages talk to the server through here (routes listed in
 * src/lib/shared/calibration/calibrationApi.ts). Organizer calls carry the admin key; a rater's
 * carry the rater link's token, and a rater page calls nothing else.
 */
import { requestJson } from '$lib/client/http';
import type { Credentials } from '$lib/client/scorecards';
import type { CreatePersonInput, PeopleList, Person, PersonRef } from '$lib/shared/calibration/people';
import type {
	CalibrationSummary,
	CreateCalibrationInput,
	CreateCalibrationReply,
	OrganizerCalibrationView,
	RaterCard,
	RaterView,
	RevealPayload
} from '$lib/shared/calibration/calibrationApi';
import type { PersonHistory, ReliabilityReport } from '$lib/shared/calibration/reliability';
import type { Draft, SubmitInput } from '$lib/shared/scorecard';
import type { Period } from './period';
import { periodQuery } from './period';

export type { Credentials };

function withAuth(path: string, auth: Credentials, init: RequestInit = {}): [string, RequestInit] {
	const headers: Record<string, string> = { ...((init.headers as Record<string, string>) ?? {}) };
	if (init.body !== undefined) headers['content-type'] = 'application/json';
	if ('adminKey' in auth) return [path, { ...init, headers: { ...headers, authorization: `Bearer ${auth.adminKey}` } }];
	const sep = path.includes('?') ? '&' : '?';
	return [`${path}${sep}token=${encodeURIComponent(auth.token)}`, { ...init, headers }];
}

function call<T>(path: string, auth: Credentials, init: RequestInit = {}): Promise<T> {
	return requestJson<T>(...withAuth(path, auth, init));
}

const json = (method: string, body: unknown): RequestInit => ({ method, body: JSON.stringify(body) });
const enc = encodeURIComponent;
const session = (id: string) => `/api/calibrations/${enc(id)}`;

export const peopleApi = (adminKey: string) => ({
	list: async () => (await call<PeopleList>('/api/people', { adminKey })).people,
	create: (fields: CreatePersonInput) => call<Person>('/api/people', { adminKey }, json('POST', fields)),
	update: (id: string, fields: CreatePersonInput) =>
		call<Person>(`/api/people/${enc(id)}`, { adminKey }, json('PUT', fields)),
	history: (id: string) => call<PersonHistory>(`/api/people/${enc(id)}/history`, { adminKey })
});

export const organizerCalibrationApi = (adminKey: string) => ({
	list: async () => (await call<{ sessions: CalibrationSummary[] }>('/api/calibrations', { adminKey })).sessions,
	create: (input: CreateCalibrationInput) =>
		call<CreateCalibrationReply>('/api/calibrations', { adminKey }, json('POST', input)),
	view: (id: string) => call<OrganizerCalibrationView>(session(id), { adminKey }),
	close: (id: string) => call<OrganizerCalibrationView>(`${session(id)}/close`, { adminKey }, { method: 'POST' }),
	openRound: (id: string) => call<OrganizerCalibrationView>(`${session(id)}/rounds`, { adminKey }, { method: 'POST' }),
	reliability: (period: Period, rubric?: string) => {
		const q = periodQuery(period);
		const r = rubric ? `${q ? '&' : '?'}rubric=${enc(rubric)}` : '';
		return call<ReliabilityReport>(`/api/reliability${q}${r}`, { adminKey });
	}
});

export const raterApi = (sessionId: string, token: string) => ({
	view: () => call<RaterView>(`${session(sessionId)}/rater`, { token }),
	saveDraft: (interviewId: string, draft: Draft) =>
		call<{ savedAt: number }>(
			`${session(sessionId)}/interviews/${enc(interviewId)}/draft`,
			{ token },
			json('PUT', draft)
		),
	submit: (interviewId: string, card: SubmitInput) =>
		call<RaterCard>(`${session(sessionId)}/interviews/${enc(interviewId)}/card`, { token }, json('POST', card))
});

/** The reveal, for a rater (its token) or the organizer (the admin key). */
export const revealApi = (sessionId: string, auth: Credentials) => ({
	reveal: () => call<RevealPayload>(`${session(sessionId)}/reveal`, auth),
	eventsPath: `${session(sessionId)}/events`
});

/** A typed name as the API takes it: the person of that name when there is one, else the name. */
export function personRef(name: string, find: (name: string) => { id: string } | undefined): PersonRef {
	const person = find(name);
	return person ? { personId: person.id } : { name: name.trim() };
}

/** Downloads an organizer export as a file (the admin key travels in a header, not the URL). */
export async function downloadExport(
	adminKey: string,
	sessionId: string,
	what: 'export.json' | 'export.csv' | 'statistics.csv'
): Promise<void> {
	const [url, init] = withAuth(`${session(sessionId)}/${what}`, { adminKey });
	let res: Response;
	try {
		res = await fetch(url, init);
	} catch {
		throw new Error('Could not reach the server. Check your connection and try again.');
	}
	if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `The server answered ${res.status}`);
	const a = document.createElement('a');
	a.href = URL.createObjectURL(await res.blob());
	a.download = `calibration-${sessionId}-${what}`;
	a.click();
	setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
