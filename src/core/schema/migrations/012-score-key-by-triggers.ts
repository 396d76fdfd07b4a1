/**
 * 12: the key of a task score to its result (task_score.result_id → result) is kept by Око's
 * triggers (score-key.ts), no longer declared as a foreign key of the table.
 *
 * Why: with the key declared, SQLite looks the result up for every score it writes — for the
 * 1,500,000 scores of a 100,000-row Ф1 about 0.45 s of the import's CPU (docs/benchmarks.md),
 * although Око's import writes each score right after its own result. The triggers refuse what
 * the key refused — a score of a missing result, a result deleted or renumbered while it has
 * scores — in the console, the grid and every other write; only the import's own writing of
 * scores goes without them (score-key.ts, writingScores). As in migration 11 only the table's
 * definition text changes (https://sqlite.org/lang_altertable.html#otheralter): the rows and
 * their rowids stay, and a regional session migrates at once.
 */
export const SCORE_KEY_BY_TRIGGERS_SCHEMA = `
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'result_id INTEGER REFERENCES result DEFERRABLE INITIALLY DEFERRED,', 'result_id INTEGER,')
WHERE type = 'table' AND name = 'task_score';
PRAGMA writable_schema = RESET;
`;
