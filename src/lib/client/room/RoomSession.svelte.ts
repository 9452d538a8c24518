import { untrack } from 'svelte';
import { isInterviewOver } from '$lib/shared/permissions';
import { renderMarkdown } from '$lib/client/markdown';
import { acceptRecording, fetchSession, RoomClient, startTakeHome, type RoomState } from './RoomClient';
import { roomPermissions, type RoomPermissions } from './roomPermissions';
import { formatRemaining, roomPhase, type RoomPhase } from './roomPhase';
import { roomBusy, RunController, type RunControlState } from './RunController';
import { FollowSession } from './FollowSession.svelte';
import { runShortcutOf, type RunShortcut } from './runShortcuts';
import { CanvasClient } from '$lib/client/canvas/CanvasClient';
import { PythonRunner } from '$lib/client/runner/PythonRunner';
import { followProblemPackages } from '$lib/client/runner/runInRoom';
import { ACTIVE_PROBLEM, filesOf, stateOf } from '$lib/shared/codeDoc';
import type { PrivateProblemView, SessionView, TestSuite } from '$lib/shared/protocol';
import type { WorkTab } from '$lib/shared/room/follow';

/** Interviewers wait for a take-home to end; their page looks again this often. */
export const WAITING_RECHECK_MS = 30_000;
/** The countdown and the "is a test run stale" check move on this often. */
const TICK_MS = 1_000;

export type { WorkTab };
export type AsideTab = 'statement' | 'solution' | 'notes';
export type PaneTab = 'output' | TestSuite;

/**
 * One person's session in an interview room: what the page shows (`phase`), what they may do
 * (`can`), and what they do (run, test, switch, end). Created by the room route during its
 * initialisation (its effects belong to the page); `open()` starts it and returns the teardown.
 */
export class RoomSession {
	session = $state<SessionView | null>(null);
	room = $state<RoomState | null>(null);
	canvas = $state<CanvasClient | null>(null);
	/** Follow mode: whom this person follows, who follows whom. */
	follow = $state<FollowSession | null>(null);
	/** This page's runs: the runner's state and whether a run started here is under way. */
	runs = $state<RunControlState>({ runner: 'loading', detail: undefined, runningHere: false });
	activeProblem = $state<string | undefined>();
	privateProblems = $state<PrivateProblemView[] | null>(null);
	privateError = $state<string | null>(null);
	/** Each person's own view: their tabs are theirs, a problem switch picks what its kind needs. */
	workTab = $state<WorkTab>('code');
	asideTab = $state<AsideTab>('statement');
	paneTab = $state<PaneTab>('output');
	/** The canvas mounts the first time it is shown and then stays, so switching back is instant. */
	designOpened = $state(false);
	confirmingEnd = $state(false);
	endError = $state<string | null>(null);
	starting = $state(false);
	/** Counts the program's requests for input, so the run pane can move focus to the input box. */
	inputRequests = $state(0);
	now = $state(Date.now());

	/** Bumped on every change of the code document, so what depends on the code is checked again. */
	private codeVersion = $state(0);
	/** The code each suite's latest test run tested (read when the run started). */
	private testedCode = $state<Partial<Record<TestSuite, { runId: string; text: string }>>>({});
	private fatal = $state<string | null>(null);
	private client = $state<RoomClient | null>(null);
	private controller: RunController | null = null;
	private runner: PythonRunner | null = null;
	private shownProblem: string | undefined;
	private destroyed = false;
	private unsubs: (() => void)[] = [];
	private recheck: ReturnType<typeof setInterval> | undefined;

	/** Take-home: milliseconds left, or null for a live interview or one not started. */
	remainingMs = $derived.by(() => {
		const deadline = this.session?.interview.deadline ?? null;
		return deadline === null ? null : Math.max(0, deadline - this.now);
	});
	remainingText = $derived(this.remainingMs === null ? '' : formatRemaining(this.remainingMs));
	ended = $derived(
		isInterviewOver(
			{
				endedAt: (this.room ? this.room.endedAt : this.session?.interview.endedAt) ?? null,
				deadline: this.session?.interview.deadline ?? null
			},
			this.now
		)
	);
	can = $derived<RoomPermissions>(
		roomPermissions(this.session?.me.role ?? 'observer', {
			mode: this.session?.interview.mode ?? 'live',
			ended: this.ended,
			started: this.session?.interview.startedAt != null,
			waiting: !this.session || this.session.waiting !== null
		})
	);
	phase = $derived<RoomPhase>(
		roomPhase({
			fatal: this.fatal,
			session: this.session,
			client: this.client,
			room: this.room,
			ended: this.ended,
			mayStart: this.can.start
		})
	);
	problem = $derived(this.session?.interview.problems.find((p) => p.id === this.activeProblem));
	privateProblem = $derived(this.privateProblems?.find((p) => p.id === this.activeProblem));
	statementHtml = $derived(this.problem ? renderMarkdown(this.problem.statement) : '');
	notesHtml = $derived(this.privateProblem ? renderMarkdown(this.privateProblem.interviewerNotes) : '');
	/** A suite's shown result is out of date: the code changed since those tests ran. */
	testsStale = $derived.by(() => {
		void this.codeVersion;
		const stale: Partial<Record<TestSuite, boolean>> = {};
		for (const suite of ['visible', 'hidden'] as const) {
			const run = this.room?.tests[suite];
			const tested = this.testedCode[suite];
			if (run?.result && tested?.runId === run.runId) stale[suite] = this.codeOf(run.problemId) !== tested.text;
		}
		return stale;
	});
	/** Someone in the room is running the code or its tests: Run waits. */
	busy = $derived(!!this.room && roomBusy(this.room, this.now));

	constructor(
		readonly interviewId: string,
		readonly token: string
	) {
		$effect(() => {
			if (this.workTab === 'design') this.designOpened = true;
		});
		// A new problem: show its workspace, and give a design problem its starting scene once.
		$effect(() => {
			const p = this.problem;
			if (!p || p.id === this.shownProblem) return;
			// The first problem only opens the Design tab (the person may have picked a tab already);
			// a switch shows what the new problem needs.
			if (this.shownProblem !== undefined || p.kind === 'system-design')
				this.workTab = p.kind === 'system-design' ? 'design' : 'code';
			this.shownProblem = p.id;
			this.canvas?.showProblem(p.scene);
			if (p.scene && this.can.edit) this.canvas?.seed(p.scene);
		});
		// Follow mode: others see the tab this person shows; a follower shows the leader's tab.
		$effect(() => {
			const f = this.follow;
			const tab = this.workTab;
			untrack(() => f?.setTab(tab));
		});
		$effect(() => {
			const tab = this.follow?.leaderTab;
			if (tab) untrack(() => (this.workTab = tab));
		});
		// Each test run, wherever it started: note the code it tested, to tell when it is out of date.
		$effect(() => {
			for (const suite of ['visible', 'hidden'] as const) {
				const run = this.room?.tests[suite];
				if (!run || untrack(() => this.testedCode[suite]?.runId) === run.runId) continue;
				const text = untrack(() => this.codeOf(run.problemId));
				this.testedCode = { ...untrack(() => this.testedCode), [suite]: { runId: run.runId, text } };
			}
		});
		// Show what just happened: a run, or a test run, wherever it was started.
		$effect(() => {
			const last = this.room?.lastActivity;
			if (last === 'run') this.paneTab = 'output';
			else if (last) this.paneTab = last;
		});
	}

	/** Loads the session and enters the room when allowed; returns what closes everything. */
	open(): () => void {
		this.load().catch((err) => this.fail(err));
		const tick = setInterval(() => (this.now = Date.now()), TICK_MS);
		return () => {
			this.destroyed = true;
			clearInterval(tick);
			clearInterval(this.recheck);
			for (const u of this.unsubs) u();
			// The controller disposes of the runner it drives; one that never got a room is freed here.
			if (this.controller) this.controller.dispose();
			else this.runner?.dispose();
			this.follow?.destroy();
			this.client?.destroy();
			this.canvas?.destroy();
		};
	}

	/** CONSENT-2: the candidate accepts the recording notice, then enters. */
	async accept(): Promise<void> {
		this.session = await acceptRecording(this.interviewId, this.token);
		await this.load();
	}

	/** TAKE-1: the candidate starts the take-home's clock. */
	async startTakeHome(): Promise<void> {
		this.starting = true;
		try {
			this.session = await startTakeHome(this.interviewId, this.token);
			this.enter(this.session);
		} catch (err) {
			this.fail(err);
		} finally {
			this.starting = false;
		}
	}

	/** A waiting interviewer looks again whether the take-home has ended. */
	checkAgain(): void {
		this.load().catch((err) => this.fail(err));
	}

	run(): Promise<void> {
		return this.controller?.run() ?? Promise.resolve();
	}

	async runTests(suite: TestSuite): Promise<void> {
		const p = this.problem;
		if (!this.controller?.canStart() || !p) return;
		const source =
			suite === 'visible'
				? { tests: p.tests, filename: 'tests.py' }
				: this.privateProblem
					? { tests: this.privateProblem.hiddenTests, filename: 'hidden_tests.py' }
					: null;
		if (!source) return;
		this.paneTab = suite;
		await this.controller.runTests(suite, source);
	}

	stop(): void {
		this.controller?.stop();
	}

	/** Sends a line to a program waiting in input(); false when none is waiting. */
	sendInput(line: string): boolean {
		return this.controller?.sendInput(line) ?? false;
	}

	/** PROB-1: switches everyone to another problem (the server refuses anyone but interviewers). */
	switchProblem(id: string): void {
		if (this.client) stateOf(this.client.doc).set(ACTIVE_PROBLEM, id);
	}

	async endInterview(): Promise<void> {
		this.endError = null;
		try {
			await this.client?.endInterview();
			this.confirmingEnd = false;
		} catch (err) {
			this.endError = (err as Error).message;
		}
	}

	/** The run keys (runShortcuts.ts) work anywhere on the Code tab; in an input box only Stop does. Esc stops following. */
	onKeydown(e: KeyboardEvent): void {
		if (e.key === 'Escape' && this.follow?.leader) {
			this.follow.stop();
			return;
		}
		const action = runShortcutOf(e);
		if (!action || this.workTab !== 'code') return;
		if (action !== 'stop' && e.target instanceof HTMLInputElement) return;
		e.preventDefault();
		this.runShortcut(action);
	}

	/** What a run key does: the same as its button, and nothing when its button is disabled. */
	runShortcut(action: RunShortcut): void {
		if (action === 'run') void this.run();
		else if (action === 'stop') this.stop();
		else if (this.problem?.tests.trim()) void this.runTests('visible');
	}

	private codeOf(problemId: string): string {
		return this.client ? (filesOf(this.client.doc).get(problemId)?.toString() ?? '') : '';
	}

	private fail(err: unknown): void {
		this.fatal = (err as Error).message;
	}

	private async load(): Promise<void> {
		if (!this.token) throw new Error('This link has no access token. Ask the organizer for your personal link.');
		const s = await fetchSession(this.interviewId, this.token);
		if (this.destroyed) return;
		this.session = s;
		this.startRunner(s); // Python loads while the notice is read
		if (s.consent.required) return; // CONSENT-1: the notice first
		if (s.waiting) {
			if (!this.can.start && !this.recheck)
				this.recheck = setInterval(() => void this.load().catch(() => undefined), WAITING_RECHECK_MS);
			return;
		}
		clearInterval(this.recheck);
		this.enter(s);
	}

	/** One Python worker per page, started as soon as the session says this person may run. */
	private startRunner(s: SessionView): void {
		if (!s.can.run || this.runner) return;
		this.runner = new PythonRunner(location.origin);
	}

	private enter(s: SessionView): void {
		const c = new RoomClient(s, this.token);
		this.client = c;
		this.canvas = new CanvasClient(s, this.token);
		this.follow = new FollowSession(c.provider.awareness, s.me.id);
		this.unsubs.push(c.subscribe((st) => (this.room = st)));
		const onCode = () => this.codeVersion++;
		c.doc.on('update', onCode);
		this.unsubs.push(() => c.doc.off('update', onCode));
		const state = stateOf(c.doc);
		const syncActive = () => (this.activeProblem = state.get(ACTIVE_PROBLEM) as string | undefined);
		state.observe(syncActive);
		this.unsubs.push(() => state.unobserve(syncActive));
		if (this.can.seePrivate) {
			c.fetchPrivate().then(
				(p) => (this.privateProblems = p),
				(err) => (this.privateError = (err as Error).message)
			);
		}
		this.startRunner(s);
		if (this.runner) {
			this.unsubs.push(followProblemPackages(c, this.runner));
			this.controller = new RunController(c, this.runner, {
				mayRun: () => this.can.run,
				busy: () => this.busy,
				onInputRequest: () => this.inputRequests++
			});
			this.unsubs.push(this.controller.subscribe((st) => (this.runs = st)));
		}
	}
}
