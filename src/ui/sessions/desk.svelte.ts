/**
 * Sessions in this browser, as the screen sees them: which one is open, the list for the menu,
 * the start screen, and every action on them (new, demo, open a file, switch, rename, duplicate,
 * delete, delete everything). Storage is src/store/; each action runs in the app's queue, after
 * imports and other session changes, never interleaved with them.
 */
import { tick } from 'svelte';
import { plural } from '../../core/plural.ts';
import { sessionSizeError } from '../../core/schema/session-size.ts';
import type { EngineClient } from '../../engine/client.ts';
import type { IndicatorSummary, TableInfo } from '../../engine/protocol.ts';
import type { Autosave } from '../../store/autosave.ts';
import type { WorkspaceStore } from '../../store/workspace.ts';
import type { Progress } from '../app-host.ts';
import type { Notice } from '../notices/notices.svelte.ts';
import { fetchDemoSession } from '../../store/demo.ts';
import {
  copyName,
  DEMO_SESSION_NAME,
  emptyIndex,
  findSession,
  nameFromFile,
  newSessionId,
  nextAfterRemoval,
  OWN_SESSION_NAME,
  uniqueName,
  type SessionIndex,
  type SessionMeta,
} from '../../store/session-index.ts';
import { growableBytes } from '../../store/growable-bytes.ts';
import { SessionStore } from '../../store/sessions.ts';
import { requestPersistence, type PersistAnswer } from '../../store/storage.ts';
import { deleteAllData } from '../../store/wipe.ts';
import { isFirstVisit, rememberSessions } from '../../store/first-visit.ts';
import { importNotes, interruptedMessage } from '../../store/interrupted-import.ts';
import { SessionLock, type LockState } from '../../store/session-lock.ts';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What the session desk needs of its owner: the engine and the saving, the screen's state, the catalogue. */
export interface SessionHost {
  readonly engine: EngineClient;
  readonly autosave: Autosave;
  readonly workspaceStore: WorkspaceStore;
  readonly imports: { clearError(): void; status: string; error: string };
  /** after a session file opens: its person key (src/ui/session/) */
  readonly sessionKey: { afterOpen(fileName: string): Promise<void> };
  tables: TableInfo[];
  indicators: IndicatorSummary[];
  /** a session is open and shown: only then are workspace changes written */
  ready: boolean;
  progress: Progress | null;
  /** runs the job after the imports and session changes queued before it */
  schedule<T>(job: () => Promise<T>): Promise<T>;
  notify(kind: Notice['kind'], text: string): void;
  showProgress(label: string, done: number, total: number): void;
  fetchCatalogues(): Promise<[TableInfo[], IndicatorSummary[]]>;
  applyCatalogues(catalogues: [TableInfo[], IndicatorSummary[]]): void;
  /** everything of the session before goes: tabs, edits, messages, the console */
  resetForSession(): void;
  /** the tabs of the session just opened; with none and `openFirst`, the first indicator */
  restoreWorkspace(openFirst?: boolean): Promise<void>;
}

/** The demo session's bytes, and whether the engine holds them opened beside the open database. */
interface PreparedDemo {
  bytes: Uint8Array;
  staged: boolean;
}

export class SessionDesk {
  index = $state.raw<SessionIndex>(emptyIndex());
  /** the session the engine holds; null before one is chosen */
  openId = $state<string | null>(null);
  /** no session to open: «Начать со своими файлами» / «Посмотреть на демо-данных» / «Открыть файл сессии» */
  startScreen = $state(false);
  /** the browser's answer to navigator.storage.persist() */
  persist = $state<PersistAnswer | null>(null);

  /** whether this tab holds the open session or another tab does (session-locked) */
  lockState = $state.raw<LockState>({ kind: 'unsupported' });

  readonly store = new SessionStore();
  private readonly lock = new SessionLock({
    onState: (state) => this.lockChanged(state),
    beforeHandOver: async () => {
      await this.app.workspaceStore.flush();
      await this.app.autosave.flush();
    },
  });
  /** the demo fetched and, when the engine could, opened beside the empty database (offerStart) */
  private demo: Promise<PreparedDemo> | null = null;
  private sessionOpened!: () => void;
  /** settles when a session is first open in this page (the service worker waits for it: main.ts) */
  readonly firstOpened = new Promise<void>((resolve) => (this.sessionOpened = resolve));

  constructor(private readonly app: SessionHost) {}

  get current(): SessionMeta | null {
    return findSession(this.index, this.openId);
  }

  // ---------- start ----------

  /** Start-up: the last session opens directly; with none, the start screen. */
  async start(): Promise<void> {
    void requestPersistence().then((answer) => (this.persist = answer));
    // Nothing to read on a first visit: the start screen need not wait for IndexedDB.
    if (isFirstVisit()) this.offerStart();
    let index: SessionIndex;
    try {
      index = await this.store.readIndex();
    } catch (error) {
      this.app.notify('error', `Сессии в браузере не прочитаны: ${errorText(error)}`);
      index = emptyIndex();
    }
    this.index = index;
    if (index.sessions.length) rememberSessions();
    const last = findSession(index, index.current);
    if (last && (await this.openSaved(last))) return;
    this.close();
    this.offerStart();
  }

  private offerStart(): void {
    this.startScreen = true;
    // One local file (~1 MB compressed) the service worker caches anyway, opened by the engine while
    // the user reads the start screen: «Посмотреть на демо-данных» then only swaps databases.
    this.demo ??= this.prepareDemo();
    this.demo.catch(() => (this.demo = null));
  }

  private async prepareDemo(): Promise<PreparedDemo> {
    const bytes = await fetchDemoSession();
    const staged = await this.app.engine.call('stage', { bytes }).then(
      () => true,
      () => false,
    );
    return { bytes, staged };
  }

  // ---------- actions (each in the app's queue) ----------

  createEmpty(): Promise<void> {
    return this.app.schedule(() => this.createEmptyNow());
  }

  createDemo(): Promise<void> {
    return this.app.schedule(() => this.createDemoNow());
  }

  openFile(file: File): Promise<void> {
    return this.app.schedule(() => this.openFileNow(file));
  }

  switchTo(id: string): Promise<void> {
    return this.app.schedule(async () => {
      const meta = findSession(this.index, id);
      if (!meta || id === this.openId) return;
      await this.leave();
      if (!(await this.openSaved(meta))) await this.resume();
    });
  }

  rename(id: string, name: string): Promise<void> {
    return this.app.schedule(async () => {
      try {
        this.index = await this.store.rename(id, name);
      } catch (error) {
        this.app.notify('error', `Сессия не переименована: ${errorText(error)}`);
      }
    });
  }

  /** A copy of the session as it is now (the open one is saved first); the open session stays open. */
  duplicate(id: string): Promise<void> {
    return this.app.schedule(async () => {
      const meta = findSession(this.index, id);
      if (!meta) return;
      try {
        if (id === this.openId) await this.leave();
        const copy: SessionMeta = { ...meta, id: newSessionId(), name: copyName(this.index, meta.name), createdAt: new Date().toISOString() };
        this.index = await this.store.duplicate(id, copy);
        this.app.notify('info', `Создана копия: «${copy.name}».`);
      } catch (error) {
        this.app.notify('error', `Копия сессии не создана: ${errorText(error)}`);
      }
    });
  }

  /** Deletes a session from the browser; when it was open, the most recent other one opens (or the start screen). */
  remove(id: string): Promise<void> {
    return this.app.schedule(async () => {
      const wasOpen = id === this.openId;
      if (wasOpen) this.close();
      try {
        this.index = await this.store.remove(id);
        importNotes.forget(id);
      } catch (error) {
        this.app.notify('error', `Сессия не удалена: ${errorText(error)}`);
      }
      if (!wasOpen) return;
      const next = nextAfterRemoval(this.index);
      if (!next || !(await this.openSaved(next))) await this.showStartScreen();
    });
  }

  /** «Удалить все данные»: IndexedDB, caches and the service worker; then the start screen. */
  deleteAll(): Promise<void> {
    return this.app.schedule(async () => {
      this.close();
      try {
        await deleteAllData(this.store);
      } catch (error) {
        this.app.notify('error', `Удалено не всё: ${errorText(error)}. Закройте другие вкладки Око и повторите.`);
      }
      this.index = emptyIndex();
      await this.showStartScreen();
    });
  }

  // ---------- the work ----------

  /** A new session with no data (also what a first drop of files on the start screen starts). */
  async createEmptyNow(): Promise<void> {
    await this.leave();
    this.app.showProgress('Новая сессия', 0, 0);
    try {
      const meta = this.newMeta(uniqueName(this.index, OWN_SESSION_NAME), false);
      await this.openNew(meta, undefined);
    } catch (error) {
      this.app.notify('error', `Новая сессия не начата: ${errorText(error)}`);
      await this.resume();
    } finally {
      this.app.progress = null;
    }
  }

  private async createDemoNow(): Promise<void> {
    await this.leave();
    this.app.showProgress('Открываются демо-данные', 0, 0);
    try {
      const demo = await (this.demo ?? this.prepareDemo());
      this.demo = null;
      // Part of the app, like its code: opened as trusted and kept in IndexedDB as it came.
      await this.openNew(this.newMeta(uniqueName(this.index, DEMO_SESSION_NAME), true), demo.bytes, { asIs: true, staged: demo.staged });
      // Counted in the opened session: the demo generator itself (SheetJS) stays out of the page's entry script.
      const rows = (table: string) => this.app.tables.find((t) => t.name === table)?.rowCount ?? 0;
      const files = rows('import_batch');
      this.app.imports.status = `Открыты демо-данные: вымышленный муниципалитет, ${rows('school')} ОО, ${files} ${plural(files, 'файл', 'файла', 'файлов')}.`;
    } catch (error) {
      this.app.notify('error', `Демо-данные не открылись: ${errorText(error)}`);
      await this.resume();
    } finally {
      this.app.progress = null;
    }
  }

  /**
   * A .sqlite file opens as a new session of its own; the open session stays as it was. The
   * engine checks the file first (src/core/schema/session-file.ts) and may change the opened copy:
   * what IndexedDB keeps is that copy, exported, never the file's own bytes.
   */
  async openFileNow(file: File): Promise<void> {
    this.app.imports.clearError();
    const tooBig = sessionSizeError(file.name, file.size);
    if (tooBig) {
      this.app.imports.error = tooBig;
      return;
    }
    await this.leave();
    this.app.showProgress(`Открытие сессии: ${file.name}`, 0, 0);
    try {
      // read into a buffer the database's file can grow in (store/growable-bytes.ts)
      const bytes = await growableBytes(file);
      const notes = await this.openNew(this.newMeta(uniqueName(this.index, nameFromFile(file.name)), false), bytes, { asIs: false });
      this.app.imports.status = `Открыта сессия «${file.name}»`;
      for (const note of notes) this.app.notify('info', note);
      // A backup's key: wrapped (ask for the passphrase), missing (a new key) or there (src/ui/session/).
      await this.app.sessionKey.afterOpen(file.name);
      this.app.autosave.touch();
    } catch (error) {
      const still = this.current ? ` Открытая сессия «${this.current.name}» не изменилась.` : '';
      this.app.imports.error = `Сессия «${file.name}» не открыта: ${errorText(error)}${still}`;
      await this.resume();
    } finally {
      this.app.progress = null;
    }
  }

  private newMeta(name: string, demo: boolean): SessionMeta {
    return { id: newSessionId(), name, demo, createdAt: new Date().toISOString(), savedAt: null, size: 0 };
  }

  /**
   * Opens `bytes` (or an empty database) as the new session `meta`; returns what the engine
   * changed in an opened file. A file that is not a session fails in the engine before anything
   * changes. `asIs` (the prebuilt demo): trusted, and its bytes go to IndexedDB as they came, so
   * opening it costs no export; otherwise the database is exported and saved at once.
   */
  private async openNew(
    meta: SessionMeta,
    bytes: Uint8Array | undefined,
    { asIs, staged = false }: { asIs: boolean; staged?: boolean } = { asIs: false },
  ): Promise<string[]> {
    // A copy for IndexedDB: the bytes themselves are handed over to the worker.
    const kept = asIs ? bytes?.slice() : undefined;
    const source = asIs ? 'saved' : 'file';
    const open = () => this.app.engine.call('open', { bytes, source }, undefined, bytes ? [bytes.buffer] : []);
    // What was staged may be gone (another database opened since): then the bytes open as usual.
    const opened = staged ? await this.app.engine.call('open', { staged: true }).catch(open) : await open();
    const savedAt = new Date();
    const saved = kept ? { ...meta, savedAt: savedAt.toISOString(), size: kept.byteLength } : meta;
    // Written once the screen is filled: writing the demo's 4 MB to IndexedDB took the page ~0.1 s
    // that the catalogue waited for (docs/benchmarks.md, «Холодный старт», 07.12.2026).
    const create = () => {
      const created = this.store.create(saved, kept);
      created.then(rememberSessions, () => undefined);
      return created;
    };
    await this.enter(saved, { empty: opened.empty, savedAt: kept ? savedAt : undefined, create });
    return opened.notes;
  }

  /** Opens a session saved in this browser; false (with a notice) when its database is missing or broken. */
  private async openSaved(meta: SessionMeta): Promise<boolean> {
    this.app.showProgress(`Открывается сессия «${meta.name}»`, 0, 0);
    try {
      const bytes = await this.store.readDatabase(meta.id);
      if (!bytes) throw new Error('её базы нет в браузере');
      const opened = await this.app.engine.call('open', { bytes, source: 'saved' }, undefined, [bytes.buffer]);
      await this.enter(meta, { empty: opened.empty, savedAt: meta.savedAt ? new Date(meta.savedAt) : new Date() });
      return true;
    } catch (error) {
      // The saved bytes stay where they are: nothing is deleted because it did not open.
      this.app.notify('error', `Сессия «${meta.name}» не открылась: ${errorText(error)}`);
      return false;
    } finally {
      this.app.progress = null;
    }
  }

  /**
   * The engine holds `meta`'s database from now on: the workspace, the screen and the autosave
   * follow. `create`: writes the new session's records, once the screen shows it.
   */
  private async enter(meta: SessionMeta, how: { empty: boolean; savedAt?: Date; create?: () => Promise<SessionIndex> }): Promise<void> {
    const app = this.app;
    this.openId = meta.id;
    app.ready = false;
    app.workspaceStore.pause(false);
    // Asked together: the engine answers one after another, the page does not wait for each in turn.
    const catalogues = app.fetchCatalogues();
    catalogues.catch(() => undefined);
    await app.workspaceStore.load(app.engine, meta.id, { fresh: how.create !== undefined });
    app.resetForSession();
    app.applyCatalogues(await catalogues);
    await app.restoreWorkspace(!how.empty);
    this.startScreen = false;
    app.ready = true;
    this.sessionOpened();
    if (how.create) {
      // the screen's update is in the DOM (tick) and the browser may draw it before the write starts
      await tick();
      await new Promise((resolve) => setTimeout(resolve));
      this.index = await how.create();
    }
    const lock = await this.lock.acquire(meta.id);
    await app.autosave.attach(meta.id, how.savedAt);
    if (lock.kind === 'elsewhere') this.stopSaving();
    this.index = await this.store.setCurrent(meta.id);
    const cut = importNotes.takeInterrupted(meta.id);
    if (cut.length) app.notify('error', interruptedMessage(cut));
  }

  /** «Работать здесь»: the other tab saves and lets go; this tab reopens what it saved. */
  takeOver(): Promise<void> {
    return this.app.schedule(async () => {
      const meta = this.current;
      if (!meta) return;
      const state = await this.lock.takeOver();
      if (state.kind !== 'held') return;
      const fresh = findSession(await this.store.readIndex(), meta.id) ?? meta;
      await this.openSaved(fresh);
    });
  }

  private lockChanged(state: LockState): void {
    this.lockState = state;
    if (state.kind === 'handed-over') this.stopSaving();
  }

  /** Another tab holds the session: nothing here is written over its work. */
  private stopSaving(): void {
    this.app.autosave.suspend();
    this.app.workspaceStore.pause(true);
  }

  /**
   * Before another session opens: what is pending of this one is written, and the autosave lets
   * go of it (until enter() or resume() attaches the session the engine then holds).
   */
  private async leave(): Promise<void> {
    if (this.openId === null) return;
    await this.app.workspaceStore.flush();
    await this.app.autosave.flush();
    this.app.autosave.detach();
  }

  /** Opening another session failed: the one the engine still holds (all of it saved by leave()) goes on. */
  private async resume(): Promise<void> {
    if (this.openId === null) return;
    this.app.ready = true;
    await this.app.autosave.attach(this.openId, new Date()).catch(() => undefined);
  }

  /** Nothing is open any more: nothing is saved until another session opens. */
  private close(): void {
    this.app.autosave.detach();
    this.app.workspaceStore.detach();
    this.openId = null;
    this.app.ready = false;
  }

  private async showStartScreen(): Promise<void> {
    this.close();
    // The engine drops the data of the closed session from memory.
    await this.app.engine.call('open', {}).catch(() => undefined);
    this.app.resetForSession();
    this.app.tables = [];
    this.app.indicators = [];
    this.demo = null;
    this.offerStart();
  }
}
