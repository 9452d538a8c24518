/**
 * A rater's calibration page: the session (its interviews, rubric and round), who has submitted,
 * a scorecard per interview with its own draft autosave, pinning at the replay's moment, and
 * submission. The rater's token reaches only the calibration routes and the session's replays
 * (CAL-3), and nothing here asks for the candidate or for anyone's scores.
 */
import type { RaterCard, RaterCardSlot, RaterView } from '$lib/shared/calibration/calibrationApi';
import { submissionProblems, type Draft, type SubmissionProblem, type SubmitInput } from '$lib/shared/scorecard';
import { DraftAutosave, type AutosaveStatus, type Timers } from '$lib/client/rubric/DraftAutosave';
import { completeDraft, emptyDraft, toSubmission } from '$lib/client/rubric/draftForm';
import type { Marker } from '$lib/shared/replay/ReplayModel';

export interface RaterApi {
	view(): Promise<RaterView>;
	saveDraft(interviewId: string, draft: Draft): Promise<{ savedAt: number }>;
	submit(interviewId: string, card: SubmitInput): Promise<RaterCard>;
}

export type RaterPhase = { name: 'loading' } | { name: 'error'; message: string } | { name: 'ready'; view: RaterView };

const NOTE_ID_CHARS = 16;

export class RaterSession {
	view = $state<RaterView | null>(null);
	/** The interview being scored (one of the session's). */
	current = $state('');
	forms = $state<Record<string, Draft>>({});
	saveStatus = $state<Record<string, AutosaveStatus>>({});
	problems = $state<SubmissionProblem[]>([]);
	submitError = $state<string | null>(null);
	submitting = $state(false);
	private fatal = $state<string | null>(null);
	private readonly autosaves = new Map<string, DraftAutosave>();

	phase = $derived.by<RaterPhase>(() => {
		if (this.fatal) return { name: 'error', message: this.fatal };
		return this.view ? { name: 'ready', view: this.view } : { name: 'loading' };
	});
	slot = $derived<RaterCardSlot | null>(this.view?.cards.find((c) => c.interviewId === this.current) ?? null);
	/** My card of the round before this one, shown while I score again (CAL-7). */
	earlierCard = $derived<RaterCard | null>(this.slot?.earlier.at(-1) ?? null);
	submittedHere = $derived(!!this.slot?.card);
	revealed = $derived(this.view?.session.state === 'revealed');

	constructor(
		private readonly api: RaterApi,
		private readonly timers?: Timers
	) {}

	/** Loads the view; later calls (the change feed) refresh progress and cards, keeping the forms. */
	async refresh(): Promise<void> {
		try {
			const v = await this.api.view();
			const roundChanged = this.view !== null && this.view.session.currentRound !== v.session.currentRound;
			this.view = v;
			this.fatal = null;
			if (!this.current || !v.session.interviews.some((i) => i.id === this.current))
				this.current = v.session.interviews[0]?.id ?? '';
			for (const slot of v.cards) if (!(slot.interviewId in this.forms) || roundChanged) this.startForm(v, slot);
		} catch (err) {
			if (!this.view) this.fatal = (err as Error).message;
		}
	}

	private startForm(v: RaterView, slot: RaterCardSlot): void {
		const id = slot.interviewId;
		const form = slot.draft ? completeDraft(v.session.rubric, slot.draft) : emptyDraft(v.session.rubric);
		this.forms[id] = form;
		let autosave = this.autosaves.get(id);
		if (!autosave) {
			autosave = new DraftAutosave({
				read: () => JSON.stringify(this.forms[id]),
				send: (snapshot) => this.api.saveDraft(id, JSON.parse(snapshot)),
				timers: this.timers
			});
			autosave.subscribe((s) => (this.saveStatus[id] = s));
			this.autosaves.set(id, autosave);
		}
		autosave.reset(JSON.stringify(form), slot.draft ? { state: 'saved', at: slot.draft.savedAt } : { state: 'idle' });
	}

	/** The form of `interviewId` changed (the page calls this from an effect). */
	changed(interviewId: string): void {
		const form = this.forms[interviewId];
		const slot = this.view?.cards.find((c) => c.interviewId === interviewId);
		if (!form || !slot || slot.card || this.revealed) return;
		this.autosaves.get(interviewId)?.changed(JSON.stringify(form));
	}

	choose(interviewId: string): void {
		this.current = interviewId;
		this.problems = [];
		this.submitError = null;
	}

	/** Pins the competency's typed note to `t`, the replay's moment (the server clamps it into the interview). */
	pin(competencyId: string, t: number): boolean {
		const rating = this.forms[this.current]?.ratings[competencyId];
		const text = rating?.pending.trim();
		if (!rating || !text) return false;
		rating.notes.push({ id: noteId(), text, t: Math.max(0, Math.round(t)) });
		rating.pending = '';
		return true;
	}

	/** Submits the current interview's card; `false` when something is missing (see `problems`). */
	async submit(): Promise<boolean> {
		const v = this.view;
		const id = this.current;
		const form = this.forms[id];
		if (!v || !form) return false;
		this.submitError = null;
		this.problems = submissionProblems(v.session.rubric, form);
		if (this.problems.length > 0) return false;
		this.submitting = true;
		try {
			await this.autosaves.get(id)?.settle();
			await this.api.submit(id, toSubmission(form, false));
			this.autosaves.get(id)?.reset(JSON.stringify(form), { state: 'idle' });
			await this.refresh();
			return true;
		} catch (err) {
			this.submitError = (err as Error).message;
			return false;
		} finally {
			this.submitting = false;
		}
	}

	dispose(): void {
		for (const a of this.autosaves.values()) a.dispose();
	}
}

function noteId(): string {
	return crypto.randomUUID().replace(/-/g, '').slice(0, NOTE_ID_CHARS);
}

/** My notes (the card being written, or the one submitted) as the replay's moments. */
export function ownNoteMarkers(
	ratings: Record<string, { notes: { t: number; text: string }[] }> | undefined,
	rubric: { competencies: { id: string; name: string }[] },
	me: string
): Marker[] {
	const names = new Map(rubric.competencies.map((c) => [c.id, c.name]));
	return Object.entries(ratings ?? {})
		.flatMap(([id, r]) =>
			r.notes.map((n) => ({
				t: n.t,
				seq: 0,
				kind: 'note' as const,
				label: `${me}: ${names.get(id) ?? id}: ${n.text}`,
				actor: me
			}))
		)
		.sort((a, b) => a.t - b.t);
}
