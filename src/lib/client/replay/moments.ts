import type { ReplayEntry } from '$lib/shared/replay/parseRecording';
import type { Marker, ReplayFrame } from '$lib/shared/replay/ReplayModel';
import type { TestSuite } from '$lib/shared/protocol';

export type ReplayPane = 'output' | TestSuite;

/**
 * Where clicking a moment takes the playhead. A run's moment stands where the run started (its
 * place in the list), but opens where it ended, so its output is on screen; other moments open
 * where they are.
 */
export function momentTarget(entries: readonly ReplayEntry[], m: Marker): number {
	if (m.kind !== 'run') return m.t;
	const start = entries.find((e) => e.seq === m.seq);
	if (start?.kind !== 'event' || start.type !== 'run:start') return m.t;
	const runId = start.data.runId;
	const end = entries.find(
		(e) => e.kind === 'event' && e.type === 'run:end' && e.seq > m.seq && e.data.runId === runId
	);
	return end ? end.t : m.t;
}

/** The results pane for a moment: what happened last among the run and the test runs, as the room showed it. */
export function paneAt(frame: Pick<ReplayFrame, 'run' | 'tests'>): ReplayPane | null {
	let pane: ReplayPane | null = null;
	let latest = -Infinity;
	if (frame.run) [pane, latest] = ['output', frame.run.startedAt];
	for (const suite of ['visible', 'hidden'] as const) {
		const t = frame.tests[suite]?.startedAt;
		if (t !== undefined && t >= latest) [pane, latest] = [suite, t];
	}
	return pane;
}

/**
 * The moment the list highlights: the one just clicked while the playhead stays where the click
 * sent it (a note pinned at the same time does not take its place), else the last at or before
 * the playhead.
 */
export function currentMoment(
	markers: readonly Marker[],
	t: number | undefined,
	clicked: { index: number; t: number } | null
): number {
	if (t === undefined) return -1;
	if (clicked && clicked.t === t && clicked.index < markers.length) return clicked.index;
	let idx = -1;
	markers.forEach((m, i) => {
		if (m.t <= t) idx = i;
	});
	return idx;
}
