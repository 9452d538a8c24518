import type { ScorecardStore } from '../../domain/ports.js';
import type { DraftRecord, ScorecardVersionRecord } from '../../domain/types.js';
import type { SqliteDatabase } from './SqliteDatabase.js';

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
	after_seeing_others: number;
	submitted_at: number;
}

export class SqliteScorecardStore implements ScorecardStore {
	private readonly stmt;

	constructor(private readonly database: SqliteDatabase) {
		const db = database.db;
		this.stmt = {
			getDraft: db.prepare(`SELECT * FROM scorecard_drafts WHERE interview_id = ? AND participant_id = ?`),
			saveDraft: db.prepare(
				`INSERT INTO scorecard_drafts (interview_id, participant_id, data, saved_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (interview_id, participant_id) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at`
			),
			deleteDraft: db.prepare(`DELETE FROM scorecard_drafts WHERE interview_id = ? AND participant_id = ?`),
			listVersions: db.prepare(
				`SELECT * FROM scorecards WHERE interview_id = ? ORDER BY submitted_at, participant_id, version`
			),
			insertVersion: db.prepare(
				`INSERT OR IGNORE INTO scorecards (interview_id, participant_id, version, ratings, recommendation, confidence, reason, after_seeing_others, submitted_at)
				 VALUES (@interviewId, @participantId, @version, @ratings, @recommendation, @confidence, @reason, @afterSeeingOthers, @submittedAt)`
			),
			markSeen: db.prepare(
				`INSERT OR IGNORE INTO scorecard_seen_others (interview_id, participant_id, first_seen_at) VALUES (?, ?, ?)`
			),
			seen: db.prepare(`SELECT first_seen_at FROM scorecard_seen_others WHERE interview_id = ? AND participant_id = ?`)
		};
	}

	async getDraft(interviewId: string, participantId: string): Promise<DraftRecord | undefined> {
		const r = this.stmt.getDraft.get(interviewId, participantId) as { data: string; saved_at: number } | undefined;
		return r && { interviewId, participantId, draft: JSON.parse(r.data), savedAt: r.saved_at };
	}

	async saveDraft(d: DraftRecord): Promise<void> {
		this.stmt.saveDraft.run(d.interviewId, d.participantId, JSON.stringify(d.draft), d.savedAt);
	}

	async listVersions(interviewId: string): Promise<ScorecardVersionRecord[]> {
		return (this.stmt.listVersions.all(interviewId) as VersionRow[]).map((r) => ({
			interviewId: r.interview_id,
			participantId: r.participant_id,
			version: r.version,
			ratings: JSON.parse(r.ratings),
			recommendation: r.recommendation as ScorecardVersionRecord['recommendation'],
			confidence: r.confidence as ScorecardVersionRecord['confidence'],
			reason: r.reason,
			afterSeeingOthers: r.after_seeing_others === 1,
			submittedAt: r.submitted_at
		}));
	}

	async appendVersion(v: ScorecardVersionRecord): Promise<boolean> {
		return this.database.transaction(() => {
			const stored =
				this.stmt.insertVersion.run({
					...v,
					ratings: JSON.stringify(v.ratings),
					afterSeeingOthers: v.afterSeeingOthers ? 1 : 0
				}).changes > 0;
			if (stored) this.stmt.deleteDraft.run(v.interviewId, v.participantId);
			return stored;
		});
	}

	async markSeenOthers(interviewId: string, participantId: string, at: number): Promise<number> {
		this.stmt.markSeen.run(interviewId, participantId, at);
		return (await this.seenOthersAt(interviewId, participantId)) ?? at;
	}

	async seenOthersAt(interviewId: string, participantId: string): Promise<number | null> {
		const r = this.stmt.seen.get(interviewId, participantId) as { first_seen_at: number } | undefined;
		return r?.first_seen_at ?? null;
	}
}
