import { fileSizeError } from '../core/import/file-size.ts';
import { plural } from '../core/plural.ts';
import type { SqlValue } from '../core/db.ts';
import type { RcoiContext } from '../core/import/formats/rcoi/exam-kind.ts';
import type { EngineClient } from '../engine/client.ts';
import type { ImportFilePayload, IndicatorSummary, SqlOutcome, TableInfo } from '../engine/protocol.ts';
import { Autosave, type SaveState } from '../store/autosave.ts';
import { parseWorkspace, UI_KEY, WorkspaceStore, type Workspace, type WorkspaceTab } from '../store/workspace.ts';
import type { AppHost, Notice, OfferedIndicator, PendingContext, Progress } from './app-host.ts';
import type { EditRecord } from './grid/types.ts';
import { ImportDesk } from './import/desk.svelte.ts';
import { importIndicatorFiles, isIndicatorFile } from './indicators-custom/actions.ts';
import { queryStopHost } from './queries/host.ts';
import { QueryStops } from './queries/stops.ts';
import { downloadBackup } from './session/downloads.ts';
import { SessionKeyCheck } from './session/session-key.svelte.ts';
import { SessionDesk } from './sessions/desk.svelte.ts';

export { plural };

export type Tab = WorkspaceTab & { key: string };

export type { Notice, OfferedIndicator, PendingContext, Progress } from './app-host.ts';
export { describeFailure } from './import/failure.ts';

function tabKey(tab: WorkspaceTab): string {
  return tab.kind === 'table' ? `table:${tab.name}` : tab.kind === 'indicator' ? `indicator:${tab.id}` : tab.kind;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The state of the one screen: what the engine holds (tables, catalogue), which tabs are
 * open, the last import, the save status, the edit history. Components read it; actions here
 * talk to the engine and schedule the autosave.
 */
export class App implements AppHost {
  tables = $state.raw<TableInfo[]>([]);
  indicators = $state.raw<IndicatorSummary[]>([]);
  tabs = $state.raw<Tab[]>([]);
  activeKey = $state<string | null>(null);
  sql = $state('');
  /** parameters bound to the console's SQL when it came from an indicator («Открыть в консоли») */
  /** the console's last result, kept while the user visits other tabs */
  sqlOutcome = $state.raw<{ outcome: SqlOutcome; params: Record<string, SqlValue> } | null>(null);
  sqlParams = $state.raw<{ from: string; params: Record<string, SqlValue> } | null>(null);
  /** bumps whenever data may have changed: open views re-read */
  dataVersion = $state(0);

  ready = $state(false);
  startupError = $state('');
  progress = $state<Progress | null>(null);
  importStatus = $state('');
  importError = $state('');
  pendingContext = $state.raw<PendingContext[]>([]);
  saveState = $state.raw<SaveState>({ kind: 'idle' });
  /** databases written to IndexedDB since the page opened, and workspace records: session-status shows both (tests read them) */
  databaseSaves = $state(0);
  workspaceSaves = $state(0);
  /** a workspace change not yet in IndexedDB */
  workspacePending = $state(false);
  notices = $state<Notice[]>([]);

  /** shared indicators (a link, a .json file) waiting for the user's yes: nothing is added before it */
  offeredIndicators = $state.raw<OfferedIndicator[]>([]);

  undoStack = $state.raw<EditRecord[]>([]);
  redoStack = $state.raw<EditRecord[]>([]);

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
  /** keys of the tabs the saved workspace reopened, until each first runs: one the time limit stops is closed */
  readonly restoredTabs = new Set<string>();
  private noticeSeq = 0;
  /** imports, session opens and resets run one after another, never interleaved */
  private queue: Promise<unknown> = Promise.resolve();
  private started!: Promise<void>;

  constructor(readonly engine: EngineClient) {
    this.sessions = new SessionDesk(this);
    this.workspaceStore = new WorkspaceStore(this.sessions.store, {
      onWritten: () => this.workspaceSaves++,
      onPending: (pending) => (this.workspacePending = pending),
      onError: (error) => this.notify('error', `Рабочее место не сохранено: ${errorText(error)}`),
    });
    this.autosave = new Autosave(engine, this.sessions.store, this.workspaceStore, {
      onState: (state) => (this.saveState = state),
      onSaved: () => this.databaseSaves++,
    });
    this.imports = new ImportDesk(this);
    this.sessionKey = new SessionKeyCheck(this);
    this.queries = new QueryStops(queryStopHost(this));
  }

  /** Runs `job` in the queue of imports, session opens and resets (never interleaved). */
  schedule<T>(job: () => Promise<T>): Promise<T> {
    return this.enqueue(job);
  }

  /** an import running, a change of data not yet saved, or a save that failed: leaving now would lose work */
  get unsavedWork(): boolean {
    return this.saveState.kind === 'error' || this.imports.running || this.autosave.pending;
  }

  get activeTab(): Tab | null {
    return this.tabs.find((t) => t.key === this.activeKey) ?? null;
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
    this.undoStack = [];
    this.redoStack = [];
    this.importStatus = '';
    this.importError = '';
    this.pendingContext = [];
    this.sqlOutcome = null;
    this.sqlParams = null;
    this.tabs = [];
    this.activeKey = null;
    this.sql = '';
  }

  /** The tabs of the open session; with none and `openFirst`, the first indicator (so a session with data shows what the tool is for). */
  async restoreWorkspace(openFirst = true): Promise<void> {
    const ws = parseWorkspace(this.workspaceStore.get(UI_KEY));
    const known = new Set(this.tables.map((t) => t.name));
    const ids = new Set(this.indicators.map((i) => i.id));
    const tabs = ws.tabs
      .filter((t) => (t.kind === 'table' ? known.has(t.name) : t.kind === 'indicator' ? ids.has(t.id) : true))
      .map((t) => ({ ...t, key: tabKey(t) }));
    this.sql = ws.sql;
    if (!tabs.length && openFirst) {
      // First visit: open the first indicator, so the screen shows what the tool is for.
      const first = this.indicators[0];
      if (first) tabs.push({ kind: 'indicator', id: first.id, params: {}, key: tabKey({ kind: 'indicator', id: first.id, params: {} }) });
    }
    this.tabs = tabs;
    this.restoredTabs.clear();
    for (const tab of tabs) this.restoredTabs.add(tab.key);
    const active = ws.tabs[ws.active];
    this.activeKey = active && tabs.some((t) => t.key === tabKey(active)) ? tabKey(active) : (tabs[0]?.key ?? null);
    await this.imports.loadSettings();
  }

  // ---------- tabs & workspace ----------

  open(tab: WorkspaceTab): void {
    const key = tabKey(tab);
    if (!this.tabs.some((t) => t.key === key)) this.tabs = [...this.tabs, { ...tab, key }];
    this.activeKey = key;
    this.workspaceChanged();
  }

  activate(key: string): void {
    this.activeKey = key;
    this.workspaceChanged();
  }

  close(key: string): void {
    const index = this.tabs.findIndex((t) => t.key === key);
    if (index < 0) return;
    const tabs = this.tabs.filter((t) => t.key !== key);
    this.tabs = tabs;
    if (this.activeKey === key) this.activeKey = tabs[Math.min(index, tabs.length - 1)]?.key ?? null;
    this.workspaceChanged();
  }

  setIndicatorParams(id: string, params: Record<string, SqlValue>): void {
    const tab = this.tabs.find((t) => t.kind === 'indicator' && t.id === id);
    if (!tab || tab.kind !== 'indicator') return;
    if (JSON.stringify(tab.params) === JSON.stringify(params)) return;
    this.tabs = this.tabs.map((t) => (t === tab ? { ...tab, params: { ...params } } : t));
    this.workspaceChanged();
  }

  openInConsole(sql: string, params: Record<string, SqlValue>, from: string): void {
    this.sql = sql;
    this.sqlParams = { from, params };
    this.open({ kind: 'sql' });
  }

  setSql(text: string): void {
    this.sql = text;
    this.workspaceChanged(1500);
  }

  workspace(): Workspace {
    const tabs: WorkspaceTab[] = this.tabs.map(({ key: _key, ...tab }) => tab);
    return { tabs, active: this.tabs.findIndex((t) => t.key === this.activeKey), sql: this.sql };
  }

  /** A tab, a parameter, the console text: only the workspace record is written (never the database). */
  workspaceChanged(delay = 300): void {
    if (!this.ready) return;
    this.workspaceStore.set(UI_KEY, JSON.stringify(this.workspace()), delay);
  }

  // ---------- notices ----------

  /** `sticky`: stays until closed (what happened while the user may not have been looking) */
  notify(kind: Notice['kind'], text: string, sticky = false): void {
    const id = ++this.noticeSeq;
    this.notices = [...this.notices, { id, kind, text }];
    if (!sticky) setTimeout(() => this.dismiss(id), kind === 'error' ? 12_000 : 5_000);
  }

  dismiss(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
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
        this.importError = 'Сессию (.sqlite) открывайте отдельно от других файлов — по одной.';
        return;
      }
      await this.sessions.openFileNow(sessions[0]);
      return;
    }

    // A file too big for the tab is refused before it is read into memory.
    const refusals: string[] = [];
    const payloads: ImportFilePayload[] = [];
    for (const file of sheets) {
      const tooBig = fileSizeError(file.name, file.size);
      if (tooBig) refusals.push(tooBig.message);
      else payloads.push({ name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) });
    }
    if (payloads.length) await this.runImport(payloads);
    if (refusals.length) this.importError = [this.importError, ...refusals].filter(Boolean).join('\n');
  }

  /** One file at a time, a progress bar each, «Отменить» (src/ui/import/desk.svelte.ts). */
  private runImport(payloads: ImportFilePayload[]): Promise<void> {
    return this.imports.run(payloads);
  }

  answerContext(context: RcoiContext): Promise<void> {
    const [first, ...rest] = this.pendingContext;
    if (!first) return Promise.resolve();
    this.pendingContext = rest;
    // Plain data only: Svelte state proxies cannot be posted to the worker.
    const payload = { name: first.file.name, bytes: first.file.bytes, context: $state.snapshot(context) as RcoiContext, replaceBatch: first.file.replaceBatch };
    return this.enqueue(() => this.runImport([payload]));
  }

  skipContext(): void {
    const [first, ...rest] = this.pendingContext;
    this.pendingContext = rest;
    if (first) this.importError = `Файл «${first.file.name}» не загружен: не указаны сведения о работе.`;
  }

  // ---------- session ----------

  /** The backup without the person key (src/ui/session/downloads.ts): a download never carries the key in clear. */
  async downloadSession(): Promise<void> {
    await downloadBackup(this);
  }

  /** After anything that may have changed data: counts, open views, autosave. */
  async afterChange(): Promise<void> {
    try {
      await this.refreshTables();
      // A table dropped by SQL closes its tab.
      const known = new Set(this.tables.map((t) => t.name));
      for (const tab of this.tabs) if (tab.kind === 'table' && !known.has(tab.name)) this.close(tab.key);
    } catch {
      /* the next change will retry */
    }
    this.dataVersion++;
    this.autosave.touch();
  }

  // ---------- edits: undo / redo through the engine (robust across re-sorting) ----------

  recordEdit(record: EditRecord): void {
    this.undoStack = [...this.undoStack.slice(-199), record];
    this.redoStack = [];
    this.afterEdit();
  }

  /** An edit changes no row counts but adds to oko_edit_log; open grids keep their rows. */
  private afterEdit(): void {
    this.autosave.touch();
    void this.refreshTables().catch(() => undefined);
  }

  /** Replays one edit; returns the record applied or null when the engine refused. */
  async undo(): Promise<EditRecord | null> {
    const record = this.undoStack.at(-1);
    if (!record) return null;
    const outcome = await this.engine.call('updateCell', { table: record.source, rowId: record.rowId, column: record.column, value: record.old });
    if (!outcome.ok) {
      this.notify('error', `Отменить правку не удалось: ${outcome.message}`);
      return null;
    }
    this.undoStack = this.undoStack.slice(0, -1);
    this.redoStack = [...this.redoStack, record];
    this.afterEdit();
    return { ...record, value: outcome.value };
  }

  async redo(): Promise<EditRecord | null> {
    const record = this.redoStack.at(-1);
    if (!record) return null;
    const outcome = await this.engine.call('updateCell', { table: record.source, rowId: record.rowId, column: record.column, value: record.value });
    if (!outcome.ok) {
      this.notify('error', `Повторить правку не удалось: ${outcome.message}`);
      return null;
    }
    this.redoStack = this.redoStack.slice(0, -1);
    this.undoStack = [...this.undoStack, record];
    this.afterEdit();
    return { ...record, value: outcome.value };
  }
}
