import type { Database, SqlValue } from '../../src/core/db.ts';
import { queryAll, queryObjects } from '../../src/core/db.ts';
import { crossJoinOn, tokenize } from './duckdb-dialect.ts';

/**
 * DuckDB-WASM as a peer of Oko's engine in the regional benchmark: the same session's tables
 * handed over as CSV, the catalogue SQL run with a small dialect shim, the results compared.
 * Plain TypeScript without DOM or Node APIs: the Chromium bench page and a Node check share it.
 */

/** One table of the session as a CSV file for DuckDB, with the statements that load it. */
export interface TableExport {
  table: string;
  file: string;
  csv: string;
  rows: number;
  load: string[];
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
const quoteText = (text: string) => `'${text.replaceAll("'", "''")}'`;

/**
 * DuckDB column type from SQLite's declared type (the affinity rules of SQLite §3.1). INTEGER
 * becomes BIGINT: SQLite integers are 64-bit.
 */
export function duckType(declared: string): string {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'BIGINT';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'VARCHAR';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'DOUBLE';
  if (t === '') return 'VARCHAR';
  return 'DOUBLE';
}

/** NULL is written as \N (never quoted); text is always quoted, so '' and NULL stay apart. */
const NULL_MARK = '\\N';

function csvCell(value: SqlValue): string {
  if (value === null) return NULL_MARK;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `"${value.replaceAll('"', '""')}"`;
  throw new Error('двоичные значения в таблицах сессии не ожидаются');
}

/**
 * Every data table of the session (the oko_* workspace tables and SQLite's own are left out),
 * as CSV and a CREATE TABLE … AS SELECT FROM read_csv with the declared types. Constraints and
 * indexes are not carried over: DuckDB scans columns and keeps min/max per row group instead.
 */
export function tableExports(db: Database): TableExport[] {
  const tables = queryObjects<{ name: string }>(
    db,
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'oko_%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return tables.map(({ name }) => {
    const columns = queryObjects<{ name: string; type: string }>(db, `SELECT name, type FROM pragma_table_info(${quoteText(name)}) ORDER BY cid`);
    const { rows } = queryAll(db, `SELECT ${columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${quoteIdent(name)}`);
    const lines = [columns.map((c) => c.name).join(',')];
    for (const row of rows) lines.push(row.map(csvCell).join(','));
    const file = `${name}.csv`;
    const types = columns.map((c) => `${quoteText(c.name)}: ${quoteText(duckType(c.type))}`).join(', ');
    return {
      table: name,
      file,
      csv: lines.join('\n') + '\n',
      rows: rows.length,
      load: [
        `CREATE TABLE ${quoteIdent(name)} AS SELECT * FROM read_csv(${quoteText(file)}, header = true, delim = ',', quote = '"', escape = '"', ` +
          `nullstr = ${quoteText(NULL_MARK)}, allow_quoted_nulls = false, auto_detect = false, columns = {${types}})`,
      ],
    };
  });
}

/** The session's views (v_vpr), created in DuckDB from their SQLite text. */
export function viewStatements(db: Database): string[] {
  // v_vpr_school and its sisters fix their join order with CROSS JOIN … ON, which DuckDB does not take
  return queryObjects<{ sql: string }>(db, "SELECT sql FROM sqlite_master WHERE type = 'view' ORDER BY name").map((v) => crossJoinOn.apply(v.sql));
}

/** The prelude's part of the shim: SQLite's TOTAL(x), the sum that is 0.0 over no rows or only NULLs. */
export const TOTAL_MACRO = 'TOTAL(x) → макрос COALESCE(SUM(x), 0.0)';

/**
 * Set once per DuckDB connection, before the catalogue runs:
 * - integer division: in SQLite 7 / 2 is 3, in DuckDB 3.5 unless told otherwise (which
 *   indicators depend on it the bench finds by running them once without);
 * - TOTAL(x) as a macro.
 */
export const DUCKDB_PRELUDE: string[] = ['SET integer_division = true', 'CREATE OR REPLACE MACRO total(x) AS COALESCE(SUM(x), 0.0)'];

/** The prelude's macros the SQL calls. */
export function preludeUses(sql: string): string[] {
  const tokens = tokenize(sql).filter((t) => t.kind !== 'space' && t.kind !== 'comment');
  return tokens.some((t, i) => t.kind === 'word' && t.text.toUpperCase() === 'TOTAL' && tokens[i + 1]?.text === '(') ? [TOTAL_MACRO] : [];
}

/** A result grid, whichever engine produced it. */
export interface Grid {
  columns: string[];
  rows: unknown[][];
}

/** Arrow table (DuckDB-WASM's result) → rows of plain values, by position (names may repeat). */
export function arrowRows(table: { numRows: number; numCols: number; getChildAt(i: number): { get(row: number): unknown } | null }): unknown[][] {
  const columns = Array.from({ length: table.numCols }, (_, i) => table.getChildAt(i)!);
  const rows: unknown[][] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(columns.map((c) => plain(c.get(r))));
  return rows;
}

function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Uint8Array) return Array.from(value).join(' ');
  return value ?? null;
}

/**
 * A value as both engines should agree on it: booleans as 0/1 (SQLite has no booleans),
 * numbers to 12 significant digits (sums in another order differ in the last bits), integers
 * without a decimal part (SQLite's 3.0 is DuckDB's 3).
 */
export function normalise(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(12)));
  return `'${String(value)}'`;
}

/**
 * How DuckDB's result stands to Oko's: 'identical'; 'rounding' — the same but for numbers one
 * unit of the last place apart (ROUND of a value on the half: Oko rounds as Excel, the decimal
 * value, 10.975 → 10.98, 1.005 → 1.01; DuckDB rounds the double times 10ⁿ, which agrees on
 * 10.975 but gives 1.00 for 1.005); 'order' — the same rows in another order (ties of ORDER
 * BY); 'different'.
 */
export interface Comparison {
  verdict: 'identical' | 'rounding' | 'order' | 'different';
  note: string;
}

const lastPlace = (value: number) => {
  const decimals = (String(value).split('.')[1] ?? '').length;
  return 10 ** -Math.max(decimals, 0);
};

/** Cells differ only by one unit of the last decimal place (either side's). */
function roundingOnly(a: unknown[], b: unknown[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      if (normalise(x) === normalise(y)) return true;
      if (typeof x !== 'number' || typeof y !== 'number') return false;
      return Math.abs(x - y) <= Math.max(lastPlace(x), lastPlace(y)) * 1.000001;
    })
  );
}

/** Oko's and DuckDB's results of the same indicator: same columns, same rows after normalise. */
export function compareGrids(oko: Grid, duck: Grid): Comparison {
  if (oko.columns.join('|') !== duck.columns.join('|')) {
    return { verdict: 'different', note: `столбцы: ${oko.columns.join(', ')} ≠ ${duck.columns.join(', ')}` };
  }
  const a = oko.rows.map((row) => row.map(normalise).join(' | '));
  const b = duck.rows.map((row) => row.map(normalise).join(' | '));
  if (a.length === b.length && a.every((row, i) => row === b[i])) return { verdict: 'identical', note: '' };
  const sortedA = [...a].sort();
  const sortedB = [...b].sort();
  if (sortedA.length === sortedB.length && sortedA.every((row, i) => row === sortedB[i])) {
    return { verdict: 'order', note: 'те же строки в другом порядке' };
  }
  const differing = oko.rows.map((row, i) => i).filter((i) => a[i] !== b[i]);
  if (a.length === b.length && differing.every((i) => roundingOnly(oko.rows[i], duck.rows[i]))) {
    const i = differing[0];
    return { verdict: 'rounding', note: `${differing.length} из ${a.length} строк на единицу последнего знака, например Око: ${a[i]}; DuckDB: ${b[i]}` };
  }
  const onlyOko = sortedA.filter((row) => !sortedB.includes(row));
  const onlyDuck = sortedB.filter((row) => !sortedA.includes(row));
  return {
    verdict: 'different',
    note: `строк ${a.length} и ${b.length}; различаются ${onlyOko.length}, например Око: ${onlyOko[0] ?? '—'}; DuckDB: ${onlyDuck[0] ?? '—'}`,
  };
}
