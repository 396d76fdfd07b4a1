/**
 * 4: tables the indicator catalogue reads beyond results (issue 4), and the session's own
 * indicators. Each table is small and importable from a plain CSV/XLSX (layouts in
 * docs/indicators.md, «Таблицы для загрузки»):
 *
 * - olympiad_result — ВсОШ protocols (Концепция МСОКО ЗАТО г. Североморск: «доля победителей и призёров от числа участников»);
 * - additional_education — coverage by additional education (Концепция МСОКО ЗАТО г. Североморск: «охват … уменьшился с 77% до 44%»);
 * - teaching_staff — one row per teacher and school year (программа Советско-Гаванского района: высшее образование, категории,
 *   курсы повышения квалификации, средний возраст);
 * - oko_custom_indicator — the user's indicators, stored as JSON definitions (the method, never data).
 *
 * `year` is the calendar year in which the school year ends (2024/2025 → 2025), as for ВПР and ГИА.
 * People are identified by keys only (a hash or a school's own code), never by name.
 */
export const CATALOGUE_SCHEMA = `
CREATE TABLE olympiad_result (
  olympiad_result_id INTEGER PRIMARY KEY,
  year            INTEGER NOT NULL,
  stage           TEXT NOT NULL CHECK (stage IN ('школьный','муниципальный','региональный','заключительный')),
  subject         TEXT NOT NULL,
  school_id       INTEGER NOT NULL REFERENCES school,
  participant_key TEXT NOT NULL,
  grade           INTEGER,
  status          TEXT NOT NULL CHECK (status IN ('участник','призёр','победитель')),
  score           REAL,
  import_batch_id INTEGER REFERENCES import_batch,
  UNIQUE (year, stage, subject, participant_key)
);
CREATE INDEX ix_olympiad_year ON olympiad_result(year, stage);

CREATE TABLE additional_education (
  school_id        INTEGER NOT NULL REFERENCES school,
  year             INTEGER NOT NULL,
  students_total   INTEGER NOT NULL CHECK (students_total >= 0),
  students_covered INTEGER NOT NULL CHECK (students_covered >= 0 AND students_covered <= students_total),
  import_batch_id  INTEGER REFERENCES import_batch,
  PRIMARY KEY (school_id, year)
);

CREATE TABLE teaching_staff (
  school_id        INTEGER NOT NULL REFERENCES school,
  year             INTEGER NOT NULL,
  teacher_key      TEXT NOT NULL,
  higher_education INTEGER CHECK (higher_education IN (0,1)),
  category         TEXT CHECK (category IN ('высшая','первая','соответствие','нет')),
  refresher_valid  INTEGER CHECK (refresher_valid IN (0,1)),
  birth_year       INTEGER,
  age              INTEGER CHECK (age BETWEEN 14 AND 100),
  import_batch_id  INTEGER REFERENCES import_batch,
  PRIMARY KEY (school_id, year, teacher_key)
);

CREATE TABLE oko_custom_indicator (
  id         TEXT PRIMARY KEY,
  definition TEXT NOT NULL,
  created_at TEXT
);
`;
