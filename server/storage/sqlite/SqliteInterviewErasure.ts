import type { InterviewErasure } from '../../domain/ports.js';
import type { SqliteDatabase } from './SqliteDatabase.js';

/**
 * DEL-1: every table that holds rows of an interview, by its `interview_id` column. Whoever adds
 * such a table in a migration adds it here; a test compares this list with the schema, so one
 * forgotten fails the suite instead of leaving a candidate's data behind.
 */
export const INTERVIEW_TABLES = [
	'participants',
	'log',
	'checkpoints',
	'checkpoint_parts',
	'reviewer_links',
	'scorecard_drafts',
	'scorecards',
	'scorecard_seen_others',
	'loop_interviews',
	'calibration_drafts',
	'calibration_cards',
	'calibration_interviews'
] as const;

export class SqliteInterviewErasure implements InterviewErasure {
	private readonly stmt;

	constructor(private readonly database: SqliteDatabase) {
		const db = database.db;
		this.stmt = {
			rows: INTERVIEW_TABLES.map((t) => db.prepare(`DELETE FROM ${t} WHERE interview_id = ?`)),
			sessionsOf: db.prepare(`SELECT session_id FROM calibration_interviews WHERE interview_id = ?`),
			// CAL-8: a session left with no interview goes, its rater links with it (ON DELETE CASCADE).
			emptySession: db.prepare(
				`DELETE FROM calibration_sessions WHERE id = ? AND NOT EXISTS (SELECT 1 FROM calibration_interviews WHERE session_id = ?)`
			),
			interview: db.prepare(`DELETE FROM interviews WHERE id = ?`)
		};
	}

	/**
	 * One transaction; foreign keys are checked at commit, so the order does not matter.
	 * secure_delete (set at open) zeroes the freed content, and the WAL checkpoint with TRUNCATE
	 * copies those pages into the main file and empties the WAL, where the old pages would
	 * otherwise remain.
	 */
	async eraseInterview(id: string): Promise<boolean> {
		const db = this.database.db;
		const existed = this.database.transaction(() => {
			db.pragma('defer_foreign_keys = ON');
			const sessions = (this.stmt.sessionsOf.all(id) as { session_id: string }[]).map((r) => r.session_id);
			for (const s of this.stmt.rows) s.run(id);
			for (const s of sessions) this.stmt.emptySession.run(s, s);
			return this.stmt.interview.run(id).changes > 0;
		});
		db.pragma('wal_checkpoint(TRUNCATE)');
		return existed;
	}
}
