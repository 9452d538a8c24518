import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { buildCodeSeed } from '$lib/shared/codeDoc';
import type { RunEnd, RunOutput, RunStart, RunView, TestsResult, TestsStart } from '$lib/shared/protocol';
import type { RunHandlers, RunnerState, RunResult } from '$lib/client/runner/PythonRunner';
import type { RoomState } from './RoomClient';
import {
	roomBusy,
	RUN_WAITS_FOR_CONNECTION,
	RunController,
	STALE_TEST_RUN_MS,
	type RunGate,
	type RunRoom,
	type RunRunner
} from './RunController';

const ME = { id: 'p1', name: 'Casey Candidate', role: 'candidate' as const, color: '#000' };

function emptyRoom(): RoomState {
	return {
		connection: 'connected',
		refusal: null,
		synced: true,
		unsynced: 0,
		presence: [],
		run: null,
		tests: {},
		lastActivity: null,
		endedAt: null,
		signals: []
	};
}

/** A room client that records what the page announced and keeps a room state like the real one. */
class FakeRoom implements RunRoom {
	readonly doc = new Y.Doc();
	readonly session = {
		interview: { problems: [{ id: 'moving-average', packages: [] as string[] }] }
	} as unknown as RunRoom['session'];
	current = emptyRoom();
	calls: string[] = [];
	outputs: RunOutput[] = [];
	ends: RunEnd[] = [];
	testResults: TestsResult[] = [];
	constructor(buffer = 'print(1)\n') {
		Y.applyUpdate(this.doc, buildCodeSeed([{ problemId: 'moving-average', text: buffer }]));
	}
	async startRun(start: RunStart): Promise<RunView> {
		this.calls.push(`run:start ${start.problemId}`);
		const run: RunView = { ...start, by: ME, startedAt: 1, output: [], truncated: false };
		this.current = { ...this.current, run };
		return run;
	}
	reportOutput(out: RunOutput): void {
		this.outputs.push(out);
	}
	reportEnd(end: RunEnd): void {
		this.ends.push(end);
		const run = this.current.run!;
		this.current = { ...this.current, run: { ...run, end: { ...end, endedAt: 2 } } };
	}
	async startTests(start: TestsStart): Promise<void> {
		this.calls.push(`tests:start ${start.suite}`);
	}
	reportTests(result: TestsResult): void {
		this.testResults.push(result);
	}
}

/** A Python runner whose runs finish when the test says so. */
class FakeRunner implements RunRunner {
	state: RunnerState = 'ready';
	listeners = new Set<(s: RunnerState, detail?: string) => void>();
	jobs: { code: string; tests?: string; handlers: RunHandlers; finish(r: RunResult): void }[] = [];
	inputs: string[] = [];
	stops = 0;
	disposed = false;
	subscribe(fn: (s: RunnerState, detail?: string) => void) {
		this.listeners.add(fn);
		fn(this.state);
		return () => this.listeners.delete(fn);
	}
	setState(s: RunnerState, detail?: string) {
		this.state = s;
		for (const fn of this.listeners) fn(s, detail);
	}
	run(code: string, handlers: RunHandlers): Promise<RunResult> {
		return new Promise((finish) => this.jobs.push({ code, handlers, finish }));
	}
	runTests(code: string, tests: string, _filename: string, handlers: RunHandlers): Promise<RunResult> {
		return new Promise((finish) => this.jobs.push({ code, tests, handlers, finish }));
	}
	stop() {
		this.stops++;
	}
	provideInput(line: string) {
		this.inputs.push(line);
	}
	dispose() {
		this.disposed = true;
	}
}

function setup(gate: Partial<RunGate> = {}, buffer?: string) {
	const room = new FakeRoom(buffer);
	const runner = new FakeRunner();
	let mayRun = true;
	const controller = new RunController(room, runner, {
		mayRun: () => mayRun,
		busy: () => roomBusy(room.current, 0),
		...gate
	});
	return { room, runner, controller, forbid: () => (mayRun = false) };
}

/** Waits until the fake runner has been handed `n` jobs (the controller awaits the server first). */
async function jobStarted(runner: FakeRunner, n = 1) {
	while (runner.jobs.length < n) await new Promise((r) => setImmediate(r));
	return runner.jobs[n - 1];
}

describe('RunController', () => {
	it('runs the active buffer: announces the start, streams output, reports the end', async () => {
		const { room, runner, controller } = setup({}, 'print("hi")\n');
		const done = controller.run();
		const job = await jobStarted(runner);
		expect(job.code).toBe('print("hi")\n');
		expect(room.calls).toEqual(['run:start moving-average']);
		expect(controller.current.runningHere).toBe(true);
		job.handlers.onOutput('stdout', 'hi\n');
		job.finish({ outcome: 'ok', durationMs: 12 });
		await done;
		expect(room.outputs.map((o) => o.text)).toEqual(['hi\n']);
		expect(room.ends).toMatchObject([{ outcome: 'ok', durationMs: 12 }]);
		expect(controller.current.runningHere).toBe(false);
	});

	it('starts nothing while a run is under way anywhere in the room', async () => {
		const { room, runner, controller } = setup();
		const first = controller.run();
		await jobStarted(runner);
		await controller.run(); // a second press while running here
		expect(runner.jobs).toHaveLength(1);
		runner.jobs[0].finish({ outcome: 'ok', durationMs: 1 });
		await first;
		// Someone else's run (no end yet) also keeps Run from starting.
		room.current = { ...room.current, run: { ...room.current.run!, runId: 'other', end: undefined } };
		await controller.run();
		expect(runner.jobs).toHaveLength(1);
	});

	it('starts nothing when the person may not run (e.g. the interview ended)', async () => {
		const { runner, controller, forbid } = setup();
		forbid();
		await controller.run();
		await controller.runTests('visible', { tests: 'def test_x(): pass', filename: 'tests.py' });
		expect(runner.jobs).toHaveLength(0);
		expect(controller.canStart()).toBe(false);
	});

	it('starts nothing while Python is loading or failed to load (Run says why instead of waiting)', async () => {
		const { runner, controller } = setup();
		for (const state of ['loading', 'failed'] as const) {
			runner.setState(state);
			expect(controller.canStart()).toBe(false);
			await controller.run();
			await controller.runTests('visible', { tests: 'def test_x(): pass', filename: 'tests.py' });
		}
		expect(runner.jobs).toHaveLength(0);
		runner.setState('ready');
		expect(controller.canStart()).toBe(true);
	});

	it('runs a suite with its source and reports the parsed report; no source does nothing', async () => {
		const { room, runner, controller } = setup();
		await controller.runTests('hidden', null);
		expect(runner.jobs).toHaveLength(0);
		const done = controller.runTests('visible', { tests: 'def test_a(): pass', filename: 'tests.py' });
		const job = await jobStarted(runner);
		expect(job.tests).toBe('def test_a(): pass');
		expect(room.calls).toEqual(['tests:start visible']);
		const report = { cases: [], summary: { total: 0, passed: 0, failed: 0, errors: 0 } };
		job.finish({ outcome: 'ok', durationMs: 3, report: JSON.stringify(report) });
		await done;
		expect(room.testResults).toHaveLength(1);
		expect(room.testResults[0].outcome).toBe('ok');
	});

	it('Stop pressed while the run is still being announced stops it: Python never starts it, and the room hears it was stopped', async () => {
		const { room, runner, controller } = setup({}, 'while True:\n    pass\n');
		// The server's answer to the announcement is held until the test lets it through.
		let answer!: () => void;
		const startRun = room.startRun.bind(room);
		room.startRun = (start) => {
			room.startRun = startRun;
			return new Promise((resolve) => (answer = () => resolve(startRun(start))));
		};
		const done = controller.run();
		expect(controller.current.runningHere).toBe(true);
		controller.stop();
		answer();
		await done;
		expect(runner.jobs).toHaveLength(0);
		expect(room.ends).toMatchObject([{ outcome: 'stopped', message: 'Stopped' }]);
		expect(controller.current.runningHere).toBe(false);
		// The next run is not stopped by the old press.
		const next = controller.run();
		const job = await jobStarted(runner);
		job.finish({ outcome: 'ok', durationMs: 1 });
		await next;
		expect(room.ends.at(-1)).toMatchObject({ outcome: 'ok' });
	});

	it('a run that cannot start says why in words and frees the button', async () => {
		const { runner, controller } = setup();
		const empty = new FakeRoom();
		empty.doc.getMap('state').delete('activeProblem');
		const c = new RunController(empty, runner, { mayRun: () => true, busy: () => false });
		await c.run();
		expect(c.current.detail).toBe('There is no code to run yet');
		expect(c.current.runningHere).toBe(false);
		expect(controller.current.detail).toBeUndefined();
	});

	it.each(['offline', 'reconnecting'] as const)(
		'%s: Run and Run tests start nothing and say at once, in words, that they wait for the connection',
		async (connection) => {
			const { room, runner, controller } = setup();
			room.current = { ...room.current, connection };
			await controller.run();
			expect(controller.current.detail).toBe(RUN_WAITS_FOR_CONNECTION);
			await controller.runTests('visible', { tests: 'def test_x(): pass', filename: 'tests.py' });
			expect(runner.jobs).toHaveLength(0);
			expect(room.calls).toEqual([]);
			expect(controller.current.runningHere).toBe(false);
		}
	);

	it('mirrors the runner’s state and its failure reason', () => {
		const { runner, controller } = setup();
		const seen: string[] = [];
		controller.subscribe((s) => seen.push(s.runner));
		runner.setState('failed', 'Pyodide could not load');
		expect(controller.current).toMatchObject({ runner: 'failed', detail: 'Pyodide could not load' });
		expect(seen).toEqual(['ready', 'failed']);
	});

	it('input: only while the program waits; the line goes to the program and into the shared output', async () => {
		let asked = 0;
		const { room, runner, controller } = setup({ onInputRequest: () => asked++ });
		expect(controller.sendInput('too early')).toBe(false);
		const done = controller.run();
		const job = await jobStarted(runner);
		job.handlers.onInputRequest?.();
		runner.setState('waiting-input');
		expect(asked).toBe(1);
		expect(controller.sendInput('Ada')).toBe(true);
		expect(runner.inputs).toEqual(['Ada']);
		expect(room.outputs.at(-1)).toMatchObject({ stream: 'stdout', text: 'Ada\n', runId: room.current.run!.runId });
		job.finish({ outcome: 'ok', durationMs: 1 });
		await done;
	});

	it('Stop goes to the runner; dispose stops listening and disposes the runner', () => {
		const { runner, controller } = setup();
		controller.stop();
		expect(runner.stops).toBe(1);
		controller.dispose();
		expect(runner.listeners.size).toBe(0);
		expect(runner.disposed).toBe(true);
	});
});

describe('roomBusy', () => {
	const run = (end?: RunView['end']): RunView => ({
		runId: 'r',
		problemId: 'p',
		by: ME,
		startedAt: 0,
		output: [],
		truncated: false,
		end
	});
	it('a run without an end, or a recent test run without a result, is busy; old or finished ones are not', () => {
		const room = emptyRoom();
		expect(roomBusy(room, 0)).toBe(false);
		expect(roomBusy({ ...room, run: run() }, 0)).toBe(true);
		expect(roomBusy({ ...room, run: run({ outcome: 'ok', durationMs: 1, endedAt: 1 }) }, 0)).toBe(false);
		const tests = { visible: { runId: 't', problemId: 'p', suite: 'visible' as const, by: ME, startedAt: 1000 } };
		expect(roomBusy({ ...room, tests }, 1000 + STALE_TEST_RUN_MS - 1)).toBe(true);
		expect(roomBusy({ ...room, tests }, 1000 + STALE_TEST_RUN_MS)).toBe(false);
	});
});
