/**
 * Statements kept prepared for a spell of work (withPreparedStatements, src/core/db.ts): the
 * helpers give the same answers as without it, one statement per SQL text is compiled, nothing
 * bound for one call leaks into the next, an error leaves the statement usable, and every
 * statement is freed at the end.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { queryAll, queryObjects, queryValue, run, withPreparedStatements } from '../../src/core/db.ts';
import { emptyDatabase } from './sqlite.ts';

/** sql.js's own register of the statements a connection has not freed */
const open = (db: Database) => Object.keys((db as unknown as { statements: object }).statements).length;

function school(db: Database): void {
  db.run('CREATE TABLE school (id INTEGER PRIMARY KEY, login TEXT UNIQUE, name TEXT)');
}

describe('statements kept prepared while an import writes', () => {
  it('answer as freshly prepared ones, compile each text once and are freed at the end', () => {
    const db = emptyDatabase();
    school(db);
    const counts: number[] = [];
    const found = withPreparedStatements(db, () => {
      for (let i = 1; i <= 50; i++) run(db, 'INSERT INTO school (login, name) VALUES (?, ?)', [`edu${i}`, `ОО ${i}`]);
      counts.push(open(db));
      const answers = [1, 25, 50, 51].map((i) => queryValue(db, 'SELECT id FROM school WHERE login = ?', [`edu${i}`]));
      counts.push(open(db));
      return answers;
    });
    expect(found).toEqual([1, 25, 50, null]);
    // one INSERT, then one SELECT beside it: not one per call
    expect(counts).toEqual([1, 2]);
    expect(open(db)).toBe(0);
    expect(queryAll(db, 'SELECT COUNT(*), MIN(name), MAX(login) FROM school').rows).toEqual([[50, 'ОО 1', 'edu9']]);
  });

  it('keep no binding from one call to the next', () => {
    const db = emptyDatabase();
    school(db);
    withPreparedStatements(db, () => {
      run(db, 'INSERT INTO school (id, login, name) VALUES (?, ?, ?)', [7, 'edu7', 'ОО']);
      // the same text with fewer values: the unbound one is NULL, not the 'ОО' of the call before
      run(db, 'INSERT INTO school (id, login, name) VALUES (?, ?, ?)', [8, 'edu8']);
      expect(queryObjects(db, 'SELECT id, name FROM school WHERE id >= ? ORDER BY id', [7])).toEqual([
        { id: 7, name: 'ОО' },
        { id: 8, name: null },
      ]);
      expect(queryValue(db, 'SELECT COUNT(*) FROM school WHERE id >= ?', [8])).toBe(1);
    });
  });

  it('stay usable after a statement fails, and a text of several statements without values still runs them all', () => {
    const db = emptyDatabase();
    school(db);
    withPreparedStatements(db, () => {
      run(db, 'INSERT INTO school (login) VALUES (?)', ['edu1']);
      expect(() => run(db, 'INSERT INTO school (login) VALUES (?)', ['edu1'])).toThrow(/UNIQUE/);
      run(db, 'INSERT INTO school (login) VALUES (?)', ['edu2']);
      run(db, "INSERT INTO school (login) VALUES ('edu3'); INSERT INTO school (login) VALUES ('edu4')");
    });
    expect(queryAll(db, 'SELECT login FROM school ORDER BY id').rows.flat()).toEqual(['edu1', 'edu2', 'edu3', 'edu4']);
    expect(open(db)).toBe(0);
  });

  it('are freed when the work throws, and nest into the outer spell', () => {
    const db = emptyDatabase();
    school(db);
    expect(() =>
      withPreparedStatements(db, () => {
        withPreparedStatements(db, () => run(db, 'INSERT INTO school (login) VALUES (?)', ['edu1']));
        // the inner spell did not free what the outer one keeps
        expect(open(db)).toBe(1);
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(open(db)).toBe(0);
    // outside a spell every call prepares and frees its own statement
    expect(queryValue(db, 'SELECT login FROM school WHERE id = ?', [1])).toBe('edu1');
    expect(open(db)).toBe(0);
  });
});
