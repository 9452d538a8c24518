import type { DocName, Role } from '../../src/lib/shared/protocol.js';

export interface InterviewRecord {
	id: string;
	title: string;
	candidateName: string;
	problemIds: string[];
	rubricId: string | null;
	createdAt: number;
	endedAt: number | null;
}

export interface ParticipantRecord {
	id: string;
	interviewId: string;
	name: string;
	role: Role;
	color: string;
	tokenHash: string;
}

export type NewLogEntry =
	| { interviewId: string; t: number; kind: 'yjs'; doc: DocName; actor: string; update: Uint8Array }
	| { interviewId: string; t: number; kind: 'event'; type: string; actor: string; data: unknown };

export type LogEntry = NewLogEntry & { seq: number };

export interface Checkpoint {
	seq: number;
	state: Uint8Array;
}

/** What a problem offers; `statement` is safe for every role, the rest is not. */
export interface Problem {
	id: string;
	title: string;
	kind: string;
	statement: string;
	starter: string;
	timeBoxMinutes: number;
	competencies: string[];
}
