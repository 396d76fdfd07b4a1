import type { Database } from '../db.ts';
import { queryAll, queryValue, transaction, withTriggersAside } from '../db.ts';
import { ATTEMPT_TABLES, installAttemptTriggers, notePersonsOfChangedPairs, rebuildAttempts, refreshAttempts } from './attempts.ts';
import { VPR_YEAR_REFRESH, installVprYearTriggers } from './vpr-years.ts';

/**
 * The aggregate tables (migration 7: agg_result, agg_score, agg_task; migration 9 added the
 * journal gaps and the absentees to agg_result) and the one rule that keeps them equal to the raw
 * rows of result and task_score.
 *
 * 1. Triggers on result and task_score note, in the same statement and so in the same transaction
 *    as the change, which (work, ОО) pairs changed: oko_agg_dirty. They are TEMP triggers, made
 *    anew on every open (installAggregateTriggers, called by migrate()), never stored in a session
 *    file: a file with triggers is refused (session-file.ts), whatever they do.
 * 2. refreshAggregates() recomputes exactly the dirty pairs from the raw rows and empties the list.
 *    The engine calls it after each of its writes (import, undo, deleting an import, edits,
 *    recomputed marks, the SQL console); runResolved() calls it before an indicator reads, so an
 *    aggregate is never read stale, whoever wrote the rows.
 *
 * Inserting a task score is the one frequent write (15 per participant on import); a trigger on
 * each insert cost a Ф1 of 100,000 participants about 3 s of CPU, half the import. So Око's import,
 * which writes scores only of results it wrote in the same transaction (their pairs noted by the
 * results), writes them without it (score-key.ts, writingScores); every other insert fires it.
 *
 * A writer that writes whole pairs may store their summaries itself, summed from its rows as it
 * writes them (written-pairs.ts: the ВПР participant tables); the pairs it stored leave
 * oko_agg_dirty, so the refresh after the import has nothing left to group.
 *
 * agg_attempt, the place of each ГИА result among its person's sittings, and agg_gia_person, each
 * participant's first sittings of a year summed, are kept by the same rule per person instead of
 * per pair (attempts.ts): their triggers are made and their refresh runs here. agg_vpr_year,
 * agg_result's ВПР rows by year and ОО, is rewritten with agg_result for the same pairs and moved
 * by triggers on assessment (vpr-years.ts).
 */

/** The summary tables by (work, ОО). */
export const PAIR_TABLES: readonly string[] = ['agg_result', 'agg_score', 'agg_task'];
/** The tables that follow agg_result: a refresh of pairs may rewrite their rows. */
const OF_PAIRS: readonly string[] = [...PAIR_TABLES, 'agg_vpr_year'];
/** The summary tables this rule keeps. */
export const AGGREGATE_TABLES: readonly string[] = [...OF_PAIRS, ...ATTEMPT_TABLES];

/** What a participant is, for every aggregate: present and given a mark (as v_vpr, for any kind of work). */
const PARTICIPANT = 'r.absent = 0 AND r.mark IS NOT NULL';

/**
 * The pairs to recompute, then their results by ix_result_school. Both are spelled out: left to
 * itself SQLite read every result in index order to spare the grouping a sort, or built an
 * automatic index on result.absent — 30–50 s for one edited mark on a 1,000,000-result region.
 */
const DIRTY_RESULTS = 'oko_agg_dirty d CROSS JOIN result r INDEXED BY ix_result_school ON r.school_id = d.school_id AND r.assessment_id = d.assessment_id';

/** The statements of a refresh that come before agg_task's, in order (exported for the test of their query plans). */
export const REFRESH: readonly string[] = [
  VPR_YEAR_REFRESH.remove,
  ...PAIR_TABLES.map((table) => `DELETE FROM ${table} WHERE (assessment_id, school_id) IN (SELECT assessment_id, school_id FROM oko_agg_dirty)`),
  `INSERT INTO agg_result
   SELECT r.assessment_id, r.school_id,
          COUNT(*),
          COUNT(*) FILTER (WHERE r.absent = 0),
          COUNT(*) FILTER (WHERE ${PARTICIPANT}),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.mark = 2),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.mark = 3),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.mark = 4),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.mark = 5),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.journal_mark IS NOT NULL),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.mark < r.journal_mark),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.mark = r.journal_mark),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.mark > r.journal_mark),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.primary_score IS NOT NULL),
          TOTAL(r.primary_score) FILTER (WHERE ${PARTICIPANT}),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND EXISTS (SELECT 1 FROM task_score ts WHERE ts.result_id = r.result_id)),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.journal_mark - r.mark >= 2),
          COUNT(*) FILTER (WHERE ${PARTICIPANT} AND r.mark - r.journal_mark >= 2),
          COUNT(*) FILTER (WHERE r.absent = 1)
   FROM ${DIRTY_RESULTS}
   GROUP BY r.assessment_id, r.school_id`,
  VPR_YEAR_REFRESH.copy,
  `INSERT INTO agg_score
   SELECT r.assessment_id, r.school_id, CAST(r.primary_score AS INTEGER), COUNT(*)
   FROM ${DIRTY_RESULTS}
   WHERE ${PARTICIPANT} AND r.primary_score IS NOT NULL
   GROUP BY 1, 2, 3`,
];

/**
 * agg_task of one pair. One statement for every pair sorted all their task scores in one go for
 * the grouping (a Ф1 of 100,000 participants: 1,500,000 rows, 2.2–2.6 s of CPU); pair by pair the
 * sorts are small (1.1–1.5 s).
 */
export const REFRESH_TASKS_OF_PAIR = `INSERT INTO agg_task
   SELECT r.assessment_id, r.school_id, ts.task_code, r.mark, COUNT(*), TOTAL(ts.score)
   FROM result r INDEXED BY ix_result_school JOIN task_score ts ON ts.result_id = r.result_id
   WHERE r.school_id = :school AND r.assessment_id = :assessment AND ${PARTICIPANT}
   GROUP BY ts.task_code, r.mark`;

const REFRESH_DONE = 'DELETE FROM oko_agg_dirty';

// oko_agg_result_insert and oko_agg_task_insert are set aside while Око's import writes: it notes
// its pairs up front (insertingResultsOf), and its scores' pairs were noted by their results (writingScores)
const TRIGGERS = `
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_result_insert AFTER INSERT ON main.result BEGIN
  INSERT OR IGNORE INTO oko_agg_dirty VALUES (NEW.assessment_id, NEW.school_id);
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_result_delete AFTER DELETE ON main.result BEGIN
  INSERT OR IGNORE INTO oko_agg_dirty VALUES (OLD.assessment_id, OLD.school_id);
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_result_update
AFTER UPDATE OF assessment_id, school_id, absent, mark, journal_mark, primary_score ON main.result BEGIN
  INSERT OR IGNORE INTO oko_agg_dirty VALUES (OLD.assessment_id, OLD.school_id), (NEW.assessment_id, NEW.school_id);
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_task_insert AFTER INSERT ON main.task_score BEGIN
  INSERT OR IGNORE INTO oko_agg_dirty SELECT assessment_id, school_id FROM result WHERE result_id = NEW.result_id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_task_delete AFTER DELETE ON main.task_score BEGIN
  INSERT OR IGNORE INTO oko_agg_dirty SELECT assessment_id, school_id FROM result WHERE result_id = OLD.result_id;
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_task_update AFTER UPDATE OF result_id, task_code, score ON main.task_score BEGIN
  INSERT OR IGNORE INTO oko_agg_dirty SELECT assessment_id, school_id FROM result WHERE result_id IN (OLD.result_id, NEW.result_id);
END;
`;

/**
 * Runs `write`, which inserts results of the given (work, ОО) pairs only, with those pairs marked
 * for the refresh up front instead of row by row by the insert trigger, which is set aside while it
 * writes (db.ts, withTriggersAside: with the trigger, the statement journal of a 100,000-row Ф1 was the
 * largest single cost of the write).
 */
export function insertingResultsOf<T>(db: Database, pairs: ReadonlyArray<readonly [number, number]>, write: () => T): T {
  return withTriggersAside(db, ['oko_agg_result_insert'], (aside) => {
    if (aside.length === 0) return write();
    const mark = db.prepare('INSERT OR IGNORE INTO oko_agg_dirty VALUES (?, ?)');
    try {
      for (const [assessmentId, schoolId] of pairs) mark.run([assessmentId, schoolId]);
    } finally {
      mark.free();
    }
    return write();
  });
}

/** Makes the triggers of rule 1 on this connection (a database of the current schema). */
export function installAggregateTriggers(db: Database): void {
  db.exec(TRIGGERS);
  installAttemptTriggers(db);
  installVprYearTriggers(db);
}

/**
 * Pairs above which the refresh reads most of the session: SQLite's page cache (2 MB by default)
 * is raised for it, since the grouping reads result through its index and task_score by its key (a
 * 1,000,000-result region: about twice as fast with 64 MB), and set back afterwards.
 */
const LARGE_REFRESH = 500;
const LARGE_CACHE_KIB = 65_536;

/** Recomputes the pairs and persons whose raw rows changed; nothing to do costs a few lookups. Returns the tables it rewrote rows of. */
export function refreshAggregates(db: Database): readonly string[] {
  // Writes refused (the console's PRAGMA query_only, a user's indicator run read-only): the
  // refresh waits for the first write after, which catches up.
  if (Number(queryValue(db, 'PRAGMA query_only')) === 1) return [];
  notePersonsOfChangedPairs(db);
  const pairs = refreshPairs(db);
  const persons = refreshAttempts(db);
  return [...(pairs > 0 ? OF_PAIRS : []), ...(persons > 0 ? ATTEMPT_TABLES : [])];
}

function refreshPairs(db: Database): number {
  const dirty = Number(queryValue(db, 'SELECT COUNT(*) FROM oko_agg_dirty'));
  if (dirty === 0) return 0;
  const cache = dirty > LARGE_REFRESH ? Number(queryValue(db, 'PRAGMA cache_size')) : null;
  if (cache !== null) db.run(`PRAGMA cache_size = -${LARGE_CACHE_KIB}`);
  try {
    transaction(db, () => {
      for (const sql of REFRESH) db.run(sql);
      refreshTasksPairByPair(db);
      db.run(REFRESH_DONE);
    });
  } finally {
    if (cache !== null) db.run(`PRAGMA cache_size = ${cache}`);
  }
  return dirty;
}

function refreshTasksPairByPair(db: Database): void {
  const pairs = queryAll(db, 'SELECT assessment_id, school_id FROM oko_agg_dirty').rows;
  const insert = db.prepare(REFRESH_TASKS_OF_PAIR);
  try {
    for (const [assessment, school] of pairs) insert.run({ ':assessment': assessment, ':school': school });
  } finally {
    insert.free();
  }
}

/** Every pair computed afresh (tests compare the maintained tables with this). */
export function rebuildAggregates(db: Database): void {
  transaction(db, () => {
    for (const table of OF_PAIRS) db.run(`DELETE FROM ${table}`);
    db.run('INSERT OR IGNORE INTO oko_agg_dirty SELECT DISTINCT assessment_id, school_id FROM result');
    refreshPairs(db);
    rebuildAttempts(db);
  });
}
