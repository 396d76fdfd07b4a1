import initSqlJs from '../../wasm/node.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, SqlValue } from '../../src/core/db.ts';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { findIndicator } from '../../src/core/indicators/index.ts';
import { bindingsFor, resolveParams } from '../../src/core/indicators/params.ts';
import { runResolved } from '../../src/core/indicators/run.ts';
import { AGGREGATE_TABLES, REFRESH, REFRESH_TASKS_OF_PAIR, rebuildAggregates } from '../../src/core/schema/aggregates.ts';
import { migrate } from '../../src/core/schema/migrate.ts';
import { MIGRATIONS } from '../../src/core/schema/migrations.ts';
import { RESULT_COUNTS_SCHEMA } from '../../src/core/schema/migrations/009-result-counts.ts';
import { VPR_YEAR_ROWS, movedByTriggers } from '../../src/core/schema/vpr-years.ts';
import { buildDemoSession } from '../../src/engine/demo-session.ts';
import { Engine } from '../../src/engine/engine.ts';
import * as F from '../fixtures/generate.ts';
import { RAW_SQL } from './aggregates-raw-sql.ts';
import { MAIN, SCHOOL, catalogueFixture } from './catalogue-fixture.ts';
import { combinations, rowsOf } from './indicator-combinations.ts';
import { indicatorFixture } from './indicator-fixture.ts';

const SQL = await initSqlJs();

/** The aggregate tables as data, in key order. */
function aggregates(db: Database): Record<string, SqlValue[][]> {
  return Object.fromEntries(['agg_result', 'agg_score', 'agg_task'].map((t) => [t, queryAll(db, `SELECT * FROM ${t} ORDER BY 1, 2, 3, 4`).rows]));
}

/** agg_vpr_year as it is kept equals agg_result joined with assessment, computed afresh. */
function expectVprYearsFresh(db: Database): void {
  expect(queryAll(db, 'SELECT * FROM agg_vpr_year ORDER BY 1, 2, 3').rows).toEqual(queryAll(db, VPR_YEAR_ROWS).rows);
}

/** The maintained aggregates equal a rebuild from the raw rows, and nothing is left to recompute. */
function expectFresh(db: Database): void {
  expect(queryValue(db, 'SELECT COUNT(*) FROM oko_agg_dirty'), 'pairs left to recompute').toBe(0);
  expectVprYearsFresh(db);
  const maintained = aggregates(db);
  rebuildAggregates(db);
  expect(maintained).toEqual(aggregates(db));
  expectVprYearsFresh(db);
}

/**
 * A column that must be non-zero in some compared row: the comparison sees what the indicator is
 * about (gaps of 2 marks and more, a year to compare with, primary scores beside a maximum).
 */
const MUST_SEE: Record<string, string> = {
  V1: 'n_absent',
  V6: 'score_pct',
  V8: 'diverge_n',
  V14: 'pct_2_prev',
  O3: 'vpr_quality',
  L2: 'quality_pct',
  R1: 'computed',
};

describe('indicators read the aggregates and give the rows the raw SQL gives', () => {
  const databases: Array<[string, () => Database]> = [
    ['the indicator fixture', indicatorFixture],
    ['the catalogue fixture', catalogueFixture],
  ];
  let demo: Uint8Array;
  beforeAll(async () => {
    demo = await buildDemoSession(SQL);
  }, 600_000);

  for (const id of Object.keys(RAW_SQL)) {
    it(`${id}: the same rows from the aggregates as from result and task_score, for every choice the fixtures and the demo offer`, () => {
      const def = findIndicator(id)!;
      expect(def.sql, `${id} still reads the raw rows`).not.toBe(RAW_SQL[id]);
      let compared = 0;
      let rows = 0;
      let seen = 0;
      for (const [name, open] of [...databases, ['the demo session', () => migrateOpen(demo)] as [string, () => Database]]) {
        const db = open();
        for (const params of combinations(db, def)) {
          const result = runResolved(db, def, params);
          const fromAggregates = result.rows;
          expect(fromAggregates, `${id} on ${name} with ${JSON.stringify(params)}`).toEqual(rowsOf(db, RAW_SQL[id], params));
          compared++;
          rows += fromAggregates.length;
          const column = result.columns.indexOf(MUST_SEE[id]);
          if (column >= 0) seen += fromAggregates.filter((row) => row[column] !== null && row[column] !== 0).length;
        }
        db.close();
      }
      expect(compared).toBeGreaterThan(0);
      expect(rows, `${id}: the comparison must see rows`).toBeGreaterThan(0);
      if (MUST_SEE[id]) expect(seen, `${id}: rows with ${MUST_SEE[id]}`).toBeGreaterThan(0);
    }, 600_000);
  }
});

describe('query plans of the indicators on the aggregates', () => {
  it('no result or task score row is read; a municipality’s ВПР rows come by the (work, ОО) key of agg_result', () => {
    const db = catalogueFixture();
    db.run('PRAGMA analysis_limit = 1000');
    db.run('ANALYZE');
    for (const id of Object.keys(RAW_SQL)) {
      const def = findIndicator(id)!;
      const regionWide = def.params.some((p) => p.name === 'municipality' && p.default === 0);
      const params = resolveParams(db, def, regionWide ? { municipality: MAIN.municipality } : {});
      const plan = queryAll(db, `EXPLAIN QUERY PLAN ${def.sql}`, bindingsFor(def.sql, params)).rows.map((row) => String(row[3]));
      expect(
        plan.filter((line) => /\b(SCAN|SEARCH) (r|result|ts|task_score|v)\b/.test(line)),
        id,
      ).toEqual([]);
      if (['V1', 'V3', 'V4', 'V6', 'V8', 'V14', 'R1', 'O3', 'L2'].includes(id)) {
        expect(plan, id).toContain('SEARCH g USING INDEX sqlite_autoindex_agg_result_1 (assessment_id=? AND school_id=?)');
      }
    }
  });

  it('M1 and M3 over the region group the ВПР rows of agg_vpr_year as they come, by year and ОО: no sort', () => {
    const db = catalogueFixture();
    db.run('PRAGMA analysis_limit = 1000');
    db.run('ANALYZE');
    for (const [id, read] of [
      ['M1', 'SEARCH vy USING PRIMARY KEY (year>? AND year<?)'],
      ['M3', 'SEARCH vy USING PRIMARY KEY (year=?)'],
    ]) {
      const def = findIndicator(id)!;
      const plan = queryAll(db, `EXPLAIN QUERY PLAN ${def.sql}`, bindingsFor(def.sql, resolveParams(db, def, id === 'M3' ? { municipality: 0 } : {}))).rows;
      const reads = plan.filter((row) => row[3] === read);
      expect(reads, id).toHaveLength(1);
      expect(
        plan.filter((row) => row[1] === reads[0][1]).map((row) => row[3]),
        id,
      ).not.toContain('USE TEMP B-TREE FOR GROUP BY');
    }
  });
});

describe('V1 for an ОО where everyone was absent', () => {
  it('shows the ОО with 0 participants and all its pupils absent, as the raw rows did', () => {
    const db = catalogueFixture();
    const def = findIndicator('V1')!;
    const params = resolveParams(db, def, MAIN);
    const work = queryValue(db, "SELECT assessment_id FROM assessment WHERE kind = 'vpr' AND year = ? AND subject_code = ? AND grade = ?", [
      MAIN.year,
      MAIN.subject,
      MAIN.grade,
    ]);
    db.run('UPDATE result SET absent = 1, mark = NULL, primary_score = NULL WHERE school_id = ? AND assessment_id = ?', [SCHOOL.sosh1, work]);
    const absent = Number(queryValue(db, 'SELECT COUNT(*) FROM result WHERE school_id = ? AND assessment_id = ?', [SCHOOL.sosh1, work]));
    const rows = runResolved(db, def, params).rows;
    expect(rows).toEqual(rowsOf(db, RAW_SQL.V1, params));
    const name = queryValue(db, 'SELECT COALESCE(short_name, full_name) FROM school WHERE school_id = ?', [SCHOOL.sosh1]);
    expect(rows.find((row) => row[1] === name)).toEqual(['ОО', name, 0, absent, 100, 1]);
  });
});

describe('R1 for an ОО of the ФИС ОКО report whose results are not loaded', () => {
  it('shows 0 participants and empty shares, as the raw rows did', () => {
    const db = catalogueFixture();
    const def = findIndicator('R1')!;
    const params = resolveParams(db, def, MAIN);
    db.run('DELETE FROM task_score WHERE result_id IN (SELECT result_id FROM result WHERE school_id = ?)', [SCHOOL.sosh1]);
    db.run('DELETE FROM result WHERE school_id = ?', [SCHOOL.sosh1]);
    const rows = runResolved(db, def, params).rows;
    expect(rows).toEqual(rowsOf(db, RAW_SQL.R1, params));
    const login = queryValue(db, 'SELECT fisoko_login FROM school WHERE school_id = ?', [SCHOOL.sosh1]);
    expect(rows.filter((row) => row[2] === login).map((row) => [row[4], row[6], row[9]])).toEqual([
      ['Участников', 0, 1],
      ['«2», %', null, 1],
      ['«3», %', null, 1],
      ['«4», %', null, 1],
      ['«5», %', null, 1],
      ['Участников в сравнении с журналом', 0, 1],
      ['Понизили, %', null, 1],
      ['Подтвердили, %', null, 1],
      ['Повысили, %', null, 1],
    ]);
  });
});

function migrateOpen(bytes: Uint8Array): Database {
  const db = new SQL.Database(bytes);
  migrate(db);
  return db;
}

describe('the aggregates stay equal to a rebuild from the raw rows', () => {
  it('after an import, a grid edit of a mark and of a task score, and a write in the SQL console', async () => {
    const engine = new Engine(SQL);
    const [imported] = await engine.importFiles({ files: [F.f1Municipal()] });
    expect(imported.ok).toBe(true);
    expect(Number(queryValue(engine.database, 'SELECT SUM(participants) FROM agg_result'))).toBeGreaterThan(0);
    expectFresh(engine.database);

    const [resultId, mark] = queryAll(engine.database, 'SELECT result_id, mark FROM result WHERE mark IS NOT NULL ORDER BY result_id LIMIT 1')
      .rows[0] as number[];
    const newMark = mark === 2 ? 5 : 2;
    expect(engine.updateCell({ table: 'result', rowKey: resultId, column: 'mark', value: String(newMark) })).toEqual({ ok: true, value: newMark });
    expectFresh(engine.database);

    const [scoreResult, scoreTask, score] = queryAll(engine.database, 'SELECT result_id, task_code, score FROM task_score WHERE score IS NOT NULL LIMIT 1')
      .rows[0] as [number, string, number];
    const scoreKey = JSON.stringify([scoreResult, scoreTask]);
    expect(engine.updateCell({ table: 'task_score', rowKey: scoreKey, column: 'score', value: score === 0 ? '1' : '0' }).ok).toBe(true);
    expectFresh(engine.database);

    engine.runSql({
      sql: 'UPDATE result SET journal_mark = mark WHERE result_id % 3 = 0; DELETE FROM task_score WHERE (result_id + length(task_code)) % 7 = 0',
    });
    expectFresh(engine.database);

    // a journal «5» for a mark «2» (the work 3 below the journal), then the other way round: V8's counts follow
    const gaps = () => queryAll(engine.database, 'SELECT SUM(lowered2_n), SUM(raised2_n) FROM agg_result').rows[0];
    const [gapped] = queryAll(engine.database, 'SELECT result_id FROM result WHERE mark = 2 ORDER BY result_id LIMIT 1').rows[0] as number[];
    engine.updateCell({ table: 'result', rowKey: gapped, column: 'journal_mark', value: '2' });
    const [lowered, raised] = gaps() as number[];
    expect(engine.updateCell({ table: 'result', rowKey: gapped, column: 'journal_mark', value: '5' })).toEqual({ ok: true, value: 5 });
    expect(gaps()).toEqual([lowered + 1, raised]);
    expectFresh(engine.database);
    expect(engine.updateCell({ table: 'result', rowKey: gapped, column: 'mark', value: '5' }).ok).toBe(true);
    expect(engine.updateCell({ table: 'result', rowKey: gapped, column: 'journal_mark', value: '2' }).ok).toBe(true);
    expect(gaps()).toEqual([lowered, raised + 1]);
    expectFresh(engine.database);

    // task scores of results already counted, added in the console: their trigger notes the pairs
    engine.runSql({ sql: "INSERT INTO task_score (result_id, task_code, score) SELECT result_id, 'доп', 1 FROM result WHERE mark IS NOT NULL LIMIT 5" });
    expectFresh(engine.database);
    // a score deleted and written again in the same script
    engine.runSql({
      sql: `DELETE FROM task_score WHERE result_id = (SELECT MAX(result_id) FROM task_score);
            INSERT INTO task_score (result_id, task_code, score) SELECT MIN(result_id), 'доп 2', 1 FROM result WHERE mark IS NOT NULL`,
    });
    expectFresh(engine.database);
  });

  it('after deleting an import and bringing it back («Удалить загрузку», «Вернуть»)', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [F.f1Municipal()] });
    const before = aggregates(engine.database);
    const batchId = Number(queryValue(engine.database, 'SELECT MAX(import_batch_id) FROM import_batch'));
    engine.deleteBatch({ batchId });
    expect(queryValue(engine.database, 'SELECT COUNT(*) FROM agg_result')).toBe(0);
    expectFresh(engine.database);
    engine.undoDelete();
    expectFresh(engine.database);
    expect(aggregates(engine.database)).toEqual(before);
  });

  it('an edit of a work’s year, subject, grade or kind names agg_vpr_year as moved by its triggers; other edits do not', () => {
    for (const column of ['assessment_id', 'kind', 'year', 'subject_code', 'grade']) expect(movedByTriggers('assessment', column)).toEqual(['agg_vpr_year']);
    for (const column of ['max_primary', 'level', 'exam_date']) expect(movedByTriggers('assessment', column)).toEqual([]);
    expect(movedByTriggers('result', 'mark')).toEqual([]);
  });

  it('agg_vpr_year follows a ВПР work given another year, grade, subject or kind, deleted and added back, and its pairs recomputed', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [F.f1Municipal()] });
    const db = engine.database;
    const rows = () => Number(queryValue(db, 'SELECT COUNT(*) FROM agg_vpr_year'));
    const before = rows();
    expect(before).toBeGreaterThan(0);
    expectFresh(db);
    const [work, year, grade, subject] = queryAll(
      db,
      "SELECT assessment_id, year, grade, subject_code FROM assessment WHERE kind = 'vpr' ORDER BY assessment_id LIMIT 1",
    ).rows[0] as [number, number, number, string];
    const otherSubject = String(queryValue(db, 'SELECT MIN(subject_code) FROM subject WHERE subject_code <> ?', [subject]));
    const ofWork = () => queryAll(db, 'SELECT DISTINCT year, grade FROM agg_vpr_year WHERE assessment_id = ?', [work]).rows;
    expect(ofWork()).toEqual([[year, grade]]);

    expect(engine.updateCell({ table: 'assessment', rowKey: work, column: 'year', value: String(year - 5) }).ok).toBe(true);
    expect(ofWork()).toEqual([[year - 5, grade]]);
    expectVprYearsFresh(db);
    expect(engine.updateCell({ table: 'assessment', rowKey: work, column: 'grade', value: String(grade + 1) }).ok).toBe(true);
    expect(ofWork()).toEqual([[year - 5, grade + 1]]);
    expectVprYearsFresh(db);
    engine.runSql({ sql: `UPDATE assessment SET subject_code = '${otherSubject}' WHERE assessment_id = ${work}` });
    expectVprYearsFresh(db);
    engine.runSql({ sql: `UPDATE assessment SET kind = 'oge' WHERE assessment_id = ${work}` });
    expect(ofWork()).toEqual([]);
    expectVprYearsFresh(db);
    engine.runSql({ sql: `UPDATE assessment SET kind = 'vpr', year = ${year}, grade = ${grade}, subject_code = '${subject}' WHERE assessment_id = ${work}` });
    expect(ofWork()).toEqual([[year, grade]]);
    expectFresh(db);

    // a work deleted with its results and inserted again in one script, before its pairs are recomputed
    engine.runSql({
      sql: `CREATE TEMP TABLE w AS SELECT * FROM assessment WHERE assessment_id = ${work};
            CREATE TEMP TABLE r AS SELECT * FROM result WHERE assessment_id = ${work};
            CREATE TEMP TABLE ts AS SELECT t.* FROM task_score t JOIN r ON r.result_id = t.result_id;
            CREATE TEMP TABLE at AS SELECT * FROM assessment_task WHERE assessment_id = ${work};
            DELETE FROM task_score WHERE result_id IN (SELECT result_id FROM r);
            DELETE FROM result WHERE assessment_id = ${work};
            DELETE FROM assessment_task WHERE assessment_id = ${work};
            DELETE FROM assessment WHERE assessment_id = ${work};
            INSERT INTO assessment SELECT * FROM temp.w;`,
    });
    // its pairs were recomputed at the end of the script: the work is back, without results
    expect(ofWork()).toEqual([]);
    expectFresh(db);
    engine.runSql({
      sql: `INSERT INTO assessment_task SELECT * FROM temp.at; INSERT INTO result SELECT * FROM temp.r; INSERT INTO task_score SELECT * FROM temp.ts`,
    });
    expect(ofWork()).toEqual([[year, grade]]);
    expect(rows()).toBe(before);
    expectFresh(db);
  });

  it('a refresh reaches results through the changed pairs only: no scan of result or task_score, no automatic index', () => {
    const db = catalogueFixture();
    db.run('PRAGMA analysis_limit = 1000');
    db.run('ANALYZE');
    for (const sql of REFRESH.filter((s) => /^\s*INSERT/.test(s))) {
      const plan = queryAll(db, `EXPLAIN QUERY PLAN ${sql}`).rows.map((row) => String(row[3]));
      expect(
        plan.filter((line) => /\bSCAN (r|ts)\b|AUTOMATIC/.test(line)),
        sql,
      ).toEqual([]);
      expect(plan[0], sql).toBe('SCAN d');
    }
    const tasks = queryAll(db, `EXPLAIN QUERY PLAN ${REFRESH_TASKS_OF_PAIR}`).rows.map((row) => String(row[3]));
    expect(tasks.filter((line) => /\bSCAN\b|AUTOMATIC/.test(line))).toEqual([]);
    expect(tasks[0]).toMatch(/^SEARCH r USING INDEX ix_result_school/);
  });

  it('a session of schema 8 gets the journal gaps and the absentees when it is opened, each pair counted from its own results by index', () => {
    const source = catalogueFixture();
    rebuildAggregates(source);
    const expected = aggregates(source);
    expect(queryAll(source, 'SELECT SUM(lowered2_n) > 0, SUM(raised2_n) > 0, SUM(absent_n) > 0 FROM agg_result').rows[0]).toEqual([1, 1, 1]);
    const old = new SQL.Database();
    for (const migration of MIGRATIONS.slice(0, 8)) old.exec(migration);
    old.run('PRAGMA user_version = 8');
    const tables = [
      'municipality',
      'school',
      'assessment',
      'assessment_task',
      'student',
      'result',
      'task_score',
      'agg_result',
      'agg_score',
      'agg_task',
      'agg_attempt',
    ];
    for (const table of tables) {
      // agg_result of schema 8 has no gap counts: its own columns only
      const columns = queryAll(old, `SELECT name FROM pragma_table_info('${table}')`).rows.map(([name]) => String(name));
      const { rows } = queryAll(source, `SELECT ${columns.join(', ')} FROM ${table}`);
      const insert = old.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
      insert.free();
    }
    old.run('UPDATE oko_agg_state SET covered_result_id = (SELECT MAX(result_id) FROM result), covered_task_rowid = (SELECT MAX(rowid) FROM task_score)');
    expect(queryValue(old, 'SELECT COUNT(*) FROM oko_agg_dirty')).toBe(0);

    const engine = new Engine(SQL);
    engine.open({ bytes: old.export() });
    expect(queryValue(engine.database, 'PRAGMA user_version')).toBe(MIGRATIONS.length);
    expect(aggregates(engine.database)).toEqual(expected);
    expectFresh(engine.database);

    const updates = RESULT_COUNTS_SCHEMA.split(';').filter((statement) => /^\s*UPDATE/.test(statement));
    expect(updates).toHaveLength(2);
    for (const update of updates) {
      const plan = queryAll(source, `EXPLAIN QUERY PLAN ${update}`).rows.map((row) => String(row[3]));
      expect(
        plan.filter((line) => /\bSCAN r\b|AUTOMATIC/.test(line)),
        update,
      ).toEqual([]);
      expect(plan, update).toContain('SEARCH r USING INDEX ix_result_school (school_id=? AND assessment_id=?)');
    }
  });

  it('a session of schema 13 saved with task scores written after its summaries gets them counted when it is opened (migration 14)', () => {
    const source = catalogueFixture();
    rebuildAggregates(source);
    const old = new SQL.Database();
    for (const migration of MIGRATIONS.slice(0, 13)) old.exec(migration);
    old.run('PRAGMA user_version = 13');
    const tables = ['municipality', 'school', 'assessment', 'assessment_task', 'student', 'result', 'task_score', ...AGGREGATE_TABLES];
    for (const table of tables) {
      const { columns, rows } = queryAll(source, `SELECT * FROM ${table}`);
      const insert = old.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
      insert.free();
    }
    old.run('UPDATE oko_agg_state SET covered_result_id = (SELECT MAX(result_id) FROM result), covered_task_rowid = (SELECT MAX(rowid) FROM task_score)');
    expect(queryValue(old, 'SELECT COUNT(*) FROM oko_agg_dirty')).toBe(0);
    const counted = aggregates(old);
    // written after the summaries (schema 13 found them by rowid), and a score naming no result
    old.run("INSERT INTO task_score (result_id, task_code, score, raw) SELECT result_id, 'доп', 1, '1' FROM result WHERE mark IS NOT NULL LIMIT 3");
    old.run("INSERT INTO task_score (result_id, task_code, score, raw) VALUES (NULL, '1', 1, '1')");
    const scores = queryAll(old, 'SELECT result_id, task_code, score, raw FROM task_score WHERE result_id IS NOT NULL ORDER BY result_id, task_code').rows;

    const engine = new Engine(SQL);
    engine.open({ bytes: old.export() });
    const db = engine.database;
    expect(queryValue(db, 'PRAGMA user_version')).toBe(MIGRATIONS.length);
    expect(queryAll(db, 'SELECT result_id, task_code, score, raw FROM task_score').rows).toEqual(scores);
    expect(queryValue(db, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'oko_agg_state'")).toBe(0);
    expect(queryAll(db, 'PRAGMA integrity_check').rows).toEqual([['ok']]);
    expectFresh(db);
    expect(aggregates(db).agg_task).not.toEqual(counted.agg_task);
    expect(Number(queryValue(db, "SELECT SUM(n) FROM agg_task WHERE task_code = 'доп'"))).toBe(3);
  });

  it('a session of the previous schema gets them when it is opened', () => {
    const source = catalogueFixture();
    rebuildAggregates(source);
    const expected = aggregates(source);
    const old = new SQL.Database();
    for (const migration of MIGRATIONS.slice(0, 6)) old.exec(migration);
    old.run('PRAGMA user_version = 6');
    for (const table of ['municipality', 'school', 'assessment', 'assessment_task', 'student', 'result', 'task_score']) {
      const { columns, rows } = queryAll(source, `SELECT * FROM ${table}`);
      const insert = old.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
      insert.free();
    }
    const engine = new Engine(SQL);
    engine.open({ bytes: old.export() });
    expect(queryValue(engine.database, 'PRAGMA user_version')).toBe(MIGRATIONS.length);
    expectFresh(engine.database);
    expect(aggregates(engine.database)).toEqual(expected);
  });
});
