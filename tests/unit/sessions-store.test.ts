import 'fake-indexeddb/auto';
import { get, set, createStore } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import {
  addSession,
  byRecent,
  cleanName,
  copyName,
  emptyIndex,
  nameFromFile,
  nextAfterRemoval,
  parseIndex,
  recordSave,
  removeSession,
  renameSession,
  setCurrent,
  uniqueName,
  type SessionMeta,
} from '../../src/store/session-index.ts';
import { dbKey, INDEX_KEY, LEGACY_SAVED_AT_KEY, LEGACY_SESSION_KEY, SessionStore, workspaceKey } from '../../src/store/sessions.ts';
import { Autosave } from '../../src/store/autosave.ts';
import { newerEntries, SAVED_AT_KEY, WorkspaceStore, type WorkspaceRecord } from '../../src/store/workspace.ts';

const meta = (id: string, name: string, over: Partial<SessionMeta> = {}): SessionMeta => ({
  id,
  name,
  demo: false,
  createdAt: '2026-11-01T08:00:00.000Z',
  savedAt: null,
  size: 0,
  ...over,
});

let databases = 0;
/** Each test its own IndexedDB database, so nothing leaks between them. */
function fresh(): { store: SessionStore; raw: ReturnType<typeof createStore>; name: string } {
  const name = `oko-test-${++databases}`;
  return { store: new SessionStore(name), raw: createStore(name, 'keyval'), name };
}

describe('the session index (pure rules)', () => {
  it('names: unique, cleaned, copies numbered, from a file name', () => {
    let index = addSession(emptyIndex(), meta('a', 'Моя сессия'));
    expect(uniqueName(index, 'Моя сессия')).toBe('Моя сессия 2');
    expect(uniqueName(index, '  моя   СЕССИЯ ')).toBe('моя СЕССИЯ 2');
    expect(uniqueName(index, '   ')).toBe('Моя сессия 2');
    index = addSession(index, meta('b', 'Моя сессия 2'));
    expect(uniqueName(index, 'Моя сессия')).toBe('Моя сессия 3');
    expect(copyName(index, 'Моя сессия')).toBe('Моя сессия (копия)');
    index = addSession(index, meta('c', 'Моя сессия (копия)'));
    expect(copyName(index, 'Моя сессия')).toBe('Моя сессия (копия) 2');
    expect(cleanName('x'.repeat(100))).toHaveLength(80);
    expect(nameFromFile('око_сессия_2026-11-26.sqlite')).toBe('око_сессия_2026-11-26');
    expect(nameFromFile('.sqlite')).toBe('Моя сессия');
  });

  it('rename keeps names unique and ignores an empty one; remove clears current; saves are recorded', () => {
    let index = setCurrent(addSession(addSession(emptyIndex(), meta('a', 'Район')), meta('b', 'Город')), 'a');
    expect(renameSession(index, 'b', 'район').sessions.find((s) => s.id === 'b')?.name).toBe('район 2');
    expect(renameSession(index, 'b', '  ')).toBe(index);
    index = renameSession(index, 'b', 'Город 2026');
    expect(index.sessions.map((s) => s.name)).toEqual(['Район', 'Город 2026']);
    index = recordSave(index, 'b', '2026-11-26T10:00:00.000Z', 4096);
    expect(index.sessions[1]).toMatchObject({ savedAt: '2026-11-26T10:00:00.000Z', size: 4096 });
    expect(recordSave(index, 'gone', '2026-11-26T11:00:00.000Z', 1).sessions).toEqual(index.sessions);
    expect(nextAfterRemoval(removeSession(index, 'a'))?.id).toBe('b');
    expect(removeSession(index, 'a')).toMatchObject({ current: null, sessions: [{ id: 'b' }] });
    expect(removeSession(index, 'b').current).toBe('a');
    expect(setCurrent(index, 'unknown').current).toBeNull();
  });

  it('lists the most recently saved first and reads only valid entries back', () => {
    const list = [
      meta('old', 'Старая', { savedAt: '2026-01-01T00:00:00.000Z' }),
      meta('new', 'Новая', { savedAt: '2026-11-01T00:00:00.000Z' }),
      meta('never', 'Без сохранения', { createdAt: '2026-06-01T00:00:00.000Z' }),
    ];
    expect(byRecent(list).map((s) => s.id)).toEqual(['new', 'never', 'old']);
    const parsed = parseIndex({ version: 1, sessions: [...list, { id: 5 }, null, 'x'], current: 'missing' });
    expect(parsed.sessions).toHaveLength(3);
    expect(parsed.current).toBeNull();
    expect(parseIndex(undefined)).toEqual(emptyIndex());
  });
});

describe('SessionStore in IndexedDB', () => {
  it('moves the single session of earlier versions into the new layout, once, losing nothing', async () => {
    const { store, raw } = fresh();
    const bytes = new Uint8Array([83, 81, 76, 105, 116, 101, 1, 2, 3]);
    await set(LEGACY_SESSION_KEY, bytes, raw);
    await set(LEGACY_SAVED_AT_KEY, '2026-11-20T09:30:00.000Z', raw);

    const index = await store.readIndex();
    expect(index.sessions).toHaveLength(1);
    const [moved] = index.sessions;
    expect(moved).toMatchObject({ name: 'Моя сессия', demo: false, savedAt: '2026-11-20T09:30:00.000Z', size: 9 });
    expect(index.current).toBe(moved.id);
    expect(await store.readDatabase(moved.id)).toEqual(bytes);
    expect(await get(LEGACY_SESSION_KEY, raw)).toBeUndefined();
    expect(await get(LEGACY_SAVED_AT_KEY, raw)).toBeUndefined();
    // a second start finds the index and does not migrate again
    expect(await store.readIndex()).toEqual(index);
  });

  it('a first visit has no sessions and writes nothing', async () => {
    const { store, raw } = fresh();
    expect(await store.readIndex()).toEqual(emptyIndex());
    expect(await get(INDEX_KEY, raw)).toBeUndefined();
  });

  it('creates, saves, duplicates, renames and deletes sessions with their records', async () => {
    const { store, raw } = fresh();
    const workspace: WorkspaceRecord = { savedAt: '2026-11-26T10:00:00.000Z', entries: { ui: '{"tabs":[],"active":-1,"sql":"SELECT 1"}' } };
    await store.create(meta('demo', 'Демо-муниципалитет', { demo: true }), new Uint8Array([1, 2, 3]));
    await store.create(meta('own', 'Моя сессия'));
    await store.writeWorkspace('own', workspace);
    let index = await store.writeDatabase('own', new Uint8Array(10), '2026-11-26T10:05:00.000Z');
    expect(index.sessions.find((s) => s.id === 'own')).toMatchObject({ size: 10, savedAt: '2026-11-26T10:05:00.000Z' });
    index = await store.setCurrent('own');
    expect(index.current).toBe('own');

    index = await store.duplicate('own', meta('copy', 'Моя сессия (копия)', { createdAt: '2026-11-26T11:00:00.000Z' }));
    expect(index.sessions.map((s) => s.name)).toEqual(['Демо-муниципалитет', 'Моя сессия', 'Моя сессия (копия)']);
    expect(await store.readDatabase('copy')).toEqual(new Uint8Array(10));
    expect(await store.readWorkspace('copy')).toEqual(workspace);

    index = await store.rename('copy', 'Демо-муниципалитет');
    expect(index.sessions.find((s) => s.id === 'copy')?.name).toBe('Демо-муниципалитет 2');

    index = await store.remove('own');
    expect(index.sessions.map((s) => s.id)).toEqual(['demo', 'copy']);
    expect(index.current).toBeNull();
    expect(await get(dbKey('own'), raw)).toBeUndefined();
    expect(await get(workspaceKey('own'), raw)).toBeUndefined();
    // the copy is a copy: deleting the original left it whole
    expect(await store.readDatabase('copy')).toEqual(new Uint8Array(10));
  });

  it('a save that lands after its session was deleted leaves nothing behind', async () => {
    const { store, raw } = fresh();
    await store.create(meta('a', 'A'));
    await store.remove('a');
    await store.writeDatabase('a', new Uint8Array(5), '2026-11-26T10:00:00.000Z');
    expect(await get(dbKey('a'), raw)).toBeUndefined();
    expect((await store.readIndex()).sessions).toEqual([]);
  });

  it('deleteDatabase removes the whole database, and the store opens a new one afterwards', async () => {
    const { store, name } = fresh();
    await store.create(meta('a', 'A'), new Uint8Array([7]));
    await store.deleteDatabase();
    expect((await indexedDB.databases()).map((d) => d.name)).not.toContain(name);
    expect(await store.readIndex()).toEqual(emptyIndex());
  });
});

describe('the workspace record beside the database', () => {
  const record = (savedAt: string, sql: string): WorkspaceRecord => ({ savedAt, entries: { ui: JSON.stringify({ tabs: [], active: -1, sql }) } });

  it('the newer of the database copy and the IndexedDB record wins', () => {
    const database = { ui: '{"tabs":[],"active":-1,"sql":"в базе"}', history: '["SELECT 1"]', [SAVED_AT_KEY]: '2026-11-26T10:00:00.000Z' };
    expect(newerEntries(database, record('2026-11-26T10:00:01.000Z', 'в записи'))).toEqual({ ui: record('', 'в записи').entries.ui, history: '["SELECT 1"]' });
    expect(newerEntries(database, record('2026-11-26T09:59:59.000Z', 'в записи')).ui).toBe(database.ui);
    expect(newerEntries(database, null)).toEqual({ ui: database.ui, history: database.history });
    // a file downloaded before this layout has no time: the record (if any) is newer
    expect(newerEntries({ ui: database.ui }, record('2026-01-01T00:00:00.000Z', 'в записи')).ui).toBe(record('', 'в записи').entries.ui);
  });

  it('a change writes only the record, debounced; the database gets it only on writeIntoDatabase', async () => {
    const written: Array<[string, WorkspaceRecord]> = [];
    const calls: Array<[string, unknown]> = [];
    const engine = {
      call: async (method: string, args: unknown) => {
        calls.push([method, args]);
        return method === 'workspaceEntries' ? { ui: '{"tabs":[],"active":-1,"sql":"старое"}', [SAVED_AT_KEY]: '2026-11-26T09:00:00.000Z' } : undefined;
      },
    };
    const store = new WorkspaceStore(
      { readWorkspace: async () => null, writeWorkspace: async (id, r) => void written.push([id, r]) },
      { now: () => '2026-11-26T10:00:00.000Z' },
    );
    await store.load(engine as never, 's1');
    expect(store.get('ui')).toBe('{"tabs":[],"active":-1,"sql":"старое"}');
    store.set('ui', '{"tabs":[],"active":-1,"sql":"новое"}', 60_000);
    store.set('history', '["SELECT 2"]', 60_000);
    expect(written).toEqual([]);
    await store.flush();
    expect(written).toEqual([
      ['s1', { savedAt: '2026-11-26T10:00:00.000Z', entries: { ui: '{"tabs":[],"active":-1,"sql":"новое"}', history: '["SELECT 2"]' } }],
    ]);
    expect(calls.map(([m]) => m)).toEqual(['workspaceEntries']);
    await store.flush();
    expect(written).toHaveLength(1);

    await store.writeIntoDatabase(engine as never);
    expect(calls.slice(1)).toEqual([
      ['setWorkspace', { key: 'ui', value: '{"tabs":[],"active":-1,"sql":"новое"}' }],
      ['setWorkspace', { key: 'history', value: '["SELECT 2"]' }],
      ['setWorkspace', { key: SAVED_AT_KEY, value: '2026-11-26T10:00:00.000Z' }],
    ]);
  });
});

describe('the workspace record, debounced', () => {
  it('a change reaches IndexedDB by itself after the delay, and says when it is pending', async () => {
    const pending: boolean[] = [];
    let written!: (record: WorkspaceRecord) => void;
    const landed = new Promise<WorkspaceRecord>((done) => (written = done));
    const store = new WorkspaceStore(
      { readWorkspace: async () => null, writeWorkspace: async (_id, record) => written(record) },
      { onPending: (p) => pending.push(p) },
    );
    await store.load({ call: async () => ({}) } as never, 's');
    store.set('ui', 'a', 0);
    store.set('ui', 'b', 0);
    expect((await landed).entries).toEqual({ ui: 'b' });
    await expect.poll(() => pending.at(-1)).toBe(false);
    expect(pending[0]).toBe(true);
  });
});

describe('Autosave', () => {
  it('reads the database only when the save revision moved, never for a workspace change', async () => {
    const { store } = fresh();
    await store.create(meta('s', 'S'));
    let revision = 7;
    const exports: number[] = [];
    const engine = {
      call: async (method: string, args: { offset?: number }) => {
        if (method === 'saveRevision') return revision;
        if (method === 'savePlan') {
          exports.push(revision);
          return { file: 1, generation: 0, bytes: revision, partBytes: 5 };
        }
        if (method === 'savePart') return new Uint8Array(Math.min(5, revision - (args.offset ?? 0)));
        return method === 'workspaceEntries' ? {} : undefined;
      },
    };
    const workspace = new WorkspaceStore({ readWorkspace: async () => null, writeWorkspace: async () => undefined });
    await workspace.load(engine as never, 's');
    const saves: number[] = [];
    const autosave = new Autosave(engine as never, store, workspace, { onState: () => undefined, onSaved: (bytes) => saves.push(bytes) }, 60_000);

    await autosave.attach('s', new Date('2026-11-26T10:00:00.000Z'));
    workspace.set('ui', '{"tabs":[],"active":0,"sql":""}', 60_000);
    await workspace.flush();
    autosave.touch();
    await autosave.flush();
    expect(exports).toEqual([]);

    revision = 8; // an import, an edit, SQL that changed data
    autosave.touch();
    await autosave.flush();
    expect(exports).toEqual([8]);
    expect(saves).toEqual([8]);
    expect(await store.readDatabase('s')).toEqual(new Uint8Array(8));
    await autosave.flush();
    expect(exports).toEqual([8]);
  });

  it('says «saving» the moment data may have changed, and «saved» again when nothing had', async () => {
    const { store } = fresh();
    await store.create(meta('s', 'S'));
    let revision = 3;
    const engine = {
      call: async (method: string) =>
        ({ saveRevision: revision, savePlan: { file: 1, generation: 0, bytes: 4, partBytes: 8 }, savePart: new Uint8Array(4), workspaceEntries: {} })[method],
    };
    const workspace = new WorkspaceStore({ readWorkspace: async () => null, writeWorkspace: async () => undefined });
    await workspace.load(engine as never, 's');
    const states: string[] = [];
    const autosave = new Autosave(engine as never, store, workspace, { onState: (state) => states.push(state.kind) }, 60_000);
    const openedAt = new Date('2026-11-26T10:00:00.000Z');
    await autosave.attach('s', openedAt);
    expect(states).toEqual(['saved']);

    autosave.touch(); // a SELECT: nothing changed
    expect(states.at(-1)).toBe('saving');
    await autosave.flush();
    expect(states).toEqual(['saved', 'saving', 'saved']);

    revision = 4; // a справка edited
    autosave.touch();
    expect(states.at(-1)).toBe('saving');
    await autosave.flush();
    expect(states).toEqual(['saved', 'saving', 'saved', 'saving', 'saving', 'saved']);
    expect(await store.readDatabase('s')).toEqual(new Uint8Array(4));
  });
});
