import type { Database } from '../db.ts';
import { queryValue, transaction } from '../db.ts';
import { installAggregateTriggers, refreshAggregates } from './aggregates.ts';
import { MIGRATIONS } from './migrations.ts';
import { seedReferenceData } from './reference-data.ts';
import { installScoreKeyTriggers } from './score-key.ts';
import { installSqlFunctions, type SqlFunctionFlags } from './sql-functions.ts';

/** The size up to which a migrated database is compacted at once (see migrate()). */
const VACUUM_UP_TO_BYTES = 32 * 1024 * 1024;

function databaseBytes(db: Database): number {
  return Number(queryValue(db, 'PRAGMA page_count')) * Number(queryValue(db, 'PRAGMA page_size'));
}

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
  // free. A small database is compacted at once (well under a second), so a new or small session
  // holds no free pages — nor the bytes a rolled-back write may leave in one (a free page taken in
  // a transaction is not copied first). A large one is not: VACUUM would hold a second copy of it
  // in the tab (a 200 MB region: 1.4 GB at the peak, docs/benchmarks.md); the next imports reuse
  // its free pages instead.
  if (current < MIGRATIONS.length && Number(queryValue(db, 'PRAGMA freelist_count')) > 0 && databaseBytes(db) <= VACUUM_UP_TO_BYTES) {
    try {
      db.run('VACUUM');
    } catch {
      // only tidying: a session that cannot be compacted now still opens
    }
  }
  // A table moved into a new one lost its statistics (sqlite_stat1, which the engine makes once
  // and renews after imports): gathered again, sampled as after an import.
  if (current > 0 && current < MIGRATIONS.length && queryValue(db, "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'") !== null) {
    db.run('PRAGMA analysis_limit = 1000');
    db.run('ANALYZE');
  }
  installScoreKeyTriggers(db);
  installAggregateTriggers(db);
  refreshAggregates(db);
  return MIGRATIONS.length;
}
