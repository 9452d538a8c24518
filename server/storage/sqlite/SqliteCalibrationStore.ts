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
import type { SqliteDatabase } from './SqliteDatabase.js';

/** Tables `calibration_*` (CAL-1..8). Cards are inserted, never updated (CAL-4). */
export class SqliteCalibrationStore implements CalibrationStore {
	private readonly stmt;

	constructor(private readonly database: SqliteDatabase) {
		const db = database.db;
		this.stmt = {
			insertSession: db.prepare(
				`INSERT INTO calibration_sessions (id, title, rubric_id, blind, created_at) VALUES (@id, @title, @rubricId, @blind, @createdAt)`
			),
			insertInterview: db.prepare(
				`INSERT INTO calibration_interviews (session_id, interview_id, position) VALUES (?, ?, ?)`
			),
			insertRater: db.prepare(
				`INSERT INTO calibration_raters (id, session_id, person_id, token_hash, created_at)
				 VALUES (@id, @sessionId, @personId, @tokenHash, @createdAt)`
			),
			insertRound: db.prepare(
				`INSERT INTO calibration_rounds (session_id, round, opened_at, revealed_at, revealed_by)
				 VALUES (@sessionId, @round, @openedAt, @revealedAt, @revealedBy)`
			),
			getSession: db.prepare(`SELECT * FROM calibration_sessions WHERE id = ?`),
			listSessions: db.prepare(`SELECT * FROM calibration_sessions ORDER BY created_at DESC, rowid DESC`),
			deleteSession: db.prepare(`DELETE FROM calibration_sessions WHERE id = ?`),
			interviews: db.prepare(`SELECT interview_id FROM calibration_interviews WHERE session_id = ? ORDER BY position`),
			raters: db.prepare(`SELECT * FROM calibration_raters WHERE session_id = ? ORDER BY rowid`),
			raterByHash: db.prepare(`SELECT * FROM calibration_raters WHERE token_hash = ?`),
			ratersOfPerson: db.prepare(`SELECT * FROM calibration_raters WHERE person_id = ? ORDER BY created_at, rowid`),
			rounds: db.prepare(`SELECT * FROM calibration_rounds WHERE session_id = ? ORDER BY round`),
			lastRound: db.prepare(`SELECT * FROM calibration_rounds WHERE session_id = ? ORDER BY round DESC LIMIT 1`),
			reveal: db.prepare(
				`UPDATE calibration_rounds SET revealed_at = ?, revealed_by = ? WHERE session_id = ? AND round = ? AND revealed_at IS NULL`
			),
			getDraft: db.prepare(
				`SELECT * FROM calibration_drafts WHERE session_id = ? AND rater_id = ? AND interview_id = ? AND round = ?`
			),
			saveDraft: db.prepare(
				`INSERT INTO calibration_drafts (session_id, rater_id, interview_id, round, data, saved_at)
				 VALUES (@sessionId, @raterId, @interviewId, @round, @data, @savedAt)
				 ON CONFLICT (session_id, rater_id, interview_id, round) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at`
			),
			deleteDraft: db.prepare(
				`DELETE FROM calibration_drafts WHERE session_id = ? AND rater_id = ? AND interview_id = ? AND round = ?`
			),
			roundOpen: db.prepare(`SELECT revealed_at FROM calibration_rounds WHERE session_id = ? AND round = ?`),
			insertCard: db.prepare(
				`INSERT OR IGNORE INTO calibration_cards (session_id, rater_id, interview_id, round, ratings, recommendation, confidence, submitted_at)
				 VALUES (@sessionId, @raterId, @interviewId, @round, @ratings, @recommendation, @confidence, @submittedAt)`
			),
			cards: db.prepare(
				`SELECT * FROM calibration_cards WHERE session_id = ? ORDER BY round, submitted_at, rater_id, interview_id`
			)
		};
	}

	async createSession(
		session: CalibrationSessionRecord,
		interviewIds: string[],
		raters: RaterRecord[],
		firstRound: RoundRecord
	): Promise<void> {
		this.database.transaction(() => {
			this.stmt.insertSession.run({ ...session, blind: session.blind ? 1 : 0 });
			interviewIds.forEach((id, i) => this.stmt.insertInterview.run(session.id, id, i));
			for (const r of raters) this.stmt.insertRater.run(r);
			this.stmt.insertRound.run(firstRound);
		});
	}

	async getSession(id: string): Promise<CalibrationSessionRecord | undefined> {
		const r = this.stmt.getSession.get(id) as Row | undefined;
		return r && rowToSession(r);
	}

	async listSessions(): Promise<CalibrationSessionRecord[]> {
		return (this.stmt.listSessions.all() as Row[]).map(rowToSession);
	}

	async deleteSession(id: string): Promise<boolean> {
		// ON DELETE CASCADE takes its interviews, raters, rounds, drafts and cards.
		return this.stmt.deleteSession.run(id).changes > 0;
	}

	async sessionInterviews(sessionId: string): Promise<string[]> {
		return (this.stmt.interviews.all(sessionId) as { interview_id: string }[]).map((r) => r.interview_id);
	}

	async listRaters(sessionId: string): Promise<RaterRecord[]> {
		return (this.stmt.raters.all(sessionId) as Row[]).map(rowToRater);
	}

	async findRaterByTokenHash(tokenHash: string): Promise<RaterRecord | undefined> {
		const r = this.stmt.raterByHash.get(tokenHash) as Row | undefined;
		return r && rowToRater(r);
	}

	async ratersOfPerson(personId: string): Promise<RaterRecord[]> {
		return (this.stmt.ratersOfPerson.all(personId) as Row[]).map(rowToRater);
	}

	async listRounds(sessionId: string): Promise<RoundRecord[]> {
		return (this.stmt.rounds.all(sessionId) as Row[]).map(rowToRound);
	}

	async revealRound(sessionId: string, round: number, at: number, by: RoundRecord['revealedBy']): Promise<boolean> {
		return this.stmt.reveal.run(at, by, sessionId, round).changes > 0;
	}

	async openRound(next: RoundRecord): Promise<boolean> {
		return this.database.transaction(() => {
			const last = this.stmt.lastRound.get(next.sessionId) as Row | undefined;
			if (!last || Number(last.round) !== next.round - 1 || last.revealed_at === null) return false;
			this.stmt.insertRound.run(next);
			return true;
		});
	}

	async getDraft(
		sessionId: string,
		raterId: string,
		interviewId: string,
		round: number
	): Promise<RaterDraftRecord | undefined> {
		const r = this.stmt.getDraft.get(sessionId, raterId, interviewId, round) as Row | undefined;
		return (
			r && { sessionId, raterId, interviewId, round, draft: JSON.parse(r.data as string), savedAt: Number(r.saved_at) }
		);
	}

	async saveDraft(d: RaterDraftRecord): Promise<void> {
		this.stmt.saveDraft.run({ ...d, data: JSON.stringify(d.draft) });
	}

	async submitCard(card: RaterCardRecord): Promise<CardOutcome> {
		return this.database.transaction(() => {
			const round = this.stmt.roundOpen.get(card.sessionId, card.round) as { revealed_at: number | null } | undefined;
			if (!round || round.revealed_at !== null) return 'closed';
			const stored = this.stmt.insertCard.run({ ...card, ratings: JSON.stringify(card.ratings) }).changes > 0;
			if (!stored) return 'exists';
			this.stmt.deleteDraft.run(card.sessionId, card.raterId, card.interviewId, card.round);
			return 'stored';
		});
	}

	async listCards(sessionId: string): Promise<RaterCardRecord[]> {
		return (this.stmt.cards.all(sessionId) as Row[]).map(rowToCard);
	}
}
