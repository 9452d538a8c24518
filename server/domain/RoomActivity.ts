import {
	MAX_RUN_OUTPUT_CHARS,
	type PresenceEntry,
	type Role,
	type RoomSnapshot,
	type RunEnd,
	type RunOutput,
	type RunStart,
	type TestsResult,
	type TestsStart
} from '../../src/lib/shared/protocol.js';
import { can } from '../../src/lib/shared/permissions.js';
import { capOutput, emptyRoom, reduceRoom, toSnapshot, type RoomState } from '../../src/lib/shared/room/reduceRoom.js';
import { roomEvent, type CommittedRoomEvent, type RoomEvent } from '../../src/lib/shared/room/roomEvents.js';
import { DomainError } from './errors.js';
import { toView, type InterviewService, type Participant } from './InterviewService.js';
import type { Clock, Logger } from './ports.js';
import { RoomCluster, type RoomClusterDeps } from './RoomCluster.js';
import type { Recorder } from './Recorder.js';

interface InterviewActivity {
	/** Open Socket.IO connections per participant (tabs); not recorded, only the first and last are. */
	connections: Map<string, PresenceEntry>;
	state: RoomState;
	/** QUOTA-3: output recorded for the interview so far, every run together. */
	outputChars: number;
}

/**
 * QUOTA-3: output recorded per interview, all runs together (a run keeps MAX_RUN_OUTPUT_CHARS).
 * Sixteen runs that each print their whole cap; beyond it runs still run, their output is cut.
 */
export const MAX_INTERVIEW_OUTPUT_CHARS = 16 * MAX_RUN_OUTPUT_CHARS;

/**
 * Presence, runs and tests of each interview. Runs happen in the browser of whoever pressed
 * Run; the server checks who may report them, records each event (log first), folds it into
 * the room's state with the shared reducer, and hands the committed event back to relay.
 */
/** Told of events the server itself causes (the end of an interview), once committed. */
export type RoomEventListener = (interviewId: string, event: CommittedRoomEvent) => void;

export class RoomActivity {
	private readonly byInterview = new Map<string, InterviewActivity>();
	private readonly listeners = new Set<RoomEventListener>();
	private readonly presenceListeners = new Set<(interviewId: string) => void>();
	/** Issue 13: the other processes serving the same interviews (null: this process alone). */
	private cluster: RoomCluster | null = null;
	/** Interviews whose state is being read from the log; events relayed meanwhile wait here. */
	private readonly hydrating = new Map<string, { done: Promise<void>; relayed: CommittedRoomEvent[] }>();

	constructor(
		private readonly recorder: Recorder,
		private readonly clock: Clock
	) {}

	private activity(interviewId: string): InterviewActivity {
		let a = this.byInterview.get(interviewId);
		if (!a) {
			a = { connections: new Map(), state: emptyRoom(), outputChars: 0 };
			this.byInterview.set(interviewId, a);
		}
		return a;
	}

	/**
	 * Issue 13: shares this process's room state with the others on the bus: committed events are
	 * relayed and folded everywhere, presence is announced, and an interview first served here
	 * starts from its log, so a joiner's snapshot is the same on every process.
	 */
	joinCluster(deps: RoomClusterDeps): () => void {
		const cluster = new RoomCluster(deps, {
			localEntries: (id) => [...(this.byInterview.get(id)?.connections.values() ?? [])],
			servedHere: () => [...this.byInterview].filter(([, a]) => a.connections.size > 0).map(([id]) => id),
			foldRemote: (id, event) => this.foldRemote(id, event),
			presenceChanged: (id) => this.presenceChanged(id)
		});
		this.cluster = cluster;
		return () => {
			cluster.close();
			if (this.cluster === cluster) this.cluster = null;
		};
	}

	async join(p: Participant): Promise<PresenceEntry[]> {
		await this.hydrate(p.interview.id);
		const a = this.activity(p.interview.id);
		const firstHere = a.connections.size === 0;
		const entry = a.connections.get(p.participant.id);
		if (entry) entry.connections++;
		else {
			const view = toView(p.participant);
			a.connections.set(p.participant.id, { ...view, connections: 1 });
			await this.commit(
				p.interview.id,
				roomEvent('participant:join', view.id, { name: view.name, role: view.role, color: view.color })
			);
			this.cluster?.publishPresence(p.interview.id, firstHere);
			this.presenceChanged(p.interview.id);
		}
		return this.presence(p.interview.id);
	}

	/** An interview this process has no state of yet starts from its log (issue 13). */
	private async hydrate(interviewId: string): Promise<void> {
		const cluster = this.cluster;
		if (!cluster || this.byInterview.has(interviewId)) return;
		const running = this.hydrating.get(interviewId);
		if (running) return running.done;
		const relayed: CommittedRoomEvent[] = [];
		const done = (async () => {
			let state = emptyRoom();
			let lastSeq = 0;
			try {
				for await (const e of cluster.log.readLog(interviewId)) {
					if (e.kind !== 'event') continue;
					const { kind: _kind, interviewId: _id, ...event } = e;
					state = reduceRoom(state, event as CommittedRoomEvent);
					lastSeq = e.seq;
				}
			} finally {
				this.hydrating.delete(interviewId);
			}
			for (const e of relayed) if (e.seq > lastSeq) state = reduceRoom(state, e);
			if (!this.byInterview.has(interviewId)) {
				this.byInterview.set(interviewId, { connections: new Map(), state, outputChars: 0 });
			}
		})();
		this.hydrating.set(interviewId, { done, relayed });
		return done;
	}

	/** An event another process committed: folded here too, if this process serves the interview. */
	private foldRemote(interviewId: string, event: CommittedRoomEvent): void {
		const pending = this.hydrating.get(interviewId);
		if (pending) return void pending.relayed.push(event);
		const a = this.byInterview.get(interviewId);
		if (a) a.state = reduceRoom(a.state, event);
	}

	async leave(p: Participant): Promise<PresenceEntry[]> {
		const a = this.activity(p.interview.id);
		const entry = a.connections.get(p.participant.id);
		if (entry && --entry.connections <= 0) {
			a.connections.delete(p.participant.id);
			await this.commit(p.interview.id, roomEvent('participant:leave', p.participant.id, {}));
			this.cluster?.publishPresence(p.interview.id);
			this.presenceChanged(p.interview.id);
		}
		const list = this.presence(p.interview.id);
		if (a.connections.size === 0 && !a.state.run && !a.state.tests.visible && !a.state.tests.hidden) {
			this.byInterview.delete(p.interview.id);
		}
		return list;
	}

	/** DEL-1: the interview was deleted. */
	forget(interviewId: string): void {
		this.byInterview.delete(interviewId);
	}

	/** Everyone in the room: here and, with several processes, on the others (tabs added up). */
	presence(interviewId: string): PresenceEntry[] {
		const here = [...(this.byInterview.get(interviewId)?.connections.values() ?? [])];
		const elsewhere = this.cluster?.remoteEntries(interviewId) ?? [];
		if (elsewhere.length === 0) return here;
		const byId = new Map(here.map((e) => [e.id, { ...e }]));
		for (const e of elsewhere) {
			const known = byId.get(e.id);
			if (known) known.connections += e.connections;
			else byId.set(e.id, { ...e });
		}
		return [...byId.values()];
	}

	/** What a participant joining now needs; hidden test results only for interviewers (PRIV-2). */
	snapshot(interviewId: string, endedAt: number | null, role: Role): RoomSnapshot {
		const state = this.byInterview.get(interviewId)?.state ?? emptyRoom();
		return toSnapshot({ ...state, endedAt }, this.presence(interviewId), can(role, 'seeHiddenTests'));
	}

	/** Visible tests: anyone who may run. Hidden tests: interviewers only (PRIV-2). */
	async startTests(p: Participant, ended: boolean, start: TestsStart): Promise<CommittedRoomEvent> {
		const role = p.participant.role;
		const allowed = start.suite === 'hidden' ? can(role, 'runHiddenTests') : can(role, 'run', { ended });
		if (!allowed) {
			throw new DomainError(
				'forbidden',
				ended ? 'The interview has ended' : `A ${role} cannot run the ${start.suite} tests`
			);
		}
		this.assertProblemOf(p, start.problemId);
		return this.commit(
			p.interview.id,
			roomEvent('tests:start', p.participant.id, {
				runId: start.runId,
				problemId: start.problemId,
				suite: start.suite
			}),
			p
		);
	}

	async endTests(p: Participant, result: TestsResult): Promise<CommittedRoomEvent> {
		const { tests } = this.activity(p.interview.id).state;
		const view = [tests.visible, tests.hidden].find((t) => t?.runId === result.runId);
		if (!view) throw new DomainError('not_found', `No current test run "${result.runId}"`);
		if (view.by.id !== p.participant.id) throw new DomainError('forbidden', 'Only who started a test run reports it');
		if (view.result) throw new DomainError('conflict', 'This test run has already ended');
		return this.commit(
			p.interview.id,
			roomEvent('tests:result', p.participant.id, {
				runId: view.runId,
				problemId: view.problemId,
				suite: view.suite,
				outcome: result.outcome,
				summary: result.report?.summary ?? null,
				report: result.report,
				...(result.message !== undefined ? { message: result.message } : {})
			})
		);
	}

	async startRun(p: Participant, ended: boolean, start: RunStart): Promise<CommittedRoomEvent> {
		if (!can(p.participant.role, 'run', { ended })) {
			throw new DomainError('forbidden', ended ? 'The interview has ended' : `A ${p.participant.role} cannot run code`);
		}
		this.assertProblemOf(p, start.problemId);
		return this.commit(
			p.interview.id,
			roomEvent('run:start', p.participant.id, { runId: start.runId, problemId: start.problemId }),
			p
		);
	}

	/**
	 * Records the output cut at the run's cap and the interview's (QUOTA-3); null (nothing
	 * recorded) once a cap was reached. ROLE-4: a run the candidate started before the end
	 * reports nothing after it.
	 */
	async appendOutput(p: Participant, ended: boolean, out: RunOutput): Promise<CommittedRoomEvent | null> {
		const run = this.ownRun(p, out.runId, ended);
		if (run.truncated) return null;
		const a = this.activity(p.interview.id);
		const cut = capOutput(run, out.text);
		const left = Math.max(0, MAX_INTERVIEW_OUTPUT_CHARS - a.outputChars);
		const text = cut.text.slice(0, left);
		const truncated = cut.truncated || text.length < cut.text.length;
		a.outputChars += text.length;
		return this.commit(
			p.interview.id,
			roomEvent('run:output', p.participant.id, { runId: out.runId, stream: out.stream, text, truncated })
		);
	}

	async endRun(p: Participant, ended: boolean, end: RunEnd): Promise<CommittedRoomEvent> {
		const run = this.ownRun(p, end.runId, ended);
		if (run.end) throw new DomainError('conflict', 'This run has already ended');
		return this.commit(
			p.interview.id,
			roomEvent('run:end', p.participant.id, {
				runId: end.runId,
				outcome: end.outcome,
				durationMs: end.durationMs,
				...(end.message !== undefined ? { message: end.message } : {})
			})
		);
	}

	/**
	 * ROLE-3, TAKE-3: records every end the interviews report (an interviewer's, or a take-home's
	 * deadline), then tells the listeners, which relay it to the room.
	 */
	watchEnds(interviews: Pick<InterviewService, 'onEnded'>, logger: Logger): () => void {
		return interviews.onEnded((interviewId, endedAt, by) => {
			this.recordEnded(interviewId, by, endedAt).then(
				(event) => {
					for (const l of this.listeners) l(interviewId, event);
				},
				(err) => logger.error(`could not record the end of ${interviewId}`, err)
			);
		});
	}

	/** ORG-1: told when someone enters a room or its last tab closes (not for a second tab). */
	onPresenceChanged(listener: (interviewId: string) => void): () => void {
		this.presenceListeners.add(listener);
		return () => this.presenceListeners.delete(listener);
	}

	private presenceChanged(interviewId: string): void {
		for (const l of this.presenceListeners) l(interviewId);
	}

	onServerEvent(listener: RoomEventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	/** `by` null: a take-home's time ran out. */
	async recordEnded(interviewId: string, by: Participant | null, endedAt: number): Promise<CommittedRoomEvent> {
		return this.commit(
			interviewId,
			roomEvent('interview:end', by?.participant.id ?? 'server', {
				endedAt,
				reason: by ? 'ended' : 'time box ran out'
			})
		);
	}

	private assertProblemOf(p: Participant, problemId: string): void {
		if (!p.interview.problemIds.includes(problemId)) {
			throw new DomainError('invalid', `problemId "${problemId}" is not a problem of this interview`, 'problemId');
		}
	}

	private ownRun(p: Participant, runId: string, ended: boolean) {
		if (!can(p.participant.role, 'run', { ended })) throw new DomainError('forbidden', 'The interview has ended');
		const run = this.activity(p.interview.id).state.run;
		if (!run || run.runId !== runId) throw new DomainError('not_found', `No current run "${runId}"`);
		if (run.by.id !== p.participant.id) throw new DomainError('forbidden', 'Only who started a run reports it');
		return run;
	}

	/**
	 * Folds the event into the room's state at once, in the order events are accepted (the
	 * recorder appends in the same order), and resolves once it is committed: callers relay it
	 * only then (log first).
	 */
	private async commit(interviewId: string, event: RoomEvent, by?: Participant): Promise<CommittedRoomEvent> {
		const t = this.clock.now();
		const a = this.activity(interviewId);
		if (by && !a.state.people[by.participant.id]) {
			a.state = { ...a.state, people: { ...a.state.people, [by.participant.id]: toView(by.participant) } };
		}
		a.state = reduceRoom(a.state, { ...event, t });
		const stored = await this.recorder.append({ interviewId, t, kind: 'event', ...event });
		const committed = { ...event, seq: stored.seq, t } as CommittedRoomEvent;
		this.cluster?.publishEvent(interviewId, committed);
		return committed;
	}
}
