import { describe, expect, it } from 'vitest';
import type { Database, SqlValue } from '../../src/core/db.ts';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { deleteBatch, importFile, type ImportFile, type ImportOptions } from '../../src/core/import/index.ts';
import { fisokoF1Sheet } from '../../src/core/import/formats/vpr-results/sample-f1.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import { insertingResultsOf, rebuildAggregates, refreshAggregates } from '../../src/core/schema/aggregates.ts';
import * as F from '../fixtures/generate.ts';
import { NOW } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

/**
 * The ВПР writer sums agg_result, agg_score and agg_task from its rows as it writes them
 * (src/core/schema/written-pairs.ts). These tests import with the core alone — no refresh after
 * the import — so what they compare is what the writer stored, against a rebuild from the raw rows
 * (agg_vpr_year, the ВПР rows of agg_result by year and ОО, copied after the writer stored them).
 */

const TABLES = ['agg_result', 'agg_score', 'agg_task', 'agg_vpr_year'];

function aggregates(db: Database): Record<string, SqlValue[][]> {
  return Object.fromEntries(TABLES.map((t) => [t, queryAll(db, `SELECT * FROM ${t} ORDER BY 1, 2, 3, 4`).rows]));
}

/** Pairs the writer left to the refresh. */
const dirtyPairs = (db: Database) => queryAll(db, 'SELECT assessment_id, school_id FROM oko_agg_dirty ORDER BY 1, 2').rows;

function expectEqualToRebuild(db: Database): Record<string, SqlValue[][]> {
  const stored = aggregates(db);
  rebuildAggregates(db);
  expect(stored).toEqual(aggregates(db));
  return stored;
}

const CONTEXT_2026 = { schoolLogin: 'edu203389', year: 2026, subject: 'Русский язык', grade: 4 };

const PARTICIPANT_TABLES: Array<[string, () => ImportFile, ImportOptions['context']?]> = [
  ['Ф1 of one school («X» in a task, no journal mark)', F.f1OneSchool],
  ['Ф1 of a municipality (three ОО, «X» and «х», an absent participant, a row of «X» only)', F.f1Municipal],
  ['Ф1 as a CSV', F.f1MunicipalCsv],
  ['form 2026 (marks from the scale, an absent participant, template rows)', () => F.form2026(), CONTEXT_2026],
  ['form 2026 without a scale (no marks)', F.form2026NoScale, CONTEXT_2026],
  ['form 2022', F.form2022, { year: 2022, subject: 'math', grade: 4 }],
];

describe('summaries stored by the ВПР writer', () => {
  for (const [name, file, context] of PARTICIPANT_TABLES) {
    it(`${name}: equal to grouping the written rows, and no pair is left to the refresh`, async () => {
      const db = freshDatabase();
      await importFile(db, file(), { now: NOW, context });
      expect(dirtyPairs(db)).toEqual([]);
      const stored = expectEqualToRebuild(db);
      expect(stored.agg_result.length).toBe(Number(queryValue(db, 'SELECT COUNT(DISTINCT school_id) FROM result')));
    });
  }

  it('sums what the raw rows hold: participants, marks, journal, primary scores, tasks by mark (municipal Ф1)', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1Municipal(), { now: NOW });
    const byLogin = (login: string) =>
      queryAll(
        db,
        `SELECT g.results_n, g.present_n, g.participants, g.n_2, g.n_3, g.n_4, g.n_5, g.journal_n, g.lowered_n, g.confirmed_n, g.raised_n,
                g.scored_n, g.score_sum, g.tasks_n, g.lowered2_n, g.raised2_n, g.absent_n
         FROM agg_result g JOIN school s USING (school_id) WHERE s.fisoko_login = ?`,
        [login],
      ).rows[0];
    // 50001: «5», journal 5, 9 points; 50002: «2», no journal, 2 points; 50003: «3», journal 4, 4 points
    expect(byLogin('edu770001')).toEqual([3, 3, 3, 1, 1, 0, 1, 2, 1, 1, 0, 3, 15, 3, 0, 0, 0]);
    // 50002 present with «X» in every task: a participant with task scores of null
    expect(byLogin('edu770002')).toEqual([2, 2, 2, 1, 0, 1, 0, 2, 2, 0, 0, 2, 6, 2, 0, 0, 0]);
    expect(byLogin('edu770003')).toEqual([2, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0, 1, 6, 1, 0, 0, 1]);
    const lyceumTasks = queryAll(
      db,
      `SELECT t.task_code, t.mark, t.n, t.score_sum FROM agg_task t JOIN school s USING (school_id)
       WHERE s.fisoko_login = 'edu770002' AND t.task_code IN ('1', '4К1') ORDER BY 1, 2`,
    ).rows;
    expect(lyceumTasks).toEqual([
      ['1', 2, 1, 0],
      ['1', 4, 1, 1],
      ['4К1', 2, 1, 0],
      ['4К1', 4, 1, 2],
    ]);
  });

  it('a newer export of the same work replaces its pairs: the summaries are those of the new rows', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    const first = aggregates(db);
    await importFile(db, F.f1OneSchoolNewer(), { now: NOW });
    expect(dirtyPairs(db)).toEqual([]);
    expect(expectEqualToRebuild(db)).not.toEqual(first);
  });

  it('a pair with a primary score whose sum could depend on the order of adding is left to the refresh, the others are stored', async () => {
    const spec = F.f1MunicipalSpec();
    spec.schools[1].participants[0].primary = 4.3;
    const db = freshDatabase();
    await importFile(db, { name: 'Ф1 с дробным баллом.xlsx', bytes: writeWorkbook([fisokoF1Sheet(spec)]) }, { now: NOW });
    const lyceum = Number(queryValue(db, "SELECT school_id FROM school WHERE fisoko_login = 'edu770002'"));
    expect(dirtyPairs(db).map(([, school]) => school)).toEqual([lyceum]);
    expect(queryValue(db, 'SELECT COUNT(*) FROM agg_result WHERE school_id <> ?', [lyceum])).toBe(2);
    refreshAggregates(db);
    expect(queryValue(db, 'SELECT score_sum FROM agg_result WHERE school_id = ?', [lyceum])).toBeCloseTo(4.3, 10);
    expectEqualToRebuild(db);
  });

  it('the writer marks its pairs itself instead of the per-row trigger, which is back after the write, whether it ends or fails', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1Municipal(), { now: NOW });
    const trigger = () => queryValue(db, "SELECT COUNT(*) FROM temp.sqlite_master WHERE type = 'trigger' AND name = 'oko_agg_result_insert'");
    const [work, school] = queryAll(db, 'SELECT assessment_id, school_id FROM result ORDER BY result_id LIMIT 1').rows[0] as [number, number];
    expect(trigger()).toBe(1);
    insertingResultsOf(db, [[work, school]], () => {
      expect(trigger()).toBe(0);
      expect(dirtyPairs(db)).toEqual([[work, school]]);
    });
    expect(trigger()).toBe(1);
    refreshAggregates(db);
    db.run('BEGIN');
    expect(() =>
      insertingResultsOf(db, [[work, school]], () => {
        throw new Error('файл оборван');
      }),
    ).toThrow('файл оборван');
    db.run('ROLLBACK');
    expect(trigger()).toBe(1);
    expect(dirtyPairs(db)).toEqual([]);
    // and it marks a row written by hand again
    db.run('INSERT INTO result (assessment_id, school_id) VALUES (?, ?)', [work, school]);
    expect(dirtyPairs(db)).toEqual([[work, school]]);
  });

  it('task scores written before the import for results already counted still reach the refresh', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1Municipal(), { now: NOW });
    db.run("INSERT INTO task_score (result_id, task_code, score) SELECT MIN(result_id), 'доп', 1 FROM result WHERE mark IS NOT NULL");
    const earlier = queryAll(
      db,
      'SELECT assessment_id, school_id FROM result WHERE result_id = (SELECT MIN(result_id) FROM result WHERE mark IS NOT NULL)',
    ).rows;
    await importFile(db, F.f1OneSchool(), { now: NOW });
    expect(dirtyPairs(db)).toEqual(earlier);
    refreshAggregates(db);
    expect(dirtyPairs(db)).toEqual([]);
    expectEqualToRebuild(db);
  });

  it('result numbers taken again after an import is deleted, and a task score added to a written result later', async () => {
    const db = freshDatabase();
    await importFile(db, F.f1Municipal(), { now: NOW });
    const first = aggregates(db);
    const lastResult = Number(queryValue(db, 'SELECT MAX(result_id) FROM result'));
    deleteBatch(db, Number(queryValue(db, 'SELECT MAX(import_batch_id) FROM import_batch')));
    await importFile(db, F.f1Municipal(), { now: NOW });
    // the same numbers again, below the mark of counted results the first import left
    expect(queryValue(db, 'SELECT MAX(result_id) FROM result')).toBe(lastResult);
    expect(dirtyPairs(db)).toEqual([]);
    expect(aggregates(db)).toEqual(first);
    db.run("INSERT INTO task_score (result_id, task_code, score) VALUES (?, 'доп', 1)", [lastResult - 1]);
    refreshAggregates(db);
    expectEqualToRebuild(db);
    expect(aggregates(db)).not.toEqual(first);
  });
});
