/** 3: tables for РЦОИ protocols of ОГЭ/ГВЭ/ЕГЭ: appeals history, person keys (issue 3). */
export const RCOI_SCHEMA = `
-- Secrets of this session file, e.g. the HMAC key that turns ФИО + document into student.person_key.
-- Generated on first need; without it the keys of a later import would not match earlier ones.
CREATE TABLE oko_secret (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- A second keyed hash over the ФИО alone: the ОГЭ appeal export names a person without a document.
CREATE TABLE person_name_key (
  name_key   TEXT NOT NULL,
  student_id INTEGER NOT NULL REFERENCES student,
  PRIMARY KEY (name_key, student_id)
);

-- Names in clear, only when the user switched on «хранить ФИО» for the import (ImportContext.keepNames).
CREATE TABLE person_name (
  student_id INTEGER PRIMARY KEY REFERENCES student,
  surname    TEXT,
  name       TEXT,
  patronymic TEXT,
  document   TEXT
);

-- Every value an appeal or re-check changed, with the value before it.
CREATE TABLE result_history (
  history_id  INTEGER PRIMARY KEY,
  result_id   INTEGER NOT NULL REFERENCES result,
  changed_at  TEXT NOT NULL,
  batch_id    INTEGER REFERENCES import_batch,
  column_name TEXT NOT NULL,
  old_value,
  new_value,
  reason      TEXT
);
CREATE INDEX ix_result_history_result ON result_history(result_id);

-- One person's exams are found by student_id (appeals, «все экзамены без двоек», medals).
CREATE INDEX ix_result_student ON result(student_id);
`;
