import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/engine/engine.ts';
import { SqlError } from '../../src/engine/sql-error.ts';
import { explainSqlError, keywordTypo, lineColumn } from '../../src/ui/console/sql-messages.ts';

const SQL = await initSqlJs();

/** What the console gets: the engine's error with its position, explained in Russian. */
function fail(engine: Engine, sql: string) {
  try {
    engine.runSql({ sql });
  } catch (error) {
    expect(error).toBeInstanceOf(SqlError);
    const e = error as SqlError;
    return {
      error: e,
      explained: explainSqlError(e.message, sql, e.position, e.sqlite),
      marked: e.position ? sql.slice(e.position.offset, e.position.offset + e.position.length) : null,
    };
  }
  throw new Error(`no error for ${sql}`);
}

describe('SQL errors: Russian message and the place in the text', () => {
  const engine = new Engine(SQL);

  it('a misspelt keyword: the token, its line and column', () => {
    const sql = 'SELECT COUNT(*)\nFORM school';
    const { error, explained, marked } = fail(engine, sql);
    expect(error.message).toBe('Ошибка SQL. Синтаксическая ошибка рядом с «school».');
    expect(error.sqlite).toBe('near "school": syntax error');
    // SQLite reads «FORM» as an alias and stumbles on the next word
    expect(marked).toBe('school');
    expect(explained.position).toMatchObject({ line: 2, column: 6 });
    expect(explained.text).toBe('Ошибка SQL. Синтаксическая ошибка рядом с «school». Место: строка 2, столбец 6. Возможно, опечатка: «FORM» вместо FROM?');
    // SQLite's own words go under «Подробнее»
    expect(explained.sqlite).toBe('near "school": syntax error');
  });

  it('suggests the keyword a typo stands for, and only for near misses', () => {
    expect(keywordTypo('SELEC 1', 0)).toEqual({ typed: 'SELEC', meant: 'SELECT' });
    expect(keywordTypo('SELECT a FROM t WEHRE x', 'SELECT a FROM t WEHRE '.length)).toEqual({ typed: 'WEHRE', meant: 'WHERE' });
    expect(keywordTypo('SELECT a FROM t banana x', 'SELECT a FROM t banana '.length)).toBeNull();
    expect(keywordTypo('SELECT a FROM t WHERE', 'SELECT a FROM t '.length)).toBeNull();
  });

  it('picks the occurrence where parsing fails, not the first one', () => {
    const sql = 'SELECT name FROM school WHERE FROM';
    const { error, marked } = fail(engine, sql);
    expect(error.position?.offset).toBe(sql.lastIndexOf('FROM'));
    expect(marked).toBe('FROM');
  });

  it('skips string literals and comments when looking for the token', () => {
    const sql = "SELECT 'WHERE' -- WHERE\nFROM school WHERE WHERE";
    const { error } = fail(engine, sql);
    expect(error.position?.offset).toBe(sql.lastIndexOf('WHERE'));
  });

  it('an unknown column and table are named and marked', () => {
    let { explained, marked } = fail(engine, 'SELECT short_nam FROM school');
    expect(marked).toBe('short_nam');
    expect(explained.text).toMatch(/^Ошибка SQL\. Нет столбца «short_nam».*строка 1, столбец 8/);
    ({ explained, marked } = fail(engine, 'SELECT *\n  FROM schools'));
    expect(marked).toBe('schools');
    expect(explained.text).toMatch(/Нет таблицы «schools».*строка 2, столбец 8/);
  });

  it('in a script, the failing statement is the one located', () => {
    const sql = 'CREATE TEMP TABLE t_err (x);\nINSERT INTO t_err VALUES (1);\nSELECT y FROM t_err';
    const { marked, explained } = fail(engine, sql);
    expect(marked).toBe('y');
    expect(explained.position?.line).toBe(3);
  });

  it('incomplete input points at the end', () => {
    const sql = 'SELECT (1 + 2';
    const { explained } = fail(engine, sql);
    expect(explained.text).toMatch(/Запрос оборван/);
    expect(explained.position?.offset).toBe(sql.length - 1);
  });

  it('messages without a rule stay readable, and other errors pass unchanged', () => {
    expect(explainSqlError('Ошибка SQL. SQLite не выполнила запрос: «something odd».', 'x', undefined, 'something odd')).toEqual({
      text: 'Ошибка SQL. SQLite не выполнила запрос.',
      sqlite: 'something odd',
    });
    expect(explainSqlError('Введите запрос SQL.', '').text).toBe('Введите запрос SQL.');
  });

  it('line and column count characters, from 1', () => {
    expect(lineColumn('ab\ncdé\nf', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncdé\nf', 5)).toEqual({ line: 2, column: 3 });
    expect(lineColumn('ab\ncdé\nf', 7)).toEqual({ line: 3, column: 1 });
  });
});

describe('the key of task scores to results in the console', () => {
  it('DROP TABLE result is refused while there are scores, however it is written; the data stays', () => {
    const engine = new Engine(SQL);
    engine.runSql({
      sql: `INSERT INTO municipality (municipality_id, name) VALUES (1, 'М');
        INSERT INTO school (school_id, municipality_id) VALUES (1, 1);
        INSERT INTO assessment (assessment_id, kind, year, subject_code, grade) VALUES (1, 'vpr', 2026, 'rus', 4);
        INSERT INTO result (result_id, assessment_id, school_id, mark) VALUES (1, 1, 1, 4);
        INSERT INTO task_score (result_id, task_code, score, raw) VALUES (1, '1', 2, '2')`,
    });
    for (const sql of ['DROP TABLE result', 'drop table if exists main."result";', '/* убрать */ DROP TABLE [result] -- всё']) {
      const { error } = fail(engine, sql);
      expect(error.message, sql).toBe('Ошибка SQL. Ссылка на несуществующую запись (внешний ключ).');
    }
    expect(engine.database.exec('SELECT COUNT(*) FROM result')[0].values).toEqual([[1]]);
    // a table of the same name elsewhere is not the session's result
    engine.runSql({ sql: 'CREATE TEMP TABLE result (x); DROP TABLE temp.result' });
  });
});
