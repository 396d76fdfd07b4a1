import type { Database } from '../db.ts';
import { queryAll } from '../db.ts';

/**
 * Runs `write` with Око's TEMP triggers `names` set aside (those present; `write` learns which),
 * and puts them back as they were when it ends, whichever way. Any trigger on a table makes SQLite
 * take each multi-row INSERT into it statement by statement with a statement journal — a copy of
 * every page the row touches — so a writer that does the triggers' work itself writes without them
 * (aggregates.ts insertingResultsOf, score-key.ts writingScores).
 */
export function withTriggersAside<T>(db: Database, names: readonly string[], write: (aside: readonly string[]) => T): T {
  const present = queryAll(db, `SELECT name, sql FROM temp.sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`, [
    ...names,
  ]).rows.map(([name, sql]) => [String(name), String(sql)] as const);
  for (const [name] of present) db.run(`DROP TRIGGER temp.${name}`);
  try {
    return write(present.map(([name]) => name));
  } finally {
    // sqlite_temp_master keeps a TEMP trigger's text without «TEMP» (without it the trigger would go
    // into the session file) and without «IF NOT EXISTS» (a transaction SQLite rolled back itself —
    // out of memory, interrupted — has already brought the triggers back)
    for (const [, sql] of present) db.exec(sql.replace(/^CREATE TRIGGER\b/, 'CREATE TEMP TRIGGER IF NOT EXISTS'));
  }
}
