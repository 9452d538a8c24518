import type { DocName } from '../../../src/lib/shared/protocol.js';
import { turn } from '../../system/timers.js';
import type { LogStore } from '../../domain/ports.js';
import type { Checkpoint, LogEntry, NewLogEntry } from '../../domain/types.js';
import type { SqliteDatabase } from './SqliteDatabase.js';
import { bytesOf, rowToEntry, type LogRow } from '../rows.js';

/**
 * Rows read per query when streaming a log, so a long recording never sits in memory whole. The
 * event loop gets a turn between pages: a two-hour log read in one go held up every room for a
 * fifth of a second and more (issue 11), and a page of this size takes a few milliseconds.
 */
export const LOG_PAGE = 500;
/**
 * Checkpoints larger than this are written in parts of this size, one short transaction per turn
 * of the event loop: a canvas holding images is megabytes, and one statement writing it all held
 * up every room's keystrokes for 60 ms and more (issue 11). A part takes about a millisecond.
 */
export const CHECKPOINT_PART_BYTES = 256 * 1024;

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
				`SELECT seq, state, clients, parts FROM checkpoints WHERE interview_id = ? AND doc = ? ORDER BY seq DESC LIMIT 1`
			),
			insertCheckpoint: db.prepare(
				`INSERT OR REPLACE INTO checkpoints (interview_id, doc, seq, state, clients, parts) VALUES (?, ?, ?, ?, ?, ?)`
			),
			insertPart: db.prepare(
				`INSERT OR REPLACE INTO checkpoint_parts (interview_id, doc, seq, part, bytes) VALUES (?, ?, ?, ?, ?)`
			),
			readParts: db.prepare(
				`SELECT bytes FROM checkpoint_parts WHERE interview_id = ? AND doc = ? AND seq = ? AND part < ? ORDER BY part`
			),
			deletePartsFrom: db.prepare(
				`DELETE FROM checkpoint_parts WHERE interview_id = ? AND doc = ? AND seq = ? AND part >= ?`
			),
			hasLog: db.prepare(`SELECT 1 FROM log WHERE interview_id = ? LIMIT 1`),
			deleteCheckpoint: db.prepare(`DELETE FROM checkpoints WHERE interview_id = ? AND doc = ? AND seq = ?`),
			listCheckpoints: db.prepare(`SELECT doc, seq FROM checkpoints WHERE interview_id = ? ORDER BY seq, doc`),
			readCheckpoint: db.prepare(
				`SELECT seq, state, clients, parts FROM checkpoints WHERE interview_id = ? AND doc = ? AND seq = ?`
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
			await turn();
		}
	}

	async readDocUpdates(interviewId: string, doc: DocName, afterSeq: number): Promise<LogEntry[]> {
		return (this.stmt.readDocUpdates.all(interviewId, doc, afterSeq) as LogRow[]).map(rowToEntry);
	}

	async latestCheckpoint(interviewId: string, doc: DocName): Promise<Checkpoint | undefined> {
		const r = this.stmt.latestCheckpoint.get(interviewId, doc) as CheckpointRow | undefined;
		return r && this.toCheckpoint(interviewId, doc, r);
	}

	async writeCheckpoint(interviewId: string, doc: DocName, checkpoint: Checkpoint): Promise<void> {
		const { seq, state } = checkpoint;
		const clients = checkpoint.clients ? JSON.stringify(checkpoint.clients) : null;
		const parts = state.length > CHECKPOINT_PART_BYTES ? Math.ceil(state.length / CHECKPOINT_PART_BYTES) : 0;
		// Written again at its seq: the old row goes first, so no reader mixes old and new parts.
		if (parts > 0) this.stmt.deleteCheckpoint.run(interviewId, doc, seq);
		for (let part = 0; part < parts; part++) {
			await turn();
			// DEL-1: erased meanwhile (the erasure took the parts written so far): write no more.
			if (!this.stmt.hasLog.get(interviewId)) return;
			const bytes = state.subarray(part * CHECKPOINT_PART_BYTES, (part + 1) * CHECKPOINT_PART_BYTES);
			this.stmt.insertPart.run(interviewId, doc, seq, part, Buffer.from(bytes));
		}
		if (parts > 0) await turn();
		// The row comes last: until it is in, readers see the checkpoint before this one.
		this.database.transaction(() => {
			if (parts > 0 && !this.stmt.hasLog.get(interviewId)) return;
			this.stmt.deletePartsFrom.run(interviewId, doc, seq, parts);
			const inline = parts > 0 ? Buffer.alloc(0) : Buffer.from(state);
			this.stmt.insertCheckpoint.run(interviewId, doc, seq, inline, clients, parts);
		});
	}

	async listCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]> {
		return this.stmt.listCheckpoints.all(interviewId) as { doc: DocName; seq: number }[];
	}

	async readCheckpoint(interviewId: string, doc: DocName, seq: number): Promise<Checkpoint | undefined> {
		const r = this.stmt.readCheckpoint.get(interviewId, doc, seq) as CheckpointRow | undefined;
		return r && this.toCheckpoint(interviewId, doc, r);
	}

	private toCheckpoint(interviewId: string, doc: DocName, r: CheckpointRow): Checkpoint {
		let state = r.state;
		if (r.parts > 0) {
			const parts = (this.stmt.readParts.all(interviewId, doc, r.seq, r.parts) as { bytes: Buffer }[]).map(
				(p) => p.bytes
			);
			if (parts.length !== r.parts) {
				throw new Error(`checkpoint ${r.seq} of ${interviewId}/${doc} has ${parts.length} of its ${r.parts} parts`);
			}
			state = Buffer.concat(parts);
		}
		const checkpoint: Checkpoint = { seq: r.seq, state: bytesOf(state) };
		if (r.clients !== null) checkpoint.clients = JSON.parse(r.clients) as Record<string, string>;
		return checkpoint;
	}
}

interface CheckpointRow {
	seq: number;
	state: Buffer;
	clients: string | null;
	/** 0: the state is in the row; n: in checkpoint_parts 0..n-1. */
	parts: number;
}
