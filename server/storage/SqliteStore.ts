import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { DocName, Role } from '../../src/lib/shared/protocol.js';
import type { RecordsStore, Store } from '../domain/ports.js';
import type {
	Checkpoint,
	InterviewRecord,
	LogEntry,
	NewLogEntry,
	ParticipantRecord,
	ReviewerLinkRecord
} from '../domain/types.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS interviews (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  candidate_name TEXT NOT NULL,
  problem_ids TEXT NOT NULL,
  rubric_id TEXT,
  created_at INTEGER NOT NULL,
  ended_at INTEGER,
  mode TEXT NOT NULL DEFAULT 'live',
  time_box_minutes INTEGER,
  started_at INTEGER
);
CREATE TABLE IF NOT EXISTS participants (
  id TEXT PRIMARY KEY,
  interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  color TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE
);
CREATE TABLE IF NOT EXISTS log (
  interview_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  t INTEGER NOT NULL,
  kind TEXT NOT NULL,
  doc TEXT,
  type TEXT,
  actor TEXT NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (interview_id, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS log_by_doc ON log (interview_id, doc, seq);
CREATE TABLE IF NOT EXISTS checkpoints (
  interview_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (interview_id, doc, seq)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS reviewer_links (
  id TEXT PRIMARY KEY,
  interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  anonymised INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
`;

const LOG_PAGE = 2000;

interface LogRow {
	interview_id: string;
	seq: number;
	t: number;
	kind: 'yjs' | 'event';
	doc: DocName | null;
	type: string | null;
	actor: string;
	data: Buffer;
}

function rowToEntry(r: LogRow): LogEntry {
	if (r.kind === 'yjs') {
		return {
			interviewId: r.interview_id,
			seq: r.seq,
			t: r.t,
			kind: 'yjs',
			doc: r.doc as DocName,
			actor: r.actor,
			update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)
		};
	}
	return {
		interviewId: r.interview_id,
		seq: r.seq,
		t: r.t,
		kind: 'event',
		type: r.type ?? '',
		actor: r.actor,
		data: JSON.parse(r.data.toString('utf8'))
	} as LogEntry; // written by the domain from a validated RoomEvent
}

interface CheckpointRow {
	seq: number;
	state: Buffer;
	clients: string | null;
}

function rowToCheckpoint(r: CheckpointRow): Checkpoint {
	const state = new Uint8Array(r.state.buffer, r.state.byteOffset, r.state.byteLength);
	return r.clients === null ? { seq: r.seq, state } : { seq: r.seq, state, clients: JSON.parse(r.clients) };
}

/**
 * The embedded default store. WAL with synchronous=NORMAL: a committed transaction survives
 * the process being killed (kill -9); only an OS crash could lose the last few commits.
 */
export class SqliteStore implements Store, RecordsStore {
	private readonly db: Database.Database;
	private readonly stmt;

	constructor(file: string) {
		if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
		this.db = new Database(file);
		this.db.pragma('journal_mode = WAL');
		this.db.pragma('synchronous = NORMAL');
		this.db.pragma('foreign_keys = ON');
		// DEL-1: deleted rows are overwritten with zeros, not just marked free.
		this.db.pragma('secure_delete = ON');
		this.db.exec(SCHEMA);
		this.migrate();
		this.stmt = {
			insertInterview: this.db.prepare(
				`INSERT INTO interviews (id, title, candidate_name, problem_ids, rubric_id, created_at, ended_at, mode, time_box_minutes, started_at)
				 VALUES (@id, @title, @candidateName, @problemIds, @rubricId, @createdAt, @endedAt, @mode, @timeBoxMinutes, @startedAt)`
			),
			insertParticipant: this.db.prepare(
				`INSERT INTO participants (id, interview_id, name, role, color, token_hash)
				 VALUES (@id, @interviewId, @name, @role, @color, @tokenHash)`
			),
			getInterview: this.db.prepare(`SELECT * FROM interviews WHERE id = ?`),
			participantByHash: this.db.prepare(`SELECT * FROM participants WHERE token_hash = ?`),
			markEnded: this.db.prepare(`UPDATE interviews SET ended_at = ? WHERE id = ? AND ended_at IS NULL`),
			markStarted: this.db.prepare(`UPDATE interviews SET started_at = ? WHERE id = ? AND started_at IS NULL`),
			runningTakeHomes: this.db.prepare(
				`SELECT * FROM interviews WHERE mode = 'take-home' AND started_at IS NOT NULL AND ended_at IS NULL`
			),
			maxSeq: this.db.prepare(`SELECT COALESCE(MAX(seq), 0) AS seq FROM log WHERE interview_id = ?`),
			insertLog: this.db.prepare(
				`INSERT INTO log (interview_id, seq, t, kind, doc, type, actor, data)
				 VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
			),
			readLog: this.db.prepare(`SELECT * FROM log WHERE interview_id = ? AND seq > ? ORDER BY seq LIMIT ${LOG_PAGE}`),
			readDocUpdates: this.db.prepare(
				`SELECT * FROM log WHERE interview_id = ? AND doc = ? AND kind = 'yjs' AND seq > ? ORDER BY seq`
			),
			latestCheckpoint: this.db.prepare(
				`SELECT seq, state, clients FROM checkpoints WHERE interview_id = ? AND doc = ? ORDER BY seq DESC LIMIT 1`
			),
			insertCheckpoint: this.db.prepare(
				`INSERT OR REPLACE INTO checkpoints (interview_id, doc, seq, state, clients) VALUES (?, ?, ?, ?, ?)`
			)
		};
	}

	async createInterview(interview: InterviewRecord, participants: ParticipantRecord[]): Promise<void> {
		this.db.transaction(() => {
			this.stmt.insertInterview.run({ ...interview, problemIds: JSON.stringify(interview.problemIds) });
			for (const p of participants) this.stmt.insertParticipant.run(p);
		})();
	}

	async getInterview(id: string): Promise<InterviewRecord | undefined> {
		const r = this.stmt.getInterview.get(id) as Record<string, unknown> | undefined;
		return r && rowToInterview(r);
	}

	async markStarted(id: string, startedAt: number): Promise<number> {
		this.stmt.markStarted.run(startedAt, id);
		return (await this.getInterview(id))?.startedAt ?? startedAt;
	}

	async listRunningTakeHomes(): Promise<InterviewRecord[]> {
		return (this.stmt.runningTakeHomes.all() as Record<string, unknown>[]).map(rowToInterview);
	}

	/** Databases made before a column existed get it added (SQLite has no ADD COLUMN IF NOT EXISTS). */
	private migrate(): void {
		const have = new Set(
			(this.db.prepare(`PRAGMA table_info(interviews)`).all() as { name: string }[]).map((c) => c.name)
		);
		const add: [string, string][] = [
			['mode', `TEXT NOT NULL DEFAULT 'live'`],
			['time_box_minutes', 'INTEGER'],
			['started_at', 'INTEGER'],
			['consented_at', 'INTEGER']
		];
		for (const [col, type] of add) if (!have.has(col)) this.db.exec(`ALTER TABLE interviews ADD COLUMN ${col} ${type}`);
		// UPD-1: the owners of the state's Yjs client ids, as JSON (null in checkpoints before it).
		const checkpointCols = (this.db.prepare(`PRAGMA table_info(checkpoints)`).all() as { name: string }[]).map(
			(c) => c.name
		);
		if (!checkpointCols.includes('clients')) this.db.exec(`ALTER TABLE checkpoints ADD COLUMN clients TEXT`);
	}
	async findParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | undefined> {
		const r = this.stmt.participantByHash.get(tokenHash) as Record<string, unknown> | undefined;
		return r && rowToParticipant(r);
	}

	async markEnded(id: string, endedAt: number): Promise<{ endedAt: number; changed: boolean }> {
		const changed = this.stmt.markEnded.run(endedAt, id).changes > 0;
		const stored = (await this.getInterview(id))?.endedAt;
		return { endedAt: stored ?? endedAt, changed };
	}

	async appendBatch(entries: NewLogEntry[]): Promise<LogEntry[]> {
		return this.db.transaction(() => {
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
		})();
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

	// --- RecordsStore: replay, consent, deletion, retention (issue 6) ---

	async markConsented(id: string, at: number): Promise<{ consentedAt: number; changed: boolean }> {
		const changed =
			this.db.prepare(`UPDATE interviews SET consented_at = ? WHERE id = ? AND consented_at IS NULL`).run(at, id)
				.changes > 0;
		return { consentedAt: (await this.getInterview(id))?.consentedAt ?? at, changed };
	}

	async listInterviews(limit: number): Promise<InterviewRecord[]> {
		const rows = this.db.prepare(`SELECT * FROM interviews ORDER BY created_at DESC LIMIT ?`).all(limit);
		return (rows as Record<string, unknown>[]).map(rowToInterview);
	}

	async listEndedBefore(t: number): Promise<InterviewRecord[]> {
		const rows = this.db.prepare(`SELECT * FROM interviews WHERE ended_at IS NOT NULL AND ended_at < ?`).all(t);
		return (rows as Record<string, unknown>[]).map(rowToInterview);
	}

	async participantsOf(interviewId: string): Promise<ParticipantRecord[]> {
		const rows = this.db.prepare(`SELECT * FROM participants WHERE interview_id = ? ORDER BY rowid`).all(interviewId);
		return (rows as Record<string, unknown>[]).map(rowToParticipant);
	}

	/**
	 * DEL-1. Every table with an `interview_id` column is cleared of the interview's rows, found
	 * from the schema, so tables added later (scorecards…) are covered without a change here;
	 * foreign keys are checked at commit, so the order does not matter. secure_delete (set at
	 * open) zeroes the freed content, and the WAL checkpoint with TRUNCATE copies those pages
	 * into the main file and empties the WAL, where the old pages would otherwise remain.
	 */
	async deleteInterview(id: string): Promise<boolean> {
		const tables = (
			this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'interviews'`).all() as {
				name: string;
			}[]
		)
			.map((t) => t.name)
			.filter((name) =>
				(this.db.prepare(`SELECT name FROM pragma_table_info(?)`).all(name) as { name: string }[]).some(
					(c) => c.name === 'interview_id'
				)
			);
		const existed = this.db.transaction(() => {
			this.db.pragma('defer_foreign_keys = ON');
			for (const t of tables) this.db.prepare(`DELETE FROM "${t.replace(/"/g, '""')}" WHERE interview_id = ?`).run(id);
			return this.db.prepare(`DELETE FROM interviews WHERE id = ?`).run(id).changes > 0;
		})();
		this.db.pragma('wal_checkpoint(TRUNCATE)');
		return existed;
	}

	async createReviewerLink(link: ReviewerLinkRecord): Promise<void> {
		this.db
			.prepare(
				`INSERT INTO reviewer_links (id, interview_id, token_hash, anonymised, created_at) VALUES (?, ?, ?, ?, ?)`
			)
			.run(link.id, link.interviewId, link.tokenHash, link.anonymised ? 1 : 0, link.createdAt);
	}

	async findReviewerLinkByTokenHash(tokenHash: string): Promise<ReviewerLinkRecord | undefined> {
		const r = this.db.prepare(`SELECT * FROM reviewer_links WHERE token_hash = ?`).get(tokenHash) as
			Record<string, unknown> | undefined;
		if (!r) return undefined;
		return {
			id: r.id as string,
			interviewId: r.interview_id as string,
			tokenHash: r.token_hash as string,
			anonymised: r.anonymised === 1,
			createdAt: r.created_at as number
		};
	}

	async listCheckpoints(interviewId: string): Promise<{ doc: DocName; seq: number }[]> {
		return this.db.prepare(`SELECT doc, seq FROM checkpoints WHERE interview_id = ? ORDER BY seq`).all(interviewId) as {
			doc: DocName;
			seq: number;
		}[];
	}

	async readCheckpoint(interviewId: string, doc: DocName, seq: number): Promise<Checkpoint | undefined> {
		const r = this.db
			.prepare(`SELECT seq, state, clients FROM checkpoints WHERE interview_id = ? AND doc = ? AND seq = ?`)
			.get(interviewId, doc, seq) as CheckpointRow | undefined;
		return r && rowToCheckpoint(r);
	}

	close(): void {
		this.db.close();
	}
}

function rowToInterview(r: Record<string, unknown>): InterviewRecord {
	return {
		id: r.id as string,
		title: r.title as string,
		candidateName: r.candidate_name as string,
		problemIds: JSON.parse(r.problem_ids as string),
		rubricId: (r.rubric_id as string | null) ?? null,
		createdAt: r.created_at as number,
		endedAt: (r.ended_at as number | null) ?? null,
		mode: (r.mode as InterviewRecord['mode']) ?? 'live',
		timeBoxMinutes: (r.time_box_minutes as number | null) ?? null,
		startedAt: (r.started_at as number | null) ?? null,
		// Only when set, so records read back equal the ones created.
		...(r.consented_at != null ? { consentedAt: r.consented_at as number } : {})
	};
}

function rowToParticipant(r: Record<string, unknown>): ParticipantRecord {
	return {
		id: r.id as string,
		interviewId: r.interview_id as string,
		name: r.name as string,
		role: r.role as Role,
		color: r.color as string,
		tokenHash: r.token_hash as string
	};
}
