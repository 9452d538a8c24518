import {
	MAX_RUN_OUTPUT_CHARS,
	type PresenceEntry,
	type RoomSnapshot,
	type RunEnd,
	type RunOutput,
	type RunStart,
	type RunView,
	type Role,
	type TestRunView,
	type TestsResult,
	type TestsStart,
	type TestSuite
} from '../../src/lib/shared/protocol.js';
import { DomainError } from './errors.js';
import { toView, type Participant } from './InterviewService.js';
import type { Clock } from './ports.js';
import type { Recorder } from './Recorder.js';
import { canRun, canRunHiddenTests, canSeePrivate } from './roles.js';

interface InterviewActivity {
	presence: Map<string, PresenceEntry>;
	lastRun?: RunView;
	lastTests: Partial<Record<TestSuite, TestRunView>>;
	outputChars: number;
}

/**
 * Presence and runs of each interview. Runs happen in the browser of whoever pressed Run;
 * the server checks who may report them, records them, caps their output, and hands back
 * what to broadcast.
 */
export class RoomActivity {
	private readonly byInterview = new Map<string, InterviewActivity>();

	constructor(
		private readonly recorder: Recorder,
		private readonly clock: Clock
	) {}

	private activity(interviewId: string): InterviewActivity {
		let a = this.byInterview.get(interviewId);
		if (!a) {
			a = { presence: new Map(), outputChars: 0, lastTests: {} };
			this.byInterview.set(interviewId, a);
		}
		return a;
	}

	async join(p: Participant): Promise<PresenceEntry[]> {
		const a = this.activity(p.interview.id);
		const entry = a.presence.get(p.participant.id);
		if (entry) entry.connections++;
		else {
			a.presence.set(p.participant.id, { ...toView(p.participant), connections: 1 });
			await this.record(p, 'participant:join', { name: p.participant.name, role: p.participant.role });
		}
		return this.presence(p.interview.id);
	}

	async leave(p: Participant): Promise<PresenceEntry[]> {
		const a = this.activity(p.interview.id);
		const entry = a.presence.get(p.participant.id);
		if (entry && --entry.connections <= 0) {
			a.presence.delete(p.participant.id);
			await this.record(p, 'participant:leave', {});
		}
		const list = this.presence(p.interview.id);
		if (a.presence.size === 0 && !a.lastRun && !a.lastTests.visible && !a.lastTests.hidden) {
			this.byInterview.delete(p.interview.id);
		}
		return list;
	}

	/** DEL-1: the interview was deleted. */
	forget(interviewId: string): void {
		this.byInterview.delete(interviewId);
	}

	presence(interviewId: string): PresenceEntry[] {
		return [...(this.byInterview.get(interviewId)?.presence.values() ?? [])];
	}

	/** What a participant joining now needs; hidden test results only for interviewers (PRIV-2). */
	snapshot(interviewId: string, endedAt: number | null, role: Role): RoomSnapshot {
		const a = this.byInterview.get(interviewId);
		const lastTests: Partial<Record<TestSuite, TestRunView>> = { visible: a?.lastTests.visible };
		if (canSeePrivate(role)) lastTests.hidden = a?.lastTests.hidden;
		return { presence: this.presence(interviewId), lastRun: a?.lastRun, lastTests, endedAt: endedAt ?? undefined };
	}

	/** Visible tests: anyone who may run. Hidden tests: interviewers only (PRIV-2). */
	async startTests(p: Participant, ended: boolean, start: TestsStart): Promise<TestRunView> {
		const role = p.participant.role;
		const allowed = start.suite === 'hidden' ? canRunHiddenTests(role) : canRun(role, ended);
		if (!allowed) {
			throw new DomainError(
				'forbidden',
				ended ? 'The interview has ended' : `A ${role} cannot run the ${start.suite} tests`
			);
		}
		if (!p.interview.problemIds.includes(start.problemId)) {
			throw new DomainError(
				'invalid',
				`problemId "${start.problemId}" is not a problem of this interview`,
				'problemId'
			);
		}
		const view: TestRunView = {
			runId: start.runId,
			problemId: start.problemId,
			suite: start.suite,
			by: toView(p.participant),
			startedAt: this.clock.now()
		};
		this.activity(p.interview.id).lastTests[start.suite] = view;
		await this.record(p, 'tests:start', { runId: view.runId, problemId: view.problemId, suite: view.suite });
		return view;
	}

	async endTests(p: Participant, result: TestsResult): Promise<TestRunView> {
		const a = this.activity(p.interview.id);
		const view = [a.lastTests.visible, a.lastTests.hidden].find((t) => t?.runId === result.runId);
		if (!view) throw new DomainError('not_found', `No current test run "${result.runId}"`);
		if (view.by.id !== p.participant.id) throw new DomainError('forbidden', 'Only who started a test run reports it');
		if (view.result) throw new DomainError('conflict', 'This test run has already ended');
		view.result = { ...result, endedAt: this.clock.now() };
		await this.record(p, 'tests:result', {
			runId: view.runId,
			problemId: view.problemId,
			suite: view.suite,
			outcome: result.outcome,
			summary: result.report?.summary ?? null,
			report: result.report
		});
		return view;
	}

	async startRun(p: Participant, ended: boolean, start: RunStart): Promise<RunView> {
		if (!canRun(p.participant.role, ended)) {
			throw new DomainError('forbidden', ended ? 'The interview has ended' : `A ${p.participant.role} cannot run code`);
		}
		if (!p.interview.problemIds.includes(start.problemId)) {
			throw new DomainError(
				'invalid',
				`problemId "${start.problemId}" is not a problem of this interview`,
				'problemId'
			);
		}
		const a = this.activity(p.interview.id);
		const run: RunView = {
			runId: start.runId,
			problemId: start.problemId,
			by: toView(p.participant),
			startedAt: this.clock.now(),
			output: [],
			truncated: false
		};
		a.lastRun = run;
		a.outputChars = 0;
		await this.record(p, 'run:start', { runId: run.runId, problemId: run.problemId });
		return run;
	}

	/** Returns the output to relay, cut at the cap; null once the cap was reached. */
	async appendOutput(p: Participant, out: RunOutput): Promise<(RunOutput & { truncated: boolean }) | null> {
		const a = this.activity(p.interview.id);
		const run = this.ownRun(a, p, out.runId);
		if (run.truncated) return null;
		const room = MAX_RUN_OUTPUT_CHARS - a.outputChars;
		const text = out.text.length > room ? out.text.slice(0, room) : out.text;
		const truncated = out.text.length > room;
		a.outputChars += text.length;
		run.truncated = truncated;
		const last = run.output.at(-1);
		if (last && last.stream === out.stream) last.text += text;
		else run.output.push({ stream: out.stream, text });
		await this.record(p, 'run:output', { runId: out.runId, stream: out.stream, text, truncated });
		return { ...out, text, truncated };
	}

	async endRun(p: Participant, end: RunEnd): Promise<RunEnd & { endedAt: number }> {
		const a = this.activity(p.interview.id);
		const run = this.ownRun(a, p, end.runId);
		if (run.end) throw new DomainError('conflict', 'This run has already ended');
		const endedAt = this.clock.now();
		run.end = { outcome: end.outcome, durationMs: end.durationMs, message: end.message, endedAt };
		await this.record(p, 'run:end', {
			runId: end.runId,
			outcome: end.outcome,
			durationMs: end.durationMs,
			message: end.message
		});
		return { ...end, endedAt };
	}

	/** `by` null: a take-home's time ran out. */
	async recordEnded(interviewId: string, by: Participant | null, endedAt: number): Promise<void> {
		await this.recorder.append({
			interviewId,
			t: this.clock.now(),
			kind: 'event',
			type: 'interview:end',
			actor: by?.participant.id ?? 'server',
			data: { endedAt, reason: by ? 'ended' : 'time box ran out' }
		});
	}

	private ownRun(a: InterviewActivity, p: Participant, runId: string): RunView {
		const run = a.lastRun;
		if (!run || run.runId !== runId) throw new DomainError('not_found', `No current run "${runId}"`);
		if (run.by.id !== p.participant.id) throw new DomainError('forbidden', 'Only who started a run reports it');
		return run;
	}

	private async record(p: Participant, type: string, data: unknown): Promise<void> {
		await this.recorder.append({
			interviewId: p.interview.id,
			t: this.clock.now(),
			kind: 'event',
			type,
			actor: p.participant.id,
			data
		});
	}
}
