/**
 * The key of a task score to its result (task_score.result_id → result), kept by triggers since
 * migration 12 (which says why). They refuse what the declared foreign key refused, with its
 * message ('FOREIGN KEY constraint failed', in Russian by sql-errors.ts): a score of a missing
 * result, a score moved to a missing result, a result deleted or renumbered while it has scores
 * (its rowid too), or removed by OR REPLACE — and the SQL console refuses DROP TABLE result while
 * there are scores (dropsResultWithScores). Unlike the deferred key, inside `BEGIN … COMMIT` they
 * refuse at once, not at COMMIT; an OR REPLACE of a result with scores is refused even when the new
 * row keeps its number.
 *
 * TEMP triggers, made anew on every open (migrate.ts), never stored in a session: a session file
 * opened elsewhere holds no trigger of Око's.
 */
import type { Database } from '../db.ts';
import { queryValue, withTriggersAside } from '../db.ts';

/** The key the triggers keep, for code that finds a result's rows by the keys declared to it (delete-batch.ts). */
export const SCORE_KEY = { table: 'task_score', column: 'result_id' } as const;

const REFUSE = "SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed')";

const TRIGGERS = `
CREATE TEMP TRIGGER IF NOT EXISTS oko_score_key_insert BEFORE INSERT ON main.task_score
WHEN NEW.result_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.result WHERE result_id = NEW.result_id)
BEGIN ${REFUSE}; END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_score_key_update BEFORE UPDATE OF result_id ON main.task_score
WHEN NEW.result_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM main.result WHERE result_id = NEW.result_id)
BEGIN ${REFUSE}; END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_score_key_result_delete BEFORE DELETE ON main.result
WHEN EXISTS (SELECT 1 FROM main.task_score WHERE result_id = OLD.result_id)
BEGIN ${REFUSE}; END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_score_key_result_update BEFORE UPDATE ON main.result
WHEN NEW.result_id IS NOT OLD.result_id AND EXISTS (SELECT 1 FROM main.task_score WHERE result_id = OLD.result_id)
BEGIN ${REFUSE}; END;`;

/**
 * Makes the key's triggers on this connection (a database of the current schema). With recursive
 * triggers on, a row that INSERT OR REPLACE or UPDATE OR REPLACE removes fires the delete triggers
 * too (SQLite's rule), so such a statement cannot drop a result with scores either; the
 * aggregates' delete triggers then also see those rows.
 */
export function installScoreKeyTriggers(db: Database): void {
  db.run('PRAGMA recursive_triggers = ON');
  db.exec(TRIGGERS);
}

const DROP_RESULT = /^\s*DROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?(?:(?:main|"main"|`main`|\[main\])\s*\.\s*)?(?:result|"result"|`result`|\[result\])\s*;?\s*$/i;

/**
 * Whether a statement of the SQL console drops `result` while there are scores: triggers do not
 * fire on DROP TABLE, and the declared key refused it (the implicit delete of its rows).
 */
export function dropsResultWithScores(db: Database, statement: string): boolean {
  const bare = statement.replace(/--[^\n]*(\n|$)|\/\*[\s\S]*?(\*\/|$)/g, ' ');
  return DROP_RESULT.test(bare) && queryValue(db, 'SELECT 1 FROM main.task_score WHERE result_id IS NOT NULL LIMIT 1') !== null;
}

/** Око's triggers on inserting a score: the key's check (here) and the note of its pair for the aggregates (aggregates.ts). */
const ON_SCORE_INSERT = ['oko_score_key_insert', 'oko_agg_task_insert'];

/**
 * Runs `write`, in which Око's import writes task scores only of results it wrote in the same
 * transaction, without the triggers on each score: the lookup of its result (the cost migration 12
 * removed) and the note of its pair for the aggregates (the result's insert noted it). Any trigger
 * on the table would also make SQLite keep a statement journal for every multi-row INSERT
 * (db.ts, withTriggersAside).
 */
export function writingScores<T>(db: Database, write: () => T): T {
  return withTriggersAside(db, ON_SCORE_INSERT, write);
}
