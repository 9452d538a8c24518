/** The checkpoints' NDJSON (GET /api/interviews/{id}/replay/checkpoints) as the player uses them. */
import { fromBase64 } from '../recording.js';
import type { DocName } from '../protocol.js';
import type { ReplayCheckpoint } from './ReplayModel.js';

export function parseCheckpointLines(ndjson: string): ReplayCheckpoint[] {
	return ndjson
		.split('\n')
		.filter((l) => l.trim())
		.map((l) => {
			const c = JSON.parse(l) as { doc: DocName; seq: number; state: string; v2?: boolean };
			return { doc: c.doc, seq: c.seq, state: fromBase64(c.state), v2: c.v2 === true };
		});
}
