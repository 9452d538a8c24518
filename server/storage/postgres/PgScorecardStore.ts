import type { ScorecardStore } from '../../domain/ports.js';
import type { DraftRecord, ScorecardVersionRecord } from '../../domain/types.js';
import type { PostgresDatabase } from './PostgresDatabase.js';

/*
 * Tables `scorecard_drafts`, `scorecards` and `scorecard_seen_others`. Scores are never written
 * to the recording log or a Yjs document, so nothing there can leak one (SCORE-9).
 */

interface VersionRow {
	interview_id: string;
	participant_id: string;
	version: number;
	ratings: string;
	recommendation: string;
	confidence: string;
	reason: string | null;
	after_seeing_others: boolean;
	submitted_at: number;
}

export class PgScorecardStore implements ScorecardStore {
	constructor(private readonly database: PostgresDatabase) {}

	async getDraft(interviewId: string, participantId: string): Promise<DraftRecord | undefined> {
		const { rows } = await this.database.pool.query<{ data: string; saved_at: number }>(
			`SELECT data, saved_at FROM scorecard_drafts WHERE interview_id = $1 AND participant_id = $2`,
			[interviewId, participantId]
		);
		const r = rows[0];
		return r && { interviewId, participantId, draft: JSON.parse(r.data), savedAt: r.saved_at };
	}

	async saveDraft(d: DraftRecord): Promise<void> {
		await this.database.pool.query(
			`INSERT INTO scorecard_drafts (interview_id, participant_id, data, saved_at) VALUES ($1, $2, $3, $4)
			 ON CONFLICT (interview_id, participant_id) DO UPDATE SET data = EXCLUDED.data, saved_at = EXCLUDED.saved_at`,
			[d.interviewId, d.participantId, JSON.stringify(d.draft), d.savedAt]
		);
	}

	async listVersions(interviewId: string): Promise<ScorecardVersionRecord[]> {
		const { rows } = await this.database.pool.query<VersionRow>(
			`SELECT * FROM scorecards WHERE interview_id = $1 ORDER BY submitted_at, participant_id, version`,
			[interviewId]
		);
		return rows.map((r) => ({
			interviewId: r.interview_id,
			participantId: r.participant_id,
			version: r.version,
			ratings: JSON.parse(r.ratings),
			recommendation: r.recommendation as ScorecardVersionRecord['recommendation'],
			confidence: r.confidence as ScorecardVersionRecord['confidence'],
			reason: r.reason,
			afterSeeingOthers: r.after_seeing_others,
			submittedAt: r.submitted_at
		}));
	}

	async appendVersion(v: ScorecardVersionRecord): Promise<boolean> {
		return this.database.transaction(async (c) => {
			const inserted = await c.query(
				`INSERT INTO scorecards (interview_id, participant_id, version, ratings, recommendation, confidence, reason, after_seeing_others, submitted_at)
				 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
				[
					v.interviewId,
					v.participantId,
					v.version,
					JSON.stringify(v.ratings),
					v.recommendation,
					v.confidence,
					v.reason,
					v.afterSeeingOthers,
					v.submittedAt
				]
			);
			const stored = (inserted.rowCount ?? 0) > 0;
			if (stored) {
				await c.query(`DELETE FROM scorecard_drafts WHERE interview_id = $1 AND participant_id = $2`, [
					v.interviewId,
					v.participantId
				]);
			}
			return stored;
		});
	}

	async markSeenOthers(interviewId: string, participantId: string, at: number): Promise<number> {
		await this.database.pool.query(
			`INSERT INTO scorecard_seen_others (interview_id, participant_id, first_seen_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
			[interviewId, participantId, at]
		);
		return (await this.seenOthersAt(interviewId, participantId)) ?? at;
	}

	async seenOthersAt(interviewId: string, participantId: string): Promise<number | null> {
		const { rows } = await this.database.pool.query<{ first_seen_at: number }>(
			`SELECT first_seen_at FROM scorecard_seen_others WHERE interview_id = $1 AND participant_id = $2`,
			[interviewId, participantId]
		);
		return rows[0]?.first_seen_at ?? null;
	}
}
