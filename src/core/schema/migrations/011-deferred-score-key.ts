/**
 * 11: the key of a task score to its result (task_score.result_id → result) is checked when the
 * transaction commits, not after every statement (DEFERRABLE INITIALLY DEFERRED).
 *
 * Why: the import writes a participant's task scores in one statement of 15 rows. SQLite keeps a
 * statement journal (a copy of every page the statement touches) for a statement that writes
 * several rows and may stop half way; an immediate foreign key — and a key conflict that aborts —
 * make it one. For a 100,000-row Ф1 that journal was ~0.5 s of the worker (docs/benchmarks.md).
 * With the key deferred and the score rows written `INSERT OR FAIL`, nothing in such a statement
 * aborts, so SQLite keeps no journal for it; the import's savepoint still undoes a failed file
 * whole. The rows on disk do not change: only the table's definition text does (SQLite's own way
 * for a change of constraint, https://sqlite.org/lang_altertable.html#otheralter), so even a
 * regional session migrates at once, without copying its scores. Outside a transaction a missing
 * result is refused as before, by the same statement; inside one, at COMMIT.
 */
export const DEFERRED_SCORE_KEY_SCHEMA = `
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'result_id INTEGER REFERENCES result,', 'result_id INTEGER REFERENCES result DEFERRABLE INITIALLY DEFERRED,')
WHERE type = 'table' AND name = 'task_score';
PRAGMA writable_schema = RESET;
`;
