import type { DocName, Role } from '../../src/lib/shared/protocol.js';
import type { InterviewRecord, LogEntry, ParticipantRecord } from '../domain/types.js';
import type { PersonRecord } from '../domain/calibration/calibrationTypes.js';

/** Row shapes and their mapping to records, shared by the repositories that read them. */

export type Row = Record<string, unknown>;

export function bytesOf(b: Buffer): Uint8Array {
	return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export function rowToInterview(r: Row): InterviewRecord {
	return {
		id: r.id as string,
		title: r.title as string,
		candidateName: r.candidate_name as string,
		problemIds: JSON.parse(r.problem_ids as string),
		rubricId: (r.rubric_id as string | null) ?? null,
		createdAt: r.created_at as number,
		endedAt: (r.ended_at as number | null) ?? null,
		mode: (r.mode as InterviewRecord['mode']) ?? 'live',
		timeBoxMinutes: (r.time_box_minutes as number | null) ?? null,
		startedAt: (r.started_at as number | null) ?? null,
		// Only when set, so records read back equal the ones created.
		...(r.consented_at != null ? { consentedAt: r.consented_at as number } : {})
	};
}

export function rowToParticipant(r: Row): ParticipantRecord {
	return {
		id: r.id as string,
		interviewId: r.interview_id as string,
		name: r.name as string,
		role: r.role as Role,
		color: r.color as string,
		tokenHash: r.token_hash as string,
		// Only when set, so records read back equal the ones created.
		...(r.person_id != null ? { personId: r.person_id as string } : {})
	};
}

export function rowToPerson(r: Row): PersonRecord {
	return {
		id: r.id as string,
		name: r.name as string,
		email: (r.email as string | null) ?? null,
		role: (r.role as string | null) ?? null,
		level: (r.level as string | null) ?? null,
		createdAt: Number(r.created_at)
	};
}

export interface LogRow {
	interview_id: string;
	seq: number;
	t: number;
	kind: 'yjs' | 'event';
	doc: DocName | null;
	type: string | null;
	actor: string;
	data: Buffer;
}

export function rowToEntry(r: LogRow): LogEntry {
	const base = { interviewId: r.interview_id, seq: r.seq, t: r.t, actor: r.actor };
	if (r.kind === 'yjs') return { ...base, kind: 'yjs', doc: r.doc as DocName, update: bytesOf(r.data) };
	// Written by the domain from a validated RoomEvent.
	return { ...base, kind: 'event', type: r.type ?? '', data: JSON.parse(r.data.toString('utf8')) } as LogEntry;
}
