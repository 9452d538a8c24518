import type { DocName } from '../../../src/lib/shared/protocol.js';
import type { LogStore } from '../../domain/ports.js';
import type { Checkpoint, LogEntry, NewLogEntry } from '../../domain/types.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { bytesOf, rowToEntry, type LogRow } from '../rows.js';

/** Rows read per query when streaming a log, so a long recording never sits in memory whole. */
export const LOG_PAGE = 2000;

/** Tables `log` and `checkpoints`. */
export class SqliteLogStore implements LogStore {
	private readonly stmt;

	constructor(private readonly database: SqliteDatabase) {
		const db = database.db;
		this.stmt = {
			maxSeq: db.prepare(`SELECT COALESCE(MAX(seq), 0) AS seq FROM log WHERE interview_id = ?`),
			insertLog: db.prepare(
				`INSERT INTO log (interview_id, seq, t, kind, doc, type, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
			),
			readLog: db.prepare(`SELECT * FROM log WHERE interview_id = ? AND seq > ? ORDER BY seq LIMIT ${LOG_PAGE}`),
			readDocUpdates: db.prepare(
				`SELECT * FROM log WHERE interview_id = ? AND doc = ? AND kind = 'yjs' AND seq > ? ORDER BY seq`
			),
			latestCheckpoint: db.prepare(
				`SELECT seq, state, clients FROM checkpoints WHERE interview_id = ? AND doc = ? ORDER BY seq DESC LIMIT 1`
			),
			insertCheckpoint: db.prepare(
				`INSERT OR REPLACE INTO checkpoints (interview_id, doc, seq, state, clients) VALUES (?, ?, ?, ?, ?)`
			),
			listCheckpoints: db.prepare(`SELECT doc, seq FROM checkpoints WHERE interview_id = ? ORDER BY seq, doc`),
			readCheckpoint: db.prepare(
				`SELECT seq, state, clients FROM checkpoints WHERE interview_id = ? AND doc = ? AND seq = ?`
			)
		};
	}

	async appendBatch(entries: NewLogEntry[]): Promise<LogEntry[]> {
		return this.database.transaction(() => {
			const next = new Map<string, number>();
			return entries.map((e) => {
				const seq = (next.get(e.interviewId) ?? (this.stmt.maxSeq.get(e.interviewId) as { seq: number }).seq) + 1;
				next.set(e.interviewId, seq);
				if (e.kind === 'yjs') {
					this.stmt.insertLog.run(e.interviewId, seq, e.t, 'yjs', e.doc, null, e.actor, Buffer.from(e.update));
				} else {
					const json = Buffer.from(JSON.stringify(e.data ?? null), 'utf8');
					this.stmt.insertLog.run(e.interviewId, seq, e.t, 'event', null, e.type, e.actor, json);
				}
				return { ...e, seq } as LogEntry;
			});
		});
	}

	async *readLog(interviewId: string, afterSeq = 0): AsyncIterable<LogEntry> {
		let from = afterSeq;
		for (;;) {
			const rows = this.stmt.readLog.all(interviewId, from) as LogRow[];
			for (const r of rows) yield rowToEntry(r);
			if (rows.length < LOG_PAGE) return;
			from = rows[rows.length - 1].seq;
		}
	}

	async readDocUpdates(interviewId: string, doc: DocName, afterSeq: number): Promise<LogEntry[]> {
		return (this.stmt.readDocUpdates.all(interviewId, doc, afterSeq) as LogRow[]).map(rowToEntry);
	}

	async latestCheckpoint(interviewId: string, doc: DocName): Promise<Checkpoint | undefined> {
		const r = this.stmt.latestCheckpoint.get(interviewId, doc) as CheckpointRow | undefined;
		return r && rowToCheckpoint(r);
	}

	async writeCheckpoint(interviewId: string, doc: DocName, checkpoint: Checkpoint): Promise<void> {
		const clients = checkpoint.clients ? JSON.stringify(checkpoint.clients) : null;
		this.stmt.insertCheckpoint.run(interviewId, doc, checkpoint.seq, Buffer.from(checkpoint.state), clients);
	}

	async listCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]> {
		return this.stmt.listCheckpoints.all(interviewId) as { doc: DocName; seq: number }[];
	}

	async readCheckpoint(interviewId: string, doc: DocName, seq: number): Promise<Checkpoint | undefined> {
		const r = this.stmt.readCheckpoint.get(interviewId, doc, seq) as CheckpointRow | undefined;
		return r && rowToCheckpoint(r);
	}
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
