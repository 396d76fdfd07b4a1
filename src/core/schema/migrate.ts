import type { Database } from '../db.ts';
import { queryValue, transaction } from '../db.ts';
import { installAggregateTriggers, refreshAggregates } from './aggregates.ts';
import { MIGRATIONS } from './migrations.ts';
import { seedReferenceData } from './reference-data.ts';
import { installScoreKeyTriggers } from './score-key.ts';
import { installSqlFunctions, type SqlFunctionFlags } from './sql-functions.ts';

/**
 * Brings any database (empty or older) up to the current schema. Returns the version reached.
 * Every database Око works with passes here (new, saved, opened from a file, in tests), so this
 * is also where it gets Око's SQL functions (Excel's ROUND); with the sql.js module (`sql`) they
 * are usable in views under `trusted_schema = OFF`. And the triggers that keep the aggregate
 * tables in step with the raw rows (aggregates.ts): an older session, or a file saved with pairs
 * still to recompute, gets its aggregates here. And the triggers that keep the key of a task score
 * to its result (score-key.ts).
 */
export function migrate(db: Database, sql?: SqlFunctionFlags): number {
  installSqlFunctions(db, sql);
  db.run('PRAGMA foreign_keys = ON');
  const current = Number(queryValue(db, 'PRAGMA user_version') ?? 0);
  if (current > MIGRATIONS.length) {
    throw new Error(`Файл сессии создан более новой версией Око (схема ${current}, эта версия знает ${MIGRATIONS.length}). Обновите приложение.`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    transaction(db, () => {
      db.exec(MIGRATIONS[version]);
      if (version === 0) seedReferenceData(db);
      db.run(`PRAGMA user_version = ${version + 1}`);
    });
  }
  // A migration that moves a table into a new one (14: task_score) leaves the old one's pages
  // free: they would stay in every save of the session, and a write rolled back could leave its
  // bytes in them (a free page taken in a transaction is not copied first).
  if (current < MIGRATIONS.length && Number(queryValue(db, 'PRAGMA freelist_count')) > 0) db.run('VACUUM');
  installScoreKeyTriggers(db);
  installAggregateTriggers(db);
  refreshAggregates(db);
  return MIGRATIONS.length;
}
