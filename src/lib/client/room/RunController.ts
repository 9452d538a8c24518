import type { RoomState } from './RoomClient';
import type { PythonRunner, RunnerState } from '$lib/client/runner/PythonRunner';
import { runActiveBuffer, runTestsInRoom, type CodeRunner, type RoomRunChannel } from '$lib/client/runner/runInRoom';
import type { RunResult } from '$lib/client/runner/PythonRunner';
import type { TestSuite } from '$lib/shared/protocol';

/** A test run that never reported stops counting as "someone is running" after this long. */
export const STALE_TEST_RUN_MS = 60_000;

/**
 * Said at once when Run is pressed without a connection: a run is announced to the room and
 * recorded before it starts, so it waits for the connection instead of running unseen.
 */
export const RUN_WAITS_FOR_CONNECTION =
	'Offline: Run waits for the connection (every run is shared and recorded). Edits are kept.';

const STOPPED_BEFORE_START: RunResult = { outcome: 'stopped', message: 'Stopped', durationMs: 0 };

/** What the controller needs of the room: the run channel and the room's current state. */
export type RunRoom = RoomRunChannel & { readonly current: RoomState };
/** What the controller needs of the Python runner. */
export type RunRunner = Pick<PythonRunner, 'run' | 'runTests' | 'stop' | 'provideInput' | 'subscribe' | 'dispose'>;

export interface RunControlState {
	runner: RunnerState;
	/** Why Python failed to load, or why the last run could not start, in words. */
	detail: string | undefined;
	/** A run or a test run started from this page is under way. */
	runningHere: boolean;
}

export interface RunGate {
	/** The person may run now (permissions can change, e.g. when the interview ends). */
	mayRun(): boolean;
	/** Someone in the room (here or elsewhere) is running code or tests. */
	busy(): boolean;
	/** The program waits for a line of input: the page moves focus to the input box. */
	onInputRequest?(): void;
}

/** Someone in the room is running the code or its tests. */
export function roomBusy(room: RoomState, now: number): boolean {
	const testsRunning = Object.values(room.tests).some((t) => t && !t.result && now - t.startedAt < STALE_TEST_RUN_MS);
	return (!!room.run && !room.run.end) || testsRunning;
}

/**
 * Runs and test runs started from this page: one at a time in the whole room, with the
 * runner's state mirrored for the run bar. The room and the runner are passed in, so this is
 * tested with fakes, without a browser.
 */
export class RunController {
	private state: RunControlState = { runner: 'loading', detail: undefined, runningHere: false };
	private listeners = new Set<(s: RunControlState) => void>();
	private unsubscribeRunner: () => void;
	/**
	 * Stop was pressed for the run being set up. A run is announced to the room before Python
	 * starts it; a Stop in that round trip found no program to interrupt and was lost, so the
	 * program then ran to its time limit. It is kept here, and the program is never started.
	 */
	private stopAsked = false;
	/** The runner as the run functions see it: nothing starts once Stop was pressed. */
	private readonly unlessStopped: CodeRunner = {
		run: (...args) => (this.stopAsked ? Promise.resolve(STOPPED_BEFORE_START) : this.runner.run(...args)),
		runTests: (...args) => (this.stopAsked ? Promise.resolve(STOPPED_BEFORE_START) : this.runner.runTests(...args))
	};

	constructor(
		private readonly room: RunRoom,
		private readonly runner: RunRunner,
		private readonly gate: RunGate
	) {
		this.unsubscribeRunner = runner.subscribe((runnerState, detail) => this.set({ runner: runnerState, detail }));
	}

	get current(): RunControlState {
		return this.state;
	}

	subscribe(fn: (s: RunControlState) => void): () => void {
		this.listeners.add(fn);
		fn(this.state);
		return () => this.listeners.delete(fn);
	}

	/** A new run may start from here now: Python is ready, and nobody in the room is running. */
	canStart(): boolean {
		return this.gate.mayRun() && this.state.runner === 'ready' && !this.state.runningHere && !this.gate.busy();
	}

	/** Runs the active problem's buffer; does nothing while anything runs in the room. */
	async run(): Promise<void> {
		if (!this.canStart() || this.waitsForConnection()) return;
		await this.whileRunning(() =>
			runActiveBuffer(this.room, this.unlessStopped, { onInputRequest: () => this.gate.onInputRequest?.() })
		);
	}

	/** Runs a suite against the active buffer; `source` null (no tests loaded) does nothing. */
	async runTests(suite: TestSuite, source: { tests: string; filename: string } | null): Promise<void> {
		if (!this.canStart() || !source || this.waitsForConnection()) return;
		await this.whileRunning(() => runTestsInRoom(this.room, this.unlessStopped, suite, source));
	}

	/** Without a connection nothing starts, and the person reads why at once. */
	private waitsForConnection(): boolean {
		if (this.room.current.connection === 'connected') return false;
		this.set({ detail: RUN_WAITS_FOR_CONNECTION });
		return true;
	}

	stop(): void {
		if (this.state.runningHere) this.stopAsked = true;
		this.runner.stop();
	}

	/** Hands a line to a program waiting in input(), and echoes it into the shared output. */
	sendInput(line: string): boolean {
		const run = this.room.current.run;
		if (this.state.runner !== 'waiting-input' || !run) return false;
		this.runner.provideInput(line);
		this.room.reportOutput({ runId: run.runId, stream: 'stdout', text: line + '\n' });
		return true;
	}

	dispose(): void {
		this.unsubscribeRunner();
		this.listeners.clear();
		this.runner.dispose();
	}

	private async whileRunning(job: () => Promise<unknown>): Promise<void> {
		this.stopAsked = false;
		this.set({ runningHere: true });
		try {
			await job();
		} catch (err) {
			this.set({ detail: (err as Error).message });
		} finally {
			this.set({ runningHere: false });
		}
	}

	private set(patch: Partial<RunControlState>): void {
		this.state = { ...this.state, ...patch };
		for (const fn of this.listeners) fn(this.state);
	}
}
