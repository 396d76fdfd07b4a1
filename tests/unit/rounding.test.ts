import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { queryAll, run } from '../../src/core/db.ts';
import { decimal, formatCell } from '../../src/core/report/format.ts';
import { excelRound } from '../../src/core/rounding.ts';
import { Engine } from '../../src/engine/engine.ts';
import { formatValue } from '../../src/ui/grid/format.ts';
import { pick, runOn } from './catalogue-helpers.ts';
import { freshDatabase } from './sqlite.ts';

/**
 * Halves at the shown precision, computed by hand; SQLite's own ROUND gives the left value of
 * each pair (it rounds the binary double: 10.975 is 10.97499999…), Excel the right one.
 */
const HALVES: Array<[value: number, digits: number, excel: number]> = [
  [10.975, 2, 10.98], // SQLite: 10.97
  [2.675, 2, 2.68], // SQLite: 2.67
  [1.005, 2, 1.01], // SQLite: 1.0
  [0.125, 2, 0.13],
  [3.155, 2, 3.16], // SQLite: 3.15
  [-2.5, 0, -3],
  [-10.975, 2, -10.98],
  [2.5, 0, 3],
  [0.5, 0, 1],
  [1234.5, 0, 1235],
];

const sqlRound = (db: Database, expression: string) => queryAll(db, `SELECT ${expression}`).rows[0][0];

describe('rounding as Excel does it', () => {
  it('rounds the half away from zero on the decimal value, not on the binary double', () => {
    for (const [value, digits, excel] of HALVES) expect(excelRound(value, digits), `${value}, ${digits}`).toBe(excel);
  });

  it('leaves what is not a half alone, and keeps integers, large numbers and tens', () => {
    expect(excelRound(10.974, 2)).toBe(10.97);
    expect(excelRound(10.9751, 2)).toBe(10.98);
    expect(excelRound(7)).toBe(7);
    expect(excelRound(7, 2)).toBe(7);
    expect(excelRound(0.1 + 0.2, 2)).toBe(0.3);
    expect(excelRound(123456789.125, 2)).toBe(123456789.13);
    expect(excelRound(1e21, 2)).toBe(1e21);
    expect(excelRound(1234, -2)).toBe(1200);
    expect(excelRound(1250, -2)).toBe(1300);
    expect(Object.is(excelRound(-0.001, 2), 0)).toBe(true);
    expect(excelRound(Number.NaN, 2)).toBeNaN();
  });

  it('gives what rounding the 15-digit decimal text gives, for values near and far from the half', () => {
    // the rule spelled out on text: 15 significant digits, then half away from zero on the digits
    const byText = (value: number, digits: number): number => {
      const sign = value < 0 ? -1 : 1;
      const [mantissa, exponent] = Math.abs(value).toExponential(14).split('e');
      const text = mantissa.replace('.', ''); // 15 digits: value = text × 10^(exponent − 14)
      const keep = Number(exponent) + 1 + digits; // leading digits that stay
      let kept: bigint;
      if (keep < 0) kept = 0n;
      else if (keep >= 15) return value;
      else kept = BigInt(text.slice(0, keep) || '0') + (text[keep] >= '5' ? 1n : 0n);
      return kept === 0n ? 0 : sign * Number(`${kept}e${-digits}`);
    };
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 5000; i++) {
      const digits = i % 4;
      const cents = Math.floor(random() * 1e7) / 10 ** digits;
      // every fourth value lies on the half of its last kept digit, the rest anywhere
      const value = (i % 2 ? -1 : 1) * (i % 4 === 0 ? cents + 5 * 10 ** -(digits + 1) : random() * 10 ** (i % 7));
      expect(excelRound(value, digits), `${value}, ${digits}`).toBe(byText(value, digits));
    }
  });

  it('is what ROUND(x) and ROUND(x, n) give in every database the engine opens', () => {
    const SQL_DBS: Array<[string, Database]> = [['new', freshDatabase()]];
    const engine = new Engine(SQL);
    SQL_DBS.push(['engine', engine.database]);
    const bytes = engine.exportDatabase();
    const saved = new Engine(SQL);
    saved.open({ bytes, source: 'saved' });
    SQL_DBS.push(['saved session', saved.database]);
    const file = new Engine(SQL);
    file.open({ bytes, source: 'file' });
    SQL_DBS.push(['session file', file.database]);
    for (const [where, db] of SQL_DBS) {
      for (const [value, digits, excel] of HALVES) expect(sqlRound(db, `ROUND(${value}, ${digits})`), `${where}: ${value}`).toBe(excel);
      expect(sqlRound(db, 'ROUND(-2.5)'), where).toBe(-3);
      expect(sqlRound(db, 'ROUND(100.0 * 439 / 4000, 2)'), where).toBe(10.98);
      expect(sqlRound(db, 'ROUND(631.0 / 200, 2)'), where).toBe(3.16);
    }
  });

  it('keeps SQLite’s NULLs and types: NULL in → NULL out, the result is REAL', () => {
    const db = freshDatabase();
    expect(
      queryAll(
        db,
        "SELECT ROUND(NULL), ROUND(NULL, 2), ROUND(2.5, NULL), ROUND(5), typeof(ROUND(5)), typeof(ROUND(5, 1)), ROUND(5) / 2, ROUND('10.975', 2), ROUND(12)",
      ).rows[0],
    ).toEqual([null, null, null, 5, 'real', 'real', 2.5, 10.98, 12]);
    // a column of a table, negatives included
    run(db, 'CREATE TABLE t (x REAL)');
    run(db, 'INSERT INTO t VALUES (10.975), (-10.975), (2.675), (NULL), (4)');
    expect(queryAll(db, 'SELECT ROUND(x, 2) FROM t ORDER BY rowid').rows.flat()).toEqual([10.98, -10.98, 2.68, null, 4]);
  });

  it('shows the same digits in the grid, the справка and its files as SQL computes', () => {
    for (const [value, , excel] of HALVES.filter(([, digits]) => digits === 2)) {
      const shown = excel.toFixed(2).replace('.', ',').replace('-', '−');
      expect(decimal(value, 2), `${value}`).toBe(shown);
      expect(formatCell(value, { name: 'pct_5', format: 'pct' }), `${value}`).toBe(shown);
      expect(formatValue(value, 'pct'), `${value}`).toBe(shown.replace('−', '-'));
    }
    expect(formatValue(-2.5, 'int')).toBe('-3');
    expect(formatValue(2.5, 'int')).toBe('3');
  });
});

const SQL = await initSqlJs();

/**
 * One ОО with 4000 participants of ВПР 2026 русский язык 4 класс (max 20): 439 «5», 3449 «3»,
 * 5 «4», 107 «2»; 3900 have 11 primary points and 100 have 10. By hand: «5» 439 / 4000 =
 * 10.975 % → 10,98; «3» 86.225 → 86,23; «4» 0.125 → 0,13; «2» 2.675 → 2,68; mean primary score
 * 43 900 / 4000 = 10.975 → 10,98 and 10.975 / 20 = 54.875 % → 54,88; mean mark
 * (439·5 + 5·4 + 3449·3 + 107·2) / 4000 = 12 776 / 4000 = 3.194 → 3,19.
 */
function halvesFixture(): Database {
  const db = freshDatabase();
  run(db, "INSERT INTO municipality (municipality_id, name) VALUES (1, 'Район')");
  run(db, "INSERT INTO school (school_id, municipality_id, short_name) VALUES (1, 1, 'СОШ')");
  run(db, "INSERT INTO assessment (assessment_id, kind, year, subject_code, grade, max_primary) VALUES (1, 'vpr', 2026, 'rus', 4, 20)");
  run(
    db,
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
     INSERT INTO result (assessment_id, school_id, participant_code, mark, primary_score)
     SELECT 1, 1, 'p' || i,
            CASE WHEN i <= 439 THEN 5 WHEN i <= 444 THEN 4 WHEN i <= 551 THEN 2 ELSE 3 END,
            CASE WHEN i <= 3900 THEN 11 ELSE 10 END
     FROM n`,
  );
  return db;
}

describe('an indicator whose percentages lie exactly on the half', () => {
  const db = halvesFixture();
  const params = { year: 2026, subject: 'rus', grade: 4, municipality: 1 };

  it('V2 gives the shares of marks as Excel rounds them', () => {
    expect(pick(runOn(db, 'V2', params), ['level', 'n', 'pct_2', 'pct_3', 'pct_4', 'pct_5'])).toEqual([
      ['ОО', 4000, 2.68, 86.23, 0.13, 10.98],
      ['Муниципалитет', 4000, 2.68, 86.23, 0.13, 10.98],
    ]);
  });

  it('V6 gives the mean score and % of the maximum as Excel rounds them', () => {
    expect(pick(runOn(db, 'V6', params), ['level', 'n', 'mean_mark', 'mean_score', 'score_pct'])).toEqual([
      ['ОО', 4000, 3.19, 10.98, 54.88],
      ['Муниципалитет', 4000, 3.19, 10.98, 54.88],
    ]);
  });
});

describe('ROUND in a view of the user’s own', () => {
  it('works in every session, which runs with trusted_schema OFF (ROUND is registered as innocuous)', () => {
    const engine = new Engine(SQL);
    engine.open({ bytes: undefined, source: 'saved' });
    engine.database.run('CREATE VIEW my_round AS SELECT ROUND(10.975, 2) AS r, ROUND(2.5) AS whole');
    expect(queryAll(engine.database, 'PRAGMA trusted_schema').rows[0][0]).toBe(0);
    expect(queryAll(engine.database, 'SELECT r, whole FROM my_round').rows).toEqual([[10.98, 3]]);
    // and after the session is saved and opened again, as the browser reopens it
    const reopened = new Engine(SQL);
    reopened.open({ bytes: engine.exportDatabase(), source: 'saved' });
    expect(queryAll(reopened.database, 'SELECT r, whole FROM my_round').rows).toEqual([[10.98, 3]]);
  });
});
