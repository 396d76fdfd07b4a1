/**
 * The two downloads of a session (issue 12, item 8; issue 9, item 5). Each is made from a COPY of
 * the open database — the session itself is never changed — and ends with VACUUM, so that no
 * deleted value survives in a free page of the file.
 *
 * «Резервная копия» (backupCopy): everything needed to continue elsewhere — data, own indicators,
 * the workspace, the edit log, names if the user chose to keep them — except the key in clear:
 * oko_secret keeps only the key wrapped with the user's passphrase (key-wrap.ts), or nothing.
 * Without the key, a name list cannot be turned into the person keys of the file; the price is
 * that people imported later elsewhere are not linked to the earlier ones (unless the passphrase
 * unwraps the key).
 *
 * «Для передачи коллеге» (shareCopy): results keep their rows, but nothing links them to people:
 *  - no key (oko_secret emptied), no person keys (student.person_key set to NULL; student_id stays
 *    as a number without meaning, so one pupil's exams still go together for the indicators), no
 *    ФИО-only keys (person_name_key), no names (person_name);
 *  - no edit log (its old and new values may be names or keys typed into a cell), no workspace
 *    (the console's text and history may quote names), no справки (oko_report: their text is the
 *    user's, and a section from the console may hold any rows — the справка travels as Word or HTML);
 *  - none of the user's own tables or anything else not of Око's schema (a table loaded «как есть»
 *    or made in the console may hold anything, names included): imports that made such tables
 *    are deleted with them (delete-batch.ts).
 * Each file records what it is (oko_workspace, key FILE_KIND_KEY), so that opening it can say so.
 */
import type { Database } from '../db.ts';
import { queryAll, queryValue, quoteIdent } from '../db.ts';
import { deleteBatch } from '../import/pipeline/delete-batch.ts';
import { isSecretPublic, SECRET_NAME } from '../import/persons/person-key.ts';
import type { WrappedKey } from './key-wrap.ts';
import { WRAPPED_SECRET_NAME } from './key-wrap.ts';

export type SessionFileKind = 'backup' | 'share';

/** oko_workspace key of the record that says what a downloaded file is. */
export const FILE_KIND_KEY = 'file';

export const FILE_KIND_TEXT: Record<SessionFileKind, string> = {
  backup: 'Резервная копия сессии Око: все данные, свои показатели, журнал правок и рабочее место; ключ участников — только зашифрованный паролем.',
  share:
    'Копия сессии Око для передачи: результаты, справочники и свои показатели без ключа, ключей участников, ФИО, своих таблиц и журнала правок — связать результаты с людьми нельзя.',
};

/** The session's HMAC key, when the database holds it in clear (the demo's public key is no key: person-key.ts). */
export function readSecret(db: Database): Uint8Array | null {
  if (isSecretPublic(db)) return null;
  const stored = queryValue(db, 'SELECT value FROM oko_secret WHERE name = ?', [SECRET_NAME]);
  if (typeof stored !== 'string' || !/^[0-9a-f]{64}$/.test(stored)) return null;
  return Uint8Array.from(stored.match(/../g)!, (byte) => parseInt(byte, 16));
}

function markKind(copy: Database, kind: SessionFileKind): void {
  copy.run('INSERT OR REPLACE INTO oko_workspace (key, value) VALUES (?, ?)', [
    FILE_KIND_KEY,
    JSON.stringify({ kind, text: FILE_KIND_TEXT[kind], at: new Date().toISOString() }),
  ]);
}

/**
 * Makes `copy` the backup: the key leaves only wrapped (or not at all). Triggers go: Око creates
 * none and refuses to open a file that has one (schema/session-file.ts), so a trigger made in the
 * console would make the user's own backup unopenable.
 */
export function backupCopy(copy: Database, wrapped: WrappedKey | null): void {
  for (const [name] of queryAll(copy, "SELECT name FROM sqlite_master WHERE type = 'trigger'").rows) copy.run(`DROP TRIGGER ${quoteIdent(String(name))}`);
  copy.run('DELETE FROM oko_secret');
  if (wrapped) copy.run('INSERT INTO oko_secret (name, value) VALUES (?, ?)', [WRAPPED_SECRET_NAME, JSON.stringify(wrapped)]);
  markKind(copy, 'backup');
  copy.run('VACUUM');
}

/** Names of the tables, views, indexes and triggers of a database (e.g. a freshly migrated one: Око's own schema). */
export function schemaObjects(db: Database): Set<string> {
  return new Set(queryAll(db, "SELECT name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'").rows.map((row) => String(row[0])));
}

/** Makes `copy` the file for a colleague (see the comment at the top). `own`: Око's schema objects (schemaObjects). */
export function shareCopy(copy: Database, own: ReadonlySet<string>): void {
  const userBatches = queryAll(copy, 'SELECT import_batch_id FROM oko_user_table WHERE import_batch_id IS NOT NULL').rows.map((row) => Number(row[0]));
  for (const batchId of userBatches) deleteBatch(copy, batchId);
  copy.run('DELETE FROM oko_user_table');
  const foreign = queryAll(copy, "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND type IN ('view', 'trigger', 'table')")
    .rows.map(([type, name]) => ({ type: String(type), name: String(name) }))
    .filter((object) => !own.has(object.name));
  // Views and triggers first: they may name the tables dropped after them.
  for (const { type, name } of foreign.sort((a, b) => Number(a.type === 'table') - Number(b.type === 'table'))) {
    copy.run(`DROP ${type === 'view' ? 'VIEW' : type === 'trigger' ? 'TRIGGER' : 'TABLE'} IF EXISTS ${quoteIdent(name)}`);
  }
  copy.run('DELETE FROM oko_secret');
  copy.run('DELETE FROM person_name');
  copy.run('DELETE FROM person_name_key');
  copy.run('UPDATE student SET person_key = NULL');
  copy.run('DELETE FROM oko_edit_log');
  copy.run('DELETE FROM oko_workspace');
  copy.run('DELETE FROM oko_report');
  markKind(copy, 'share');
  copy.run('VACUUM');
}

export type PersonKeyState = 'present' | 'wrapped' | 'absent';

/** Whether the session can link new imports to its people: the key in clear, wrapped, or none. */
export function personKeyState(db: Database): { state: PersonKeyState; people: number } {
  const people = Number(queryValue(db, 'SELECT COUNT(*) FROM student'));
  if (readSecret(db)) return { state: 'present', people };
  const wrapped = queryValue(db, 'SELECT 1 FROM oko_secret WHERE name = ?', [WRAPPED_SECRET_NAME]);
  return { state: wrapped === null ? 'absent' : 'wrapped', people };
}

/** What a downloaded file says it is (markKind), or null for a session file of another kind. */
export function sessionFileKind(db: Database): SessionFileKind | null {
  const text = queryValue(db, 'SELECT value FROM oko_workspace WHERE key = ?', [FILE_KIND_KEY]);
  if (typeof text !== 'string') return null;
  try {
    const kind = (JSON.parse(text) as { kind?: unknown }).kind;
    return kind === 'backup' || kind === 'share' ? kind : null;
  } catch {
    return null;
  }
}
