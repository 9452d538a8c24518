import type { SessionView } from '$lib/shared/protocol';
import type { RoomClient, RoomState } from './RoomClient';

/** Where a person is in the room's lifecycle; the page shows exactly one of these. */
export type RoomPhase =
	| { name: 'loading' }
	| { name: 'error'; message: string }
	/** CONSENT-1: the candidate reads what is recorded and accepts first. */
	| { name: 'consent'; session: SessionView }
	/** TAKE-1: the candidate's start page; the clock starts when they press Start. */
	| { name: 'take-home-start'; session: SessionView }
	/** TAKE-1: interviewers and observers wait for the take-home to end. */
	| { name: 'waiting'; session: SessionView; reason: string }
	/** The room's connections are opening. */
	| { name: 'connecting'; session: SessionView }
	| LivePhase;

/** In the room: live, or ended (read-only, still open for review). */
export interface LivePhase {
	name: 'live' | 'ended';
	session: SessionView;
	client: RoomClient;
	room: RoomState;
}

export interface PhaseInputs {
	fatal: string | null;
	session: SessionView | null;
	client: RoomClient | null;
	room: RoomState | null;
	ended: boolean;
	/** From roomPermissions: this person may start the take-home now. */
	mayStart: boolean;
}

export function roomPhase({ fatal, session, client, room, ended, mayStart }: PhaseInputs): RoomPhase {
	if (fatal) return { name: 'error', message: fatal };
	if (!session) return { name: 'loading' };
	if (!client) {
		if (session.consent.required) return { name: 'consent', session };
		if (mayStart) return { name: 'take-home-start', session };
		if (session.waiting) return { name: 'waiting', session, reason: session.waiting };
	}
	if (!client || !room) return { name: 'connecting', session };
	return { name: ended ? 'ended' : 'live', session, client, room };
}

/** A take-home's time left, as the countdown shows it: `h:mm:ss`, or `mm:ss` under an hour. */
export function formatRemaining(ms: number): string {
	const hours = Math.floor(ms / 3_600_000);
	const mm = String(Math.floor(ms / 60_000) % 60).padStart(2, '0');
	const ss = String(Math.floor(ms / 1000) % 60).padStart(2, '0');
	return `${hours > 0 ? `${hours}:` : ''}${mm}:${ss}`;
}
