import initSqlJsNode from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Database } from '../../src/core/db.ts';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { migrate } from '../../src/core/schema/migrate.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/core/schema/migrations.ts';
import { writingScores } from '../../src/core/schema/score-key.ts';
import { emptyDatabase, openDatabase } from './sqlite.ts';

const CANONICAL = [
  'municipality',
  'school',
  'school_code_alias',
  'subject',
  'assessment',
  'assessment_task',
  'result',
  'task_score',
  'mark_scale',
  'ege_threshold',
  'import_batch',
  'fisoko_agg',
];

describe('migrations', () => {
  it('build the canonical schema on an empty database', () => {
    const db = emptyDatabase();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    expect(queryValue(db, 'PRAGMA user_version')).toBe(SCHEMA_VERSION);
    const names = queryAll(db, "SELECT name FROM sqlite_master WHERE type IN ('table','view')").rows.map((r) => r[0]);
    for (const table of [...CANONICAL, 'v_vpr']) expect(names).toContain(table);
  });

  it('seed reference data: subjects, ВПР scales and ЕГЭ thresholds', () => {
    const db = emptyDatabase();
    migrate(db);
    expect(queryValue(db, "SELECT name FROM subject WHERE subject_code='rus'")).toBe('Русский язык');
    const rus4 = queryAll(
      db,
      "SELECT mark, min_primary, max_primary FROM mark_scale WHERE kind='vpr' AND year=2026 AND subject_code='rus' AND grade=4 ORDER BY mark",
    ).rows;
    expect(rus4).toEqual([
      [2, 0, 9],
      [3, 10, 15],
      [4, 16, 20],
      [5, 21, 24],
    ]);
    expect(queryAll(db, "SELECT min_certificate, min_vuz_rosobr FROM ege_threshold WHERE year=2026 AND subject_code='rus'").rows).toEqual([[24, 36]]);
  });

  it('are idempotent and survive export/reopen', () => {
    const db = emptyDatabase();
    migrate(db);
    const reopened = openDatabase(db.export());
    expect(migrate(reopened)).toBe(SCHEMA_VERSION);
    expect(queryValue(reopened, 'SELECT COUNT(*) FROM subject')).toBe(queryValue(db, 'SELECT COUNT(*) FROM subject'));
  });

  it('refuse a session from a newer version with a Russian message', () => {
    const db = emptyDatabase();
    db.run(`PRAGMA user_version = ${SCHEMA_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(/более новой версией Око/);
  });

  it('reject marks outside 2..5 at the database level too', () => {
    const db = emptyDatabase();
    migrate(db);
    db.run("INSERT INTO municipality (municipality_id, name) VALUES (1, 'М')");
    db.run('INSERT INTO school (school_id, municipality_id) VALUES (1, 1)');
    db.run("INSERT INTO assessment (assessment_id, kind, year, subject_code, grade) VALUES (1, 'vpr', 2026, 'rus', 4)");
    expect(() => db.run('INSERT INTO result (assessment_id, school_id, mark) VALUES (1, 1, 7)')).toThrow();
  });
});

describe('migrations 11–12: the key of a task score to its result, kept by triggers', () => {
  /** A session of schema 10 with one result and two task scores (rowids 5 and 9). */
  function schema10Session(): Database {
    const db = emptyDatabase();
    for (const migration of MIGRATIONS.slice(0, 10)) db.exec(migration);
    db.exec(`PRAGMA user_version = 10;
      INSERT INTO municipality (municipality_id, name) VALUES (1, 'М');
      INSERT INTO school (school_id, municipality_id) VALUES (1, 1);
      INSERT INTO subject (subject_code, name) VALUES ('rus', 'Русский язык');
      INSERT INTO assessment (assessment_id, kind, year, subject_code, grade) VALUES (1, 'vpr', 2026, 'rus', 4);
      INSERT INTO result (result_id, assessment_id, school_id, mark) VALUES (1, 1, 1, 4);
      INSERT INTO task_score (rowid, result_id, task_code, score, raw) VALUES (5, 1, '1', 2, '2'), (9, 1, '2', NULL, 'X');`);
    return db;
  }

  it('keeps an older session’s scores, now in the order of their key, without a rowid', () => {
    const db = schema10Session();
    expect(migrate(db)).toBe(SCHEMA_VERSION);
    const after = String(queryValue(db, "SELECT sql FROM sqlite_schema WHERE name = 'task_score'"));
    expect(after).toMatch(
      /^CREATE TABLE "task_score" \(\s*result_id INTEGER,\s*task_code TEXT,\s*score\s+REAL,\s*raw\s+TEXT,\s*PRIMARY KEY \(result_id, task_code\)\s*\) WITHOUT ROWID$/,
    );
    expect(queryAll(db, 'SELECT result_id, task_code, score, raw FROM task_score').rows).toEqual([
      [1, '1', 2, '2'],
      [1, '2', null, 'X'],
    ]);
    expect(() => db.exec('SELECT rowid FROM task_score')).toThrow(/no such column: rowid/);
    expect(queryAll(db, 'PRAGMA integrity_check').rows).toEqual([['ok']]);
    expect(queryAll(db, 'PRAGMA foreign_key_check').rows).toEqual([]);
    const reopened = openDatabase(db.export());
    expect(String(queryValue(reopened, "SELECT sql FROM sqlite_schema WHERE name = 'task_score'"))).toBe(after);
    // the triggers live on the connection, not in the file
    expect(queryValue(reopened, "SELECT COUNT(*) FROM sqlite_temp_master WHERE name LIKE 'oko_score_key%'")).toBe(0);
    expect(queryValue(db, "SELECT COUNT(*) FROM sqlite_temp_master WHERE name LIKE 'oko_score_key%'")).toBe(4);
  });

  it('refuses what the key refused — a score of a missing result, a result with scores deleted or renumbered — at once, inside a transaction too', () => {
    const db = schema10Session();
    migrate(db);
    const refused = /FOREIGN KEY constraint failed/;
    expect(() => db.run("INSERT INTO task_score (result_id, task_code, score, raw) VALUES (2, '1', 1, '1')")).toThrow(refused);
    expect(() => db.run("UPDATE task_score SET result_id = 2 WHERE task_code = '1'")).toThrow(refused);
    expect(() => db.run('DELETE FROM result WHERE result_id = 1')).toThrow(refused);
    expect(() => db.run('UPDATE result SET result_id = 7 WHERE result_id = 1')).toThrow(refused);
    db.run('BEGIN');
    expect(() => db.run("INSERT INTO task_score (result_id, task_code, score, raw) VALUES (2, '1', 1, '1')")).toThrow(refused);
    db.run('COMMIT');
    expect(queryAll(db, 'SELECT result_id, task_code FROM task_score').rows).toEqual([
      [1, '1'],
      [1, '2'],
    ]);
    // what the key allowed stays allowed: a score of an existing result, a result once its scores are gone
    db.run('INSERT INTO result (result_id, assessment_id, school_id, mark) VALUES (2, 1, 1, 3)');
    db.run("INSERT INTO task_score (result_id, task_code, score, raw) VALUES (2, '1', 1, '1')");
    db.run("UPDATE task_score SET result_id = 2 WHERE result_id = 1 AND task_code = '2'");
    db.run('UPDATE result SET mark = 5 WHERE result_id = 1');
    db.run('DELETE FROM task_score WHERE result_id = 1');
    db.run('DELETE FROM result WHERE result_id = 1');
    expect(queryAll(db, 'SELECT result_id, task_code FROM task_score').rows).toEqual([
      [2, '1'],
      [2, '2'],
    ]);
    // a score names its result and task since migration 14 (the key of a table without rowid is never empty)
    expect(() => db.run("INSERT INTO task_score (result_id, task_code, score, raw) VALUES (NULL, '9', 0, '0')")).toThrow(
      /NOT NULL constraint failed: task_score.result_id/,
    );
  });

  it('refuses what would take a result with scores away by REPLACE or by its rowid, as the key did', () => {
    const db = schema10Session();
    migrate(db);
    db.run("UPDATE result SET participant_code = 'p1' WHERE result_id = 1");
    db.run("INSERT INTO result (result_id, assessment_id, school_id, participant_code, mark) VALUES (2, 1, 1, 'p2', 3)");
    const refused = /FOREIGN KEY constraint failed/;
    // the unique (work, ОО, code) of result 1 taken by a new row: REPLACE would delete result 1
    expect(() => db.run("INSERT OR REPLACE INTO result (result_id, assessment_id, school_id, participant_code, mark) VALUES (9, 1, 1, 'p1', 5)")).toThrow(
      refused,
    );
    expect(() => db.run("UPDATE OR REPLACE result SET participant_code = 'p1' WHERE result_id = 2")).toThrow(refused);
    for (const alias of ['rowid', '_rowid_', 'oid']) expect(() => db.run(`UPDATE result SET ${alias} = 500 WHERE result_id = 1`), alias).toThrow(refused);
    expect(queryAll(db, 'SELECT result_id, participant_code FROM result ORDER BY result_id').rows).toEqual([
      [1, 'p1'],
      [2, 'p2'],
    ]);
    // a result without scores may still be replaced
    db.run("INSERT OR REPLACE INTO result (result_id, assessment_id, school_id, participant_code, mark) VALUES (9, 1, 1, 'p2', 5)");
    expect(queryAll(db, 'SELECT result_id FROM result ORDER BY result_id').rows).toEqual([[1], [9]]);
  });

  it('the import’s own writing of scores goes without the check, and the check is back after it, a failed write included', () => {
    const db = schema10Session();
    migrate(db);
    const triggers = () => queryValue(db, "SELECT COUNT(*) FROM sqlite_temp_master WHERE name LIKE 'oko_score_key%'");
    const aggregatesNote = () => queryValue(db, "SELECT COUNT(*) FROM sqlite_temp_master WHERE name = 'oko_agg_task_insert'");
    writingScores(db, () => {
      expect(triggers()).toBe(3);
      expect(aggregatesNote()).toBe(0);
      db.run("INSERT INTO task_score (result_id, task_code, score, raw) VALUES (1, '3', 1, '1')");
    });
    expect(triggers()).toBe(4);
    expect(aggregatesNote()).toBe(1);
    // back on the connection, not in the session file
    expect(queryValue(db, "SELECT COUNT(*) FROM main.sqlite_master WHERE type = 'trigger'")).toBe(0);
    expect(() =>
      writingScores(db, () => {
        throw new Error('a broken file');
      }),
    ).toThrow('a broken file');
    expect(triggers()).toBe(4);
    // a transaction SQLite rolled back itself (out of memory, interrupted) brought the triggers back already: the write's own error is what the caller gets
    db.run('BEGIN');
    expect(() =>
      writingScores(db, () => {
        db.run('ROLLBACK');
        throw new Error('out of memory');
      }),
    ).toThrow('out of memory');
    expect(triggers()).toBe(4);
    expect(aggregatesNote()).toBe(1);
    expect(() => db.run("INSERT INTO task_score (result_id, task_code, score, raw) VALUES (3, '1', 1, '1')")).toThrow(/FOREIGN KEY/);
  });
});

describe('served SQLite WASM', () => {
  it('is the pinned build: module and glue as wasm/SHA256SUMS lists them', () => {
    const sums = readFileSync(new URL('../../wasm/SHA256SUMS', import.meta.url), 'utf8')
      .trim()
      .split('\n');
    expect(sums.map((line) => line.split(/\s+/)[1])).toEqual(['sql-wasm.js', 'sql-wasm.wasm']);
    for (const line of sums) {
      const [pinned, name] = line.split(/\s+/);
      const served = readFileSync(new URL(`../../wasm/${name}`, import.meta.url));
      expect(createHash('sha256').update(served).digest('hex'), name).toBe(pinned);
    }
  });

  it('is SQLite 3.54.1 with the options sql.js 1.16.0 has, and exports its file system', async () => {
    const SQL = await initSqlJsNode();
    const db = new SQL.Database();
    expect(db.exec('SELECT sqlite_version()')[0].values[0][0]).toBe('3.54.1');
    const options = db.exec('PRAGMA compile_options')[0].values.map(([option]) => String(option));
    for (const option of [
      'DISABLE_LFS',
      'ENABLE_FTS3',
      'ENABLE_FTS3_PARENTHESIS',
      'ENABLE_MATH_FUNCTIONS',
      'ENABLE_NORMALIZE',
      'OMIT_LOAD_EXTENSION',
      'THREADSAFE=0',
    ]) {
      expect(options).toContain(option);
    }
    // SQLite's own median in place of sql.js's deprecated extension functions
    expect(db.exec('SELECT median(x) FROM (SELECT 1 AS x UNION SELECT 4 UNION SELECT 9)')[0].values[0][0]).toBe(4);
    expect(typeof SQL.FS.lookupPath).toBe('function');
    db.close();
  });
});
