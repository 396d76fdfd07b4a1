/** 1: the canonical schema (docs/schema.md), plus the workspace tables of a session. */
export const CANONICAL_SCHEMA = `
CREATE TABLE municipality (
  municipality_id INTEGER PRIMARY KEY,
  region_code     TEXT,
  fisoko_code     TEXT UNIQUE,
  gia_msu_code    TEXT,
  name            TEXT NOT NULL,
  UNIQUE (region_code, name)
);
CREATE TABLE school (
  school_id       INTEGER PRIMARY KEY,
  municipality_id INTEGER REFERENCES municipality,
  fisoko_login    TEXT UNIQUE,
  gia_code        TEXT,
  full_name       TEXT,
  short_name      TEXT,
  settlement_type TEXT,
  school_type     TEXT,
  ownership       TEXT,
  is_active       INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE school_code_alias (
  source    TEXT NOT NULL,
  code      TEXT NOT NULL,
  name_seen TEXT,
  school_id INTEGER NOT NULL REFERENCES school,
  PRIMARY KEY (source, code)
);
CREATE TABLE school_year_attr (
  school_id INTEGER REFERENCES school, year INTEGER, attr TEXT, value TEXT,
  PRIMARY KEY (school_id, year, attr)
);
CREATE TABLE cluster_assignment (
  scheme TEXT, year INTEGER, school_id INTEGER REFERENCES school, cluster TEXT,
  PRIMARY KEY (scheme, year, school_id)
);
CREATE TABLE school_list_membership (
  list TEXT, year INTEGER, school_id INTEGER REFERENCES school, note TEXT,
  PRIMARY KEY (list, year, school_id)
);
CREATE TABLE objectivity_flag (
  year INTEGER, school_id INTEGER REFERENCES school,
  work TEXT,
  flagged INTEGER,
  source TEXT NOT NULL DEFAULT 'fioko',
  PRIMARY KEY (year, school_id, work, source)
);

CREATE TABLE subject (
  subject_code TEXT PRIMARY KEY,
  name         TEXT NOT NULL,
  vpr_abbr     TEXT
);
CREATE TABLE subject_code_alias (
  source TEXT, code TEXT, name_seen TEXT, subject_code TEXT REFERENCES subject,
  PRIMARY KEY (source, code, name_seen)
);
CREATE TABLE assessment (
  assessment_id INTEGER PRIMARY KEY,
  kind          TEXT NOT NULL CHECK (kind IN ('vpr','oge','gve9','ege','gve11')),
  year          INTEGER NOT NULL,
  subject_code  TEXT NOT NULL REFERENCES subject,
  grade         INTEGER,
  level         TEXT NOT NULL DEFAULT '',
  exam_code     TEXT,
  exam_date     TEXT,
  stage         TEXT,
  term          TEXT,
  max_primary   INTEGER,
  -- '' for ВПР (one work per year, subject, grade); the exam date for ГИА sittings.
  sitting       TEXT NOT NULL DEFAULT '',
  UNIQUE (kind, year, subject_code, grade, level, sitting)
);
CREATE TABLE assessment_task (
  assessment_id INTEGER REFERENCES assessment,
  task_code     TEXT,
  position      INTEGER,
  max_score     INTEGER,
  difficulty    TEXT,
  part          TEXT,
  skill         TEXT,
  codifier      TEXT,
  PRIMARY KEY (assessment_id, task_code)
);
CREATE TABLE mark_scale (
  kind TEXT, year INTEGER, subject_code TEXT, grade INTEGER, level TEXT NOT NULL DEFAULT '',
  mark INTEGER CHECK (mark BETWEEN 2 AND 5),
  min_primary INTEGER, max_primary INTEGER,
  condition TEXT,
  source TEXT,
  PRIMARY KEY (kind, year, subject_code, grade, level, mark)
);
CREATE TABLE ege_threshold (
  year INTEGER, subject_code TEXT REFERENCES subject,
  min_certificate INTEGER,
  min_vuz_rosobr  INTEGER,
  min_vuz_minobr  INTEGER,
  PRIMARY KEY (year, subject_code)
);

CREATE TABLE student (
  student_id  INTEGER PRIMARY KEY,
  person_key  TEXT UNIQUE,
  gender      TEXT,
  birth_year  INTEGER
);
CREATE TABLE import_batch (
  import_batch_id INTEGER PRIMARY KEY,
  file_name       TEXT,
  sha256          TEXT UNIQUE,
  detected_format TEXT,
  imported_at     TEXT,
  rows            INTEGER,
  warnings        TEXT
);
CREATE TABLE result (
  result_id        INTEGER PRIMARY KEY,
  assessment_id    INTEGER NOT NULL REFERENCES assessment,
  school_id        INTEGER NOT NULL REFERENCES school,
  student_id       INTEGER REFERENCES student,
  participant_code TEXT,
  class_label      TEXT,
  class_ordinal    INTEGER,
  variant          TEXT,
  absent           INTEGER NOT NULL DEFAULT 0,
  primary_score    REAL,
  mark             INTEGER CHECK (mark BETWEEN 2 AND 5),
  test_score       INTEGER CHECK (test_score BETWEEN 0 AND 100),
  journal_mark     INTEGER CHECK (journal_mark BETWEEN 2 AND 5),
  primary_written  REAL,
  primary_oral     REAL,
  short_mask       TEXT,
  long_mask        TEXT,
  oral_mask        TEXT,
  ppe_code         TEXT,
  auditorium       TEXT,
  msu_code         TEXT,
  appeal_status    TEXT,
  import_batch_id  INTEGER REFERENCES import_batch,
  UNIQUE (assessment_id, school_id, participant_code)
);
CREATE INDEX ix_result_school ON result(school_id, assessment_id);
CREATE TABLE task_score (
  result_id INTEGER REFERENCES result,
  task_code TEXT,
  score     REAL,
  raw       TEXT,
  PRIMARY KEY (result_id, task_code)
);
CREATE TABLE term_mark (
  school_id INTEGER, student_id INTEGER, class_label TEXT, subject_code TEXT,
  year INTEGER, period TEXT,
  mark INTEGER,
  import_batch_id INTEGER REFERENCES import_batch,
  PRIMARY KEY (school_id, student_id, subject_code, year, period)
);
CREATE TABLE medal_candidate (
  student_id INTEGER, year INTEGER, degree INTEGER CHECK (degree IN (1,2)),
  import_batch_id INTEGER REFERENCES import_batch,
  PRIMARY KEY (student_id, year)
);
CREATE TABLE fisoko_agg (
  assessment_id INTEGER REFERENCES assessment,
  report    TEXT,
  level     TEXT,
  entity    TEXT,
  metric    TEXT,
  value     REAL,
  PRIMARY KEY (assessment_id, report, level, entity, metric)
);

CREATE VIEW v_vpr AS
SELECT r.*, a.year, a.subject_code, a.grade, a.max_primary, s.municipality_id
FROM result r JOIN assessment a USING(assessment_id) JOIN school s USING(school_id)
WHERE a.kind='vpr' AND r.absent=0 AND r.mark IS NOT NULL;

-- The workspace lives in the same file, so one .sqlite file is the whole session.
CREATE TABLE oko_workspace (
  key   TEXT PRIMARY KEY,
  value TEXT
);
CREATE TABLE oko_edit_log (
  edit_id    INTEGER PRIMARY KEY,
  table_name TEXT NOT NULL,
  row_id     INTEGER NOT NULL,
  column_name TEXT NOT NULL,
  old_value,
  new_value,
  edited_at  TEXT NOT NULL
);
`;
