import type { InterviewErasure } from '../../domain/ports.js';
import type { PostgresDatabase } from './PostgresDatabase.js';

/**
 * DEL-1: every table that holds rows of an interview, by its `interview_id` column, including
 * the log's counter. Whoever adds such a table in a migration adds it here; a test compares this
 * list with the schema, so one forgotten fails the suite.
 */
export const PG_INTERVIEW_TABLES = [
	'participants',
	'log_seq',
	'log',
	'checkpoints',
	'reviewer_links',
	'scorecard_drafts',
	'scorecards',
	'scorecard_seen_others',
	'loop_interviews',
	'calibration_drafts',
	'calibration_cards',
	'calibration_interviews'
] as const;

export class PgInterviewErasure implements InterviewErasure {
	constructor(private readonly database: PostgresDatabase) {}

	/**
	 * One transaction: another process sees the interview whole or not at all. The rows' old
	 * versions are dead tuples until (auto)vacuum reclaims their space; unlike SQLite's
	 * secure_delete, PostgreSQL does not zero them (see ARCHITECTURE.md, Storage).
	 */
	async eraseInterview(id: string): Promise<boolean> {
		return this.database.transaction(async (c) => {
			// Taking the counter row first makes a concurrent append wait for the erasure, then start again at seq 1.
			await c.query(`SELECT 1 FROM log_seq WHERE interview_id = $1 FOR UPDATE`, [id]);
			const sessions = await c.query<{ session_id: string }>(
				`SELECT session_id FROM calibration_interviews WHERE interview_id = $1`,
				[id]
			);
			for (const table of PG_INTERVIEW_TABLES) await c.query(`DELETE FROM ${table} WHERE interview_id = $1`, [id]);
			// CAL-8: a session left with no interview goes, its rater links with it (ON DELETE CASCADE).
			for (const { session_id } of sessions.rows) {
				await c.query(
					`DELETE FROM calibration_sessions WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM calibration_interviews WHERE session_id = $1)`,
					[session_id]
				);
			}
			const r = await c.query(`DELETE FROM interviews WHERE id = $1`, [id]);
			return (r.rowCount ?? 0) > 0;
		});
	}
}
