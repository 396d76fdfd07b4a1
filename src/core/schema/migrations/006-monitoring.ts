/**
 * 6: monitoring forms (issue 11) — what Око asks schools for the МСОКО systems that have no national
 * export (профориентация, руководители, педагоги и наставничество, воспитание, дошкольное
 * образование), who was asked, who returned what, and the answers (src/core/monitoring/).
 *
 * - monitoring_campaign — one cycle: a form for a school year, with its deadline;
 * - monitoring_addressee — the schools a cycle's forms were made for (the status board's rows);
 * - monitoring_return — one returned form per school, form and year: accepted, or refused with its
 *   problems (a newer form replaces it);
 * - monitoring_value — the accepted answers, one row per school, form, year and field; yes/no as
 *   1/0, scores and counts as numbers. Field codes and their questions: docs/monitoring.md.
 *
 * `year` is the calendar year in which the school year ends (2024/2025 → 2025), as everywhere.
 */
export const MONITORING_SCHEMA = `
CREATE TABLE monitoring_campaign (
  form_id      TEXT NOT NULL,
  year         INTEGER NOT NULL,
  form_version INTEGER NOT NULL,
  deadline     TEXT,
  created_at   TEXT,
  PRIMARY KEY (form_id, year)
);

CREATE TABLE monitoring_addressee (
  form_id   TEXT NOT NULL,
  year      INTEGER NOT NULL,
  school_id INTEGER NOT NULL REFERENCES school,
  PRIMARY KEY (form_id, year, school_id),
  FOREIGN KEY (form_id, year) REFERENCES monitoring_campaign (form_id, year)
);

CREATE TABLE monitoring_return (
  return_id       INTEGER PRIMARY KEY,
  form_id         TEXT NOT NULL,
  year            INTEGER NOT NULL,
  school_id       INTEGER NOT NULL REFERENCES school,
  form_version    INTEGER NOT NULL,
  filled_on       TEXT,
  status          TEXT NOT NULL CHECK (status IN ('accepted','refused')),
  problems        TEXT NOT NULL DEFAULT '[]',
  file_name       TEXT,
  import_batch_id INTEGER REFERENCES import_batch,
  UNIQUE (form_id, year, school_id)
);

CREATE TABLE monitoring_value (
  form_id         TEXT NOT NULL,
  year            INTEGER NOT NULL,
  school_id       INTEGER NOT NULL REFERENCES school,
  field           TEXT NOT NULL,
  value           REAL NOT NULL,
  import_batch_id INTEGER REFERENCES import_batch,
  PRIMARY KEY (form_id, year, school_id, field)
);
CREATE INDEX ix_monitoring_value_field ON monitoring_value(form_id, field, year);
`;
