import type { Database, SqlValue, BindParams, Statement } from 'sql.js';

export type { Database, SqlValue, BindParams };

/** Statements kept prepared while withPreparedStatements runs on their connection, by SQL text. */
const kept = new WeakMap<Database, Map<string, Statement>>();

/**
 * Runs `fn` with the statements of queryAll, queryObjects, queryValue and run kept prepared and
 * reused on `db`, then freed. sql.js compiles SQL on every call; an import asks the same few
 * questions of every school it names (is the login known, its alias, its earlier results): for
 * the 400 schools of a regional Ф1 that compiling took ~0.3 s in Chromium. Only for a spell of
 * known SQL: sql.js frees every statement when the database is exported or closed.
 */
export function withPreparedStatements<T>(db: Database, fn: () => T): T {
  if (kept.has(db)) return fn();
  const statements = new Map<string, Statement>();
  kept.set(db, statements);
  try {
    return fn();
  } finally {
    kept.delete(db);
    for (const statement of statements.values()) statement.free();
  }
}

/** The statement for `sql`, with `params` bound; `done` resets a kept one, frees any other. */
function prepared(db: Database, sql: string, params?: BindParams): { stmt: Statement; done: () => void } {
  const statements = kept.get(db);
  let stmt = statements?.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    statements?.set(sql, stmt);
  }
  const own = stmt;
  const done = statements ? () => own.reset() : () => own.free();
  try {
    // a kept statement's bindings are cleared by reset(); bind() with nothing leaves them so
    if (params) stmt.bind(params);
  } catch (error) {
    done();
    throw error;
  }
  return { stmt, done };
}

/** A query result as plain data: safe to post between threads and to show in the grid. */
export interface QueryResult {
  columns: string[];
  rows: SqlValue[][];
}

export function queryAll(db: Database, sql: string, params?: BindParams): QueryResult {
  const { stmt, done } = prepared(db, sql, params);
  try {
    const columns = stmt.getColumnNames();
    const rows: SqlValue[][] = [];
    while (stmt.step()) rows.push(stmt.get());
    return { columns, rows };
  } finally {
    done();
  }
}

/** Rows as objects keyed by column name; convenient for small queries in core code. */
export function queryObjects<T = Record<string, SqlValue>>(db: Database, sql: string, params?: BindParams): T[] {
  const { stmt, done } = prepared(db, sql, params);
  try {
    const out: T[] = [];
    while (stmt.step()) out.push(stmt.getAsObject() as T);
    return out;
  } finally {
    done();
  }
}

export function queryValue(db: Database, sql: string, params?: BindParams): SqlValue {
  const { rows } = queryAll(db, sql, params);
  return rows.length ? rows[0][0] : null;
}

export function run(db: Database, sql: string, params?: BindParams): void {
  // without parameters sql.js runs every statement of the text (sqlite3_exec): that stays as it is
  if (!kept.has(db) || !params) {
    db.run(sql, params);
    return;
  }
  const { stmt, done } = prepared(db, sql, params);
  try {
    stmt.step();
  } finally {
    done();
  }
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

/**
 * Runs `write` with Око's TEMP triggers `names` set aside (those present; `write` learns which),
 * and puts them back as they were when it ends, whichever way. Any trigger on a table makes SQLite
 * take each multi-row INSERT into it statement by statement with a statement journal — a copy of
 * every page the row touches — so a writer that does the triggers' work itself writes without them
 * (schema/aggregates.ts insertingResultsOf, schema/score-key.ts writingScores).
 */
export function withTriggersAside<T>(db: Database, names: readonly string[], write: (aside: readonly string[]) => T): T {
  const present = queryAll(db, `SELECT name, sql FROM temp.sqlite_master WHERE type = 'trigger' AND name IN (${names.map(() => '?').join(', ')})`, [
    ...names,
  ]).rows.map(([name, sql]) => [String(name), String(sql)] as const);
  for (const [name] of present) db.run(`DROP TRIGGER temp.${name}`);
  try {
    return write(present.map(([name]) => name));
  } finally {
    // sqlite_temp_master keeps a TEMP trigger's text without «TEMP» (without it the trigger would go
    // into the session file) and without «IF NOT EXISTS» (a transaction SQLite rolled back itself —
    // out of memory, interrupted — has already brought the triggers back)
    for (const [, sql] of present) db.exec(sql.replace(/^CREATE TRIGGER\b/, 'CREATE TEMP TRIGGER IF NOT EXISTS'));
  }
}
