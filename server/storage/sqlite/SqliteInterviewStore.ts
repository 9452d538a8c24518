import type { InterviewStore } from '../../domain/ports.js';
import type { InterviewRecord, ParticipantRecord } from '../../domain/types.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { rowToInterview, rowToParticipant, type Row } from '../rows.js';

/** Tables `interviews` and `participants`. */
export class SqliteInterviewStore implements InterviewStore {
	private readonly stmt;

	constructor(private readonly database: SqliteDatabase) {
		const db = database.db;
		this.stmt = {
			insertInterview: db.prepare(
				`INSERT INTO interviews (id, title, candidate_name, problem_ids, rubric_id, created_at, ended_at, mode, time_box_minutes, started_at)
				 VALUES (@id, @title, @candidateName, @problemIds, @rubricId, @createdAt, @endedAt, @mode, @timeBoxMinutes, @startedAt)`
			),
			insertParticipant: db.prepare(
				`INSERT INTO participants (id, interview_id, name, role, color, token_hash, person_id)
				 VALUES (@id, @interviewId, @name, @role, @color, @tokenHash, @personId)`
			),
			getInterview: db.prepare(`SELECT * FROM interviews WHERE id = ?`),
			participantByHash: db.prepare(`SELECT * FROM participants WHERE token_hash = ?`),
			participantsOf: db.prepare(`SELECT * FROM participants WHERE interview_id = ? ORDER BY rowid`),
			markEnded: db.prepare(`UPDATE interviews SET ended_at = ? WHERE id = ? AND ended_at IS NULL`),
			markStarted: db.prepare(`UPDATE interviews SET started_at = ? WHERE id = ? AND started_at IS NULL`),
			runningTakeHomes: db.prepare(
				`SELECT * FROM interviews WHERE mode = 'take-home' AND started_at IS NOT NULL AND ended_at IS NULL`
			),
			list: db.prepare(`SELECT * FROM interviews ORDER BY created_at DESC, rowid DESC LIMIT ?`),
			endedBefore: db.prepare(`SELECT * FROM interviews WHERE ended_at IS NOT NULL AND ended_at < ?`),
			endedBetween: db.prepare(`SELECT * FROM interviews WHERE ended_at >= ? AND ended_at < ? ORDER BY ended_at, rowid`)
		};
	}

	async createInterview(interview: InterviewRecord, participants: ParticipantRecord[]): Promise<void> {
		this.database.transaction(() => {
			this.stmt.insertInterview.run({ ...interview, problemIds: JSON.stringify(interview.problemIds) });
			for (const p of participants) this.stmt.insertParticipant.run({ ...p, personId: p.personId ?? null });
		});
	}

	async getInterview(id: string): Promise<InterviewRecord | undefined> {
		const r = this.stmt.getInterview.get(id) as Row | undefined;
		return r && rowToInterview(r);
	}

	async findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined> {
		const r = this.stmt.participantByHash.get(tokenHash) as Row | undefined;
		return r && rowToParticipant(r);
	}

	async participantsOf(interviewId: string): Promise<ParticipantRecord[]> {
		return (this.stmt.participantsOf.all(interviewId) as Row[]).map(rowToParticipant);
	}

	async markEnded(id: string, endedAt: number): Promise<{ endedAt: number; changed: boolean }> {
		const changed = this.stmt.markEnded.run(endedAt, id).changes > 0;
		const stored = (await this.getInterview(id))?.endedAt;
		return { endedAt: stored ?? endedAt, changed };
	}

	async markStarted(id: string, startedAt: number): Promise<number> {
		this.stmt.markStarted.run(startedAt, id);
		return (await this.getInterview(id))?.startedAt ?? startedAt;
	}

	async listRunningTakeHomes(): Promise<InterviewRecord[]> {
		return (this.stmt.runningTakeHomes.all() as Row[]).map(rowToInterview);
	}

	async listInterviews(limit: number): Promise<InterviewRecord[]> {
		return (this.stmt.list.all(limit) as Row[]).map(rowToInterview);
	}

	async listEndedBefore(t: number): Promise<InterviewRecord[]> {
		return (this.stmt.endedBefore.all(t) as Row[]).map(rowToInterview);
	}

	async listEndedBetween(from: number, to: number): Promise<InterviewRecord[]> {
		return (this.stmt.endedBetween.all(from, to) as Row[]).map(rowToInterview);
	}
}
