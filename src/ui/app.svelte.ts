import { fileSizeError } from '../core/import/file-size.ts';
import { plural } from '../core/plural.ts';
import { sessionSizeError } from '../core/schema/session-file.ts';
import type { SqlValue } from '../core/db.ts';
import type { RcoiContext } from '../core/import/rcoi/exam-kind.ts';
import type { IndicatorDef } from '../core/indicators/types.ts';
import type { EngineClient } from '../engine/client.ts';
import type { ImportFilePayload, ImportOutcome, IndicatorSummary, SqlOutcome, TableInfo } from '../engine/protocol.ts';
import { Autosave, forgetSession, loadDemo, openSession, type SaveState } from '../store/session.ts';
import { loadWorkspace, saveWorkspace, type Workspace, type WorkspaceTab } from '../store/workspace.ts';
import { formatCount } from './grid/format.ts';
import type { EditRecord } from './grid/types.ts';
import { ImportDesk } from './import/desk.svelte.ts';
import { importIndicatorFiles, isIndicatorFile } from './indicators-custom/actions.ts';
import { downloadBackup } from './session/downloads.ts';
import { SessionKeyCheck } from './session/session-key.svelte.ts';

export { plural };

export type Tab = WorkspaceTab & { key: string };

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

export interface PendingContext {
  file: ImportFilePayload;
  message: string;
  /** an РЦОИ protocol that cannot tell ОГЭ from ЕГЭ asks 'examKind' (RcoiContext) */
  fields: Array<keyof RcoiContext>;
  guess: RcoiContext;
}

export interface OfferedIndicator {
  def: IndicatorDef;
  /** «по ссылке», «из файла «x.json»» */
  how: string;
}

export interface Progress {
  label: string;
  done: number;
  total: number;
}

function tabKey(tab: WorkspaceTab): string {
  return tab.kind === 'table' ? `table:${tab.name}` : tab.kind === 'indicator' ? `indicator:${tab.id}` : tab.kind;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** «Файл «x.xlsx», лист «Лист1», строка 12, столбец «Балл»: …» — the place, then the message. */
export function describeFailure(outcome: Extract<ImportOutcome, { ok: false }>): string {
  const place: string[] = [];
  const mentions = (s: string) => outcome.message.includes(s);
  if (!mentions(outcome.file)) place.push(`Файл «${outcome.file}»`);
  if (outcome.sheet && !mentions(outcome.sheet)) place.push(`лист «${outcome.sheet}»`);
  if (outcome.row !== undefined && !mentions(`строк`)) place.push(`строка ${outcome.row}`);
  if (outcome.column && !mentions(outcome.column)) place.push(`столбец «${outcome.column}»`);
  return place.length ? `${place.join(', ')}: ${outcome.message}` : outcome.message;
}

/**
 * The state of the one screen: what the engine holds (tables, catalogue), which tabs are
 * open, the last import, the save status, the edit history. Components read it; actions here
 * talk to the engine and schedule the autosave.
 */
export class App {
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
  notices = $state<Notice[]>([]);

  /** shared indicators (a link, a .json file) waiting for the user's yes: nothing is added before it */
  offeredIndicators = $state.raw<OfferedIndicator[]>([]);

  undoStack = $state.raw<EditRecord[]>([]);
  redoStack = $state.raw<EditRecord[]>([]);

  readonly autosave: Autosave;
  /** many files at once, progress per file, cancel, duplicates, user tables, crosswalk (src/ui/import/) */
  readonly imports: ImportDesk;
  /** after a session file opens: its person key, wrapped, missing or there (src/ui/session/) */
  readonly sessionKey: SessionKeyCheck;
  private noticeSeq = 0;
  /** imports, session opens and resets run one after another, never interleaved */
  private queue: Promise<unknown> = Promise.resolve();
  private started!: Promise<void>;
  private workspaceTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly engine: EngineClient) {
    this.autosave = new Autosave(engine, (state) => (this.saveState = state));
    this.imports = new ImportDesk(this);
    this.sessionKey = new SessionKeyCheck(this);
  }

  /** Runs `job` in the queue of imports, session opens and resets (never interleaved). */
  schedule<T>(job: () => Promise<T>): Promise<T> {
    return this.enqueue(job);
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

  private async startNow(): Promise<void> {
    try {
      const opened = await openSession(this.engine, (p) => this.showProgress(`Загрузка демонстрационных данных: ${p.file}`, p.done, p.total));
      this.progress = null;
      if (opened.warning) this.notify('error', opened.warning);
      if (opened.demo?.length) this.reportImport(opened.demo, 'Загружены демонстрационные данные');
      await this.reloadCatalogues();
      await this.restoreWorkspace();
      if (opened.origin === 'saved') {
        await this.autosave.markSaved(opened.savedAt);
        this.saveState = { kind: 'saved', at: opened.savedAt ?? new Date() };
      } else this.autosave.touch();
      this.ready = true;
    } catch (error) {
      this.progress = null;
      this.startupError = `Не удалось запустить базу данных: ${errorText(error)}`;
    }
  }

  async reloadCatalogues(): Promise<void> {
    const [tables, indicators] = await Promise.all([this.engine.call('tables', {}), this.engine.call('indicators', {})]);
    this.tables = tables;
    this.indicators = indicators;
    this.dataVersion++;
  }

  async refreshTables(): Promise<void> {
    this.tables = await this.engine.call('tables', {});
  }

  private async restoreWorkspace(): Promise<void> {
    const ws = await loadWorkspace(this.engine);
    const known = new Set(this.tables.map((t) => t.name));
    const ids = new Set(this.indicators.map((i) => i.id));
    const tabs = ws.tabs
      .filter((t) => (t.kind === 'table' ? known.has(t.name) : t.kind === 'indicator' ? ids.has(t.id) : true))
      .map((t) => ({ ...t, key: tabKey(t) }));
    this.sql = ws.sql;
    if (!tabs.length) {
      // First visit: open the first indicator, so the screen shows what the tool is for.
      const first = this.indicators[0];
      if (first) tabs.push({ kind: 'indicator', id: first.id, params: {}, key: tabKey({ kind: 'indicator', id: first.id, params: {} }) });
    }
    this.tabs = tabs;
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

  workspaceChanged(delay = 300): void {
    if (!this.ready) return;
    if (this.workspaceTimer) clearTimeout(this.workspaceTimer);
    this.workspaceTimer = setTimeout(() => {
      this.workspaceTimer = null;
      saveWorkspace(this.engine, this.workspace()).then(
        () => this.autosave.touch(),
        (error) => this.notify('error', `Рабочее место не сохранено: ${errorText(error)}`),
      );
    }, delay);
  }

  // ---------- notices ----------

  notify(kind: Notice['kind'], text: string): void {
    const id = ++this.noticeSeq;
    this.notices = [...this.notices, { id, kind, text }];
    setTimeout(() => this.dismiss(id), kind === 'error' ? 12_000 : 5_000);
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
    // A .json file is a user's indicator (the method, never data): added to the catalogue.
    const indicators = list.filter(isIndicatorFile);
    if (indicators.length) {
      await importIndicatorFiles(this, indicators);
      list = list.filter((f) => !indicators.includes(f));
      if (!list.length) return;
    }
    const sessions = list.filter((f) => /\.(sqlite3?|db)$/i.test(f.name));
    const sheets = list.filter((f) => !sessions.includes(f));
    if (sessions.length) {
      if (sessions.length > 1 || sheets.length) {
        this.importError = 'Сессию (.sqlite) открывайте отдельно от других файлов — по одной.';
        return;
      }
      await this.openSessionNow(sessions[0]);
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

  /** Turns outcomes into the import-status line, the import-error text and context questions. */
  private reportImport(outcomes: ImportOutcome[], verb: string, payloads: ImportFilePayload[] = []): void {
    const done: string[] = [];
    const failed: string[] = [];
    const asks: PendingContext[] = [];
    const warnings: string[] = [];
    for (const outcome of outcomes) {
      if (outcome.ok) {
        const s = outcome.summary;
        const what = s.assessments.length ? s.assessments.join('; ') : `${s.formatLabel} («${s.fileName}»)`;
        done.push(`${what} — ${formatCount(s.rows)} ${plural(s.rows, 'строка', 'строки', 'строк')}, ${formatCount(s.schools)} ОО`);
        warnings.push(...s.warnings);
      } else if (outcome.code === 'needs-context' && outcome.needs) {
        const file = payloads.find((p) => p.name === outcome.file);
        if (file) asks.push({ file, message: outcome.message, fields: outcome.needs.fields, guess: outcome.needs.guess });
        else failed.push(describeFailure(outcome));
      } else {
        failed.push(describeFailure(outcome));
      }
    }
    if (done.length === 1 || done.length === 2) this.importStatus = `${verb}: ${done.join('; ')}`;
    else if (done.length > 2) {
      const ok = outcomes.filter((o): o is Extract<ImportOutcome, { ok: true }> => o.ok);
      const rows = ok.reduce((sum, o) => sum + o.summary.rows, 0);
      const schools = Math.max(...ok.map((o) => o.summary.schools));
      const works = ok.flatMap((o) => o.summary.assessments);
      const shown = works.slice(0, 2).join('; ') + (works.length > 2 ? ` и ещё ${works.length - 2}` : '');
      this.importStatus =
        `${verb}: ${ok.length} ${plural(ok.length, 'файл', 'файла', 'файлов')} (${shown}) — ` +
        `${formatCount(rows)} ${plural(rows, 'строка', 'строки', 'строк')}, ${formatCount(schools)} ОО`;
    }
    else if (!failed.length && !asks.length) this.importStatus = 'Нет файлов для загрузки.';
    if (failed.length) this.importError = failed.join('\n');
    if (asks.length) this.pendingContext = [...this.pendingContext, ...asks];
    if (warnings.length) this.notify('info', `Предупреждения при загрузке: ${warnings.slice(0, 3).join(' ')}${warnings.length > 3 ? ` (и ещё ${warnings.length - 3})` : ''}`);
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

  openSessionFile(file: File): Promise<void> {
    return this.enqueue(() => this.openSessionNow(file));
  }

  private async openSessionNow(file: File): Promise<void> {
    this.imports.clearError();
    const tooBig = sessionSizeError(file.name, file.size);
    if (tooBig) {
      this.importError = tooBig;
      return;
    }
    this.showProgress(`Открытие сессии: ${file.name}`, 0, 0);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const opened = await this.engine.call('open', { bytes });
      this.undoStack = [];
      this.redoStack = [];
      await this.reloadCatalogues();
      await this.restoreWorkspace();
      this.importStatus = `Открыта сессия «${file.name}»`;
      for (const note of opened.notes) this.notify('info', note);
      await this.sessionKey.afterOpen(file.name);
      this.autosave.touch();
    } catch (error) {
      this.importError = `Сессия «${file.name}» не открыта: ${errorText(error)} Текущая сессия не изменилась.`;
    } finally {
      this.progress = null;
    }
  }

  /** The backup without the person key (src/ui/session/downloads.ts): a download never carries the key in clear. */
  async downloadSession(): Promise<void> {
    await downloadBackup(this);
  }

  newSession(): Promise<void> {
    return this.enqueue(() => this.newSessionNow());
  }

  private async newSessionNow(): Promise<void> {
    this.showProgress('Новая сессия', 0, 0);
    try {
      await forgetSession();
      await this.engine.call('open', {});
      this.undoStack = [];
      this.redoStack = [];
      this.importStatus = '';
      this.importError = '';
      this.pendingContext = [];
      const demo = await loadDemo(this.engine, (p) => this.showProgress(`Загрузка демонстрационных данных: ${p.file}`, p.done, p.total));
      if (demo.length) this.reportImport(demo, 'Загружены демонстрационные данные');
      this.tabs = [];
      await this.reloadCatalogues();
      await this.restoreWorkspace();
      this.autosave.touch();
    } catch (error) {
      this.notify('error', `Новая сессия не начата: ${errorText(error)}`);
    } finally {
      this.progress = null;
    }
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
