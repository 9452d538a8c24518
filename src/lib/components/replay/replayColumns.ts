/**
 * The replay's pane sizes, in percent of the width (paneforge's unit), as in the room: the code
 * beside the canvas and the moments, and a calibration rater's scorecard when there is one. At
 * 1280×720 the defaults leave the code about 800 px wide (about 600 px beside a scorecard).
 */
export const REPLAY_COLUMNS = {
	plain: { id: 'plain', work: { default: 64, min: 35 }, side: { default: 36, min: 20 } },
	rating: {
		id: 'rating',
		work: { default: 48, min: 30 },
		side: { default: 24, min: 16 },
		panel: { default: 28, min: 22 }
	}
} as const;

/** Where paneforge keeps a reviewer's replay layout (one for replays, one for rating). */
export const replayLayoutKey = (part: string) => `pairboard:layout:replay:${part}`;
