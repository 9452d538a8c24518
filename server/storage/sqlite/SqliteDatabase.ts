import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';

/** Only the server's own user may read the database: it holds candidates' code and scores. */
export const DATABASE_FILE_MODE = 0o600;

/**
 * The one owner of the SQLite connection: it opens the file, sets how it is written and runs
 * every migration, in order, before any repository prepares a statement. Repositories
 * (SqliteInterviewStore, SqliteLogStore…) are built on it and share this connection, so one
 * transaction can span their tables and no two connections contend for the file. (The server's
 * stores add a second connection in a worker thread that only checkpoints: WalCheckpointer.)
 *
 * WAL with synchronous=NORMAL: a committed transaction survives the process being killed
 * (kill -9); only an OS crash could lose the last few commits.
 */
export class SqliteDatabase {
	readonly db: Database.Database;
	/**
	 * One wrapper runs every transaction, with the work passed in: better-sqlite3's
	 * `db.transaction(fn)` makes four functions and defines six properties on each, which cost
	 * about as much CPU as the commit itself when it ran once per keystroke (issue 11).
	 */
	private readonly runImmediate: (work: () => unknown) => unknown;

	private constructor(db: Database.Database) {
		this.db = db;
		this.runImmediate = db.transaction((work: () => unknown) => work()).immediate;
	}

	/** `:memory:` for a database that lives as long as the connection. */
	static open(file: string, migrations: Migration[] = MIGRATIONS): SqliteDatabase {
		if (file !== ':memory:') createPrivately(file);
		const db = new Database(file);
		try {
			db.pragma('journal_mode = WAL');
			db.pragma('synchronous = NORMAL');
			db.pragma('foreign_keys = ON');
			// DEL-1: deleted rows are overwritten with zeros, not just marked free.
			db.pragma('secure_delete = ON');
			migrate(db, migrations);
		} catch (err) {
			db.close();
			throw err;
		}
		return new SqliteDatabase(db);
	}

	get schemaVersion(): number {
		return this.db.pragma('user_version', { simple: true }) as number;
	}

	/**
	 * BEGIN IMMEDIATE: the write lock is taken first, so a lock the checkpointing connection holds
	 * for a moment (a RESTART) is waited for. A deferred transaction reads, then asks for the write
	 * lock, and that upgrade fails at once with SQLITE_BUSY (SQLite cannot wait there without risking
	 * a deadlock): at 250 rooms it reloaded rooms and lost keystrokes in bench:sync.
	 */
	transaction<T>(fn: () => T): T {
		return this.runImmediate(fn) as T;
	}

	close(): void {
		if (this.db.open) this.db.close();
	}
}

/**
 * Creates the file with mode 0600 before SQLite opens it (SQLite would create it 0644, and it
 * gives its -wal and -shm files the mode of the database file). A file left world-readable by
 * an earlier release is tightened.
 */
function createPrivately(file: string): void {
	fs.mkdirSync(path.dirname(file), { recursive: true });
	fs.closeSync(fs.openSync(file, 'a', DATABASE_FILE_MODE));
	for (const f of [file, `${file}-wal`, `${file}-shm`]) {
		if (fs.existsSync(f) && (fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, DATABASE_FILE_MODE);
	}
}

/** Runs, each in its own transaction, the migrations this database has not run yet. */
function migrate(db: Database.Database, migrations: Migration[]): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	const latest = migrations.at(-1)?.version ?? 0;
	if (current > latest) {
		throw new Error(
			`The database is at schema version ${current}, newer than this release knows (${latest}); run a newer Pairboard`
		);
	}
	migrations.forEach((m, i) => {
		if (m.version !== i + 1) throw new Error(`Migration ${i + 1} is numbered ${m.version}: keep them in order`);
	});
	for (const m of migrations.filter((m) => m.version > current)) {
		db.transaction(() => {
			m.up(db);
			db.pragma(`user_version = ${m.version}`);
		})();
	}
}

export { SCHEMA_VERSION };
