import type { SqlValue } from '../core/db.ts';
import type { EngineClient } from '../engine/client.ts';
import type { IndicatorSummary, TableInfo } from '../engine/protocol.ts';
import { Autosave } from '../store/autosave.ts';
import { parseWorkspace, UI_KEY, WorkspaceStore, type Workspace } from '../store/workspace.ts';
import type { AppHost, OfferedIndicator, Progress } from './app-host.ts';
import { EditHistory } from './edits/history.svelte.ts';
import { ConsoleState } from './console/console-state.svelte.ts';
import { ImportDesk, type ImportHost } from './import/desk.svelte.ts';
import { Notices, type Notice } from './notices/notices.svelte.ts';
import { importIndicatorFiles, isIndicatorFile } from './indicators-custom/actions.ts';
import { queryStopHost } from './queries/host.ts';
import { QueryStops } from './queries/stops.ts';
import { SessionKeyCheck, type SessionKeyHost } from './session/session-key.svelte.ts';
import { SessionDesk, type SessionHost } from './sessions/desk.svelte.ts';
import { SaveStatus } from './sessions/save-status.svelte.ts';
import { Tabs } from './tabs/tabs.svelte.ts';

export type { Tab } from './tabs/tabs.svelte.ts';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The coordinator of the one screen. The state lives in focused stores — tabs, the console, notices,
 * edit history, saving status, the import desk, the sessions — each given the narrow host it needs
 * (none imports this file); App holds what they share: the engine, the queue that keeps imports and
 * session changes apart, the catalogue of the open database, and the start-up and progress state.
 */
export class App implements AppHost, ImportHost, SessionHost, SessionKeyHost {
  tables = $state.raw<TableInfo[]>([]);
  indicators = $state.raw<IndicatorSummary[]>([]);
  /** bumps whenever data may have changed: open views re-read */
  dataVersion = $state(0);

  ready = $state(false);
  startupError = $state('');
  progress = $state<Progress | null>(null);

  /** shared indicators (a link, a .json file) waiting for the user's yes: nothing is added before it */
  offeredIndicators = $state.raw<OfferedIndicator[]>([]);

  /** the messages in the corner (src/ui/notices/) */
  readonly notices = new Notices();
  /** the open tabs and each indicator's parameters (src/ui/tabs/) */
  readonly tabs = new Tabs({ changed: () => this.workspaceChanged(), closedAtOpen: (message) => this.notify('error', message, true) });
  /** the console's text, parameters and last result (src/ui/console/console-state.svelte.ts) */
  readonly console = new ConsoleState({ changed: (delay) => this.workspaceChanged(delay) });
  /** «Отменить» / «Повторить» of cell edits (src/ui/edits/) */
  readonly history: EditHistory;
  /** what session-status shows of saving (src/ui/sessions/save-status.svelte.ts) */
  readonly saving = new SaveStatus();
  readonly autosave: Autosave;
  /** tabs, parameters, console text: their own small record, never a database export (src/store/workspace.ts) */
  readonly workspaceStore: WorkspaceStore;
  /** the sessions of this browser, the start screen, «О данных» (src/ui/sessions/) */
  readonly sessions: SessionDesk;
  /** many files at once, progress per file, cancel, duplicates, user tables, crosswalk (src/ui/import/) */
  readonly imports: ImportDesk;
  /** after a session file opens: its person key, wrapped, missing or there (src/ui/session/) */
  readonly sessionKey: SessionKeyCheck;
  /** «Остановить» and the time limit of queries (src/ui/queries/) */
  readonly queries: QueryStops;
  /** imports, session opens and resets run one after another, never interleaved */
  private queue: Promise<unknown> = Promise.resolve();
  private started!: Promise<void>;

  constructor(readonly engine: EngineClient) {
    this.sessions = new SessionDesk(this);
    this.workspaceStore = new WorkspaceStore(this.sessions.store, {
      onWritten: () => this.saving.workspaceSaves++,
      onPending: (pending) => (this.saving.workspacePending = pending),
      onError: (error) => this.notify('error', `Рабочее место не сохранено: ${errorText(error)}`),
    });
    this.autosave = new Autosave(engine, this.sessions.store, this.workspaceStore, {
      onState: (state) => (this.saving.state = state),
      onSaved: () => this.saving.databaseSaves++,
    });
    this.imports = new ImportDesk(this);
    this.sessionKey = new SessionKeyCheck(this);
    this.queries = new QueryStops(queryStopHost(this));
    this.history = new EditHistory({
      engine,
      notify: (kind, text) => this.notify(kind, text),
      // An edit changes no row counts but adds to oko_edit_log; open grids keep their rows.
      edited: () => {
        this.autosave.touch();
        void this.refreshTables().catch(() => undefined);
      },
    });
  }

  /** Runs `job` in the queue of imports, session opens and resets (never interleaved). */
  schedule<T>(job: () => Promise<T>): Promise<T> {
    return this.enqueue(job);
  }

  /** an import running, a change of data not yet saved, or a save that failed: leaving now would lose work */
  get unsavedWork(): boolean {
    return this.saving.state.kind === 'error' || this.imports.running || this.autosave.pending;
  }

  // ---------- start ----------

  start(): Promise<void> {
    this.started = this.startNow();
    return this.started;
  }

  /** Runs `job` after start-up and after every job queued before it. */
  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(() => this.started).then(job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The last session opens directly; a first visit gets the start screen (src/ui/sessions/desk.svelte.ts). */
  private async startNow(): Promise<void> {
    try {
      await this.sessions.start();
    } catch (error) {
      this.progress = null;
      this.startupError = `Не удалось запустить базу данных: ${errorText(error)}`;
    }
  }

  async reloadCatalogues(): Promise<void> {
    this.applyCatalogues(await this.fetchCatalogues());
  }

  /** The tables and indicators of the open database, asked for (the engine answers in turn) and not yet shown. */
  fetchCatalogues(): Promise<[TableInfo[], IndicatorSummary[]]> {
    return Promise.all([this.engine.call('tables', {}), this.engine.call('indicators', {})]);
  }

  applyCatalogues([tables, indicators]: [TableInfo[], IndicatorSummary[]]): void {
    this.tables = tables;
    this.indicators = indicators;
    this.dataVersion++;
  }

  async refreshTables(): Promise<void> {
    this.tables = await this.engine.call('tables', {});
  }

  /** Everything of the session before: edits, import messages, the console's result. */
  resetForSession(): void {
    this.history.reset();
    this.imports.resetForSession();
    this.console.reset();
    this.tabs.reset();
  }

  /** The tabs of the open session; with none and `openFirst`, the first indicator (so a session with data shows what the tool is for). */
  async restoreWorkspace(openFirst = true): Promise<void> {
    const ws = parseWorkspace(this.workspaceStore.get(UI_KEY));
    const known = new Set(this.tables.map((t) => t.name));
    const ids = new Set(this.indicators.map((i) => i.id));
    const first = openFirst ? this.indicators[0] : undefined;
    this.tabs.restore(
      ws,
      (t) => (t.kind === 'table' ? known.has(t.name) : t.kind === 'indicator' ? ids.has(t.id) : true),
      first && { kind: 'indicator', id: first.id, params: {} },
    );
    this.console.text = ws.sql;
    // Not awaited: the screen shows the session while the engine lists the РЦОИ codes to match.
    void this.imports.loadSettings();
  }

  // ---------- the workspace record ----------

  /** «Открыть в консоли» of an indicator: its SQL and parameters in the console, the console's tab active. */
  openInConsole(sql: string, params: Record<string, SqlValue>, from: string): void {
    this.console.load(sql, params, from);
    this.tabs.open({ kind: 'sql' });
  }

  /** A tab, a parameter, the console text: only the workspace record is written (never the database). */
  private workspaceChanged(delay = 300): void {
    if (!this.ready) return;
    const record: Workspace = { ...this.tabs.saved(), sql: this.console.text };
    this.workspaceStore.set(UI_KEY, JSON.stringify(record), delay);
  }

  // ---------- notices ----------

  /** Every part tells the user through this one shorthand of `notices.notify`. */
  notify(kind: Notice['kind'], text: string, sticky = false): void {
    this.notices.notify(kind, text, sticky);
  }

  showProgress(label: string, done: number, total: number): void {
    this.progress = { label, done, total };
  }

  // ---------- import ----------

  /** Files from the picker or a drop. A .sqlite file opens as a session. */
  importFiles(list: File[]): Promise<void> {
    if (!list.length) return Promise.resolve();
    return this.enqueue(() => this.importNow(list));
  }

  private async importNow(list: File[]): Promise<void> {
    this.imports.clearError();
    const isSession = (f: File) => /\.(sqlite3?|db)$/i.test(f.name);
    // Files dropped on the start screen start a session of their own (never the demo).
    if (this.sessions.openId === null && !list.every(isSession)) await this.sessions.createEmptyNow();
    // A .json file is a user's indicator (the method, never data): added to the catalogue.
    const indicators = list.filter(isIndicatorFile);
    if (indicators.length) {
      await importIndicatorFiles(this, indicators);
      list = list.filter((f) => !indicators.includes(f));
      if (!list.length) return;
    }
    const sessions = list.filter(isSession);
    const sheets = list.filter((f) => !sessions.includes(f));
    if (sessions.length) {
      if (sessions.length > 1 || sheets.length) {
        this.imports.error = 'Сессию (.sqlite) открывайте отдельно от других файлов — по одной.';
        return;
      }
      await this.sessions.openFileNow(sessions[0]);
      return;
    }
    // One file at a time, a progress bar each, «Отменить» (src/ui/import/desk.svelte.ts).
    await this.imports.runFiles(sheets);
  }

  /** After anything that may have changed data: counts, open views, autosave. */
  async afterChange(): Promise<void> {
    try {
      await this.refreshTables();
      // A table dropped by SQL closes its tab.
      this.tabs.closeMissingTables(new Set(this.tables.map((t) => t.name)));
    } catch {
      /* the next change will retry */
    }
    this.dataVersion++;
    this.autosave.touch();
  }
}
