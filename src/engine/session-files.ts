/**
 * The engine's side of the two downloads and of opening a backup (src/core/session-file): copies
 * made with sql.js from the open database, which itself is never changed by a download.
 */
import type { SqlJsStatic } from 'sql.js';
import type { Database } from '../core/db.ts';
import { queryValue, transaction } from '../core/db.ts';
import { storeSecret } from '../core/import/persons/person-key.ts';
import { migrate } from '../core/schema/migrate.ts';
import { sqlFunctionFlags } from '../core/schema/sql-functions.ts';
import { backupCopy, personKeyState, readSecret, schemaObjects, sessionFileKind, shareCopy } from '../core/session-file/copies.ts';
import { WRAPPED_SECRET_NAME, parseWrappedKey, passphraseProblem, unwrapKey, wrapKey } from '../core/session-file/key-wrap.ts';
import type { SessionKeyInfo, UnlockOutcome } from './protocol.ts';

let ownSchema: Set<string> | null = null;

/** Око's own tables, views, indexes and triggers: those of a freshly migrated database. */
function ownObjects(SQL: SqlJsStatic): Set<string> {
  if (!ownSchema) {
    const fresh = new SQL.Database();
    try {
      migrate(fresh, sqlFunctionFlags(SQL));
      ownSchema = schemaObjects(fresh);
    } finally {
      fresh.close();
    }
  }
  return ownSchema;
}

async function fromCopy(SQL: SqlJsStatic, db: Database, make: (copy: Database) => void | Promise<void>): Promise<Uint8Array> {
  const copy = new SQL.Database(db.export());
  try {
    await make(copy);
    return copy.export();
  } finally {
    copy.close();
  }
}

/** «Резервная копия»: with a passphrase the key goes wrapped, without one it stays behind. */
export async function backupFile(SQL: SqlJsStatic, db: Database, passphrase?: string): Promise<Uint8Array> {
  const key = readSecret(db);
  if (passphrase !== undefined && passphrase !== '') {
    const problem = passphraseProblem(passphrase);
    if (problem) throw new Error(problem);
  }
  const wrapped = key && passphrase ? await wrapKey(key, passphrase) : null;
  return fromCopy(SQL, db, (copy) => backupCopy(copy, wrapped));
}

/** «Для передачи коллеге». */
export function shareFile(SQL: SqlJsStatic, db: Database): Promise<Uint8Array> {
  return fromCopy(SQL, db, (copy) => shareCopy(copy, ownObjects(SQL)));
}

export function sessionKeyInfo(db: Database): SessionKeyInfo {
  return { ...personKeyState(db), kind: sessionFileKind(db) };
}

/**
 * After opening a backup with a wrapped key: the passphrase unwraps it (the session links new
 * imports to its people again); `null` gives up — the session gets a new key, and people
 * imported from now on are not linked to the earlier ones.
 */
export async function unlockPersonKey(db: Database, passphrase: string | null): Promise<UnlockOutcome> {
  const stored = queryValue(db, 'SELECT value FROM oko_secret WHERE name = ?', [WRAPPED_SECRET_NAME]);
  if (readSecret(db)) return { ok: true, linked: true };
  const wrapped = typeof stored === 'string' ? parseWrappedKey(stored) : null;
  if (passphrase !== null && wrapped) {
    const key = await unwrapKey(wrapped, passphrase);
    if (!key) {
      return {
        ok: false,
        wrongPassphrase: true,
        message: 'Пароль не подходит — ключ участников не расшифрован. Проверьте раскладку и Caps Lock или продолжите без ключа.',
      };
    }
    replaceKey(db, key);
    return { ok: true, linked: true };
  }
  replaceKey(db, globalThis.crypto.getRandomValues(new Uint8Array(32)));
  return passphrase !== null && stored !== null
    ? { ok: false, wrongPassphrase: false, message: 'Зашифрованный ключ в файле повреждён: сессия открыта с новым ключом.' }
    : { ok: true, linked: false };
}

function replaceKey(db: Database, key: Uint8Array): void {
  transaction(db, () => {
    db.run('DELETE FROM oko_secret WHERE name = ?', [WRAPPED_SECRET_NAME]);
    storeSecret(db, key);
  });
}
