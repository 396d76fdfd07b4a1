import type { Database } from '../db.ts';

/**
 * agg_vpr_year (migration 13): the rows of agg_result of ВПР works with participants, with the
 * work's year, subject and grade, clustered by (year, school_id) — so that an indicator grouping
 * a region's ВПР rows by ОО and year (M1, M3) reads them in that order instead of sorting them.
 *
 * It is agg_result joined with assessment, nothing more, and is kept equal to that join
 * (VPR_YEAR_ROWS; the tests compare them) where either changes:
 * - agg_result changes only where the aggregates are written: the refresh rewrites the rows of the
 *   dirty pairs (REFRESH in aggregates.ts runs VPR_YEAR_REFRESH beside its own statements), a
 *   writer that stores its pairs itself copies its work's rows after (copyVprYearsOfWork). No
 *   trigger on agg_result: with any trigger on it, each row the ВПР writer stores cost ~10 µs more
 *   (5,000 pairs: 23 → 68 ms in Node with a trigger that does nothing);
 * - a ВПР work added, deleted or given another year, subject, grade or kind: TEMP triggers on
 *   assessment (made anew on every open with the aggregates' triggers) move its rows in the same
 *   statement, as its rows of agg_result are then (a stale pair is rewritten by the refresh later).
 */

/** The table's rows computed afresh from agg_result and assessment, in key order (tests compare the kept table with it). */
export const VPR_YEAR_ROWS = `SELECT a.year, g.school_id, g.assessment_id, a.subject_code, a.grade, g.participants, g.n_2, g.n_3, g.n_4, g.n_5
FROM assessment a JOIN agg_result g ON g.assessment_id = a.assessment_id
WHERE a.kind = 'vpr' AND g.participants > 0
ORDER BY 1, 2, 3`;

/** The columns of a row: agg_result `g` under its work `a` (a row of assessment, or NEW/OLD of a trigger on it). */
const ROW = (a: string) => `${a}.year, g.school_id, g.assessment_id, ${a}.subject_code, ${a}.grade, g.participants, g.n_2, g.n_3, g.n_4, g.n_5`;

/**
 * The rows of the pairs in oko_agg_dirty: removed before agg_result's rows of them are rewritten,
 * copied after — from the dirty pairs (CROSS JOIN), not from every ВПР work.
 */
export const VPR_YEAR_REFRESH = {
  remove: `DELETE FROM agg_vpr_year WHERE (year, school_id, assessment_id) IN (
  SELECT a.year, d.school_id, d.assessment_id FROM oko_agg_dirty d CROSS JOIN assessment a ON a.assessment_id = d.assessment_id WHERE a.kind = 'vpr')`,
  copy: `INSERT INTO agg_vpr_year
  SELECT ${ROW('a')}
  FROM oko_agg_dirty d CROSS JOIN assessment a ON a.assessment_id = d.assessment_id
  CROSS JOIN agg_result g ON g.assessment_id = d.assessment_id AND g.school_id = d.school_id
  WHERE a.kind = 'vpr' AND g.participants > 0`,
};

/** Every row of agg_result of the work `w` (NEW or OLD of assessment), when it is a ВПР work. */
const ADD_WORK = (w: 'NEW' | 'OLD') => `INSERT INTO agg_vpr_year
  SELECT ${ROW(w)} FROM agg_result g WHERE ${w}.kind = 'vpr' AND g.assessment_id = ${w}.assessment_id AND g.participants > 0;`;
const REMOVE_WORK = (w: 'NEW' | 'OLD') => `DELETE FROM agg_vpr_year WHERE ${w}.kind = 'vpr' AND year = ${w}.year AND assessment_id = ${w}.assessment_id;`;

/** The columns of a work whose change moves its rows: what agg_vpr_year copies of assessment, and its key. */
const WORK_COLUMNS = ['assessment_id', 'kind', 'year', 'subject_code', 'grade'];

/**
 * The summary tables the triggers below rewrite at once when `column` of `table` is edited (the
 * refresh of the aggregates does not see such a change: it reports only the pairs it rewrote).
 */
export function movedByTriggers(table: string, column: string): readonly string[] {
  return table === 'assessment' && WORK_COLUMNS.includes(column) ? ['agg_vpr_year'] : [];
}

const TRIGGERS = `
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_vpr_year_work_insert AFTER INSERT ON main.assessment WHEN NEW.kind = 'vpr' BEGIN
  ${ADD_WORK('NEW')}
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_vpr_year_work_delete AFTER DELETE ON main.assessment WHEN OLD.kind = 'vpr' BEGIN
  ${REMOVE_WORK('OLD')}
END;
CREATE TEMP TRIGGER IF NOT EXISTS oko_agg_vpr_year_work_update
AFTER UPDATE OF ${WORK_COLUMNS.join(', ')} ON main.assessment
WHEN OLD.kind = 'vpr' OR NEW.kind = 'vpr' BEGIN
  ${REMOVE_WORK('OLD')}
  ${ADD_WORK('NEW')}
END;
`;

/** Makes the triggers on this connection (a database of the current schema). */
export function installVprYearTriggers(db: Database): void {
  db.exec(TRIGGERS);
}

/** The rows of one work copied again from agg_result, after a writer stored some of its pairs (written-pairs.ts). */
export function copyVprYearsOfWork(db: Database, assessmentId: number): void {
  const work = { ':work': assessmentId };
  db.run(`DELETE FROM agg_vpr_year WHERE year = (SELECT year FROM assessment WHERE assessment_id = :work AND kind = 'vpr') AND assessment_id = :work`, work);
  db.run(
    `INSERT INTO agg_vpr_year SELECT ${ROW('a')} FROM assessment a CROSS JOIN agg_result g ON g.assessment_id = a.assessment_id
          WHERE a.assessment_id = :work AND a.kind = 'vpr' AND g.participants > 0`,
    work,
  );
}
