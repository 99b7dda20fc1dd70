"""The database's tables (schema version 1, kept in ``PRAGMA user_version``); see docs/database.md."""

from __future__ import annotations

VERSION = 1

SCHEMA = """
CREATE TABLE meta (                -- what the last check run used
  key   TEXT PRIMARY KEY,          -- rules_sha256, profile, language, tool_version, run_key
  value TEXT NOT NULL
);

CREATE TABLE files (               -- every case file checked, valid or not
  path     TEXT PRIMARY KEY,       -- as given to check
  sha256   TEXT NOT NULL,          -- of its bytes
  run_key  TEXT NOT NULL,          -- rules digest, profile, language and tool version it was checked with
  case_id  TEXT UNIQUE,            -- NULL when the file is invalid
  problems INTEGER NOT NULL,       -- errors found (0: valid)
  content  BLOB NOT NULL           -- the file's bytes (reports are rendered from them on demand)
);

CREATE TABLE cases (               -- one row per valid case file
  case_id        TEXT PRIMARY KEY,
  path           TEXT NOT NULL UNIQUE REFERENCES files(path) ON DELETE CASCADE,
  title          TEXT NOT NULL,
  jurisdiction   TEXT,
  context        TEXT,
  region         TEXT,
  apprehended_at TEXT,             -- the apprehension as recorded: 2022-01-05T10:00, 2022-01, 2011 ...
  apprehended    TEXT,             -- its date (at most 10 characters)
  locality       TEXT,
  place          TEXT,
  sex            TEXT NOT NULL,
  age            INTEGER,
  age_group      TEXT NOT NULL,
  confidential   INTEGER NOT NULL, -- the subject asked for confidentiality
  pseudonymised  INTEGER NOT NULL, -- the subject is not published by name
  treatment      TEXT NOT NULL,    -- torture indicated, other ill-treatment, contested, not established
  complaint_made       INTEGER,    -- 1 yes, 0 no, NULL not known (the engine's derived facts)
  investigation_opened INTEGER,
  prosecution          INTEGER,
  breach INTEGER NOT NULL, contested INTEGER NOT NULL, insufficient_information INTEGER NOT NULL,
  met INTEGER NOT NULL, not_applicable INTEGER NOT NULL,  -- findings by outcome (Convention)
  shown_met      REAL,
  completeness   REAL
);

CREATE TABLE findings (            -- every finding of every rule for every instance (episode, case)
  case_id   TEXT NOT NULL REFERENCES cases(case_id) ON DELETE CASCADE,
  law       TEXT NOT NULL,         -- convention or national
  rule_id   TEXT NOT NULL,
  instance  TEXT NOT NULL,
  safeguard TEXT NOT NULL,
  articles  TEXT NOT NULL,         -- JSON array of articles, e.g. ["2","16"]
  severity  TEXT NOT NULL,
  outcome   TEXT NOT NULL,         -- breach, contested, insufficient_information, met, not_applicable
  standard_of_proof TEXT NOT NULL
);
CREATE INDEX findings_case ON findings(case_id);
CREATE INDEX findings_outcome ON findings(safeguard, outcome);

CREATE TABLE article_conclusions (
  case_id TEXT NOT NULL REFERENCES cases(case_id) ON DELETE CASCADE,
  article TEXT NOT NULL,
  outcome TEXT NOT NULL,           -- violation_indicated, contested, ...
  standard_of_proof TEXT NOT NULL,
  PRIMARY KEY (case_id, article)
);

CREATE TABLE annex_outcomes (      -- the worst outcome of each safeguard under each article, as the annex counts it
  case_id   TEXT NOT NULL REFERENCES cases(case_id) ON DELETE CASCADE,
  article   TEXT NOT NULL,
  safeguard TEXT NOT NULL,
  outcome   TEXT NOT NULL,
  PRIMARY KEY (case_id, article, safeguard)
);

CREATE TABLE annex_rows (          -- the annex's row and summary of a case for each audience, not yet redacted
  case_id  TEXT NOT NULL REFERENCES cases(case_id) ON DELETE CASCADE,
  audience TEXT NOT NULL,
  row      TEXT NOT NULL,          -- JSON of the case row (safeguards.annex.model.CaseRow)
  sources  TEXT NOT NULL,          -- JSON [[key, text], ...] in the order the case cites them
  PRIMARY KEY (case_id, audience)
);

CREATE TABLE withheld (            -- names withheld from each audience (for redaction and the audit; never published)
  path     TEXT NOT NULL REFERENCES files(path) ON DELETE CASCADE,
  kind     TEXT NOT NULL,          -- case: of the validated people; file: read from the YAML as far as it goes
  audience TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  name     TEXT NOT NULL,
  label    TEXT NOT NULL,
  PRIMARY KEY (path, kind, audience, seq)
);
"""
