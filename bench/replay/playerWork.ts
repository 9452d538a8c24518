/**
 * What a measured player does, the same in Node (playerRun.ts) and in Chromium (playerPage.ts):
 * from the text the page downloads, load the player's model, optionally run its idle work to the
 * end, seek to the given moments, and check that the end of the replay is the recorder's final
 * documents. No Node imports: the page bundles it. `cpuMs` is null where the runtime cannot tell
 * the process's CPU time (a page).
 */
import { ReplayModel } from '../../src/lib/shared/replay/ReplayModel.js';
import { parseCheckpointLines } from '../../src/lib/shared/replay/checkpointLines.js';
import type { ParticipantView } from '../../src/lib/shared/protocol.js';

export type PlayerMode = 'cold' | 'prepared';

export interface PlayerInput {
	ndjson: string;
	checkpointsNdjson: string;
	finalTexts: Record<string, string>;
	participants: ParticipantView[];
	/** Where to seek, as fractions of the interview (the same ones in every run). */
	seekAt: number[];
	mode: PlayerMode;
}

export interface PlayerRun {
	entries: number;
	checkpointsServed: number;
	loadMs: number;
	loadCpuMs: number | null;
	seekMs: number[];
	seekCpuMs: (number | null)[];
	prepareMs: number;
	prepareCpuMs: number | null;
	heapMB: number | null;
}

export function playPlayer(input: PlayerInput, cpuMs: () => number | null, heapMB: () => number | null): PlayerRun {
	const since = (c0: number | null) => {
		const c = cpuMs();
		return c === null || c0 === null ? null : c - c0;
	};
	const tLoad = performance.now();
	const cLoad = cpuMs();
	const checkpoints = parseCheckpointLines(input.checkpointsNdjson);
	const model = new ReplayModel({
		interviewId: 'bench',
		ndjson: input.ndjson,
		checkpoints,
		participants: input.participants
	});
	void ReplayModel.textOf(model.seek(model.start));
	const loadMs = performance.now() - tLoad;
	const loadCpuMs = since(cLoad);
	if (model.error) throw model.error;

	let prepareMs = 0;
	let prepareCpuMs: number | null = 0;
	if (input.mode === 'prepared') {
		const p0 = performance.now();
		const pc0 = cpuMs();
		model.prepare(() => true);
		prepareMs = performance.now() - p0;
		prepareCpuMs = since(pc0);
	}
	const seekMs: number[] = [];
	const seekCpuMs: (number | null)[] = [];
	for (const f of input.seekAt) {
		const s0 = performance.now();
		const c0 = cpuMs();
		void ReplayModel.textOf(model.seek(model.start + f * (model.end - model.start)));
		seekMs.push(performance.now() - s0);
		seekCpuMs.push(since(c0));
	}
	const last = model.seek(model.end);
	for (const [p, text] of Object.entries(input.finalTexts)) {
		if (ReplayModel.textOf(last, p) !== text) throw new Error(`final text of ${p} differs`);
	}
	return {
		entries: model.entries.length,
		checkpointsServed: checkpoints.length,
		loadMs,
		loadCpuMs,
		seekMs,
		seekCpuMs,
		prepareMs,
		prepareCpuMs,
		heapMB: heapMB()
	};
}
