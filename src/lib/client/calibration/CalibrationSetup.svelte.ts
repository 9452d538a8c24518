/**
 * The organizer's "new calibration session" form: ended interviews, the rubric (default: the
 * interviews' own), the raters (people, or typed names that become people) and blind mode; on
 * success the rater links, shown once.
 */
import type { CreateCalibrationInput, CreateCalibrationReply } from '$lib/shared/calibration/calibrationApi';
import { MIN_RATERS } from '$lib/shared/calibration/calibrationApi';
import type { PersonRef } from '$lib/shared/calibration/people';
import type { InterviewSummary } from '$lib/shared/replay/bundle';
import { personNameKey } from '$lib/shared/calibration/people';

export interface SetupApi {
	interviews(): Promise<InterviewSummary[]>;
	create(input: CreateCalibrationInput): Promise<CreateCalibrationReply>;
}

export class CalibrationSetup {
	ended = $state<InterviewSummary[] | null>(null);
	loadError = $state<string | null>(null);
	chosen = $state<string[]>([]);
	/** '' keeps the interviews' own rubric. */
	rubric = $state('');
	raterIds = $state<string[]>([]);
	/** Typed names of raters who are not people yet. */
	newNames = $state<string[]>([]);
	blind = $state(true);
	title = $state('');
	formError = $state<string | null>(null);
	creating = $state(false);
	created = $state<CreateCalibrationReply | null>(null);

	constructor(private readonly api: SetupApi) {}

	async load(): Promise<void> {
		try {
			this.ended = (await this.api.interviews()).filter((i) => i.endedAt !== null);
			this.loadError = null;
		} catch (err) {
			this.loadError = (err as Error).message;
		}
	}

	/** What the form would send, or the first thing missing in words. */
	input(now = Date.now()): CreateCalibrationInput | { error: string } {
		if (this.chosen.length === 0) return { error: 'Pick at least one ended interview to score.' };
		const seen = new Set<string>();
		const names = this.newNames
			.map((n) => n.trim().replace(/\s+/g, ' '))
			.filter((n) => n && !seen.has(personNameKey(n)) && seen.add(personNameKey(n)));
		const raters: PersonRef[] = [
			...this.raterIds.map((personId) => ({ personId })),
			...names.map((name) => ({ name }))
		];
		if (raters.length < MIN_RATERS) return { error: `Choose at least ${MIN_RATERS} raters.` };
		// Not from an interview's title: raters see the session's title, and an interview's often names the candidate.
		const count = this.chosen.length;
		return {
			title: this.title.trim() || `Calibration of ${count} ${count === 1 ? 'interview' : 'interviews'}, ${day(now)}`,
			interviews: [...this.chosen],
			...(this.rubric ? { rubric: this.rubric } : {}),
			raters,
			blind: this.blind
		};
	}

	async create(): Promise<boolean> {
		this.formError = null;
		const input = this.input();
		if ('error' in input) {
			this.formError = input.error;
			return false;
		}
		this.creating = true;
		try {
			this.created = await this.api.create(input);
			return true;
		} catch (err) {
			this.formError = (err as Error).message;
			return false;
		} finally {
			this.creating = false;
		}
	}

	/** After the links were copied: an empty form for the next session. */
	reset(): void {
		this.created = null;
		this.chosen = [];
		this.raterIds = [];
		this.newNames = [];
		this.title = '';
		this.rubric = '';
		this.blind = true;
	}
}

function day(t: number): string {
	return new Date(t).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
}
