/**
 * SQLite's messages in Russian (src/core/sql-errors.ts): each sentence checked against the message
 * sql.js really gives for the mistake, then the same mapping through the console, an indicator and
 * an import.
 */
import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import { russianError, sqliteInRussian } from '../../src/core/sql-errors.ts';
import { Engine } from '../../src/engine/engine.ts';
import { importFailure } from '../../src/engine/import-requests.ts';
import { SqlError } from '../../src/engine/sql-error.ts';
import { freshDatabase } from './sqlite.ts';

const SQL = await initSqlJs();

/** The message sql.js throws for `sql`, run on a fresh database after `setup`. */
function sqliteSays(sql: string, setup = ''): string {
  const db = new SQL.Database();
  try {
    if (setup) db.exec(setup);
    db.exec(sql);
  } catch (error) {
    return (error as Error).message;
  } finally {
    db.close();
  }
  throw new Error(`no error for ${sql}`);
}

const columns = (n: number) => Array.from({ length: n }, (_, i) => `c${i}`).join(', ');
const TABLE = 'CREATE TABLE u (a UNIQUE, b NOT NULL, c CHECK (c > 0)); INSERT INTO u VALUES (1, 1, 1);';
const NBSP = '\u00a0';

describe('SQLite messages a user can meet, in Russian', () => {
  const cases: Array<[string, string, string, string?]> = [
    [`CREATE TABLE w (${columns(2001)})`, 'too many columns on w', `В таблице «w» слишком много столбцов: SQLite допускает не больше 2${NBSP}000.`],
    [
      `SELECT ${columns(2001).replace(/c/g, '')}`,
      'too many columns in result set',
      `В запросе слишком много столбцов: SQLite допускает не больше 2${NBSP}000.`,
    ],
    ['SELECT * FROM nowhere', 'no such table: nowhere', 'Нет таблицы «nowhere».'],
    ['SELECT nope FROM u', 'no such column: nope', 'Нет столбца «nope» ни в одной из таблиц запроса.', TABLE],
    ['SELECT * FORM u', 'near "FORM": syntax error', 'Синтаксическая ошибка рядом с «FORM».', TABLE],
    ['INSERT INTO u VALUES (1, 1, 1)', 'UNIQUE constraint failed: u.a', 'Повтор значения там, где оно должно быть уникальным: u.a.', TABLE],
    ['INSERT INTO u VALUES (2, NULL, 1)', 'NOT NULL constraint failed: u.b', 'Пустое значение в обязательном столбце u.b.', TABLE],
    ['INSERT INTO u VALUES (3, 1, -1)', 'CHECK constraint failed: c > 0', 'Значение не прошло проверку столбца: c > 0.', TABLE],
    [
      'INSERT INTO u VALUES (4, 1, 1)',
      'attempt to write a readonly database',
      'Этот запрос не может менять данные (только чтение).',
      `${TABLE} PRAGMA query_only = 1;`,
    ],
    ['SELECT zeroblob(2000000000)', 'string or blob too big', 'Значение слишком длинное для SQLite (строка или двоичные данные больше предела).'],
    [
      'INSERT INTO u VALUES (5, 1, 1, 1)',
      'table u has 3 columns but 4 values were supplied',
      'В таблице «u» столбцов 3, а значений 4: их число должно совпадать.',
      TABLE,
    ],
  ];

  it.each(cases)('%s', (sql, english, russian, setup) => {
    expect(sqliteSays(sql, setup)).toBe(english);
    expect(sqliteInRussian(english)).toBe(russian);
  });

  it('a file that is not a database, as sql.js reports it', () => {
    const db = new SQL.Database(new Uint8Array(8192).fill(7));
    expect(() => db.exec('SELECT * FROM sqlite_master')).toThrow('file is not a database');
    expect(sqliteInRussian('file is not a database')).toBe('Это не база данных SQLite.');
  });

  it('the messages no test can provoke cheaply: a damaged file, memory, an interrupted query', () => {
    expect(sqliteInRussian('database disk image is malformed')).toBe('База данных повреждена: файл SQLite испорчен. Откройте резервную копию сессии.');
    expect(sqliteInRussian('out of memory')).toBe(
      'Не хватило памяти: запрос или данные слишком велики для вкладки браузера. Сузьте запрос (WHERE, LIMIT) или разделите файл.',
    );
    expect(sqliteInRussian('interrupted')).toBe('Запрос прерван.');
  });

  it('a Russian message passes as it is; anything else is led by a Russian sentence', () => {
    expect(russianError('Файл «x.csv» не загружен.')).toBe('Файл «x.csv» не загружен.');
    expect(russianError('Ошибка SQL: no such table: t')).toBe('Нет таблицы «t».');
    expect(russianError('Invalid array length')).toBe('Непредвиденная ошибка: «Invalid array length».');
  });
});

describe('every way an SQLite message reaches a user goes through the mapping', () => {
  it('the console: the message leads in Russian, SQLite’s words ride along for «Подробнее»', () => {
    const engine = new Engine(SQL);
    let error: unknown;
    try {
      engine.runSql({ sql: 'SELECT * FROM nowhere' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SqlError);
    expect((error as SqlError).message).toBe('Ошибка SQL. Нет таблицы «nowhere».');
    expect((error as SqlError).sqlite).toBe('no such table: nowhere');
    // the grid's windows and counts too
    expect(() => engine.count({ source: { kind: 'query', sql: 'SELECT nope FROM school' } })).toThrow(
      'Ошибка SQL. Нет столбца «nope» ни в одной из таблиц запроса.',
    );
  });

  it('an indicator whose SQL fails says so in Russian', () => {
    const engine = new Engine(SQL);
    const def = engine.createCustomIndicator({ draft: { title: 'Временная', formula: 'ф', sql: 'SELECT short_name FROM school' } });
    engine.runSql({ sql: 'ALTER TABLE school RENAME COLUMN short_name TO short_title' });
    const refreshed = engine.refreshIndicator({ id: def.id, params: {} });
    expect(refreshed.result).toBeNull();
    expect(refreshed.error).toBe('Нет столбца «short_name» ни в одной из таблиц запроса.');
    expect(() => engine.runIndicator({ id: def.id, params: {} })).toThrow(/^Нет столбца «short_name» ни в одной из таблиц запроса\.$/);
  });

  it('an import that SQLite refuses names the file and says why in Russian', async () => {
    const outcome = await importFailure(freshDatabase(), { name: 'x.csv', bytes: new Uint8Array() }, new Error('too many columns on user_x'));
    expect(outcome.message).toBe(`Файл «x.csv» не загружен: В таблице «user_x» слишком много столбцов: SQLite допускает не больше 2${NBSP}000.`);
  });
});
