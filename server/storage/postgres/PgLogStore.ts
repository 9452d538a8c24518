import type { DocName } from '../../../src/lib/shared/protocol.js';
import type { LogStore } from '../../domain/ports.js';
import type { Checkpoint, LogEntry, NewLogEntry } from '../../domain/types.js';
import { bytesOf, rowToEntry, type LogRow } from '../rows.js';
import type { PostgresDatabase, Queryable } from './PostgresDatabase.js';

/** Rows read per query when streaming a log, so a long recording never sits in memory whole. */
export const PG_LOG_PAGE = 2000;

/**
 * Tables `log`, `log_seq` and `checkpoints`. Several processes may append to one interview at
 * once: each batch reserves its seqs by bumping the interview's row in `log_seq` inside the
 * batch's transaction. The row stays locked until commit, so a second writer waits and then
 * starts after the first one's last seq; a batch rolled back gives its seqs back. Seqs are
 * therefore unique, gapless and in commit order per interview.
 */
export class PgLogStore implements LogStore {
	constructor(private readonly database: PostgresDatabase) {}

	async appendBatch(entries: NewLogEntry[]): Promise<LogEntry[]> {
		if (entries.length === 0) return [];
		// Serialised first: an entry that cannot be written fails the batch before it touches the database.
		const data = entries.map((e) =>
			e.kind === 'yjs' ? Buffer.from(e.update) : Buffer.from(JSON.stringify(e.data ?? null), 'utf8')
		);
		const counts = new Map<string, number>();
		for (const e of entries) counts.set(e.interviewId, (counts.get(e.interviewId) ?? 0) + 1);
		return this.database.transaction(async (c) => {
			const next = new Map<string, number>();
			// In id order, so two batches over the same interviews lock their rows in the same order (no deadlock).
			for (const id of [...counts.keys()].sort()) next.set(id, await reserveSeqs(c, id, counts.get(id)!));
			const written = entries.map((e) => {
				const seq = next.get(e.interviewId)!;
				next.set(e.interviewId, seq + 1);
				return { ...e, seq } as LogEntry;
			});
			await c.query(
				`INSERT INTO log (interview_id, seq, t, kind, doc, type, actor, data)
				 SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[], $8::bytea[])`,
				[
					written.map((e) => e.interviewId),
					written.map((e) => e.seq),
					written.map((e) => e.t),
					written.map((e) => e.kind),
					written.map((e) => (e.kind === 'yjs' ? e.doc : null)),
					written.map((e) => (e.kind === 'event' ? e.type : null)),
					written.map((e) => e.actor),
					data
				]
			);
			return written;
		});
	}

	async *readLog(interviewId: string, afterSeq = 0): AsyncIterable<LogEntry> {
		let from = afterSeq;
		for (;;) {
			const { rows } = await this.database.pool.query<LogRow>(
				`SELECT * FROM log WHERE interview_id = $1 AND seq > $2 ORDER BY seq LIMIT ${PG_LOG_PAGE}`,
				[interviewId, from]
			);
			for (const r of rows) yield rowToEntry(r);
			if (rows.length < PG_LOG_PAGE) return;
			from = rows[rows.length - 1].seq;
		}
	}

	async readDocUpdates(interviewId: string, doc: DocName, afterSeq: number): Promise<LogEntry[]> {
		const { rows } = await this.database.pool.query<LogRow>(
			`SELECT * FROM log WHERE interview_id = $1 AND doc = $2 AND kind = 'yjs' AND seq > $3 ORDER BY seq`,
			[interviewId, doc, afterSeq]
		);
		return rows.map(rowToEntry);
	}

	async latestCheckpoint(interviewId: string, doc: DocName): Promise<Checkpoint | undefined> {
		const { rows } = await this.database.pool.query<CheckpointRow>(
			`SELECT seq, state, clients FROM checkpoints WHERE interview_id = $1 AND doc = $2 ORDER BY seq DESC LIMIT 1`,
			[interviewId, doc]
		);
		return rows[0] && rowToCheckpoint(rows[0]);
	}

	async writeCheckpoint(interviewId: string, doc: DocName, checkpoint: Checkpoint): Promise<void> {
		await this.database.pool.query(
			`INSERT INTO checkpoints (interview_id, doc, seq, state, clients) VALUES ($1, $2, $3, $4, $5)
			 ON CONFLICT (interview_id, doc, seq) DO UPDATE SET state = EXCLUDED.state, clients = EXCLUDED.clients`,
			[
				interviewId,
				doc,
				checkpoint.seq,
				Buffer.from(checkpoint.state),
				checkpoint.clients ? JSON.stringify(checkpoint.clients) : null
			]
		);
	}

	async listCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]> {
		const { rows } = await this.database.pool.query<{ doc: DocName; seq: number }>(
			`SELECT doc, seq FROM checkpoints WHERE interview_id = $1 ORDER BY seq, doc`,
			[interviewId]
		);
		return rows;
	}

	async readCheckpoint(interviewId: string, doc: DocName, seq: number): Promise<Checkpoint | undefined> {
		const { rows } = await this.database.pool.query<CheckpointRow>(
			`SELECT seq, state, clients FROM checkpoints WHERE interview_id = $1 AND doc = $2 AND seq = $3`,
			[interviewId, doc, seq]
		);
		return rows[0] && rowToCheckpoint(rows[0]);
	}
}

/** Bumps the interview's counter by `n`; answers the first of the `n` seqs reserved. */
async function reserveSeqs(c: Queryable, interviewId: string, n: number): Promise<number> {
	const { rows } = await c.query<{ last_seq: number }>(
		`INSERT INTO log_seq (interview_id, last_seq) VALUES ($1, $2)
		 ON CONFLICT (interview_id) DO UPDATE SET last_seq = log_seq.last_seq + EXCLUDED.last_seq
		 RETURNING last_seq`,
		[interviewId, n]
	);
	return rows[0].last_seq - n + 1;
}

interface CheckpointRow {
	seq: number;
	state: Buffer;
	clients: string | null;
}

function rowToCheckpoint(r: CheckpointRow): Checkpoint {
	const checkpoint: Checkpoint = { seq: r.seq, state: bytesOf(r.state) };
	if (r.clients !== null) checkpoint.clients = JSON.parse(r.clients) as Record<string, string>;
	return checkpoint;
}
