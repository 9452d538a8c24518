import type { CalibrationStore } from '../../domain/ports.js';
import type {
	CalibrationSessionRecord,
	CardOutcome,
	RaterCardRecord,
	RaterDraftRecord,
	RaterRecord,
	RoundRecord
} from '../../domain/calibration/calibrationTypes.js';
import { rowToCard, rowToRater, rowToRound, rowToSession, type Row } from '../calibrationRows.js';
import type { PostgresDatabase } from './PostgresDatabase.js';

/** Tables `calibration_*` (CAL-1..8); each method that must be atomic is one transaction. */
export class PgCalibrationStore implements CalibrationStore {
	constructor(private readonly database: PostgresDatabase) {}

	private async rows(sql: string, params: unknown[]): Promise<Row[]> {
		return (await this.database.pool.query<Row>(sql, params)).rows;
	}

	async createSession(
		s: CalibrationSessionRecord,
		interviewIds: string[],
		raters: RaterRecord[],
		first: RoundRecord
	): Promise<void> {
		await this.database.transaction(async (c) => {
			await c.query(
				`INSERT INTO calibration_sessions (id, title, rubric_id, blind, created_at) VALUES ($1, $2, $3, $4, $5)`,
				[s.id, s.title, s.rubricId, s.blind, s.createdAt]
			);
			for (const [i, id] of interviewIds.entries()) {
				await c.query(`INSERT INTO calibration_interviews (session_id, interview_id, position) VALUES ($1, $2, $3)`, [
					s.id,
					id,
					i
				]);
			}
			for (const r of raters) {
				await c.query(
					`INSERT INTO calibration_raters (id, session_id, person_id, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)`,
					[r.id, r.sessionId, r.personId, r.tokenHash, r.createdAt]
				);
			}
			await c.query(
				`INSERT INTO calibration_rounds (session_id, round, opened_at, revealed_at, revealed_by) VALUES ($1, $2, $3, $4, $5)`,
				[first.sessionId, first.round, first.openedAt, first.revealedAt, first.revealedBy]
			);
		});
	}

	async getSession(id: string): Promise<CalibrationSessionRecord | undefined> {
		const [r] = await this.rows(`SELECT * FROM calibration_sessions WHERE id = $1`, [id]);
		return r && rowToSession(r);
	}

	async listSessions(): Promise<CalibrationSessionRecord[]> {
		return (await this.rows(`SELECT * FROM calibration_sessions ORDER BY created_at DESC, ord DESC`, [])).map(
			rowToSession
		);
	}

	async deleteSession(id: string): Promise<boolean> {
		const r = await this.database.pool.query(`DELETE FROM calibration_sessions WHERE id = $1`, [id]);
		return (r.rowCount ?? 0) > 0;
	}

	async sessionInterviews(sessionId: string): Promise<string[]> {
		const rows = await this.rows(
			`SELECT interview_id FROM calibration_interviews WHERE session_id = $1 ORDER BY position`,
			[sessionId]
		);
		return rows.map((r) => r.interview_id as string);
	}

	async listRaters(sessionId: string): Promise<RaterRecord[]> {
		return (await this.rows(`SELECT * FROM calibration_raters WHERE session_id = $1 ORDER BY ord`, [sessionId])).map(
			rowToRater
		);
	}

	async findRaterByTokenHash(tokenHash: string): Promise<RaterRecord | undefined> {
		const [r] = await this.rows(`SELECT * FROM calibration_raters WHERE token_hash = $1`, [tokenHash]);
		return r && rowToRater(r);
	}

	async ratersOfPerson(personId: string): Promise<RaterRecord[]> {
		const rows = await this.rows(`SELECT * FROM calibration_raters WHERE person_id = $1 ORDER BY created_at, ord`, [
			personId
		]);
		return rows.map(rowToRater);
	}

	async listRounds(sessionId: string): Promise<RoundRecord[]> {
		return (await this.rows(`SELECT * FROM calibration_rounds WHERE session_id = $1 ORDER BY round`, [sessionId])).map(
			rowToRound
		);
	}

	async revealRound(sessionId: string, round: number, at: number, by: RoundRecord['revealedBy']): Promise<boolean> {
		const r = await this.database.pool.query(
			`UPDATE calibration_rounds SET revealed_at = $1, revealed_by = $2 WHERE session_id = $3 AND round = $4 AND revealed_at IS NULL`,
			[at, by, sessionId, round]
		);
		return (r.rowCount ?? 0) > 0;
	}

	async openRound(next: RoundRecord): Promise<boolean> {
		return this.database.transaction(async (c) => {
			// The session's row lock makes two organizers opening at once add one round, not two.
			await c.query(`SELECT 1 FROM calibration_sessions WHERE id = $1 FOR UPDATE`, [next.sessionId]);
			const { rows } = await c.query<Row>(
				`SELECT * FROM calibration_rounds WHERE session_id = $1 ORDER BY round DESC LIMIT 1`,
				[next.sessionId]
			);
			const last = rows[0] && rowToRound(rows[0]);
			if (!last || last.round !== next.round - 1 || last.revealedAt === null) return false;
			await c.query(
				`INSERT INTO calibration_rounds (session_id, round, opened_at, revealed_at, revealed_by) VALUES ($1, $2, $3, NULL, NULL)`,
				[next.sessionId, next.round, next.openedAt]
			);
			return true;
		});
	}

	async getDraft(sessionId: string, raterId: string, interviewId: string, round: number) {
		const [r] = await this.rows(
			`SELECT data, saved_at FROM calibration_drafts WHERE session_id = $1 AND rater_id = $2 AND interview_id = $3 AND round = $4`,
			[sessionId, raterId, interviewId, round]
		);
		return (
			r && { sessionId, raterId, interviewId, round, draft: JSON.parse(r.data as string), savedAt: Number(r.saved_at) }
		);
	}

	async saveDraft(d: RaterDraftRecord): Promise<void> {
		await this.database.pool.query(
			`INSERT INTO calibration_drafts (session_id, rater_id, interview_id, round, data, saved_at) VALUES ($1, $2, $3, $4, $5, $6)
			 ON CONFLICT (session_id, rater_id, interview_id, round) DO UPDATE SET data = EXCLUDED.data, saved_at = EXCLUDED.saved_at`,
			[d.sessionId, d.raterId, d.interviewId, d.round, JSON.stringify(d.draft), d.savedAt]
		);
	}

	async submitCard(card: RaterCardRecord): Promise<CardOutcome> {
		return this.database.transaction(async (c) => {
			// Locks the round: a reveal waits for this card, or this card sees the reveal.
			const { rows } = await c.query<{ revealed_at: number | null }>(
				`SELECT revealed_at FROM calibration_rounds WHERE session_id = $1 AND round = $2 FOR UPDATE`,
				[card.sessionId, card.round]
			);
			if (rows.length === 0 || rows[0].revealed_at !== null) return 'closed';
			const r = await c.query(
				`INSERT INTO calibration_cards (session_id, rater_id, interview_id, round, ratings, recommendation, confidence, submitted_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
				[
					card.sessionId,
					card.raterId,
					card.interviewId,
					card.round,
					JSON.stringify(card.ratings),
					card.recommendation,
					card.confidence,
					card.submittedAt
				]
			);
			if ((r.rowCount ?? 0) === 0) return 'exists';
			await c.query(
				`DELETE FROM calibration_drafts WHERE session_id = $1 AND rater_id = $2 AND interview_id = $3 AND round = $4`,
				[card.sessionId, card.raterId, card.interviewId, card.round]
			);
			return 'stored';
		});
	}

	async listCards(sessionId: string): Promise<RaterCardRecord[]> {
		const rows = await this.rows(
			`SELECT * FROM calibration_cards WHERE session_id = $1 ORDER BY round, submitted_at, ord`,
			[sessionId]
		);
		return rows.map(rowToCard);
	}
}
