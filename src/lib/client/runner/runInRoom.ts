import type { RoomClient } from '$lib/client/room/RoomClient';
import { activeProblemOf, filesOf, stateOf } from '$lib/shared/codeDoc';
import { TestReportSchema, type TestReport, type TestSuite } from '$lib/shared/protocol';
import type { PythonRunner, RunResult } from './PythonRunner';

/** What a run needs of the room: the code document and the run and test announcements. */
export type RoomRunChannel = Pick<
	RoomClient,
	'doc' | 'session' | 'startRun' | 'reportOutput' | 'reportEnd' | 'startTests' | 'reportTests'
>;
/** What a run needs of the Python runner. */
export type CodeRunner = Pick<PythonRunner, 'run' | 'runTests'>;

/** The problem everyone is on and its buffer's text, or an error in words. */
function activeBuffer(client: RoomRunChannel, verb: string): { problemId: string; text: string } {
	const problemId = activeProblemOf(client.doc);
	const text = problemId ? filesOf(client.doc).get(problemId) : undefined;
	if (!problemId || !text) throw new Error(`There is no code to ${verb} yet`);
	return { problemId, text: text.toString() };
}

/** The packages a problem of this room declares (meta.yaml `packages`). */
function packagesOf(client: Pick<RoomClient, 'session'>, problemId: string | undefined): string[] {
	return client.session.interview.problems.find((p) => p.id === problemId)?.packages ?? [];
}

/**
 * Keeps the runner loading the packages of the problem everyone is on, from the moment it
 * opens, so the first Run does not wait for numpy. Returns the unsubscribe.
 */
export function followProblemPackages(client: RoomClient, runner: PythonRunner): () => void {
	const state = stateOf(client.doc);
	const sync = () => runner.usePackages(packagesOf(client, activeProblemOf(client.doc) ?? undefined));
	sync();
	state.observe(sync);
	return () => state.unobserve(sync);
}

const newRunId = () => crypto.randomUUID().replace(/-/g, '').slice(0, 16);

/**
 * Runs the active buffer locally and tells the room: start, output as it streams, and how
 * it ended. The server records each step; the other participants see the same pane.
 */
export async function runActiveBuffer(
	client: RoomRunChannel,
	runner: CodeRunner,
	hooks: { onInputRequest?(): void } = {}
): Promise<RunResult> {
	const { problemId, text } = activeBuffer(client, 'run');
	const runId = newRunId();
	await client.startRun({ runId, problemId });
	const result = await runner.run(
		text,
		{
			onOutput: (stream, out) => client.reportOutput({ runId, stream, text: out }),
			onInputRequest: hooks.onInputRequest
		},
		packagesOf(client, problemId)
	);
	client.reportEnd({ runId, outcome: result.outcome, durationMs: result.durationMs, message: result.message });
	return result;
}

/**
 * Runs a problem's tests against the active buffer, here, and reports the structured result.
 * Visible tests are the problem's `tests.py` (everyone has them); hidden tests come from the
 * interviewer-only API and their results reach interviewers only (the server routes them).
 */
export async function runTestsInRoom(
	client: RoomRunChannel,
	runner: CodeRunner,
	suite: TestSuite,
	source: { tests: string; filename: string }
): Promise<RunResult> {
	const { problemId, text } = activeBuffer(client, 'test');
	const runId = newRunId();
	await client.startTests({ runId, problemId, suite });
	const result = await runner.runTests(
		text,
		source.tests,
		source.filename,
		{ onOutput: () => {} },
		packagesOf(client, problemId)
	);
	let report: TestReport | null = null;
	if (result.report) {
		const parsed = TestReportSchema.safeParse(JSON.parse(result.report));
		report = parsed.success ? parsed.data : null;
	}
	client.reportTests({ runId, outcome: result.outcome, report, message: result.message });
	return result;
}
