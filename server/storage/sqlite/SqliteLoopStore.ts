import type { LoopStore } from '../../domain/ports.js';
import type { DecisionRecord, LoopRecord } from '../../domain/types.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import type { Row } from '../rows.js';

/** Tables `loops`, `loop_interviews` and `loop_decisions`. */
export class SqliteLoopStore implements LoopStore {
	private readonly stmt;

	constructor(private readonly database: SqliteDatabase) {
		const db = database.db;
		this.stmt = {
			insertLoop: db.prepare(
				`INSERT INTO loops (id, title, candidate_name, decision_rule, panel_token_hash, created_at)
				 VALUES (@id, @title, @candidateName, @decisionRule, @panelTokenHash, @createdAt)`
			),
			getLoop: db.prepare(`SELECT * FROM loops WHERE id = ?`),
			getLoopByPanelToken: db.prepare(`SELECT * FROM loops WHERE panel_token_hash = ?`),
			listLoops: db.prepare(
				`SELECT loops.*, (SELECT COUNT(*) FROM loop_interviews li WHERE li.loop_id = loops.id) AS n
				 FROM loops ORDER BY created_at DESC, rowid DESC`
			),
			addInterview: db.prepare(
				`INSERT OR IGNORE INTO loop_interviews (loop_id, interview_id, position)
				 VALUES (?, ?, (SELECT COALESCE(MAX(position), 0) + 1 FROM loop_interviews WHERE loop_id = ?))`
			),
			loopInterviews: db.prepare(`SELECT interview_id FROM loop_interviews WHERE loop_id = ? ORDER BY position`),
			loopsOf: db.prepare(`SELECT loop_id FROM loop_interviews WHERE interview_id = ?`),
			insertDecision: db.prepare(
				`INSERT INTO loop_decisions (loop_id, decided_at, decision, rationale, decided_by) VALUES (?, ?, ?, ?, ?)`
			),
			decisions: db.prepare(`SELECT * FROM loop_decisions WHERE loop_id = ? ORDER BY decided_at, rowid`)
		};
	}

	async createLoop(loop: LoopRecord, interviewIds: string[]): Promise<void> {
		this.database.transaction(() => {
			this.stmt.insertLoop.run({ ...loop, decisionRule: JSON.stringify(loop.decisionRule) });
			for (const id of interviewIds) this.stmt.addInterview.run(loop.id, id, loop.id);
		});
	}

	async getLoop(id: string): Promise<LoopRecord | undefined> {
		const r = this.stmt.getLoop.get(id) as Row | undefined;
		return r && rowToLoop(r);
	}

	async findLoopByPanelTokenHash(tokenHash: string): Promise<LoopRecord | undefined> {
		const r = this.stmt.getLoopByPanelToken.get(tokenHash) as Row | undefined;
		return r && rowToLoop(r);
	}

	async listLoops(): Promise<(LoopRecord & { interviews: number })[]> {
		return (this.stmt.listLoops.all() as Row[]).map((r) => ({ ...rowToLoop(r), interviews: r.n as number }));
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
		return (this.stmt.decisions.all(loopId) as Row[]).map((r) => ({
			loopId: r.loop_id as string,
			decision: r.decision as DecisionRecord['decision'],
			rationale: r.rationale as string,
			decidedBy: r.decided_by as string,
			decidedAt: r.decided_at as number
		}));
	}
}

function rowToLoop(r: Row): LoopRecord {
	return {
		id: r.id as string,
		title: r.title as string,
		candidateName: r.candidate_name as string,
		decisionRule: JSON.parse(r.decision_rule as string),
		panelTokenHash: r.panel_token_hash as string,
		createdAt: r.created_at as number
	};
}
