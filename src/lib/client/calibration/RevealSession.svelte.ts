/**
 * The reveal page: the revealed rounds of a session for a rater (after the reveal) or the
 * organizer, and for the organizer the current round's progress, closing scoring and opening
 * the next round. Refreshed by the session's change feed.
 */
import type { OrganizerCalibrationView, RevealPayload, RevealRound } from '$lib/shared/calibration/calibrationApi';

export interface RevealApi {
	reveal(): Promise<RevealPayload>;
}

export interface OrganizerApi {
	view(): Promise<OrganizerCalibrationView>;
	close(): Promise<OrganizerCalibrationView>;
	openRound(): Promise<OrganizerCalibrationView>;
}

export type RevealPhase =
	| { name: 'loading' }
	| { name: 'error'; message: string }
	/** The organizer, before the first reveal: progress and the close button only. */
	| { name: 'scoring' }
	| { name: 'ready'; reveal: RevealPayload };

export class RevealSession {
	reveal = $state<RevealPayload | null>(null);
	organizer = $state<OrganizerCalibrationView | null>(null);
	/** The round shown; null follows the latest revealed one. */
	chosenRound = $state<number | null>(null);
	busy = $state<'close' | 'round' | null>(null);
	actionError = $state<string | null>(null);
	private fatal = $state<string | null>(null);

	phase = $derived.by<RevealPhase>(() => {
		if (this.fatal) return { name: 'error', message: this.fatal };
		if (this.reveal && this.reveal.rounds.length > 0) return { name: 'ready', reveal: this.reveal };
		if (this.organizer) return { name: 'scoring' };
		return { name: 'loading' };
	});
	round = $derived.by<RevealRound | null>(() => {
		const rounds = this.reveal?.rounds ?? [];
		return rounds.find((r) => r.round === this.chosenRound) ?? rounds.at(-1) ?? null;
	});

	constructor(
		private readonly api: RevealApi,
		private readonly organizerApi: OrganizerApi | null
	) {}

	async refresh(): Promise<void> {
		try {
			if (this.organizerApi) {
				const view = await this.organizerApi.view();
				this.organizer = view;
				if (!view.rounds.some((r) => r.revealedAt !== null)) {
					this.fatal = null;
					return;
				}
			}
			this.reveal = await this.api.reveal();
			this.fatal = null;
		} catch (err) {
			if (!this.reveal && !this.organizer) this.fatal = (err as Error).message;
		}
	}

	/** CAL-6: the server refuses with fewer than two cards and says why; the page shows it. */
	async close(): Promise<void> {
		await this.act('close', () => this.organizerApi!.close());
	}

	async openRound(): Promise<void> {
		await this.act('round', () => this.organizerApi!.openRound());
	}

	private async act(what: 'close' | 'round', run: () => Promise<OrganizerCalibrationView>): Promise<void> {
		if (!this.organizerApi) return;
		this.busy = what;
		this.actionError = null;
		try {
			this.organizer = await run();
			await this.refresh();
		} catch (err) {
			this.actionError = (err as Error).message;
		} finally {
			this.busy = null;
		}
	}
}
