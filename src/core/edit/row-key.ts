import type { Database, SqlValue } from '../db.ts';
import { queryAll, queryValue, quoteIdent } from '../db.ts';

/**
 * How the grid, its edits and the edit log name a row of a table: its rowid, or — a table
 * WITHOUT ROWID, such as task_score since migration 14 — the values of its primary key as JSON
 * text («[1234,"5"]»: result 1234, task 5). Key columns are never edited in the grid; a key
 * whose row is gone (deleted, or loaded again under the same numbers) is refused by the edit.
 */
export type RowKey = number | string;

/** The key columns of a table with rowid: this very array (a table without rowid may have a column named «rowid»). */
export const BY_ROWID: readonly string[] = Object.freeze(['rowid']);

/** The columns whose values name a row: BY_ROWID, or the primary key's in key order. */
export function rowKeyColumns(db: Database, table: string): readonly string[] {
  const withoutRowid = queryValue(db, "SELECT wr FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name = ?", [table]) === 1;
  if (!withoutRowid) return BY_ROWID;
  return queryAll(db, `PRAGMA main.table_info(${quoteIdent(table)})`)
    .rows.filter((row) => Number(row[5]) > 0)
    .sort((a, b) => Number(a[5]) - Number(b[5]))
    .map((row) => String(row[1]));
}

const byRowid = (columns: readonly string[]): boolean => columns === BY_ROWID;

/** SQL naming a key column in a query of its table. */
export function keyColumnSql(columns: readonly string[], column: string): string {
  return byRowid(columns) ? 'rowid' : quoteIdent(column);
}

/** The key columns as the first columns of a SELECT, named oko_key_0, oko_key_1 … */
export function keySelectList(columns: readonly string[]): string {
  return columns.map((column, i) => `${keyColumnSql(columns, column)} AS oko_key_${i}`).join(', ');
}

/** The key of a row read with keySelectList: its first `columns.length` values. */
export function rowKeyOf(row: readonly SqlValue[], columns: readonly string[]): RowKey {
  return byRowid(columns) ? Number(row[0]) : JSON.stringify(row.slice(0, columns.length));
}

/** A condition that finds the row of `key`, or null if the key cannot name a row of these columns. */
export function keyCondition(columns: readonly string[], key: RowKey): { sql: string; params: SqlValue[] } | null {
  if (byRowid(columns)) return typeof key === 'number' ? { sql: 'rowid = ?', params: [key] } : null;
  if (typeof key !== 'string') return null;
  let values: unknown;
  try {
    values = JSON.parse(key);
  } catch {
    return null;
  }
  if (!Array.isArray(values) || values.length !== columns.length || !values.every((v) => typeof v === 'number' || typeof v === 'string')) return null;
  return { sql: columns.map((column) => `${quoteIdent(column)} = ?`).join(' AND '), params: values as SqlValue[] };
}
