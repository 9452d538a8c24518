import type { Role } from '$lib/shared/protocol';

/**
 * The room's pane sizes, in percent of the width (paneforge's unit). The interviewer's defaults
 * leave the editor about 700 px wide at 1280×720 beside the statement and the scorecard.
 * `folded` is the rail a folded pane keeps, wide enough for its vertical "Show" button.
 */
export const ROOM_COLUMNS = {
	plain: {
		id: 'plain',
		problem: { default: 30, min: 16, folded: 3 },
		work: { default: 70, min: 40 }
	},
	scoring: {
		id: 'scoring',
		problem: { default: 20, min: 14, folded: 3 },
		work: { default: 56, min: 36 },
		score: { default: 24, min: 18, folded: 3 }
	}
} as const;

/** The editor over the run pane, in percent of the height. */
export const CODE_ROWS = { editor: { default: 68, min: 25 }, run: { default: 32, min: 18, folded: 9 } } as const;

/** One arrow key on a pane divider moves it by this many percent. */
export const KEYBOARD_STEP = 2;

/** Where paneforge keeps a person's layout: one per role, so an interviewer's never fits a candidate's. */
export const layoutKey = (role: Role, part: string) => `pairboard:layout:${role}:${part}`;
