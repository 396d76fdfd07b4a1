import type { Database, SqlValue, BindParams } from 'sql.js';

export type { Database, SqlValue, BindParams };

/** A query result as plain data: safe to post between threads and to show in the grid. */
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

export function queryAll(db: Database, sql: string, params?: BindParams): QueryResult {
  const stmt = db.prepare(sql);
  try {
    if (params) stmt.bind(params);
    const columns = stmt.getColumnNames();
    const rows: SqlValue[][] = [];
    while (stmt.step()) rows.push(stmt.get());
    return { columns, rows };
  } finally {
    stmt.free();
  }
}

/** Rows as objects keyed by column name; convenient for small queries in core code. */
export function queryObjects<T = Record<string, SqlValue>>(db: Database, sql: string, params?: BindParams): T[] {
  const stmt = db.prepare(sql);
  try {
    if (params) stmt.bind(params);
    const out: T[] = [];
    while (stmt.step()) out.push(stmt.getAsObject() as T);
    return out;
  } finally {
    stmt.free();
  }
}

export function queryValue(db: Database, sql: string, params?: BindParams): SqlValue {
  const { rows } = queryAll(db, sql, params);
  return rows.length ? rows[0][0] : null;
}

export function run(db: Database, sql: string, params?: BindParams): void {
  db.run(sql, params);
}

/**
 * All or nothing: a savepoint rolls back every change when `fn` throws, so a failed import
 * leaves the database exactly as it was. Savepoints nest, unlike BEGIN.
 */
export function transaction<T>(db: Database, fn: () => T): T {
  const name = `sp_${Math.random().toString(36).slice(2)}`;
  db.run(`SAVEPOINT ${name}`);
  try {
    const value = fn();
    db.run(`RELEASE ${name}`);
    return value;
  } catch (error) {
    db.run(`ROLLBACK TO ${name}`);
    db.run(`RELEASE ${name}`);
    throw error;
  }
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
