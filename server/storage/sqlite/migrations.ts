import type Database from 'better-sqlite3';

/**
 * Every change of the schema, in order; migration N brings a database from `user_version`
 * N-1 to N. Append new ones at the end and never edit one that has shipped: a database made by
 * any earlier release is brought up to date by running what it has not run yet.
 */
export interface Migration {
	version: number;
	description: string;
	up(db: Database.Database): void;
}

/** Columns added to `interviews` before the schema was versioned (SQLite has no ADD COLUMN IF NOT EXISTS). */
const LATE_INTERVIEW_COLUMNS: [string, string][] = [
	['mode', `TEXT NOT NULL DEFAULT 'live'`],
	['time_box_minutes', 'INTEGER'],
	['started_at', 'INTEGER'],
	['consented_at', 'INTEGER']
];

/** Migration 3. Interview rows (cards, drafts, membership) carry `interview_id` for DEL-1's erasure. */
const CALIBRATION_SCHEMA = `
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  email TEXT,
  role TEXT,
  level TEXT,
  created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX people_by_email ON people (email) WHERE email IS NOT NULL;
CREATE INDEX people_by_name_key ON people (name_key);
ALTER TABLE participants ADD COLUMN person_id TEXT REFERENCES people(id);
CREATE INDEX participants_by_person ON participants (person_id);
CREATE TABLE calibration_sessions (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  rubric_id TEXT NOT NULL,
  blind INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE calibration_interviews (
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  interview_id TEXT NOT NULL REFERENCES interviews(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (session_id, interview_id)
) WITHOUT ROWID;
CREATE INDEX calibration_interviews_by_interview ON calibration_interviews (interview_id);
CREATE TABLE calibration_raters (
  id TEXT PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  UNIQUE (session_id, person_id)
);
CREATE INDEX calibration_raters_by_person ON calibration_raters (person_id);
CREATE TABLE calibration_rounds (
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  round INTEGER NOT NULL,
  opened_at INTEGER NOT NULL,
  revealed_at INTEGER,
  revealed_by TEXT,
  PRIMARY KEY (session_id, round)
) WITHOUT ROWID;
CREATE TABLE calibration_drafts (
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  rater_id TEXT NOT NULL REFERENCES calibration_raters(id) ON DELETE CASCADE,
  interview_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  data TEXT NOT NULL,
  saved_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, rater_id, interview_id, round)
) WITHOUT ROWID;
CREATE TABLE calibration_cards (
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  rater_id TEXT NOT NULL REFERENCES calibration_raters(id) ON DELETE CASCADE,
  interview_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  ratings TEXT NOT NULL,
  recommendation TEXT NOT NULL,
  confidence TEXT NOT NULL,
  submitted_at INTEGER NOT NULL,
  PRIMARY KEY (session_id, rater_id, interview_id, round)
) WITHOUT ROWID;
CREATE INDEX calibration_cards_by_interview ON calibration_cards (interview_id);
`;

export const MIGRATIONS: Migration[] = [
	{
		version: 1,
		description: 'interviews, participants, log, checkpoints, reviewer links, scorecards and loops',
		up(db) {
			// IF NOT EXISTS: a database from before versioning (user_version 0) already has some of these.
			db.exec(`
CREATE TABLE IF NOT EXISTS interviews (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  candidate_name TEXT NOT NULL,
  problem_ids TEXT NOT NULL,
  rubric_id TEXT,
  created_at INTEGER NOT NULL,
  ended_at INTEGER
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
`);
			const have = new Set(
				(db.prepare(`SELECT name FROM pragma_table_info('interviews')`).all() as { name: string }[]).map((c) => c.name)
			);
			for (const [col, type] of LATE_INTERVIEW_COLUMNS) {
				if (!have.has(col)) db.exec(`ALTER TABLE interviews ADD COLUMN ${col} ${type}`);
			}
		}
	},
	{
		version: 2,
		description: 'UPD-1: checkpoints keep the owners of their Yjs client ids',
		up(db) {
			db.exec(`ALTER TABLE checkpoints ADD COLUMN clients TEXT`);
		}
	},
	{
		version: 3,
		description:
			'issue 14: people (PEOPLE-1), participants.person_id, calibration sessions, raters, rounds, drafts and cards',
		up(db) {
			db.exec(CALIBRATION_SCHEMA);
		}
	},
	{
		version: 4,
		description: 'issue 11: a large checkpoint is stored in parts (checkpoints.parts, checkpoint_parts)',
		up(db) {
			db.exec(`
ALTER TABLE checkpoints ADD COLUMN parts INTEGER NOT NULL DEFAULT 0;
CREATE TABLE IF NOT EXISTS checkpoint_parts (
  interview_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq INTEGER NOT NULL,
  part INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (interview_id, doc, seq, part)
);`);
		}
	},
	{
		version: 5,
		description:
			"issue 11: indexes for the reads that scanned a whole table (an interview's participants, the reliability page's period, the organizer's latest interviews, the take-home sweep (by ended_at), a loop's decisions, an interview's erasure)",
		up(db) {
			db.exec(`
CREATE INDEX IF NOT EXISTS participants_by_interview ON participants (interview_id);
CREATE INDEX IF NOT EXISTS interviews_by_created ON interviews (created_at);
CREATE INDEX IF NOT EXISTS interviews_by_ended ON interviews (ended_at);
CREATE INDEX IF NOT EXISTS loop_decisions_by_loop ON loop_decisions (loop_id, decided_at);
CREATE INDEX IF NOT EXISTS reviewer_links_by_interview ON reviewer_links (interview_id);
CREATE INDEX IF NOT EXISTS calibration_drafts_by_interview ON calibration_drafts (interview_id);`);
		}
	}
];

/** The schema version this build expects. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
