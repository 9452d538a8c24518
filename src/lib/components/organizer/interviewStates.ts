import type { InterviewState, OrganizerInterview } from '$lib/shared/organizer';

/** How each state is named in the list and its filter. */
export const STATE_LABELS: Record<InterviewState, string> = {
	waiting: 'Waiting',
	live: 'Live',
	'take-home': 'Take-home in progress',
	ended: 'Ended'
};

/**
 * The sentence beside a state: why a take-home waits, until when it runs, when an interview
 * ended. Null for a live room, waiting or live: the presence line says who is there.
 */
export function stateDetail(iv: OrganizerInterview, when: (t: number) => string): string | null {
	switch (iv.state) {
		case 'waiting':
			return iv.mode === 'take-home' ? 'The candidate has not started yet' : null;
		case 'live':
			return null;
		case 'take-home':
			return iv.deadline ? `Time runs out at ${when(iv.deadline)}` : 'The clock is running';
		case 'ended':
			return iv.endedAt ? `Ended ${when(iv.endedAt)}` : 'Its time ran out';
	}
}

/** "Ines Interviewer (interviewer)": a name and its role, with the space a template might lose. */
export function personLabel(p: { name: string; role: string }): string {
	return `${p.name} (${p.role})`;
}
