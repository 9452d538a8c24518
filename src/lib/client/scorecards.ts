/**
 * The interviewer's scorecard panel and the hiring panel's debrief talk to the server through
 * here. Only interviewer pages and the debrief page import this; the candidate's page never does.
 */
import { requestJson } from './http';
import type { Draft, ScorecardVersion, SubmitInput } from '$lib/shared/scorecard';
import type { CreateLoopInput, CreateLoopReply, DebriefView, LoopSummary, PanelView } from '$lib/shared/debrief';
import type { RubricSummary } from '$lib/shared/rubric';

/** After a dropped event stream, wait this long before opening it again. */
const RECONNECT_MS = 3_000;

/** How a request proves who it is: a room or panel token in the URL, or the admin key. */
export type Credentials = { token: string } | { adminKey: string };

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

const cards = (interviewId: string) => `/api/interviews/${encodeURIComponent(interviewId)}/scorecards`;

export const scorecardApi = {
	panel: (interviewId: string, token: string) => call<PanelView>(cards(interviewId), { token }),
	saveDraft: (interviewId: string, token: string, draft: Draft) =>
		call<{ savedAt: number }>(`${cards(interviewId)}/draft`, { token }, { method: 'PUT', body: JSON.stringify(draft) }),
	pin: (interviewId: string, token: string) =>
		call<{ t: number }>(`${cards(interviewId)}/pin`, { token }, { method: 'POST' }),
	submit: (interviewId: string, token: string, input: SubmitInput) =>
		call<ScorecardVersion>(cards(interviewId), { token }, { method: 'POST', body: JSON.stringify(input) })
};

const loops = (loopId: string) => `/api/loops/${encodeURIComponent(loopId)}`;

export const loopApi = {
	debrief: (loopId: string, auth: Credentials) => call<DebriefView>(`${loops(loopId)}/debrief`, auth),
	decide: (loopId: string, auth: Credentials, body: { decision: string; rationale: string; decidedBy: string }) =>
		call(`${loops(loopId)}/decision`, auth, { method: 'POST', body: JSON.stringify(body) }),
	list: (adminKey: string) => call<{ loops: LoopSummary[] }>('/api/loops', { adminKey }),
	create: (adminKey: string, input: CreateLoopInput) =>
		call<CreateLoopReply>('/api/loops', { adminKey }, { method: 'POST', body: JSON.stringify(input) }),
	addInterview: (adminKey: string, loopId: string, interviewId: string) =>
		call(
			`${loops(loopId)}/interviews`,
			{ adminKey },
			{ method: 'POST', body: JSON.stringify({ interview: interviewId }) }
		),
	rubrics: (adminKey: string) => call<{ rubrics: RubricSummary[] }>('/api/rubrics', { adminKey }),
	/** Downloads an export (JSON, CSV or the ATS payload) as a file. */
	async download(loopId: string, auth: Credentials, what: 'export.json' | 'export.csv' | 'ats'): Promise<void> {
		const [url, init] = withAuth(`${loops(loopId)}/${what}`, auth);
		const res = await fetch(url, init);
		if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error ?? `The server answered ${res.status}`);
		const blob = await res.blob();
		const a = document.createElement('a');
		a.href = URL.createObjectURL(blob);
		a.download = what === 'ats' ? `loop-${loopId}-ats.json` : `loop-${loopId}.${what.split('.')[1]}`;
		a.click();
		setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
	}
};

export type FeedState = 'connecting' | 'live' | 'reconnecting' | 'refused';

/**
 * Follows a Server-Sent Events stream that says only "changed"; calls `onChange` each time (and
 * once on every (re)connection, to catch up). fetch rather than EventSource, so the admin key can
 * travel in a header. Returns a function that stops it.
 */
export function watchChanges(
	path: string,
	auth: Credentials,
	onChange: () => void,
	onState: (s: FeedState) => void = () => undefined
): () => void {
	const abort = new AbortController();
	let stopped = false;
	const loop = async () => {
		while (!stopped) {
			try {
				const [url, init] = withAuth(path, auth, { signal: abort.signal });
				const res = await fetch(url, init);
				// A refusal (bad link, wrong role) will not change by retrying.
				if (res.status >= 400 && res.status < 500) {
					onState('refused');
					return;
				}
				if (!res.ok || !res.body) throw new Error(`stream failed: ${res.status}`);
				const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
				let buffer = '';
				for (;;) {
					const { value, done } = await reader.read();
					if (done) break;
					buffer += value;
					let end: number;
					while ((end = buffer.indexOf('\n\n')) >= 0) {
						const event = buffer.slice(0, end);
						buffer = buffer.slice(end + 2);
						if (event.startsWith('event: ready')) {
							onState('live');
							onChange();
						} else if (event.startsWith('event: changed')) onChange();
					}
				}
			} catch {
				if (stopped) return;
			}
			if (stopped) return;
			onState('reconnecting');
			await new Promise((r) => setTimeout(r, RECONNECT_MS));
		}
	};
	onState('connecting');
	void loop();
	return () => {
		stopped = true;
		abort.abort();
	};
}

/** The replay at a pinned moment (a colleague's page serves this route). */
export function replayUrl(interviewId: string, token: string, t: number): string {
	return `/replay/${encodeURIComponent(interviewId)}?token=${encodeURIComponent(token)}&t=${t}`;
}

/** Minutes and seconds since the start of the interview, for a pinned note. */
export function formatMoment(t: number, from: number): string {
	const s = Math.max(0, Math.round((t - from) / 1000));
	return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
