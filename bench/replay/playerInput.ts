/** What a measured player is given: the files bench/replay.ts wrote, and the moments to seek to. */
import fs from 'node:fs';
import path from 'node:path';
import { PARTICIPANTS, rng } from './buildInterview.js';
import type { PlayerInput, PlayerMode } from './playerWork.js';

export function readPlayerInput(dir: string, seeks: number, mode: PlayerMode): PlayerInput {
	const rand = rng(7);
	return {
		ndjson: fs.readFileSync(path.join(dir, 'log.ndjson'), 'utf8'),
		checkpointsNdjson: fs.readFileSync(path.join(dir, 'checkpoints.ndjson'), 'utf8'),
		finalTexts: JSON.parse(fs.readFileSync(path.join(dir, 'final.json'), 'utf8')) as Record<string, string>,
		participants: PARTICIPANTS,
		// The same moments in every run and runtime.
		seekAt: Array.from({ length: seeks }, () => rand()),
		mode
	};
}
