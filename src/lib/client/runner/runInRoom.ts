import type { RoomClient } from '$lib/client/room/RoomClient';
import { activeProblemOf, filesOf } from '$lib/shared/codeDoc';
import type { PythonRunner, RunResult } from './PythonRunner';

/**
 * Runs the active buffer locally and tells the room: start, output as it streams, and how
 * it ended. The server records each step; the other participants see the same pane.
 */
export async function runActiveBuffer(
	client: RoomClient,
	runner: PythonRunner,
	hooks: { onInputRequest?(): void } = {}
): Promise<RunResult> {
	const problemId = activeProblemOf(client.doc);
	const text = problemId ? filesOf(client.doc).get(problemId) : undefined;
	if (!problemId || !text) throw new Error('There is no code to run yet');
	const runId = crypto.randomUUID().replace(/-/g, '').slice(0, 16);
	await client.startRun({ runId, problemId });
	const result = await runner.run(text.toString(), {
		onOutput: (stream, out) => client.reportOutput({ runId, stream, text: out }),
		onInputRequest: hooks.onInputRequest
	});
	client.reportEnd({ runId, outcome: result.outcome, durationMs: result.durationMs, message: result.message });
	return result;
}
