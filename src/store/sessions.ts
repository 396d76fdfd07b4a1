import { growableBytes } from './growable-bytes.ts';
import { createStore, del, delMany, get, getMany, set, setMany, update, type UseStore } from 'idb-keyval';
import {
  addSession,
  emptyIndex,
  findSession,
  OWN_SESSION_NAME,
  parseIndex,
  recordSave,
  removeSession,
  renameSession,
  setCurrent,
  newSessionId,
  type SessionIndex,
  type SessionMeta,
} from './session-index.ts';
import type { WorkspaceRecord } from './workspace.ts';

/**
 * Where sessions live in this browser: IndexedDB, database «keyval-store», object store «keyval»
 * (idb-keyval's default names, which the single session of earlier versions used):
 *
 *   oko:sessions         the index: [{id, name, demo, createdAt, savedAt, size}], current id
 *   oko:db:<id>          the session's SQLite database (written when its data change): a Blob put
 *                        together from the parts the engine reads (src/engine/db-file.ts); bytes
 *                        (Uint8Array) as earlier versions wrote it are read the same
 *   oko:workspace:<id>   its workspace: open tabs, parameters, console text and history
 *                        ({savedAt, entries}; written on every such change, never the database)
 *
 * Before sessions there was one: `oko:session` (bytes) and `oko:session:saved-at`. The first start
 * moves it into this layout as one session (migrateLegacy), so nobody loses data.
 */
export const INDEX_KEY = 'oko:sessions';
export const LEGACY_SESSION_KEY = 'oko:session';
export const LEGACY_SAVED_AT_KEY = 'oko:session:saved-at';
export const dbKey = (id: string) => `oko:db:${id}`;
export const workspaceKey = (id: string) => `oko:workspace:${id}`;

export const DATABASE_NAME = 'keyval-store';
const OBJECT_STORE = 'keyval';

export class SessionStore {
  private opened: UseStore | null = null;

  /** `databaseName`: tests give each their own */
  constructor(private readonly databaseName = DATABASE_NAME) {}

  /** The connection, opened on first use and again after close(). */
  private get store(): UseStore {
    if (this.opened) return this.opened;
    const base = createStore(this.databaseName, OBJECT_STORE);
    const store: UseStore = (mode, callback) =>
      base(mode, (objects) => {
        const db = objects.transaction.db;
        // «Удалить все данные» in another tab asks this connection to close: it does, and the next use reopens.
        db.onversionchange ??= () => {
          db.close();
          if (this.opened === store) this.opened = null;
        };
        return callback(objects);
      });
    this.opened = store;
    return store;
  }

  /** Closes the connection and deletes the whole IndexedDB database of sessions. */
  async deleteDatabase(): Promise<void> {
    const open = this.opened;
    this.opened = null;
    if (open) await open('readonly', (objects) => objects.transaction.db.close()).catch(() => undefined);
    await deleteDatabase(this.databaseName);
  }

  /** The index, after moving a session of the old single-session layout into it (once). */
  async readIndex(now = () => new Date().toISOString()): Promise<SessionIndex> {
    const stored = await get<unknown>(INDEX_KEY, this.store);
    if (stored !== undefined) return parseIndex(stored);
    return this.migrateLegacy(now);
  }

  private async migrateLegacy(now: () => string): Promise<SessionIndex> {
    const [bytes, savedAt] = await getMany<unknown>([LEGACY_SESSION_KEY, LEGACY_SAVED_AT_KEY], this.store);
    if (!(bytes instanceof Uint8Array) || bytes.byteLength === 0) return emptyIndex();
    const at = typeof savedAt === 'string' ? savedAt : now();
    const meta: SessionMeta = { id: newSessionId(), name: OWN_SESSION_NAME, demo: false, createdAt: at, savedAt: at, size: bytes.byteLength };
    const index = setCurrent(addSession(emptyIndex(), meta), meta.id);
    // One transaction: the index never names a session whose bytes are not there.
    await setMany(
      [
        [dbKey(meta.id), bytes],
        [INDEX_KEY, index],
      ],
      this.store,
    );
    await delMany([LEGACY_SESSION_KEY, LEGACY_SAVED_AT_KEY], this.store);
    return index;
  }

  /** Changes the index atomically (another tab of the app may change it too) and returns the result. */
  private async change(fn: (index: SessionIndex) => SessionIndex): Promise<SessionIndex> {
    let result = emptyIndex();
    await update<unknown>(
      INDEX_KEY,
      (old) => {
        result = fn(parseIndex(old));
        return result;
      },
      this.store,
    );
    return result;
  }

  /** A new session: its records first, then its line in the index (so the index never names missing bytes). */
  async create(meta: SessionMeta, bytes?: Uint8Array, workspace?: WorkspaceRecord): Promise<SessionIndex> {
    const records: Array<[IDBValidKey, unknown]> = [];
    if (bytes) records.push([dbKey(meta.id), bytes]);
    if (workspace) records.push([workspaceKey(meta.id), workspace]);
    if (records.length) await setMany(records, this.store);
    await this.readIndex();
    return this.change((index) => addSession(index, meta));
  }

  setCurrent(id: string | null): Promise<SessionIndex> {
    return this.change((index) => setCurrent(index, id));
  }

  rename(id: string, name: string): Promise<SessionIndex> {
    return this.change((index) => renameSession(index, id, name));
  }

  async remove(id: string): Promise<SessionIndex> {
    const index = await this.change((i) => removeSession(i, id));
    await delMany([dbKey(id), workspaceKey(id)], this.store);
    return index;
  }

  async readDatabase(id: string): Promise<Uint8Array | null> {
    const stored = await get<unknown>(dbKey(id), this.store);
    if (stored instanceof Blob) return stored.size > 0 ? growableBytes(stored) : null;
    return stored instanceof Uint8Array && stored.byteLength > 0 ? stored : null;
  }

  /** Writes a session's database and records when and how big; a session deleted meanwhile leaves nothing behind. */
  async writeDatabase(id: string, database: Uint8Array | Blob, savedAt: string): Promise<SessionIndex> {
    await set(dbKey(id), database, this.store);
    const size = database instanceof Blob ? database.size : database.byteLength;
    const index = await this.change((i) => recordSave(i, id, savedAt, size));
    if (!findSession(index, id)) await del(dbKey(id), this.store);
    return index;
  }

  async readWorkspace(id: string): Promise<WorkspaceRecord | null> {
    const record = await get<unknown>(workspaceKey(id), this.store);
    if (!record || typeof record !== 'object') return null;
    const { savedAt, entries } = record as Partial<WorkspaceRecord>;
    if (typeof savedAt !== 'string' || !entries || typeof entries !== 'object') return null;
    return { savedAt, entries: Object.fromEntries(Object.entries(entries).filter(([, v]) => typeof v === 'string')) };
  }

  async writeWorkspace(id: string, record: WorkspaceRecord): Promise<void> {
    await set(workspaceKey(id), record, this.store);
  }

  /** A copy under a new id and name: the database and workspace as last saved. */
  async duplicate(id: string, meta: SessionMeta): Promise<SessionIndex> {
    const [bytes, workspace] = await Promise.all([this.readDatabase(id), this.readWorkspace(id)]);
    if (!bytes) throw new Error('сессия ещё не сохранена в браузере');
    return this.create({ ...meta, size: bytes.byteLength, savedAt: meta.createdAt }, bytes, workspace ?? undefined);
  }
}

export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`база IndexedDB «${name}» не удалена`));
  });
}
