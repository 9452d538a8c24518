import type { InterviewStore } from '../../domain/ports.js';
import type { InterviewRecord, ParticipantRecord } from '../../domain/types.js';
import { rowToInterview, rowToParticipant, type Row } from '../rows.js';
import type { PostgresDatabase } from './PostgresDatabase.js';

/** Tables `interviews` and `participants`; `ord` keeps the order of creation. */
export class PgInterviewStore implements InterviewStore {
	constructor(private readonly database: PostgresDatabase) {}

	async createInterview(iv: InterviewRecord, participants: ParticipantRecord[]): Promise<void> {
		await this.database.transaction(async (c) => {
			await c.query(
				`INSERT INTO interviews (id, title, candidate_name, problem_ids, rubric_id, created_at, ended_at, mode, time_box_minutes, started_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
				[
					iv.id,
					iv.title,
					iv.candidateName,
					JSON.stringify(iv.problemIds),
					iv.rubricId,
					iv.createdAt,
					iv.endedAt,
					iv.mode,
					iv.timeBoxMinutes,
					iv.startedAt
				]
			);
			for (const p of participants) {
				await c.query(
					`INSERT INTO participants (id, interview_id, name, role, color, token_hash, person_id)
					 VALUES ($1, $2, $3, $4, $5, $6, $7)`,
					[p.id, p.interviewId, p.name, p.role, p.color, p.tokenHash, p.personId ?? null]
				);
			}
		});
	}

	async getInterview(id: string): Promise<InterviewRecord | undefined> {
		const r = await this.database.pool.query<Row>(`SELECT * FROM interviews WHERE id = $1`, [id]);
		return r.rows[0] && rowToInterview(r.rows[0]);
	}

	async findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined> {
		const r = await this.database.pool.query<Row>(`SELECT * FROM participants WHERE token_hash = $1`, [tokenHash]);
		return r.rows[0] && rowToParticipant(r.rows[0]);
	}

	async participantsOf(interviewId: string): Promise<ParticipantRecord[]> {
		const r = await this.database.pool.query<Row>(`SELECT * FROM participants WHERE interview_id = $1 ORDER BY ord`, [
			interviewId
		]);
		return r.rows.map(rowToParticipant);
	}

	async markEnded(id: string, endedAt: number): Promise<{ endedAt: number; changed: boolean }> {
		const changed =
			((
				await this.database.pool.query(`UPDATE interviews SET ended_at = $1 WHERE id = $2 AND ended_at IS NULL`, [
					endedAt,
					id
				])
			).rowCount ?? 0) > 0;
		const stored = (await this.getInterview(id))?.endedAt;
		return { endedAt: stored ?? endedAt, changed };
	}

	async markStarted(id: string, startedAt: number): Promise<number> {
		await this.database.pool.query(`UPDATE interviews SET started_at = $1 WHERE id = $2 AND started_at IS NULL`, [
			startedAt,
			id
		]);
		return (await this.getInterview(id))?.startedAt ?? startedAt;
	}

	async listRunningTakeHomes(): Promise<InterviewRecord[]> {
		return this.list(`WHERE mode = 'take-home' AND started_at IS NOT NULL AND ended_at IS NULL ORDER BY ord`);
	}

	async listInterviews(limit: number): Promise<InterviewRecord[]> {
		return this.list(`ORDER BY created_at DESC, ord DESC LIMIT $1`, [limit]);
	}

	async listEndedBefore(t: number): Promise<InterviewRecord[]> {
		return this.list(`WHERE ended_at IS NOT NULL AND ended_at < $1 ORDER BY ord`, [t]);
	}

	async listEndedBetween(from: number, to: number): Promise<InterviewRecord[]> {
		return this.list(`WHERE ended_at >= $1 AND ended_at < $2 ORDER BY ended_at, ord`, [from, to]);
	}

	private async list(where: string, params: unknown[] = []): Promise<InterviewRecord[]> {
		const r = await this.database.pool.query<Row>(`SELECT * FROM interviews ${where}`, params);
		return r.rows.map(rowToInterview);
	}
}
