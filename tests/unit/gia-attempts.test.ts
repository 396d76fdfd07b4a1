import initSqlJs from '../../wasm/node.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database, SqlValue } from '../../src/core/db.ts';
import { queryAll, queryValue } from '../../src/core/db.ts';
import type { ImportFile } from '../../src/core/import/types.ts';
import { findIndicator } from '../../src/core/indicators/index.ts';
import { bindingsFor, resolveParams } from '../../src/core/indicators/params.ts';
import { runResolved } from '../../src/core/indicators/run.ts';
import { NOTE_PERSONS_OF_PAIRS, REFRESH_ATTEMPTS, rebuildAttempts } from '../../src/core/schema/attempts.ts';
import { migrate } from '../../src/core/schema/migrate.ts';
import { MIGRATIONS } from '../../src/core/schema/migrations.ts';
import type { RcoiRecord } from '../../src/core/import/formats/rcoi/sample.ts';
import { EGE_CSV_LAYOUT, writeRcoiCsv } from '../../src/core/import/formats/rcoi/sample.ts';
import { buildDemoSession } from '../../src/engine/demo-session.ts';
import { Engine } from '../../src/engine/engine.ts';
import * as R from '../fixtures/rcoi.ts';
import { RAW_SQL } from './aggregates-raw-sql.ts';
import { OTHER_MUN, P, Q, SCHOOL, catalogueFixture } from './catalogue-fixture.ts';
import { RAW_ATTEMPTS_SQL } from './gia-attempts-raw-sql.ts';
import { combinations, rowsOf } from './indicator-combinations.ts';
import { indicatorFixture } from './indicator-fixture.ts';

const SQL = await initSqlJs();

/**
 * The catalogue fixture with some persons' sittings of one exam split where a filter may cut
 * between them: P3's русский retake written in the other municipality's ОО, P2's математика
 * retake in another ОО of the same municipality, P7 (ГВЭ-9 русский) retaking русский as ОГЭ,
 * Q8 (ЕГЭ русский) also sitting ГВЭ-11 русский. The window SQL numbered the sittings a filter
 * keeps; the indicators renumber these («mixed») the same way.
 */
function splitSittingsFixture(): Database {
  const db = catalogueFixture();
  db.run('UPDATE result SET school_id = ? WHERE student_id = ? AND assessment_id = 21', [SCHOOL.other4, P(3)]);
  db.run('UPDATE result SET school_id = ? WHERE student_id = ? AND assessment_id = 23', [SCHOOL.gymn2, P(2)]);
  const insert = `INSERT INTO result (assessment_id, school_id, student_id, participant_code, absent, primary_score, mark, test_score)
                  VALUES (?, ?, ?, ?, 0, ?, ?, ?)`;
  db.run(insert, [21, SCHOOL.gymn2, P(7), 'split-1', 20, 3, null]);
  db.run(insert, [48, SCHOOL.gymn2, Q(8), 'split-2', null, 4, null]);
  return db;
}

/**
 * The split fixture with persons who sat one exam at both levels in a year: P5 also wrote ЕГЭ
 * русский (before her ОГЭ, below the minimum), Q1 an ОГЭ русский retake («2»). Numbered across
 * both levels, P5's ОГЭ is her second sitting; M3's filter by kind makes it the first of ГИА-9.
 */
function bothLevelsFixture(): Database {
  const db = splitSittingsFixture();
  const insert = `INSERT INTO result (assessment_id, school_id, student_id, participant_code, absent, primary_score, mark, test_score)
                  VALUES (?, ?, ?, ?, 0, ?, ?, ?)`;
  db.run(insert, [40, SCHOOL.gymn2, P(5), 'both-1', 10, null, 20]);
  db.run(insert, [21, SCHOOL.sosh1, Q(1), 'both-2', 10, 2, null]);
  return db;
}

function migrateOpen(bytes: Uint8Array): Database {
  const db = new SQL.Database(bytes);
  migrate(db);
  return db;
}

/** The rows of agg_attempt, in key order. */
const attempts = (db: Database) => queryAll(db, 'SELECT * FROM agg_attempt ORDER BY assessment_id, school_id, result_id').rows;

/** The rows of agg_gia_person, in key order. */
const persons = (db: Database) => queryAll(db, 'SELECT * FROM agg_gia_person ORDER BY year, gia, student_id').rows;

/** The maintained agg_attempt and agg_gia_person equal ones computed afresh from the raw rows, and no person is left to renumber. */
function expectFresh(db: Database): void {
  expect(queryValue(db, 'SELECT COUNT(*) FROM oko_agg_attempt_dirty'), 'persons left to renumber').toBe(0);
  const maintained = attempts(db);
  const summed = persons(db);
  rebuildAttempts(db);
  expect(maintained).toEqual(attempts(db));
  expect(summed).toEqual(persons(db));
}

describe('ГИА indicators read agg_attempt and give the rows the window SQL gives', () => {
  let demo: Uint8Array;
  beforeAll(async () => {
    demo = await buildDemoSession(SQL);
  }, 600_000);

  const databases = (): Array<[string, () => Database]> => [
    ['the indicator fixture', indicatorFixture],
    ['the catalogue fixture', catalogueFixture],
    ['sittings split across ОО and forms', splitSittingsFixture],
    ['the demo session', () => migrateOpen(demo)],
  ];

  function expectSameRows(id: string, raw: string, on: Array<[string, () => Database]>): void {
    const def = findIndicator(id)!;
    expect(def.sql, `${id} still numbers the sittings itself`).not.toBe(raw);
    let compared = 0;
    let rows = 0;
    for (const [name, open] of on) {
      const db = open();
      for (const params of combinations(db, def)) {
        const fromSummary = runResolved(db, def, params).rows;
        expect(fromSummary, `${id} on ${name} with ${JSON.stringify(params)}`).toEqual(rowsOf(db, raw, params));
        compared++;
        rows += fromSummary.length;
      }
      db.close();
    }
    expect(compared).toBeGreaterThan(0);
    expect(rows, `${id}: the comparison must see rows`).toBeGreaterThan(0);
  }

  for (const [id, raw] of Object.entries(RAW_ATTEMPTS_SQL)) {
    it(`${id}: the same rows for every choice the fixtures and the demo offer`, () => expectSameRows(id, raw, databases()), 600_000);
  }
  // O2 and M3 are compared with their raw form on the other databases by aggregates.test.ts
  for (const id of ['O2', 'M3']) {
    it(`${id}: the same rows where sittings are split across ОО and forms`, () => expectSameRows(id, RAW_SQL[id], [databases()[2]]), 600_000);
  }
  it('M3: the same rows where a person sat one exam at both levels (ОГЭ and ЕГЭ русский of one year)', () => {
    const db = bothLevelsFixture();
    runResolved(db, findIndicator('M3')!, resolveParams(db, findIndicator('M3')!, {}));
    expect(
      queryAll(
        db,
        'SELECT student_id, assessment_id, try_first, mixed FROM agg_attempt WHERE student_id IN (?, ?) AND assessment_id IN (20, 21, 40) ORDER BY student_id, assessment_id',
        [P(5), Q(1)],
      ).rows,
    ).toEqual([
      [P(5), 20, 2, 1],
      [P(5), 40, 1, 1],
      [Q(1), 21, 2, 1],
      [Q(1), 40, 1, 1],
    ]);
    // the first sittings of the level: P5's ОГЭ (русский «5», the lowest «4»), Q1's ОГЭ retake «2»; P5's ЕГЭ (20 points) is below the minimum
    expect(
      queryAll(db, 'SELECT gia, student_id, first_mark_min, first_below FROM agg_gia_person WHERE student_id IN (?, ?) ORDER BY gia, student_id', [P(5), Q(1)])
        .rows,
    ).toEqual([
      [9, P(5), 4, null],
      [9, Q(1), 2, null],
      [11, P(5), null, 1],
      [11, Q(1), null, 0],
    ]);
    expectSameRows('M3', RAW_SQL.M3, [['both levels', bothLevelsFixture]]);
  }, 600_000);

  it('the split sittings are the ones marked mixed, and a filter renumbers them: P3’s retake is the first sitting in the other municipality', () => {
    const db = splitSittingsFixture();
    runResolved(db, findIndicator('G2')!, resolveParams(db, findIndicator('G2')!, {}));
    expect(
      queryAll(db, 'SELECT student_id, assessment_id, school_id, try_first, try_last FROM agg_attempt WHERE mixed = 1 ORDER BY student_id, try_first').rows,
    ).toEqual([
      [P(2), 22, SCHOOL.sosh1, 1, 2],
      [P(2), 23, SCHOOL.gymn2, 2, 1],
      [P(3), 20, SCHOOL.sosh1, 1, 2],
      [P(3), 21, SCHOOL.other4, 2, 1],
      [P(7), 30, SCHOOL.gymn2, 1, 2],
      [P(7), 21, SCHOOL.gymn2, 2, 1],
      [Q(8), 40, SCHOOL.gymn2, 1, 2],
      [Q(8), 48, SCHOOL.gymn2, 2, 1], // the same day: by sitting
    ]);
    const g2 = findIndicator('G2')!;
    const other = runResolved(db, g2, resolveParams(db, g2, { year: 2025, kind: 'oge', subject: 'rus', municipality: OTHER_MUN }));
    const n = other.columns.indexOf('n');
    // P3 wrote «2» in the retake there; within the municipality it is the first sitting
    expect(other.rows.map((row) => [row[1], row[n]])).toEqual([
      ['СОШ №4', 1],
      ['Другой муниципальный район', 1],
    ]);
  });
});

describe('agg_attempt numbers the sittings as the indicators always did', () => {
  it('two results of one person in one sitting: the earlier row is the first attempt', () => {
    const db = catalogueFixture();
    db.run("INSERT INTO result (assessment_id, school_id, student_id, participant_code, absent, mark) VALUES (24, ?, ?, 'twice', 0, 5)", [SCHOOL.sosh1, P(1)]);
    runResolved(db, findIndicator('G2')!, resolveParams(db, findIndicator('G2')!, {}));
    expect(
      queryAll(db, 'SELECT mark, try_first, try_last FROM agg_attempt WHERE student_id = ? AND assessment_id = 24 ORDER BY result_id', [P(1)]).rows,
    ).toEqual([
      [4, 1, 2],
      [5, 2, 1],
    ]);
  });
});

/** The ЕГЭ русский язык protocol's retake: Ёлкин (20 points in June) again in September, written in another ОО; Петрова in her own. */
function egeRusRetake(): ImportFile {
  const [, petrova, yolkin] = R.EGE_RUS_RECORDS;
  const records: RcoiRecord[] = [
    { ...yolkin, school: '111002', primary: 8, testScore: 36 },
    { ...petrova, primary: 12, testScore: 52 },
  ];
  const sheet = { name: 'Протокол', blocks: [{ title: '01 - Русский язык дополнительный период 2022.09.05', layout: EGE_CSV_LAYOUT, records }] };
  return { name: 'ege-rus-retake.csv', bytes: writeRcoiCsv(sheet) };
}

/** Each person's sittings of ЕГЭ русский язык 2022: [stage, test score, try_first, try_last, mixed], people by their June score. */
function russianSittings(db: Database): SqlValue[][] {
  return queryAll(
    db,
    `SELECT a.stage, g.test_score, g.try_first, g.try_last, g.mixed
     FROM agg_attempt g JOIN assessment a ON a.assessment_id = g.assessment_id
     WHERE a.kind = 'ege' AND a.subject_code = 'rus' AND a.year = 2022
     ORDER BY (SELECT MIN(f.test_score) FROM agg_attempt f WHERE f.person = g.person AND f.try_first = 1), g.try_first`,
  ).rows;
}

describe('agg_attempt stays equal to one numbered afresh', () => {
  it('after РЦОИ protocols with a retake, grid edits of a result and of a sitting, and writes in the SQL console', async () => {
    const engine = new Engine(SQL);
    const outcomes = await engine.importFiles({ files: [R.egeRusCsv(), egeRusRetake(), R.gveAndStagesXlsx(), R.ogeMathXls()] });
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true, true]);
    expectFresh(engine.database);
    expect(russianSittings(engine.database)).toEqual([
      ['основной', 20, 1, 2, 1],
      ['дополнительный', 36, 2, 1, 1],
      ['основной', 39, 1, 1, 0],
      ['основной', 45, 1, 2, 0],
      ['дополнительный', 52, 2, 1, 0],
    ]);

    // the September sitting re-dated before June and made a main one: it comes first
    const retake = Number(queryValue(engine.database, "SELECT assessment_id FROM assessment WHERE stage = 'дополнительный'"));
    expect(engine.updateCell({ table: 'assessment', rowKey: retake, column: 'stage', value: 'основной' }).ok).toBe(true);
    expect(engine.updateCell({ table: 'assessment', rowKey: retake, column: 'exam_date', value: '2022-06-01' }).ok).toBe(true);
    expectFresh(engine.database);
    expect(russianSittings(engine.database).map((row) => row.slice(1, 4))).toEqual([
      [36, 1, 2],
      [20, 2, 1],
      [39, 1, 1],
      [52, 1, 2],
      [45, 2, 1],
    ]);

    // a result edited in the grid: absent, so it is no sitting at all
    const june = Number(queryValue(engine.database, 'SELECT result_id FROM result WHERE test_score = 45 AND assessment_id <> ?', [retake]));
    expect(engine.updateCell({ table: 'result', rowKey: june, column: 'absent', value: '1' }).ok).toBe(true);
    expectFresh(engine.database);
    expect(queryValue(engine.database, 'SELECT COUNT(*) FROM agg_attempt WHERE result_id = ?', [june])).toBe(0);

    engine.runSql({ sql: `UPDATE result SET student_id = NULL WHERE result_id = ${june}; UPDATE result SET absent = 0 WHERE result_id = ${june}` });
    expectFresh(engine.database);
    engine.runSql({ sql: `UPDATE assessment SET kind = 'gve11' WHERE assessment_id = ${retake}` });
    expectFresh(engine.database);
    engine.runSql({
      sql: `INSERT INTO result (assessment_id, school_id, student_id, participant_code, absent, mark)
            SELECT assessment_id, school_id, student_id, 'ещё раз', 0, 3 FROM result WHERE assessment_id = ${retake} LIMIT 1;
            DELETE FROM task_score WHERE result_id = (SELECT MIN(result_id) FROM result WHERE test_score = 39);
            DELETE FROM result WHERE result_id = (SELECT MIN(result_id) FROM result WHERE test_score = 39)`,
    });
    expectFresh(engine.database);
  });

  it('after deleting the retake protocol and bringing it back («Удалить загрузку», «Вернуть»)', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [R.egeRusCsv()] });
    const [retake] = await engine.importFiles({ files: [egeRusRetake()] });
    expect(retake.ok).toBe(true);
    const before = attempts(engine.database);
    engine.deleteBatch({ batchId: retake.ok ? retake.summary.batchId : -1 });
    expectFresh(engine.database);
    expect(russianSittings(engine.database)).toEqual([
      ['основной', 20, 1, 1, 0],
      ['основной', 39, 1, 1, 0],
      ['основной', 45, 1, 1, 0],
    ]);
    engine.undoDelete();
    expectFresh(engine.database);
    expect(attempts(engine.database)).toEqual(before);
  });

  it('agg_gia_person follows a certificate minimum changed in the grid, in the SQL console and by deleting its row', async () => {
    const engine = new Engine(SQL);
    await engine.importFiles({ files: [R.egeRusCsv(), egeRusRetake()] });
    expectFresh(engine.database);
    const m3 = findIndicator('M3')!;
    const region = () => {
      const params = resolveParams(engine.database, m3, { municipality: 0 });
      return { summed: runResolved(engine.database, m3, params).rows, raw: rowsOf(engine.database, RAW_SQL.M3, params) };
    };
    const below = () => queryValue(engine.database, 'SELECT SUM(first_below) FROM agg_gia_person WHERE year = 2022 AND gia = 11');
    const before = below();
    const rowKey = Number(queryValue(engine.database, "SELECT rowid FROM ege_threshold WHERE year = 2022 AND subject_code = 'rus'"));
    expect(engine.updateCell({ table: 'ege_threshold', rowKey, column: 'min_certificate', value: '40' }).ok).toBe(true);
    expectFresh(engine.database);
    expect(below()).not.toBe(before);
    let { summed, raw } = region();
    expect(summed).toEqual(raw);
    engine.runSql({ sql: "UPDATE ege_threshold SET min_certificate = 10 WHERE year = 2022 AND subject_code = 'rus'" });
    expectFresh(engine.database);
    ({ summed, raw } = region());
    expect(summed).toEqual(raw);
    engine.runSql({ sql: "DELETE FROM ege_threshold WHERE year = 2022 AND subject_code = 'rus'" });
    expectFresh(engine.database);
    expect(below()).toBeNull();
    ({ summed, raw } = region());
    expect(summed).toEqual(raw);
    expect(summed.length).toBeGreaterThan(0);
  });

  it('a refresh reaches results through the changed persons only: no scan of result, no automatic index on it', () => {
    const db = catalogueFixture();
    db.run('PRAGMA analysis_limit = 1000');
    db.run('ANALYZE');
    const plan = (sql: string) => queryAll(db, `EXPLAIN QUERY PLAN ${sql}`).rows.map((row) => String(row[3]));
    expect(plan(REFRESH_ATTEMPTS[0])).toEqual([
      'SEARCH agg_attempt USING INDEX ix_agg_attempt_person (person=?)',
      'USING ROWID SEARCH ON TABLE oko_agg_attempt_dirty FOR IN-OPERATOR',
    ]);
    const insert = plan(REFRESH_ATTEMPTS[1]);
    // the sittings (a few hundred) are numbered once and looked up by an index of their own
    expect(insert.filter((line) => /\bSCAN r\b|SEARCH r USING AUTOMATIC/.test(line))).toEqual([]);
    expect(insert).toContain('MATERIALIZE sitting');
    expect(insert.filter((line) => /^SCAN d$/.test(line))).toHaveLength(2);
    expect(insert).toContain('SEARCH r USING INDEX ix_result_student (student_id=?)');
    expect(insert).toContain('SEARCH r USING INTEGER PRIMARY KEY (rowid=?)');
    // inserted results are found through their changed (work, ОО) pairs
    const note = plan(NOTE_PERSONS_OF_PAIRS);
    expect(
      note.filter((line) => /\bSCAN r\b|SEARCH r USING AUTOMATIC/.test(line)),
      note.join('\n'),
    ).toEqual([]);
    expect(note).toContain('SEARCH r USING INDEX ix_result_school (school_id=? AND assessment_id=?)');
    // the persons' first sittings are summed from their rows of agg_attempt
    expect(plan(REFRESH_ATTEMPTS[2])).toContain('SEARCH agg_gia_person USING INDEX ix_agg_gia_person_student (student_id=?)');
    const sum = plan(REFRESH_ATTEMPTS[3]);
    expect(sum).toContain('SEARCH g USING INDEX ix_agg_attempt_person (person=?)');
    expect(sum.filter((line) => /\bSCAN (g|a|th)\b|AUTOMATIC/.test(line))).toEqual([]);
  });

  it('a session of schema 7 gets it when it is opened', () => {
    const source = splitSittingsFixture();
    rebuildAttempts(source);
    const expected = attempts(source);
    expect(expected.length).toBeGreaterThan(50);
    const old = new SQL.Database();
    for (const migration of MIGRATIONS.slice(0, 7)) old.exec(migration);
    old.run('PRAGMA user_version = 7');
    for (const table of ['municipality', 'school', 'assessment', 'student', 'result']) {
      const { columns, rows } = queryAll(source, `SELECT * FROM ${table}`);
      const insert = old.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
      insert.free();
    }
    const engine = new Engine(SQL);
    engine.open({ bytes: old.export() });
    expect(queryValue(engine.database, 'PRAGMA user_version')).toBe(MIGRATIONS.length);
    expectFresh(engine.database);
    expect(attempts(engine.database)).toEqual(expected);
  });
});

describe('agg_gia_person in an older session', () => {
  it('a session of schema 9 gets it when it is opened', () => {
    const source = bothLevelsFixture();
    rebuildAttempts(source);
    const expected = persons(source);
    expect(expected.length).toBeGreaterThan(15);
    const old = new SQL.Database();
    for (const migration of MIGRATIONS.slice(0, 9)) old.exec(migration);
    old.run('PRAGMA user_version = 9');
    // every table of schema 9 as the fixture has it (the ГИА thresholds and scales too)
    const tables = queryAll(old, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'oko_%'").rows;
    for (const [table] of tables) {
      const { columns, rows } = queryAll(source, `SELECT * FROM ${String(table)}`);
      const insert = old.prepare(`INSERT OR REPLACE INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
      for (const row of rows) insert.run(row);
      insert.free();
    }
    const engine = new Engine(SQL);
    engine.open({ bytes: old.export() });
    expect(queryValue(engine.database, 'PRAGMA user_version')).toBe(MIGRATIONS.length);
    expect(persons(engine.database)).toEqual(expected);
    expectFresh(engine.database);
  });
});

describe('query plans of the ГИА indicators', () => {
  it('a municipality reads its ОО’s rows of agg_attempt by (sitting, ОО), no ГИА result row and no annual mark of other ОО', () => {
    const db = catalogueFixture();
    db.run('PRAGMA analysis_limit = 1000');
    db.run('ANALYZE');
    for (const id of ['G1', 'G2', 'G3', 'G4', 'O3', 'E1', 'E2', 'E6', 'E7', 'M3']) {
      const def = findIndicator(id)!;
      const params = resolveParams(db, def, id === 'M3' ? { municipality: 1 } : {});
      const plan = queryAll(db, `EXPLAIN QUERY PLAN ${def.sql}`, bindingsFor(def.sql, params)).rows.map((row) => String(row[3]));
      expect(plan, id).toContain('SEARCH g USING PRIMARY KEY (assessment_id=? AND school_id=?)');
      expect(
        plan.filter((line) => /\bSCAN (g|o|tm)\b/.test(line)),
        id,
      ).toEqual([]);
      // the ГИА values come with the place: no result row is looked up (ВПР rows are, by work and ОО)
      expect(
        plan.filter((line) => /^SEARCH r USING INTEGER PRIMARY KEY/.test(line)),
        id,
      ).toEqual([]);
    }
  });

  it('M3 over the region reads one row a person from agg_gia_person, not the sittings, by ОО: no sort to group them', () => {
    const db = catalogueFixture();
    db.run('PRAGMA analysis_limit = 1000');
    db.run('ANALYZE');
    const def = findIndicator('M3')!;
    const params = resolveParams(db, def, { municipality: 0 });
    const plan = queryAll(db, `EXPLAIN QUERY PLAN ${def.sql}`, bindingsFor(def.sql, params)).rows;
    const reads = plan.filter((row) => /^SEARCH p /.test(String(row[3])));
    expect(reads.map((row) => row[3])).toEqual([
      'SEARCH p USING COVERING INDEX ix_agg_gia_person_school (year=? AND gia=?)',
      'SEARCH p USING COVERING INDEX ix_agg_gia_person_first (year=? AND gia=?)',
    ]);
    for (const read of reads) expect(plan.filter((row) => row[1] === read[1]).map((row) => row[3])).not.toContain('USE TEMP B-TREE FOR GROUP BY');
    expect(plan.filter((row) => /\bSCAN p\b/.test(String(row[3])))).toEqual([]);
  });
});
