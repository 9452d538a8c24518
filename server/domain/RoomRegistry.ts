import type { DocName } from '../../src/lib/shared/protocol.js';
import { buildCodeSeed, FILES, STATE } from '../../src/lib/shared/codeDoc.js';
import { DocRoom, type DocRoomDeps, type RoomConnection } from './DocRoom.js';
import type { InterviewService, Participant } from './InterviewService.js';
import { can, isInterviewOver } from '../../src/lib/shared/permissions.js';
import type { CandidateSignals } from './CandidateSignals.js';
import { WorkBudget } from './WorkBudget.js';

/** What every room shares (DocRoomDeps), plus the interviews the registry opens rooms for. */
export interface RoomRegistryDeps extends Pick<
	DocRoomDeps,
	'log' | 'recorder' | 'guard' | 'bus' | 'clock' | 'scheduler' | 'logger' | 'processId'
> {
	interviews: InterviewService;
	/** SIG-1: large pastes are read from the stored code updates. */
	signals?: CandidateSignals;
}

/** Interview ids, as each process ends them. */
const ENDED_CHANNEL = 'interviews:ended';

/** Loads each (interview, document) room once, and unloads it when it has been idle. */
export class RoomRegistry {
	private readonly rooms = new Map<string, DocRoom>();
	/** Interviews known to have ended (ROLE-4), so write checks need no database read. */
	private readonly ended = new Set<string>();
	/** Take-home deadlines (TAKE-3): writes stop at the deadline, before any sweep marks the end. */
	private readonly deadlines = new Map<string, number>();
	private readonly workBudget: WorkBudget;

	constructor(private readonly deps: RoomRegistryDeps) {
		this.workBudget = new WorkBudget(deps.clock);
		// ROLE-4 on every process: an interview ended here is ended for the rooms of the others too.
		deps.interviews.onEnded((id) => {
			this.ended.add(id);
			deps.bus.publish(ENDED_CHANNEL, new TextEncoder().encode(id));
		});
		deps.bus.subscribe(ENDED_CHANNEL, (m) => this.ended.add(new TextDecoder().decode(m)));
	}

	async open(p: Participant, doc: DocName): Promise<DocRoom> {
		if (p.interview.endedAt !== null) this.ended.add(p.interview.id);
		const deadline = this.deps.interviews.deadlineOf(p.interview);
		if (deadline !== null) this.deadlines.set(p.interview.id, deadline);
		const key = `${p.interview.id}/${doc}`;
		let room = this.rooms.get(key);
		if (!room) {
			const interview = p.interview;
			room = new DocRoom({
				interviewId: interview.id,
				doc,
				log: this.deps.log,
				recorder: this.deps.recorder,
				guard: this.deps.guard,
				workBudget: this.workBudget,
				bus: this.deps.bus,
				clock: this.deps.clock,
				scheduler: this.deps.scheduler,
				logger: this.deps.logger,
				processId: this.deps.processId,
				canWrite: (conn: RoomConnection) => can(conn.participant.role, 'edit', { ended: this.isOver(interview.id) }),
				protectedFor: (conn: RoomConnection) =>
					doc === 'code' && !can(conn.participant.role, 'switchProblem') ? [STATE] : undefined,
				schema: doc === 'canvas' ? 'canvas' : undefined,
				cheapTextsIn: doc === 'code' ? FILES : undefined,
				seed: async () => (doc === 'code' ? buildCodeSeed(this.deps.interviews.starterFiles(interview)) : null),
				onIdle: (r) => void this.unload(r),
				onBroken: (r) => {
					if (this.rooms.get(r.key) === r) this.rooms.delete(r.key);
				},
				onStored: (update, by) => {
					if (doc === 'code' && this.deps.signals) void this.deps.signals.codeStored(interview.id, by, update);
				}
			});
			this.rooms.set(key, room);
			room.ready.catch(() => this.rooms.delete(key));
		}
		return room;
	}

	private isOver(interviewId: string): boolean {
		const endedAt = this.ended.has(interviewId) ? 0 : null;
		return isInterviewOver({ endedAt, deadline: this.deadlines.get(interviewId) ?? null }, this.deps.clock.now());
	}

	get(interviewId: string, doc: DocName): DocRoom | undefined {
		return this.rooms.get(`${interviewId}/${doc}`);
	}

	private async unload(room: DocRoom): Promise<void> {
		if (room.connectionCount > 0) return;
		this.rooms.delete(room.key);
		await room.close();
	}

	/** DEL-1: closes the interview's rooms without writing anything more of it. */
	discardInterview(interviewId: string, code: number, reason: string): void {
		for (const doc of ['code', 'canvas'] as DocName[]) {
			const room = this.rooms.get(`${interviewId}/${doc}`);
			if (!room) continue;
			this.rooms.delete(room.key);
			room.discard(code, reason);
		}
		this.ended.delete(interviewId);
		this.deadlines.delete(interviewId);
	}

	/** ORG-3: a participant's link was replaced: their open document connections are closed. */
	disconnectParticipant(interviewId: string, participantId: string, code: number, reason: string): void {
		for (const doc of ['code', 'canvas'] as DocName[]) {
			this.rooms.get(`${interviewId}/${doc}`)?.disconnectParticipant(participantId, code, reason);
		}
	}

	/** Graceful shutdown: disconnect, store what is pending, checkpoint every room. */
	async closeAll(code: number, reason: string): Promise<void> {
		const rooms = [...this.rooms.values()];
		this.rooms.clear();
		for (const r of rooms) r.disconnectAll(code, reason);
		await Promise.all(rooms.map((r) => r.close()));
	}
}
