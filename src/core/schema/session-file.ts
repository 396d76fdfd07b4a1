import type { SqlJsStatic } from 'sql.js';
import type { Database } from '../db.ts';
import { queryAll, queryValue, quoteIdent } from '../db.ts';
import { MAX_SESSION_BYTES, sessionSizeText as sizeText } from './session-size.ts';
import { migrate } from './migrate.ts';
import { sqlFunctionFlags } from './sql-functions.ts';
import { russianError } from '../sql-errors.ts';
import { MIGRATIONS } from './migrations.ts';

export { MAX_SESSION_BYTES, sessionSizeError } from './session-size.ts';

/**
 * A .sqlite file from a colleague or from anywhere is opened in a database of its own and
 * checked before anything is replaced (docs/architecture.md, «Открытие файла сессии»):
 * it must be a whole SQLite file, an Око session (schema version and tables), not newer than
 * this version of Око, and free of triggers — Око creates none, and a trigger in a file would
 * run on the user's next click (one deleted every result on the first tab change). Views Око
 * did not create are removed (a view can hide an endless query that runs when the table list
 * is read); Око's own views are checked against their definitions. Older sessions are migrated.
 */

const SQLITE_HEADER = 'SQLite format 3\u0000';

export class SessionFileError extends Error {
  override name = 'SessionFileError';
}

export interface CheckedSession {
  db: Database;
  schemaVersion: number;
  /** what was changed in the opened copy, in Russian (removed views) */
  notes: string[];
}

/** Opens and checks `bytes`; the caller replaces its database only when this returns. */
export function openSessionFile(SQL: SqlJsStatic, bytes: Uint8Array): CheckedSession {
  if (bytes.byteLength === 0) throw new SessionFileError('Файл пуст (0 байт) — это не сессия Око.');
  if (bytes.byteLength > MAX_SESSION_BYTES) throw new SessionFileError(sizeText(bytes.byteLength));
  // a copy: browsers refuse to decode a view of a resizable buffer, which a session read to open is in (store/growable-bytes.ts)
  const header = new TextDecoder('latin1').decode(bytes.slice(0, SQLITE_HEADER.length));
  if (header !== SQLITE_HEADER) throw new SessionFileError('Это не файл сессии Око: файл не является базой SQLite. Выберите файл .sqlite, скачанный из Око.');
  let db: Database;
  try {
    db = new SQL.Database(bytes);
  } catch {
    throw new SessionFileError('Файл сессии повреждён: база SQLite не открывается.');
  }
  try {
    const notes = checkSession(SQL, db);
    const schemaVersion = migrate(db, sqlFunctionFlags(SQL));
    return { db, schemaVersion, notes };
  } catch (error) {
    db.close();
    if (error instanceof SessionFileError) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new SessionFileError(/malformed|not a database|corrupt/i.test(reason) ? 'Файл сессии повреждён: база SQLite не читается.' : russianError(reason));
  }
}

function checkSession(SQL: SqlJsStatic, db: Database): string[] {
  // Nothing stored in the file may call functions with side effects from its schema.
  db.run('PRAGMA trusted_schema = OFF');
  const integrity = queryAll(db, 'PRAGMA integrity_check(3)').rows.map((row) => String(row[0]));
  if (integrity.join() !== 'ok') throw new SessionFileError('Файл сессии повреждён: проверка целостности SQLite нашла ошибки. Откройте резервную копию.');

  const version = Number(queryValue(db, 'PRAGMA user_version') ?? 0);
  const objects = schemaObjects(db);
  if (version > MIGRATIONS.length) {
    throw new SessionFileError(
      `Файл сессии создан более новой версией Око (схема ${version}, эта версия знает ${MIGRATIONS.length}). Обновите Око или откройте файл там, где он создан.`,
    );
  }
  if (version === 0) {
    throw new SessionFileError(
      objects.length
        ? 'Это база SQLite, но не сессия Око: в ней нет отметки версии схемы Око. Такие таблицы можно загрузить как файлы CSV или XLSX.'
        : 'Это пустая база SQLite, а не сессия Око.',
    );
  }
  const own = referenceObjects(SQL, version);
  const tables = new Set(objects.filter((o) => o.type === 'table').map((o) => o.name));
  const missing = own.filter((o) => o.type === 'table' && !tables.has(o.name)).map((o) => o.name);
  if (missing.length)
    throw new SessionFileError(`Это не сессия Око или она повреждена: нет таблиц ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ' …' : ''}.`);

  const triggers = objects.filter((o) => o.type === 'trigger').map((o) => o.name);
  if (triggers.length) {
    throw new SessionFileError(
      `Файл сессии не открыт: в нём есть триггеры (${triggers.join(', ')}) — команды, которые база выполняет сама при изменении данных. ` +
        'Око их не создаёт; такой файл мог бы изменить ваши данные без вашего ведома.',
    );
  }

  const ownViews = new Map(own.filter((o) => o.type === 'view').map((o) => [o.name, o.sql]));
  const removed: string[] = [];
  for (const view of objects.filter((o) => o.type === 'view')) {
    const expected = ownViews.get(view.name);
    if (expected !== undefined && sameSql(expected, view.sql)) continue;
    db.run(`DROP VIEW ${quoteIdent(view.name)}`);
    if (expected !== undefined) db.exec(expected.endsWith(';') ? expected : `${expected};`);
    else removed.push(view.name);
  }
  return removed.length
    ? [`Из открытой сессии удалены представления, которых Око не создаёт: ${removed.join(', ')}. Запросы из истории консоли сохранились.`]
    : [];
}

interface SchemaObject {
  type: string;
  name: string;
  sql: string;
}

function schemaObjects(db: Database): SchemaObject[] {
  return queryAll(db, "SELECT type, name, COALESCE(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").rows.map(([type, name, sql]) => ({
    type: String(type),
    name: String(name),
    sql: String(sql),
  }));
}

const references = new Map<number, SchemaObject[]>();

/** The tables and views Око's migrations create up to `version`, from an empty database. */
function referenceObjects(SQL: SqlJsStatic, version: number): SchemaObject[] {
  const cached = references.get(version);
  if (cached) return cached;
  const db = new SQL.Database();
  try {
    for (let v = 0; v < version; v++) db.exec(MIGRATIONS[v]);
    const objects = schemaObjects(db);
    references.set(version, objects);
    return objects;
  } finally {
    db.close();
  }
}

const sameSql = (a: string, b: string) => a.replace(/\s+/g, ' ').replace(/;\s*$/, '').trim() === b.replace(/\s+/g, ' ').replace(/;\s*$/, '').trim();
