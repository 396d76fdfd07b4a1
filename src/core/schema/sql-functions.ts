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

/** What of the sql.js module marks a function innocuous (sqlite3_create_function_v2 is exported by sql.js 1.16). */
export interface SqlFunctionFlags {
  _sqlite3_create_function_v2(
    db: number,
    name: number,
    args: number,
    flags: number,
    app: number,
    fn: number,
    step: number,
    final: number,
    destroy: number,
  ): number;
  stringToNewUTF8(text: string): number;
  _free(pointer: number): void;
}

/** The sql.js module's low-level calls, when it exports them (sql.js 1.16 does). */
export function sqlFunctionFlags(module: object): SqlFunctionFlags | undefined {
  const candidate = module as Partial<SqlFunctionFlags>;
  return typeof candidate._sqlite3_create_function_v2 === 'function' && typeof candidate.stringToNewUTF8 === 'function' && typeof candidate._free === 'function'
    ? (candidate as SqlFunctionFlags)
    : undefined;
}

const SQLITE_UTF8 = 0x1;
const SQLITE_DETERMINISTIC = 0x800;
const SQLITE_INNOCUOUS = 0x200000;

/**
 * Application-defined functions every Око database gets (migrate() installs them, so the engine,
 * the prebuilt demo and the tests run the same SQL): ROUND becomes Excel's (core/rounding.ts)
 * instead of SQLite's, which rounds the binary double (ROUND(10.975, 2) = 10.97). The catalogue's
 * SQL stays standard and portable; DuckDB's ROUND already rounds the half away from zero.
 * sql.js registers a function per argument count, hence two. They are not stored in the file.
 *
 * Sessions run with `PRAGMA trusted_schema = OFF`, under which a view may call only functions
 * marked innocuous (no side effects) — a user's view with ROUND failed with «unsafe use of
 * ROUND()». sql.js's create_function cannot say so; with the module (`sql`) the same function is
 * registered once more with SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC.
 */
export function installSqlFunctions(db: Database, sql?: SqlFunctionFlags): void {
  db.create_function('round', (value: SqlValue) => sqlRound(value));
  db.create_function('round', (value: SqlValue, digits: SqlValue) => sqlRound(value, digits));
  if (sql) markInnocuous(db, sql, 'round', [1, 2]);
}

/**
 * sql.js keeps the wasm pointer of each function it registered in a Map on the Database, keyed
 * `name:argCount`; the pointer is registered again with the flags. The Map is found by its keys,
 * not by its (minified) field name; tests/unit/rounding.test.ts fails if sql.js changes this.
 */
function markInnocuous(db: Database, sql: SqlFunctionFlags, name: string, argCounts: number[]): void {
  const keys = argCounts.map((count) => `${name}:${count}`);
  const registry = Object.values(db as unknown as Record<string, unknown>).find(
    (value): value is Map<string, unknown> => value instanceof Map && keys.every((key) => value.has(key)),
  );
  if (!registry) return;
  const handle = (db as unknown as { db: number }).db;
  const namePointer = sql.stringToNewUTF8(name);
  try {
    argCounts.forEach((count, i) => {
      const entry = registry.get(keys[i]);
      const pointer = Array.isArray(entry) ? entry[0] : undefined;
      if (typeof pointer === 'number')
        sql._sqlite3_create_function_v2(handle, namePointer, count, SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, 0, pointer, 0, 0, 0);
    });
  } finally {
    sql._free(namePointer);
  }
}
