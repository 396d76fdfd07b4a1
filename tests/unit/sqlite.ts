import initSqlJs from 'sql.js';
import type { Database } from '../../src/core/db.ts';
import { migrate } from '../../src/core/schema/migrate.ts';

// Under Node sql.js finds its own WASM next to its JS; the browser build serves wasm/ instead.
const SQL = await initSqlJs();

export function emptyDatabase(): Database {
  return new SQL.Database();
}

export function freshDatabase(): Database {
  const db = new SQL.Database();
  migrate(db);
  return db;
}

export function openDatabase(bytes: Uint8Array): Database {
  return new SQL.Database(bytes);
}
