/**
 * 14: task_score is kept in the order of its key (result_id, task_code) — a WITHOUT ROWID table —
 * instead of a table of rowids beside an index of the key.
 *
 * Why: every task score was written twice, once into the table and once into the index of its
 * key, and stored twice over; the scores are most of a session (15 per participant). Keyed by
 * their key alone a 100,000-row Ф1 writes its 1,500,000 scores about a fifth faster, the table
 * takes ~40 % less space (docs/benchmarks.md), and a result's scores are read straight from the
 * table instead of through the index.
 *
 * What it changes: the grid and the edit log address a score by its result and task (the key)
 * instead of a rowid (src/core/edit/row-key.ts); new scores of results the aggregates already
 * counted are noted by a trigger like every other change (aggregates.ts), so oko_agg_state, the
 * rowid mark that replaced that trigger, goes. Pairs with scores written after the mark are noted
 * first, so a session saved with such scores still gets its summaries recomputed.
 *
 * A score without a result or a task (possible only from the console: a rowid table let NULL
 * into its key) names nothing an indicator can read; a WITHOUT ROWID table refuses a NULL key,
 * so such rows are not carried over (the pairs of those with a result are recounted).
 * legacy_alter_table: the new table takes the old one's name without SQLite rewriting the views
 * that read task_score (they read it by name already). migrate() then gathers the statistics
 * the old table took with it and, for a small session, compacts the file.
 */
export const TASK_SCORES_BY_KEY_SCHEMA = `
INSERT OR IGNORE INTO oko_agg_dirty
SELECT DISTINCT r.assessment_id, r.school_id
FROM oko_agg_state st CROSS JOIN task_score ts ON ts.rowid > st.covered_task_rowid AND ts.result_id <= st.covered_result_id
JOIN result r ON r.result_id = ts.result_id;
INSERT OR IGNORE INTO oko_agg_dirty
SELECT DISTINCT r.assessment_id, r.school_id
FROM task_score ts JOIN result r ON r.result_id = ts.result_id
WHERE ts.task_code IS NULL;
DROP TABLE oko_agg_state;

CREATE TABLE oko_task_score_by_key (
  result_id INTEGER,
  task_code TEXT,
  score     REAL,
  raw       TEXT,
  PRIMARY KEY (result_id, task_code)
) WITHOUT ROWID;
INSERT INTO oko_task_score_by_key (result_id, task_code, score, raw)
SELECT result_id, task_code, score, raw FROM task_score
WHERE result_id IS NOT NULL AND task_code IS NOT NULL
ORDER BY result_id, task_code;
DROP TABLE task_score;
PRAGMA legacy_alter_table = ON;
ALTER TABLE oko_task_score_by_key RENAME TO task_score;
PRAGMA legacy_alter_table = OFF;
`;
