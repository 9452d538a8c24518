/**
 * Interviewer notes pinned to moments, for the replay's timeline. Notes belong to scorecards
 * (issue 5), not to the recording. This is the one place that reads them:
 * `GET /api/interviews/{id}/scorecards?token=…`, which shows the viewer their own notes, and
 * others' only once the viewer has submitted (the server decides). Any refusal (403), a server
 * without scorecards (404) or a shape this function does not know means "no notes": the
 * replay works without them.
 *
 * Shape read (tolerantly): `{ scorecards: [{ author?: { name }, authorName?, notes: [{ t | at, text | label }] }] }`.
 */
import type { ReplayAuth } from './ReplayPlayer';

export interface PinnedNote {
	/** Server time of the moment the note is pinned to. */
	t: number;
	label: string;
	author: string;
}

export async function fetchPinnedNotes(interviewId: string, auth: ReplayAuth): Promise<PinnedNote[]> {
	if (!('token' in auth)) return [];
	try {
		const res = await fetch(
			`/api/interviews/${encodeURIComponent(interviewId)}/scorecards?token=${encodeURIComponent(auth.token)}`
		);
		if (!res.ok) return [];
		return notesFrom(await res.json());
	} catch {
		return [];
	}
}

export function notesFrom(body: unknown): PinnedNote[] {
	const cards = (body as { scorecards?: unknown })?.scorecards;
	if (!Array.isArray(cards)) return [];
	const out: PinnedNote[] = [];
	for (const card of cards as Record<string, unknown>[]) {
		const author = String((card.author as { name?: string } | undefined)?.name ?? card.authorName ?? 'Interviewer');
		const notes = Array.isArray(card.notes) ? (card.notes as Record<string, unknown>[]) : [];
		for (const n of notes) {
			const t = Number(n.t ?? n.at);
			const label = String(n.text ?? n.label ?? '').trim();
			if (Number.isFinite(t) && label) out.push({ t, label, author });
		}
	}
	return out.sort((a, b) => a.t - b.t);
}
