/**
 * 5: the «аналитическая справка» (issue 7). A report is a document of the session: its title
 * block and sections — parameters, a snapshot of the table, the chart and the text the user
 * edits — kept as one JSON body (src/core/report/types.ts, ReportDoc), so the downloaded .sqlite
 * carries it and a reload finds it where it was. Several reports per session; the view opens the
 * latest one (by updated_at).
 */
export const REPORT_SCHEMA = `
CREATE TABLE oko_report (
  id         INTEGER PRIMARY KEY,
  title      TEXT NOT NULL DEFAULT '',
  body       TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`;
