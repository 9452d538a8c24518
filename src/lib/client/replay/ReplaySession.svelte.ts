import { loadReplay, type PlayerState, type ReplayAuth, type ReplayPlayer } from './ReplayPlayer';
import { fetchPinnedNotes } from './pinnedNotes';
import { currentMoment, momentTarget, paneAt, type ReplayPane } from './moments';
import { savedAdminKey } from '$lib/client/organizer';
import { readScene, type CanvasScene } from '$lib/shared/canvas/canvasDoc';
import { ReplayModel, type Marker, type ReplayFrame } from '$lib/shared/replay/ReplayModel';

/** Arrow keys move the replay by this much; Shift+arrow jumps to the next moment instead. */
export const SEEK_STEP_MS = 5_000;

/** What the replay page shows: loading, an error in words, or the player at a moment. */
export type ReplayPhase =
	| { name: 'loading' }
	| { name: 'error'; message: string }
	| { name: 'ready'; player: ReplayPlayer; frame: ReplayFrame; playback: PlayerState };

/** Clock time of `t` since `start`, as the moments list shows it (m:ss, or h:mm:ss). */
export function clockSince(start: number, t: number): string {
	const s = Math.max(0, Math.floor((t - start) / 1000));
	const h = Math.floor(s / 3600);
	const mm = String(Math.floor(s / 60) % 60).padStart(h > 0 ? 2 : 1, '0');
	return `${h > 0 ? `${h}:` : ''}${mm}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * One replay of one interview: loads the recording and the pinned notes, follows the player,
 * and turns keys into seeks. Created by the replay route; `open()` returns the teardown.
 */
export class ReplaySession {
	player = $state<ReplayPlayer | null>(null);
	frame = $state<ReplayFrame | null>(null);
	playback = $state<PlayerState | null>(null);
	auth = $state<ReplayAuth | null>(null);
	notes = $state<Marker[]>([]);
	scene = $state<CanvasScene>({ elements: [], files: [] });
	canvasVersion = $state(-1);
	/** The results pane on screen; moves to what happened last as the replay plays or seeks. */
	pane = $state<ReplayPane>('output');
	private fatal = $state<string | null>(null);
	/** The moment last clicked and where it sent the playhead. */
	private clicked = $state<{ index: number; t: number } | null>(null);
	private shownActivity: ReplayPane | null = null;

	bundle = $derived(this.player?.bundle ?? null);
	markers = $derived(this.player ? [...this.player.model.markers, ...this.notes].sort((a, b) => a.t - b.t) : []);
	text = $derived(this.frame ? ReplayModel.textOf(this.frame) : '');
	cursors = $derived(
		this.frame?.cursors.map((c) => ({
			id: c.participant.id,
			name: c.participant.name,
			color: c.participant.color,
			index: c.index
		})) ?? []
	);
	damage = $derived(this.frame && this.player ? this.player.model.damage : null);
	presence = $derived(this.frame?.presence.map((p) => ({ ...p, connections: 1 })) ?? []);
	/** The last moment at or before the playhead, highlighted in the list. */
	currentMarker = $derived(currentMoment(this.markers, this.playback?.t, this.clicked));
	phase = $derived.by<ReplayPhase>(() => {
		if (this.fatal) return { name: 'error', message: this.fatal };
		if (!this.player || !this.frame || !this.playback || !this.bundle) return { name: 'loading' };
		return { name: 'ready', player: this.player, frame: this.frame, playback: this.playback };
	});

	constructor(
		readonly interviewId: string,
		private readonly token: string,
		private readonly startAt: number | null,
		/** `false` on a calibration rater's page: its token may not read scorecards (CAL-3); it sets `notes` itself. */
		private readonly scorecardNotes = true
	) {
		// A run or a test run at this moment shows its pane, as the room did.
		$effect(() => {
			const activity = this.frame ? paneAt(this.frame) : null;
			if (activity === this.shownActivity) return;
			this.shownActivity = activity;
			if (activity) this.pane = activity;
		});
	}

	/** Opens a moment of the list: a run opens where it ended, with its output. */
	openMoment(index: number): void {
		const m = this.markers[index];
		const p = this.player;
		if (!m || !p) return;
		const t = momentTarget(p.model.entries, m);
		p.seek(t);
		this.clicked = { index, t: p.current.state.t };
	}

	open(): () => void {
		const adminKey = savedAdminKey();
		const auth: ReplayAuth | null = this.token ? { token: this.token } : adminKey ? { adminKey } : null;
		this.auth = auth;
		if (!auth) {
			this.fatal =
				'This replay link has no access token. Open it from your interviewer link, a reviewer link or the organizer page.';
			return () => {};
		}
		let unsub = () => {};
		let destroyed = false;
		loadReplay(this.interviewId, auth).then(
			(loaded) => {
				if (destroyed) return loaded.destroy();
				this.player = loaded;
				unsub = loaded.subscribe((f, s) => {
					this.frame = f;
					this.playback = s;
					if (f.canvasVersion !== this.canvasVersion) {
						this.canvasVersion = f.canvasVersion;
						this.scene = readScene(f.canvas);
					}
				});
				if (this.startAt !== null) loaded.seek(this.startAt);
			},
			(err) => (this.fatal = (err as Error).message)
		);
		if (this.scorecardNotes) void this.loadPinnedNotes(auth);
		return () => {
			destroyed = true;
			unsub();
			this.player?.destroy();
		};
	}

	private async loadPinnedNotes(auth: ReplayAuth): Promise<void> {
		await fetchPinnedNotes(this.interviewId, auth).then((list) => {
			this.notes = list.map((n) => ({
				t: n.t,
				seq: 0,
				kind: 'note',
				label: `${n.author}: ${n.label}`,
				actor: n.author
			}));
		});
	}

	clockOf(t: number): string {
		return this.player ? clockSince(this.player.start, t) : '';
	}

	/** Space plays or pauses; arrows step 5 s; Shift+arrows jump between moments. Typing is left alone. */
	onKeydown(e: KeyboardEvent): void {
		const p = this.player;
		if (!p) return;
		const target = e.target as HTMLElement | null;
		if (
			target &&
			(target.tagName === 'INPUT' || target.tagName === 'TEXTAREA') &&
			(target as HTMLInputElement).type !== 'range' &&
			(target as HTMLInputElement).type !== 'checkbox'
		)
			return;
		if (e.key === ' ') {
			e.preventDefault();
			p.toggle();
		} else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
			e.preventDefault();
			const t = p.current.state.t;
			if (e.shiftKey) {
				const list = this.markers;
				const next =
					e.key === 'ArrowRight' ? list.find((m) => m.t > t + 1) : [...list].reverse().find((m) => m.t < t - 1);
				if (next) p.seek(next.t);
			} else p.seek(t + (e.key === 'ArrowRight' ? SEEK_STEP_MS : -SEEK_STEP_MS));
		}
	}
}
