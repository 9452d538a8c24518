import type { DocName } from '../../src/lib/shared/protocol.js';
import type { Stores } from '../domain/ports.js';
import type { InterviewRecord, LogEntry, NewLogEntry, ParticipantRecord } from '../domain/types.js';

/** A set of stores for a contract suite, and how to open the same database again. */
export interface StoresUnderTest {
	/** Empty stores. */
	stores: Stores;
	/** Durable stores only: opens the same database again, after the suite has closed `stores`. */
	reopen?(): Stores | Promise<Stores>;
	/** Removes whatever the stores left behind (files, schemas); they are already closed. */
	cleanup?(): void | Promise<void>;
}

export function event(interviewId: string, type: string, data: unknown = { type }): NewLogEntry {
	// The store keeps any event as it is given; which types exist is the domain's business.
	return { interviewId, t: 1_000, kind: 'event', type, actor: 'p1', data } as NewLogEntry;
}

export function yjs(interviewId: string, doc: DocName, update: number[]): NewLogEntry {
	return { interviewId, t: 1_000, kind: 'yjs', doc, actor: 'p1', update: new Uint8Array(update) };
}

export function typeOf(e: LogEntry): string {
	return e.kind === 'event' ? e.type : `yjs:${e.doc}`;
}

export function bytes(n: number): Uint8Array {
	return new Uint8Array([n, n + 1, n + 2]);
}

export function range(from: number, to: number): number[] {
	return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export function interview(id: string, over: Partial<InterviewRecord> = {}): InterviewRecord {
	return {
		id,
		title: `Interview ${id}`,
		candidateName: 'Cara',
		problemIds: ['moving-average', 'softmax'],
		rubricId: id === 'iv2' ? 'swe-default' : null,
		createdAt: 1_000,
		endedAt: null,
		mode: 'live',
		timeBoxMinutes: null,
		startedAt: null,
		...over
	};
}

export function participants(interviewId: string): ParticipantRecord[] {
	return (['candidate', 'interviewer', 'observer'] as const).map((role) => ({
		id: `${interviewId}-${role}`,
		interviewId,
		name: `${role} of ${interviewId}`,
		role,
		color: '#123456',
		tokenHash: `hash-${interviewId}-${role}`
	}));
}

export async function readAll(stores: Stores, interviewId: string, afterSeq?: number): Promise<LogEntry[]> {
	const out: LogEntry[] = [];
	for await (const e of stores.log.readLog(interviewId, afterSeq)) out.push(e);
	return out;
}
