/**
 * The import side of the screen: a batch of dropped files goes in one file at a time, each with
 * its own progress bar; «Отменить» really stops the running file (cancel.ts); what a file could not
 * say is asked afterwards (duplicate → DuplicateDialog, unknown layout → «Открыть как таблицу…»,
 * needs-context → ContextDialog); import-status and import-error summarise the whole batch.
 */
import type { ImportSummary } from '../../core/import/types.ts';
import type {
  CrosswalkEntry,
  DuplicateOf,
  FileBytes,
  FilePreview,
  ImportFilePayload,
  ImportOutcome,
  ImportProgress,
  MappedRequest,
  UserTableRequest,
} from '../../engine/protocol.ts';
import type { RcoiContext } from '../../core/import/formats/rcoi/exam-kind.ts';
import { fileSizeError } from '../../core/import/file-size.ts';
import { plural } from '../../core/plural.ts';
import type { EngineClient } from '../../engine/client.ts';
import type { Autosave } from '../../store/autosave.ts';
import type { WorkspaceStore, WorkspaceTab } from '../../store/workspace.ts';
import { describeFailure } from './failure.ts';
import { formatCount } from '../grid/format.ts';
import { RestoreFailed, restartFromSaved, restorePoint, wasRestarted, workerCrashed } from './cancel.ts';
import { loadImportSettings, saveImportSettings } from './settings.ts';
import { importNotes } from '../../store/interrupted-import.ts';

export type JobState = 'queued' | 'reading' | 'writing' | 'done' | 'failed' | 'cancelled';

export const JOB_STATE_LABELS: Record<JobState, string> = {
  queued: 'в очереди',
  reading: 'читается',
  writing: 'записывается',
  done: 'готово',
  failed: 'ошибка',
  cancelled: 'отменено',
};

export interface ImportJob {
  id: number;
  name: string;
  size: number;
  state: JobState;
  /** rows read (state 'reading', when the file says how many it has) or written so far, and in all; 0 when not known */
  done: number;
  total: number;
  /** rows per second while reading or writing */
  rate: number | null;
  /** after the end: «3 строки» or the reason it failed */
  note: string;
  /** the engine has the file and a restore point is saved: «Отменить» stops it mid-parse (cancel.ts) */
  stoppable?: boolean;
}

export interface DuplicateAsk {
  file: ImportFilePayload;
  earlier: DuplicateOf;
  message: string;
}

/** «Открыть как таблицу…» of a file; `earlierTable`: the same file loaded before as this table («Заменить»). */
export interface TableRequest {
  file: ImportFilePayload;
  replaceDuplicate: boolean;
  earlierTable?: string | null;
  /** read before the dialog opens: a file the engine refuses never reaches it */
  preview: FilePreview;
}

/** A file whose layout leaves a question (an РЦОИ protocol: ОГЭ or ЕГЭ?): ContextDialog asks it. */
export interface PendingContext {
  file: ImportFilePayload;
  message: string;
  /** an РЦОИ protocol that cannot tell ОГЭ from ЕГЭ asks 'examKind' (RcoiContext) */
  fields: Array<keyof RcoiContext>;
  guess: RcoiContext;
}

/** What the import desk needs of its owner. */
export interface ImportHost {
  readonly engine: EngineClient;
  readonly autosave: Autosave;
  readonly workspaceStore: WorkspaceStore;
  readonly tabs: { open(tab: WorkspaceTab): void };
  /** a restart that could not bring the session back: the screen says so instead of the session */
  startupError: string;
  /** runs the job after the imports and session changes queued before it */
  schedule<T>(job: () => Promise<T>): Promise<T>;
  notify(kind: 'error' | 'info', text: string): void;
  reloadCatalogues(): Promise<void>;
  /** after the data may have changed: counts, open views, autosave */
  afterChange(): Promise<void>;
}

/** An outcome of one file of a batch, or the file was cancelled. */
type Finished = ImportOutcome | 'cancelled';

/** Every failure but the questions (which get a dialog): the messages import-error lists. */
const QUESTIONS = new Set(['duplicate', 'needs-context']);

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const byteSize = (bytes: FileBytes) => (bytes instanceof Uint8Array ? bytes.byteLength : bytes.size);

function rowsText(n: number): string {
  return `${formatCount(n)} ${plural(n, 'строка', 'строки', 'строк')}`;
}

function fileList(names: string[]): string {
  return names.map((name) => `«${name}»`).join(', ');
}

/** «ЕГЭ 2022, Русский язык, 23.06.2022 («ege.csv») — 3 строки». */
function doneItem(summary: ImportSummary & { tableName?: string }): string {
  const what =
    summary.format === 'user_table' && summary.tableName
      ? `таблица «${summary.tableName}» («${summary.fileName}»)`
      : summary.assessments.length
        ? `${summary.assessments.join('; ')} («${summary.fileName}»)`
        : `${summary.formatLabel} («${summary.fileName}»)`;
  return `${what} — ${rowsText(summary.rows)}${summary.schools ? `, ${formatCount(summary.schools)} ОО` : ''}`;
}

/** «26.11.2026 в 10:00», local time. */
export function formatWhen(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const day = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' }).format(date);
  const time = new Intl.DateTimeFormat('ru-RU', { hour: '2-digit', minute: '2-digit' }).format(date);
  return `${day} в ${time}`;
}

export class ImportDesk {
  /** import-status: what the last batch (or session open) did */
  status = $state('');
  /** import-error: one line per file that did not load */
  error = $state('');
  /** files waiting for the user's answer to a question about the work (ContextDialog) */
  pendingContext = $state.raw<PendingContext[]>([]);
  /** the progress list of the current (or last) batch */
  jobs = $state<ImportJob[]>([]);
  running = $state(false);
  /** «Отменить» was pressed and the worker is being restarted */
  cancelling = $state(false);
  /** a restore point was saved before the running file: it can be stopped */
  cancellable = $state(false);
  /** files met before: «Пропустить / Заменить» (DuplicateDialog) */
  duplicates = $state.raw<DuplicateAsk[]>([]);
  /** files no layout recognised in the last batch: «Открыть как таблицу…» */
  unknown = $state.raw<ImportFilePayload[]>([]);
  /** what the short error messages leave out, shown under «Подробнее» (e.g. the formats Око knows) */
  errorDetails = $state.raw<string[]>([]);
  /** the «Открыть как таблицу» dialog (TableDialog) */
  table = $state.raw<TableRequest | null>(null);
  /** the file whose preview is being read before that dialog opens */
  tableReading = $state<string | null>(null);
  /** «Хранить ФИО участников в этой сессии» (oko_workspace 'import'): context.keepNames of every import */
  keepNames = $state(false);
  /** РЦОИ codes matched to no school: «Сопоставление ОО (N)» */
  crosswalk = $state.raw<CrosswalkEntry[]>([]);
  crosswalkOpen = $state(false);

  private seq = 0;
  private cancelRequested = false;
  private active = -1;
  /** the engine is importing file `active` (not just saving the restore point before it) */
  private inFlight = false;
  private outcomes: Finished[] = [];
  private restoring: Promise<void> | null = null;

  constructor(private readonly app: ImportHost) {}

  // ---------- a batch ----------

  /**
   * Files from the picker or a drop: a file too big for the tab is refused before it is read. The
   * rest go to the engine as they are (FileBytes): it reads them, the page never holds their bytes.
   */
  async runFiles(files: File[]): Promise<void> {
    const refusals: string[] = [];
    const payloads: ImportFilePayload[] = [];
    for (const file of files) {
      const tooBig = fileSizeError(file.name, file.size);
      if (tooBig) refusals.push(tooBig.message);
      else payloads.push({ name: file.name, bytes: file });
    }
    if (payloads.length) await this.run(payloads);
    if (refusals.length) this.error = [this.error, ...refusals].filter(Boolean).join('\n');
  }

  /** Imports the files one after another (the caller runs it in the app's queue). */
  async run(payloads: ImportFilePayload[]): Promise<void> {
    await this.batch(
      payloads.map((p) => ({ name: p.name, size: byteSize(p.bytes) })),
      (i, onProgress) => {
        const payload = payloads[i];
        const context = { ...payload.context, ...(this.keepNames ? { keepNames: true } : {}) };
        return this.app.engine.call('importFiles', { files: [{ ...payload, context }] }, onProgress).then((outcomes) => outcomes[0]);
      },
      payloads,
    );
  }

  /** «Открыть как таблицу…» → «Загрузить»: one file through the same progress list. */
  async runTable(request: UserTableRequest): Promise<void> {
    await this.batch([{ name: request.name, size: byteSize(request.bytes) }], (_i, onProgress) => this.app.engine.call('importUserTable', request, onProgress));
    const outcome = this.outcomes[0];
    if (outcome && outcome !== 'cancelled' && outcome.ok) this.app.tabs.open({ kind: 'table', name: request.tableName });
  }

  /** «Открыть как таблицу…» → «в таблицу Око» → «Загрузить»: the rows appended to a table of Око. */
  async runMapped(request: MappedRequest): Promise<void> {
    await this.batch([{ name: request.name, size: byteSize(request.bytes) }], (_i, onProgress) => this.app.engine.call('importMapped', request, onProgress));
    const outcome = this.outcomes[0];
    if (outcome && outcome !== 'cancelled' && outcome.ok) this.app.tabs.open({ kind: 'table', name: request.table });
  }

  private async batch(
    files: Array<{ name: string; size: number }>,
    call: (index: number, onProgress: (p: ImportProgress) => void) => Promise<ImportOutcome>,
    payloads: ImportFilePayload[] = [],
  ): Promise<void> {
    const app = this.app;
    this.clearError();
    this.status = '';
    this.jobs = files.map((f) => ({ id: ++this.seq, name: f.name, size: f.size, state: 'queued', done: 0, total: 0, rate: null, note: '' }));
    this.outcomes = [];
    this.cancelRequested = false;
    this.running = true;
    // Only a reload or a closed tab skips the `finally` below and leaves this note behind.
    const session = app.autosave.sessionId;
    if (session)
      importNotes.started(
        session,
        files.map((f) => f.name),
      );
    try {
      for (let i = 0; i < files.length; i++) {
        if (!this.cancelRequested) {
          this.active = i;
          this.set(i, { state: 'reading' });
          // The restore point of «Отменить» (cancel.ts): the session as it is before this file.
          this.cancellable = false;
          this.cancellable = await restorePoint(app.autosave);
        }
        if (this.cancelRequested) {
          this.outcomes[i] = 'cancelled';
          this.set(i, { state: 'cancelled' });
          continue;
        }
        this.inFlight = true;
        if (this.cancellable) this.set(i, { stoppable: true });
        try {
          this.outcomes[i] = await this.one(i, call);
        } finally {
          this.inFlight = false;
          this.set(i, { stoppable: false });
        }
      }
      if (this.restoring) await this.restoring;
    } finally {
      if (session) for (const f of files) importNotes.ended(session, f.name);
      this.active = -1;
      this.running = false;
      this.cancellable = false;
      this.cancelling = false;
      this.restoring = null;
    }
    this.report(
      files.map((f) => f.name),
      payloads,
    );
    await app.afterChange();
    await this.refreshCrosswalk();
  }

  private async one(i: number, call: (index: number, onProgress: (p: ImportProgress) => void) => Promise<ImportOutcome>): Promise<Finished> {
    const started = performance.now();
    let last = { at: started, done: 0, phase: 'reading' };
    const onProgress = ({ done, total, phase = 'writing' }: ImportProgress) => {
      const now = performance.now();
      // Reading, then writing: the rate starts again with each.
      if (phase !== last.phase) last = { at: now, done: 0, phase };
      const seconds = (now - last.at) / 1000;
      const rate = seconds > 0.05 ? (done - last.done) / seconds : phase === this.jobs[i]?.state ? this.jobs[i]?.rate : null;
      last = { at: now, done, phase };
      this.set(i, { state: phase, done, total, rate: rate ?? null });
    };
    try {
      const outcome = await call(i, onProgress);
      if (outcome.ok) {
        const rows = outcome.summary.rows;
        const seconds = (performance.now() - started) / 1000;
        this.set(i, { state: 'done', done: rows, total: rows, note: rowsText(rows), rate: seconds > 0 && rows ? rows / seconds : null });
      } else {
        this.set(i, { state: 'failed', note: QUESTIONS.has(outcome.code) ? 'нужен ваш ответ' : outcome.message });
      }
      return outcome;
    } catch (error) {
      if (wasRestarted(error)) {
        if (this.restoring) await this.restoring.catch(() => undefined);
        this.set(i, { state: 'cancelled' });
        return 'cancelled';
      }
      const name = this.jobs[i]?.name ?? '';
      let message = `Файл «${name}» не загружен: ${errorText(error)}`;
      if (workerCrashed(error) && this.cancellable) {
        // The worker died inside this file: bring the session back from the restore point.
        try {
          await restartFromSaved(this.app.engine, this.app.autosave);
          await this.app.reloadCatalogues();
          message += ' Сессия восстановлена в том виде, какой она была до этого файла.';
        } catch (restoreError) {
          if (restoreError instanceof RestoreFailed) this.app.startupError = restoreError.message;
        }
      }
      this.set(i, { state: 'failed', note: errorText(error) });
      return { ok: false, file: name, code: 'unreadable', message };
    }
  }

  private set(i: number, patch: Partial<ImportJob>): void {
    const job = this.jobs[i];
    if (job) this.jobs[i] = { ...job, ...patch };
  }

  // ---------- «Отменить» ----------

  /**
   * Stops the batch: files not started are cancelled; the running one is stopped by restarting
   * the engine worker on the session saved right before it (cancel.ts).
   */
  async cancel(): Promise<void> {
    if (!this.running || this.cancelRequested) return;
    this.cancelRequested = true;
    this.cancelling = true;
    this.jobs.forEach((job, i) => {
      if (job.state === 'queued') this.set(i, { state: 'cancelled' });
    });
    const target = this.active;
    const job = this.jobs[target];
    // Still saving the restore point: the loop sees cancelRequested and does not start the file.
    if (!this.inFlight || !job || (job.state !== 'reading' && job.state !== 'writing')) {
      this.cancelling = false;
      return;
    }
    if (!this.cancellable) {
      this.cancelling = false;
      this.app.notify(
        'error',
        `Файл «${job.name}» нельзя прервать: сессию не удалось сохранить в браузере перед загрузкой. Он будет загружен до конца; остальные файлы отменены.`,
      );
      return;
    }
    this.restoring = this.restore(target);
    await this.restoring;
  }

  private async restore(target: number): Promise<void> {
    const app = this.app;
    try {
      await restartFromSaved(app.engine, app.autosave);
    } catch (error) {
      if (error instanceof RestoreFailed) {
        app.startupError = error.message;
        return;
      }
      // Nothing was stopped: the file goes on and its outcome is reported as usual.
      app.notify('error', `Отменить загрузку не удалось (${errorText(error)}). Файл будет загружен до конца.`);
      return;
    }
    // The file may have finished just before the worker stopped: the session is as before it anyway.
    if (this.outcomes[target] && this.outcomes[target] !== 'cancelled') {
      this.outcomes[target] = 'cancelled';
      this.set(target, { state: 'cancelled', note: '' });
    }
    await app.reloadCatalogues().catch(() => undefined);
  }

  // ---------- the summary ----------

  private report(names: string[], payloads: ImportFilePayload[]): void {
    const app = this.app;
    const done: string[] = [];
    const failed: string[] = [];
    const cancelled: string[] = [];
    const asks: string[] = [];
    const warnings: string[] = [];
    const unknown: ImportFilePayload[] = [];
    const duplicates: DuplicateAsk[] = [];
    const details = new Set<string>();
    this.outcomes.forEach((outcome, i) => {
      const payload = payloads[i];
      if (outcome === 'cancelled') cancelled.push(names[i]);
      else if (outcome.ok) {
        done.push(doneItem(outcome.summary));
        warnings.push(...outcome.summary.warnings);
      } else if (outcome.code === 'duplicate' && outcome.duplicateOf && payload) {
        duplicates.push({ file: payload, earlier: outcome.duplicateOf, message: outcome.message });
        asks.push(names[i]);
      } else if (outcome.code === 'needs-context' && outcome.needs && payload) {
        this.pendingContext = [...this.pendingContext, { file: payload, message: outcome.message, fields: outcome.needs.fields, guess: outcome.needs.guess }];
        asks.push(names[i]);
      } else {
        failed.push(describeFailure(outcome));
        for (const line of outcome.details ?? []) details.add(line);
        // A file meant to replace an import is not offered as a table of its own.
        if (outcome.code === 'unknown-format' && payload && payload.replaceBatch === undefined) unknown.push(payload);
      }
    });

    const total = names.length;
    const parts: string[] = [];
    if (done.length && total === 1) parts.push(`Загружено: ${done[0]}.`);
    else if (done.length || total > 1) {
      const head = `Загружено ${done.length} ${plural(done.length, 'файл', 'файла', 'файлов')} из ${total}`;
      parts.push(done.length ? `${head}: ${done.join('; ')}.` : `${head}.`);
    }
    if (cancelled.length) {
      const one = cancelled.length === 1;
      parts.push(`Отменено: ${fileList(cancelled)} — из ${one ? 'этого файла' : 'этих файлов'} ничего не загружено.`);
    }
    if (asks.length) parts.push(`Ждут вашего ответа: ${fileList(asks)}.`);
    if (total === 1 && !done.length && !cancelled.length && !asks.length) parts.length = 0;
    this.status = parts.join(' ');
    this.error = failed.join('\n');
    this.errorDetails = [...details];
    this.unknown = unknown;
    if (duplicates.length) this.duplicates = [...this.duplicates, ...duplicates];
    if (warnings.length) {
      app.notify('info', `Предупреждения при загрузке: ${warnings.slice(0, 3).join(' ')}${warnings.length > 3 ? ` (и ещё ${warnings.length - 3})` : ''}`);
    }
  }

  /** Another session opens: the messages and questions of this one go. */
  resetForSession(): void {
    this.status = '';
    this.error = '';
    this.pendingContext = [];
  }

  /** The import error panel goes: a new import starts, or the user closed it. */
  clearError(): void {
    this.error = '';
    this.errorDetails = [];
    this.unknown = [];
  }

  // ---------- duplicates ----------

  /** «Пропустить»: the file stays as loaded before. */
  skipDuplicate(all = false): void {
    const skipped = all ? this.duplicates : this.duplicates.slice(0, 1);
    this.duplicates = all ? [] : this.duplicates.slice(1);
    if (!skipped.length) return;
    const when = skipped.length === 1 && skipped[0].earlier.importedAt ? ` ${formatWhen(skipped[0].earlier.importedAt)}` : '';
    this.status =
      skipped.length === 1
        ? `Файл «${skipped[0].file.name}» уже загружен${when} — пропущен, данные не изменились.`
        : `Файлы ${fileList(skipped.map((s) => s.file.name))} уже загружены — пропущены, данные не изменились.`;
  }

  /** «Заменить»: the earlier import is deleted and the file imported again, in one savepoint. */
  replaceDuplicate(all = false): Promise<void> {
    const chosen = all ? this.duplicates : this.duplicates.slice(0, 1);
    this.duplicates = all ? [] : this.duplicates.slice(1);
    const viaDialog = (d: DuplicateAsk) => d.earlier.format === 'user_table' || !!d.earlier.format?.startsWith('mapped:');
    const tables = chosen.filter(viaDialog);
    const others = chosen.filter((d) => !viaDialog(d));
    // A file loaded as the user's own table or into a table of Око through the column mapping goes
    // again through «Открыть как таблицу» (its mapping is remembered).
    if (tables.length) void this.openTable(tables[0].file, true, tables[0].earlier.userTable);
    if (!others.length) return Promise.resolve();
    return this.app.schedule(() => this.run(others.map((d) => ({ ...d.file, replaceDuplicate: true }))));
  }

  // ---------- questions about the work (ContextDialog) ----------

  answerContext(context: RcoiContext): Promise<void> {
    const [first, ...rest] = this.pendingContext;
    if (!first) return Promise.resolve();
    this.pendingContext = rest;
    // Plain data only: Svelte state proxies cannot be posted to the worker.
    const payload = { name: first.file.name, bytes: first.file.bytes, context: $state.snapshot(context) as RcoiContext, replaceBatch: first.file.replaceBatch };
    return this.app.schedule(() => this.run([payload]));
  }

  skipContext(): void {
    const [first, ...rest] = this.pendingContext;
    this.pendingContext = rest;
    if (first) this.error = `Файл «${first.file.name}» не загружен: не указаны сведения о работе.`;
  }

  // ---------- «Открыть как таблицу…» ----------

  /**
   * Reads the preview first and opens the dialog with it. A file the engine refuses (a sheet over
   * a shape limit, a broken file) is explained in import-error and the dialog does not open, so it
   * never renders a row of it.
   */
  async openTable(file: ImportFilePayload, replaceDuplicate = false, earlierTable: string | null = null): Promise<void> {
    const app = this.app;
    this.tableReading = file.name;
    try {
      const preview = await app.engine.call('previewFile', { name: file.name, bytes: file.bytes });
      this.table = { file, replaceDuplicate, earlierTable, preview };
    } catch (error) {
      const text = errorText(error);
      const refusal = text.startsWith(`Файл «${file.name}»`) ? text : `Файл «${file.name}» не открыт как таблица: ${text}`;
      // The refusal takes the place of this file's line; the other files' lines stay.
      const others = this.error.split('\n').filter((line) => line && !line.startsWith(`Файл «${file.name}»`));
      this.unknown = this.unknown.filter((f) => f !== file);
      this.error = [...others, refusal].join('\n');
    } finally {
      this.tableReading = null;
    }
  }

  closeTable(): void {
    this.table = null;
  }

  importTable(request: UserTableRequest): Promise<void> {
    this.table = null;
    this.unknown = this.unknown.filter((f) => f.name !== request.name);
    return this.app.schedule(() => this.runTable(request));
  }

  importMapped(request: MappedRequest): Promise<void> {
    this.table = null;
    this.unknown = this.unknown.filter((f) => f.name !== request.name);
    return this.app.schedule(() => this.runMapped(request));
  }

  // ---------- settings and the crosswalk ----------

  async loadSettings(): Promise<void> {
    const settings = loadImportSettings(this.app.workspaceStore);
    this.keepNames = settings.keepNames;
    await this.refreshCrosswalk();
  }

  async setKeepNames(on: boolean): Promise<void> {
    this.keepNames = on;
    saveImportSettings(this.app.workspaceStore, { keepNames: on });
  }

  async refreshCrosswalk(): Promise<void> {
    try {
      this.crosswalk = await this.app.engine.call('crosswalk', {});
    } catch {
      /* the next change retries */
    }
  }
}
