/**
 * Interviewer notes pinned to moments, for the replay's timeline. Notes belong to scorecards
 * (issue 5), not to the recording. This is the one place that reads them:
 * `GET /api/interviews/{id}/scorecards?token=…` (the interviewer's panel view), which holds the
 * viewer's own draft and versions, and others' scorecards only once the viewer has submitted
 * (SCORE-2: the server decides). A refusal (403: reviewers, the admin key) means "no notes":
 * the replay works without them.
 */
import type { Note } from '$lib/shared/scorecard';
import type { PanelView } from '$lib/shared/debrief';
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

/** Every note in the view: the viewer's draft and latest version, and each other interviewer's latest. */
export function notesFrom(view: PanelView): PinnedNote[] {
	const title = new Map(view.rubric.competencies.map((c) => [c.id, c.name]));
	const seen = new Set<string>();
	const out: PinnedNote[] = [];
	const add = (author: string, ratings: Record<string, { notes: Note[] }>) => {
		for (const [competency, r] of Object.entries(ratings)) {
			for (const n of r.notes) {
				if (seen.has(`${author}/${n.id}`)) continue;
				seen.add(`${author}/${n.id}`);
				out.push({ t: n.t, label: `${title.get(competency) ?? competency}: ${n.text}`, author });
			}
		}
	};
	if (view.draft) add(view.me.name, view.draft.ratings);
	const mine = view.versions.at(-1);
	if (mine) add(view.me.name, mine.ratings);
	for (const other of view.others ?? []) add(other.interviewer.name, other.ratings);
	return out.sort((a, b) => a.t - b.t);
}
