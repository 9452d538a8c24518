import type { DocName, ParticipantView } from '../../src/lib/shared/protocol.js';
import type { DocRoom } from './DocRoom.js';
import type { Bus, Clock, DocSchema, LogStore, Logger, Scheduler, UpdateGuard } from './ports.js';
import type { Recorder } from './Recorder.js';
import type { WorkBudget } from './WorkBudget.js';

/** The minimal socket the room needs: no `ws` types, so the room is tested without a network. */
export interface RoomConnection {
	readonly id: string;
	readonly participant: ParticipantView;
	send(message: Uint8Array): void;
	close(code: number, reason: string): void;
}

export interface DocRoomDeps {
	interviewId: string;
	doc: DocName;
	log: LogStore;
	recorder: Recorder;
	guard: UpdateGuard;
	/** LIMIT-6, shared by every room of the process: what a participant's updates may cost. */
	workBudget: WorkBudget;
	bus: Bus;
	clock: Clock;
	scheduler: Scheduler;
	logger: Logger;
	/** ROLE-1/2/4: whether this connection may change the document right now. */
	canWrite(conn: RoomConnection): boolean;
	/** Top-level maps this connection may not change (the candidate and `state.activeProblem`). */
	protectedFor?(conn: RoomConnection): string[] | undefined;
	/**
	 * The root map whose Y.Text entries take cheap edits (`cheapTextEdit`: typing, deleting a few
	 * characters) checked by the room itself; every other update goes to the guard. None: all do.
	 */
	cheapTextsIn?: string;
	/** A schema every change must keep (the canvas); checked by the guard. */
	schema?: DocSchema;
	/** The first content of a document that has no history (the code starters). */
	seed(): Promise<Uint8Array | null>;
	onIdle(room: DocRoom): void;
	/** The room dropped its document (an update could not be stored): open a fresh one next time. */
	onBroken(room: DocRoom): void;
	processId: string;
	/** SIG-1: told of every stored update with who made it (null: the server). */
	onStored?(update: Uint8Array, by: ParticipantView | null): void;
}
