import type { LoopStore } from '../../domain/ports.js';
import type { DecisionRecord, LoopRecord } from '../../domain/types.js';
import type { Row } from '../rows.js';
import type { PostgresDatabase, Queryable } from './PostgresDatabase.js';

/** Tables `loops`, `loop_interviews` and `loop_decisions`. */
export class PgLoopStore implements LoopStore {
	constructor(private readonly database: PostgresDatabase) {}

	async createLoop(loop: LoopRecord, interviewIds: string[]): Promise<void> {
		await this.database.transaction(async (c) => {
			await c.query(
				`INSERT INTO loops (id, title, candidate_name, decision_rule, panel_token_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
				[
					loop.id,
					loop.title,
					loop.candidateName,
					JSON.stringify(loop.decisionRule),
					loop.panelTokenHash,
					loop.createdAt
				]
			);
			for (const id of interviewIds) await addInterview(c, loop.id, id);
		});
	}

	async getLoop(id: string): Promise<LoopRecord | undefined> {
		const { rows } = await this.database.pool.query<Row>(`SELECT * FROM loops WHERE id = $1`, [id]);
		return rows[0] && rowToLoop(rows[0]);
	}

	async findLoopByPanelTokenHash(tokenHash: string): Promise<LoopRecord | undefined> {
		const { rows } = await this.database.pool.query<Row>(`SELECT * FROM loops WHERE panel_token_hash = $1`, [
			tokenHash
		]);
		return rows[0] && rowToLoop(rows[0]);
	}

	async listLoops(): Promise<(LoopRecord & { interviews: number })[]> {
		const { rows } = await this.database.pool.query<Row>(
			`SELECT loops.*, (SELECT COUNT(*) FROM loop_interviews li WHERE li.loop_id = loops.id)::int AS n
			 FROM loops ORDER BY created_at DESC, ord DESC`
		);
		return rows.map((r) => ({ ...rowToLoop(r), interviews: r.n as number }));
	}

	async addLoopInterview(loopId: string, interviewId: string): Promise<void> {
		// In a transaction with the loop's row locked, so two processes adding at once get distinct positions.
		await this.database.transaction(async (c) => {
			await c.query(`SELECT 1 FROM loops WHERE id = $1 FOR UPDATE`, [loopId]);
			await addInterview(c, loopId, interviewId);
		});
	}

	async listLoopInterviews(loopId: string): Promise<string[]> {
		const { rows } = await this.database.pool.query<{ interview_id: string }>(
			`SELECT interview_id FROM loop_interviews WHERE loop_id = $1 ORDER BY position`,
			[loopId]
		);
		return rows.map((r) => r.interview_id);
	}

	async loopsOfInterview(interviewId: string): Promise<string[]> {
		const { rows } = await this.database.pool.query<{ loop_id: string }>(
			`SELECT loop_id FROM loop_interviews WHERE interview_id = $1 ORDER BY loop_id`,
			[interviewId]
		);
		return rows.map((r) => r.loop_id);
	}

	async appendDecision(d: DecisionRecord): Promise<void> {
		await this.database.pool.query(
			`INSERT INTO loop_decisions (loop_id, decided_at, decision, rationale, decided_by) VALUES ($1, $2, $3, $4, $5)`,
			[d.loopId, d.decidedAt, d.decision, d.rationale, d.decidedBy]
		);
	}

	async listDecisions(loopId: string): Promise<DecisionRecord[]> {
		const { rows } = await this.database.pool.query<Row>(
			`SELECT * FROM loop_decisions WHERE loop_id = $1 ORDER BY decided_at, ord`,
			[loopId]
		);
		return rows.map((r) => ({
			loopId: r.loop_id as string,
			decision: r.decision as DecisionRecord['decision'],
			rationale: r.rationale as string,
			decidedBy: r.decided_by as string,
			decidedAt: r.decided_at as number
		}));
	}
}

/** Appends at the end of the loop; adding one twice keeps its place. */
async function addInterview(c: Queryable, loopId: string, interviewId: string): Promise<void> {
	await c.query(
		`INSERT INTO loop_interviews (loop_id, interview_id, position)
		 VALUES ($1, $2, (SELECT COALESCE(MAX(position), 0) + 1 FROM loop_interviews WHERE loop_id = $1))
		 ON CONFLICT DO NOTHING`,
		[loopId, interviewId]
	);
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
