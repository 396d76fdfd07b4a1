import initSqlJs from '../../wasm/node.ts';
import type { Database } from '../../src/core/db.ts';
import { migrate } from '../../src/core/schema/migrate.ts';

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
