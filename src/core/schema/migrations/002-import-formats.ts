/** 2: tables for ФИС ОКО aggregate reports, the school directory and user tables (issue 3). */
export const IMPORT_FORMATS_SCHEMA = `
-- Which file an aggregate row came from: a newer export of the same report replaces it and names the old file.
ALTER TABLE fisoko_agg ADD COLUMN import_batch_id INTEGER REFERENCES import_batch;

-- The crosswalk looks schools up by alias and moves aliases on merge.
CREATE INDEX ix_school_code_alias_school ON school_code_alias(school_id);

-- Column mappings the user confirmed, keyed by the shape of a file (hash of its normalised header row).
CREATE TABLE oko_import_mapping (
  shape_key  TEXT PRIMARY KEY,
  mapping    TEXT NOT NULL,   -- JSON: {sheet, headerRow, tableName, columns: [{source, name, type}]}
  updated_at TEXT
);

-- Tables the user imported as they are (the spreadsheet side of the workbench).
CREATE TABLE oko_user_table (
  table_name      TEXT PRIMARY KEY,
  import_batch_id INTEGER REFERENCES import_batch,
  source_file     TEXT,
  sheet           TEXT,
  columns         TEXT,       -- JSON: [{source, name, type}]
  created_at      TEXT
);
`;
