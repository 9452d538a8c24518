/**
 * Every change of the PostgreSQL schema, in order; migration N brings a database from version
 * N-1 (table `pairboard_schema`) to N. Append new ones at the end and never edit one that has
 * shipped. The same tables and constraints as SQLite's (server/storage/sqlite/migrations.ts),
 * plus `log_seq`, the per-interview counter that orders the log across processes.
 */
export interface PgMigration {
	version: number;
	description: string;
	up: string;
}

export const PG_MIGRATIONS: PgMigration[] = [
	{
		version: 1,
		description: 'interviews, participants, log and its counters, checkpoints, reviewer links, scorecards and loops',
		up: `
CREATE TABLE interviews (
  id TEXT PRIMARY KEY,
  ord BIGSERIAL NOT NULL,
  title TEXT NOT NULL,
  candidate_name TEXT NOT NULL,
  problem_ids TEXT NOT NULL,
  rubric_id TEXT,
  created_at BIGINT NOT NULL,
  ended_at BIGINT,
  mode TEXT NOT NULL DEFAULT 'live',
  time_box_minutes INTEGER,
  started_at BIGINT,
  consented_at BIGINT
);
CREATE INDEX interviews_by_created ON interviews (created_at DESC, ord DESC);
CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  ord BIGSERIAL NOT NULL,
  interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  color TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE
);
CREATE INDEX participants_by_interview ON participants (interview_id, ord);
CREATE TABLE log_seq (
  interview_id TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL
);
CREATE TABLE log (
  interview_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  t BIGINT NOT NULL,
  kind TEXT NOT NULL,
  doc TEXT,
  type TEXT,
  actor TEXT NOT NULL,
  data BYTEA NOT NULL,
  PRIMARY KEY (interview_id, seq)
);
CREATE INDEX log_by_doc ON log (interview_id, doc, seq);
CREATE TABLE checkpoints (
  interview_id TEXT NOT NULL,
  doc TEXT NOT NULL,
  seq BIGINT NOT NULL,
  state BYTEA NOT NULL,
  clients TEXT,
  PRIMARY KEY (interview_id, doc, seq)
);
CREATE TABLE reviewer_links (
  id TEXT PRIMARY KEY,
  interview_id TEXT NOT NULL REFERENCES interviews(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  anonymised BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE scorecard_drafts (
  interview_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  data TEXT NOT NULL,
  saved_at BIGINT NOT NULL,
  PRIMARY KEY (interview_id, participant_id)
);
CREATE TABLE scorecards (
  interview_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  ratings TEXT NOT NULL,
  recommendation TEXT NOT NULL,
  confidence TEXT NOT NULL,
  reason TEXT,
  after_seeing_others BOOLEAN NOT NULL,
  submitted_at BIGINT NOT NULL,
  PRIMARY KEY (interview_id, participant_id, version)
);
CREATE TABLE scorecard_seen_others (
  interview_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  first_seen_at BIGINT NOT NULL,
  PRIMARY KEY (interview_id, participant_id)
);
CREATE TABLE loops (
  id TEXT PRIMARY KEY,
  ord BIGSERIAL NOT NULL,
  title TEXT NOT NULL,
  candidate_name TEXT NOT NULL,
  decision_rule TEXT NOT NULL,
  panel_token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);
CREATE TABLE loop_interviews (
  loop_id TEXT NOT NULL REFERENCES loops(id) ON DELETE CASCADE,
  interview_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (loop_id, interview_id)
);
CREATE INDEX loop_interviews_by_interview ON loop_interviews (interview_id);
CREATE TABLE loop_decisions (
  loop_id TEXT NOT NULL REFERENCES loops(id) ON DELETE CASCADE,
  ord BIGSERIAL NOT NULL,
  decided_at BIGINT NOT NULL,
  decision TEXT NOT NULL,
  rationale TEXT NOT NULL,
  decided_by TEXT NOT NULL
);
CREATE INDEX loop_decisions_by_loop ON loop_decisions (loop_id, decided_at, ord);
`
	},
	{
		version: 2,
		description:
			'issue 14: people (PEOPLE-1), participants.person_id, calibration sessions, raters, rounds, drafts and cards',
		up: `
CREATE TABLE people (
  id TEXT PRIMARY KEY,
  ord BIGSERIAL NOT NULL,
  name TEXT NOT NULL,
  name_key TEXT NOT NULL,
  email TEXT,
  role TEXT,
  level TEXT,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX people_by_email ON people (email) WHERE email IS NOT NULL;
CREATE INDEX people_by_name_key ON people (name_key);
ALTER TABLE participants ADD COLUMN person_id TEXT REFERENCES people(id);
CREATE INDEX participants_by_person ON participants (person_id);
CREATE TABLE calibration_sessions (
  id TEXT PRIMARY KEY,
  ord BIGSERIAL NOT NULL,
  title TEXT NOT NULL,
  rubric_id TEXT NOT NULL,
  blind BOOLEAN NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE TABLE calibration_interviews (
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  interview_id TEXT NOT NULL REFERENCES interviews(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (session_id, interview_id)
);
CREATE INDEX calibration_interviews_by_interview ON calibration_interviews (interview_id);
CREATE TABLE calibration_raters (
  id TEXT PRIMARY KEY,
  ord BIGSERIAL NOT NULL,
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  person_id TEXT NOT NULL REFERENCES people(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  UNIQUE (session_id, person_id)
);
CREATE INDEX calibration_raters_by_person ON calibration_raters (person_id);
CREATE TABLE calibration_rounds (
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  round INTEGER NOT NULL,
  opened_at BIGINT NOT NULL,
  revealed_at BIGINT,
  revealed_by TEXT,
  PRIMARY KEY (session_id, round)
);
CREATE TABLE calibration_drafts (
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  rater_id TEXT NOT NULL REFERENCES calibration_raters(id) ON DELETE CASCADE,
  interview_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  data TEXT NOT NULL,
  saved_at BIGINT NOT NULL,
  PRIMARY KEY (session_id, rater_id, interview_id, round)
);
CREATE TABLE calibration_cards (
  session_id TEXT NOT NULL REFERENCES calibration_sessions(id) ON DELETE CASCADE,
  ord BIGSERIAL NOT NULL,
  rater_id TEXT NOT NULL REFERENCES calibration_raters(id) ON DELETE CASCADE,
  interview_id TEXT NOT NULL,
  round INTEGER NOT NULL,
  ratings TEXT NOT NULL,
  recommendation TEXT NOT NULL,
  confidence TEXT NOT NULL,
  submitted_at BIGINT NOT NULL,
  PRIMARY KEY (session_id, rater_id, interview_id, round)
);
CREATE INDEX calibration_cards_by_interview ON calibration_cards (interview_id);
`
	},
	{
		version: 3,
		description:
			"issue 11: indexes SQLite's migration 5 added, for the reads that scanned a whole table (the reliability page's period, the retention and take-home sweeps, an interview's erasure)",
		up: `
CREATE INDEX interviews_by_ended ON interviews (ended_at);
CREATE INDEX reviewer_links_by_interview ON reviewer_links (interview_id);
CREATE INDEX calibration_drafts_by_interview ON calibration_drafts (interview_id);
`
	}
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS[PG_MIGRATIONS.length - 1].version;
