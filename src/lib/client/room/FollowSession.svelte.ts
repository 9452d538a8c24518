import type { Awareness } from 'y-protocols/awareness';
import {
	FOLLOW_FIELD,
	followersByLeader,
	leaderFor,
	presenterOf,
	readPeers,
	type FollowState,
	type WorkTab
} from '$lib/shared/room/follow';

/**
 * Follow mode for one page: whom this person follows (their click, or an interviewer who
 * presents), published in the code document's awareness so everyone sees who follows whom.
 * The page reads `leader` and `leaderTab`; the editor follows the leader's cursor itself.
 */
export class FollowSession {
	/** Everyone's follow state, by participant id. */
	peers = $state<Map<string, FollowState>>(new Map());
	/** The person's own click in the presence list. */
	private chosen = $state<string | null>(null);
	/** A presentation this person stopped following (Esc); a new presentation is followed again. */
	private dismissed = $state<string | null>(null);
	presenting = $state(false);
	private tab: WorkTab = 'code';
	private peersKey = '';

	leader = $derived.by(() => leaderFor(this.meId, { chosen: this.chosen, dismissed: this.dismissed }, this.peers));
	presenter = $derived(presenterOf(this.peers));
	followers = $derived(followersByLeader(this.peers));
	leaderTab = $derived(this.leader ? (this.peers.get(this.leader)?.tab ?? null) : null);

	constructor(
		private readonly awareness: Awareness,
		readonly meId: string
	) {
		awareness.on('change', this.read);
		this.read();
		this.publish();
	}

	private read = (): void => {
		const peers = readPeers(this.awareness.getStates().values());
		// Our own entry as we mean it, before the server's echo arrives.
		peers.set(this.meId, this.own());
		const presenter = presenterOf(peers);
		if (this.dismissed && presenter !== this.dismissed) this.dismissed = null;
		// Cursor moves change awareness all the time: the page only redraws when follow state changed.
		const key = JSON.stringify([...peers]);
		if (key !== this.peersKey) {
			this.peersKey = key;
			this.peers = peers;
		}
		this.publishIfChanged();
	};

	private own(): FollowState {
		const leader = leaderFor(this.meId, { chosen: this.chosen, dismissed: this.dismissed }, this.peers);
		return { tab: this.tab, following: leader, presenting: this.presenting };
	}

	private publishIfChanged(): void {
		const current = this.awareness.getLocalState()?.[FOLLOW_FIELD] as FollowState | undefined;
		const next = this.own();
		if (current?.tab !== next.tab || current?.following !== next.following || current?.presenting !== next.presenting)
			this.publish();
	}

	private publish(): void {
		this.awareness.setLocalStateField(FOLLOW_FIELD, this.own());
		this.peers = new Map(this.peers).set(this.meId, this.own());
	}

	/** Click on a person: follow them; on the one already followed: stop. */
	toggle(participantId: string): void {
		if (participantId === this.meId) return;
		if (this.leader === participantId) this.stop();
		else {
			this.chosen = participantId;
			this.publish();
		}
	}

	/** Esc, or the Stop button: stop following whoever it is, the presenter included. */
	stop(): void {
		if (!this.leader) return;
		if (this.leader === this.presenter) this.dismissed = this.presenter;
		this.chosen = null;
		this.publish();
	}

	/** An interviewer asks the room to follow them (the server refuses it for anyone else). */
	setPresenting(on: boolean): void {
		this.presenting = on;
		if (on) this.chosen = null;
		this.publish();
	}

	/** The tab this person shows, for those who follow them. */
	setTab(tab: WorkTab): void {
		if (tab === this.tab) return;
		this.tab = tab;
		this.publish();
	}

	destroy(): void {
		this.awareness.off('change', this.read);
	}
}
