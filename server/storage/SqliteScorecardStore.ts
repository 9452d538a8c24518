import Database from 'better-sqlite3';
import type { Role } from '../../src/lib/shared/protocol.js';
import type {
	DecisionRecord,
	DraftRecord,
	LoopRecord,
	ScorecardStore,
	ScorecardVersionRecord
} from '../domain/ScorecardStore.js';
import type { ParticipantRecord } from '../domain/types.js';

/*
 * Scorecards and loops in their own tables of the same SQLite file as SqliteStore (which must
 * have created `participants` first), on their own connection. They are never written to the
 * recording log or a Yjs document, so nothing there can leak a score (SCORE-9).
 */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS scorecard_drafts (
  interview_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  data TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  PRIMARY KEY (interview_id, participant_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scorecards (
  interview_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  ratings TEXT NOT NULL,
  recommendation TEXT NOT NULL,
  confidence TEXT NOT NULL,
  reason TEXT,
  after_seeing_others INTEGER NOT NULL,
  submitted_at INTEGER NOT NULL,
  PRIMARY KEY (interview_id, participant_id, version)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS scorecard_seen_others (
  interview_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  first_seen_at INTEGER NOT NULL,
  PRIMARY KEY (interview_id, participant_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS loops (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  candidate_name TEXT NOT NULL,
  decision_rule TEXT NOT NULL,
  panel_token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS loop_interviews (
  loop_id TEXT NOT NULL REFERENCES loops(id) ON DELETE CASCADE,
  interview_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (loop_id, interview_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS loop_interviews_by_interview ON loop_interviews (interview_id);
CREATE TABLE IF NOT EXISTS loop_decisions (
  loop_id TEXT NOT NULL REFERENCES loops(id) ON DELETE CASCADE,
  decided_at INTEGER NOT NULL,
  decision TEXT NOT NULL,
  rationale TEXT NOT NULL,
  decided_by TEXT NOT NULL
);
`;

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
	private readonly db: Database.Database;
	private readonly stmt;

	constructor(file: string) {
		this.db = new Database(file);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = NORMAL');
		this.db.pragma('foreign_keys = ON');
		// Both connections write to one file; wait for the other's short transactions.
		this.db.pragma('busy_timeout = 5000');
		this.db.exec(SCHEMA);
		this.stmt = {
			interviewers: this.db.prepare(
				`SELECT * FROM participants WHERE interview_id = ? AND role = 'interviewer' ORDER BY rowid`
			),
			getDraft: this.db.prepare(`SELECT * FROM scorecard_drafts WHERE interview_id = ? AND participant_id = ?`),
			saveDraft: this.db.prepare(
				`INSERT INTO scorecard_drafts (interview_id, participant_id, data, saved_at) VALUES (?, ?, ?, ?)
				 ON CONFLICT (interview_id, participant_id) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at`
			),
			deleteDraft: this.db.prepare(`DELETE FROM scorecard_drafts WHERE interview_id = ? AND participant_id = ?`),
			listVersions: this.db.prepare(
				`SELECT * FROM scorecards WHERE interview_id = ? ORDER BY submitted_at, participant_id, version`
			),
			insertVersion: this.db.prepare(
				`INSERT OR IGNORE INTO scorecards (interview_id, participant_id, version, ratings, recommendation, confidence, reason, after_seeing_others, submitted_at)
				 VALUES (@interviewId, @participantId, @version, @ratings, @recommendation, @confidence, @reason, @afterSeeingOthers, @submittedAt)`
			),
			markSeen: this.db.prepare(
				`INSERT OR IGNORE INTO scorecard_seen_others (interview_id, participant_id, first_seen_at) VALUES (?, ?, ?)`
			),
			seen: this.db.prepare(
				`SELECT first_seen_at FROM scorecard_seen_others WHERE interview_id = ? AND participant_id = ?`
			),
			insertLoop: this.db.prepare(
				`INSERT INTO loops (id, title, candidate_name, decision_rule, panel_token_hash, created_at)
				 VALUES (@id, @title, @candidateName, @decisionRule, @panelTokenHash, @createdAt)`
			),
			getLoop: this.db.prepare(`SELECT * FROM loops WHERE id = ?`),
			getLoopByPanelToken: this.db.prepare(`SELECT * FROM loops WHERE panel_token_hash = ?`),
			listLoops: this.db.prepare(
				`SELECT loops.*, (SELECT COUNT(*) FROM loop_interviews li WHERE li.loop_id = loops.id) AS n
				 FROM loops ORDER BY created_at DESC`
			),
			addInterview: this.db.prepare(
				`INSERT OR IGNORE INTO loop_interviews (loop_id, interview_id, position)
				 VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM loop_interviews WHERE loop_id = ?))`
			),
			loopInterviews: this.db.prepare(`SELECT interview_id FROM loop_interviews WHERE loop_id = ? ORDER BY position`),
			loopsOf: this.db.prepare(`SELECT loop_id FROM loop_interviews WHERE interview_id = ?`),
			insertDecision: this.db.prepare(
				`INSERT INTO loop_decisions (loop_id, decided_at, decision, rationale, decided_by) VALUES (?, ?, ?, ?, ?)`
			),
			decisions: this.db.prepare(`SELECT * FROM loop_decisions WHERE loop_id = ? ORDER BY decided_at, rowid`)
		};
	}

	async listInterviewers(interviewId: string): Promise<ParticipantRecord[]> {
		return (this.stmt.interviewers.all(interviewId) as Record<string, string>[]).map((r) => ({
			id: r.id,
			interviewId: r.interview_id,
			name: r.name,
			role: r.role as Role,
			color: r.color,
			tokenHash: r.token_hash
		}));
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
		return this.db.transaction(() => {
			const stored =
				this.stmt.insertVersion.run({
					...v,
					ratings: JSON.stringify(v.ratings),
					afterSeeingOthers: v.afterSeeingOthers ? 1 : 0
				}).changes > 0;
			if (stored) this.stmt.deleteDraft.run(v.interviewId, v.participantId);
			return stored;
		})();
	}

	async markSeenOthers(interviewId: string, participantId: string, at: number): Promise<number> {
		this.stmt.markSeen.run(interviewId, participantId, at);
		return (await this.seenOthersAt(interviewId, participantId)) ?? at;
	}

	async seenOthersAt(interviewId: string, participantId: string): Promise<number | null> {
		const r = this.stmt.seen.get(interviewId, participantId) as { first_seen_at: number } | undefined;
		return r?.first_seen_at ?? null;
	}

	async createLoop(loop: LoopRecord, interviewIds: string[]): Promise<void> {
		this.db.transaction(() => {
			this.stmt.insertLoop.run({ ...loop, decisionRule: JSON.stringify(loop.decisionRule) });
			for (const id of interviewIds) this.stmt.addInterview.run(loop.id, id, loop.id);
		})();
	}

	async findLoopByPanelTokenHash(tokenHash: string): Promise<LoopRecord | undefined> {
		const r = this.stmt.getLoopByPanelToken.get(tokenHash) as Record<string, string | number> | undefined;
		return r && rowToLoop(r);
	}

	async getLoop(id: string): Promise<LoopRecord | undefined> {
		const r = this.stmt.getLoop.get(id) as Record<string, string | number> | undefined;
		return r && rowToLoop(r);
	}

	async listLoops(): Promise<(LoopRecord & { interviews: number })[]> {
		return (this.stmt.listLoops.all() as Record<string, string | number>[]).map((r) => ({
			...rowToLoop(r),
			interviews: r.n as number
		}));
	}

	async addLoopInterview(loopId: string, interviewId: string): Promise<void> {
		this.stmt.addInterview.run(loopId, interviewId, loopId);
	}

	async listLoopInterviews(loopId: string): Promise<string[]> {
		return (this.stmt.loopInterviews.all(loopId) as { interview_id: string }[]).map((r) => r.interview_id);
	}

	async loopsOfInterview(interviewId: string): Promise<string[]> {
		return (this.stmt.loopsOf.all(interviewId) as { loop_id: string }[]).map((r) => r.loop_id);
	}

	async appendDecision(d: DecisionRecord): Promise<void> {
		this.stmt.insertDecision.run(d.loopId, d.decidedAt, d.decision, d.rationale, d.decidedBy);
	}

	async listDecisions(loopId: string): Promise<DecisionRecord[]> {
		return (this.stmt.decisions.all(loopId) as Record<string, string | number>[]).map((r) => ({
			loopId: r.loop_id as string,
			decision: r.decision as DecisionRecord['decision'],
			rationale: r.rationale as string,
			decidedBy: r.decided_by as string,
			decidedAt: r.decided_at as number
		}));
	}

	close(): void {
		this.db.close();
	}
}

function rowToLoop(r: Record<string, string | number>): LoopRecord {
	return {
		id: r.id as string,
		title: r.title as string,
		candidateName: r.candidate_name as string,
		decisionRule: JSON.parse(r.decision_rule as string),
		panelTokenHash: r.panel_token_hash as string,
		createdAt: r.created_at as number
	};
}
