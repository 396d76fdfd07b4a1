import type { Database, SqlValue } from '../db.ts';
import { excelRound } from '../rounding.ts';

/** SQLite's own text → number conversion reads a numeric prefix ('12 %' → 12, 'abc' → 0). */
function toNumber(value: Exclude<SqlValue, null>): number {
  if (typeof value === 'number') return value;
  const text = typeof value === 'string' ? value : new TextDecoder().decode(value);
  const number = Number.parseFloat(text);
  return Number.isNaN(number) ? 0 : number;
}

/** ROUND(x) and ROUND(x, n) with SQLite's NULLs and types (the result is REAL, NULL in → NULL out). */
export function sqlRound(value: SqlValue, digits: SqlValue = 0): number | null {
  if (value === null || digits === null) return null;
  return excelRound(toNumber(value), Math.trunc(toNumber(digits)));
}

/**
 * Application-defined functions every Око database gets (migrate() installs them, so the engine,
 * the prebuilt demo and the tests run the same SQL): ROUND becomes Excel's (core/rounding.ts)
 * instead of SQLite's, which rounds the binary double (ROUND(10.975, 2) = 10.97). The catalogue's
 * SQL stays standard and portable; DuckDB's ROUND already rounds the half away from zero.
 * sql.js registers a function per argument count, hence two. They are not stored in the file.
 */
export function installSqlFunctions(db: Database): void {
  db.create_function('round', (value: SqlValue) => sqlRound(value));
  db.create_function('round', (value: SqlValue, digits: SqlValue) => sqlRound(value, digits));
}
