import type { OkoSqlJs } from '../../wasm/sql-wasm.js';
import type { Database, QueryResult, SqlValue } from '../core/db.ts';
import { queryAll, queryValue, quoteIdent, run } from '../core/db.ts';
import { keyCondition, rowKeyColumns, rowKeyOf, type RowKey } from '../core/edit/row-key.ts';
import { SCHEMA_DESCRIPTIONS } from '../core/schema/descriptions.ts';
import { validateCell } from '../core/edit/validate-cell.ts';
import { CATALOGUE, findIndicator, paramOptions, resolveParams, resolveWithOptions, runResolved } from '../core/indicators/index.ts';
import type { IndicatorDef, IndicatorResult } from '../core/indicators/types.ts';
import { queryReads, type TableRead } from '../core/indicators/reads.ts';
import { migrate } from '../core/schema/migrate.ts';
import { AGGREGATE_TABLES, refreshAggregates } from '../core/schema/aggregates.ts';
import { sqlFunctionFlags } from '../core/schema/sql-functions.ts';
import { openSessionFile } from '../core/schema/session-file.ts';
import { russianError } from '../core/sql-errors.ts';
import type {
  ColumnInfo,
  EditOutcome,
  EngineApi,
  ImportFilePayload,
  ImportOutcome,
  IndicatorRefresh,
  IndicatorSummary,
  RowSource,
  RowWindow,
  SqlOutcome,
  TableInfo,
} from './protocol.ts';
import { bindable, sourceCount, sourceSelect, stripTrailingSemicolons } from './row-source.ts';
import { Changes, type Change } from './changes.ts';
import { RowCounts } from './row-counts.ts';
import { locateSqlError, SqlError, sqlErrorOf } from './sql-error.ts';
import { CustomIndicators, readOnly } from './custom-indicators.ts';
import type { DeletedBatch, ImportSummary, LoadedBatch } from '../core/import/index.ts';
import type { PartInflater } from '../core/import/read/xlsx/load.ts';
import { previewDeleteBatch } from '../core/import/pipeline/batch-undo.ts';
import { DeletedImport } from './deleted-import.ts';
import { DatabaseFile, withOwnedBytes } from './db-file.ts';
import { backupFile, sessionKeyInfo, shareFile, unlockPersonKey } from './session-files.ts';
import type {
  CanonicalTargetInfo,
  CrosswalkEntry,
  FileBytes,
  FilePreview,
  ImportProgress,
  MappedRequest,
  MergeSchoolOutcome,
  UserTableRequest,
} from './protocol.ts';
import { readFileBytes, withBytes, type WithBytes } from './file-bytes.ts';
import { crosswalk, merge, userTableNames } from './school-requests.ts';
import { loadSheetJs } from '../core/import/read/sheetjs-lib.ts';
import type { CampaignSummary, FormInfo, GeneratedCycle, GenerateRequest, MunicipalitySchools, StatusRow } from './protocol.ts';
import type { CustomIndicatorDraft, RestoredBatch, SessionKeyInfo, SqlErrorPosition, UnlockOutcome } from './protocol.ts';
import type { ChartTemplate } from '../core/charts/chart-spec.ts';
import type { ReportDoc, ReportSection, ReportSummary, ReportTemplateSummary } from '../core/report/types.ts';
import type { ReportTemplateParams, SavePlan } from './protocol.ts';
import { dropsResultWithScores } from '../core/schema/score-key.ts';
import { movedByTriggers } from '../core/schema/vpr-years.ts';

const monitoring = () => import('./monitoring.ts');
/** The справка's builders and texts: fetched with the first справка request, not with the worker (its startup budget). */
const reporting = () => import('../core/report/index.ts');

const REFERENCE_TABLES = new Set(['subject', 'subject_code_alias', 'mark_scale', 'ege_threshold']);

export type ProgressSink = (progress: ImportProgress) => void;

const sqlError = (error: unknown): Error => sqlErrorOf(error);

/**
 * The file readers, every format and the import pipeline (import-requests.ts): most of the
 * engine's code, fetched with the first file or preview, not with the worker — the start and the
 * catalogue need none of it, and the worker's startup code has a budget (tests/e2e/static-site).
 */
const fileRequests = () => import('./import-requests.ts');

/**
 * The database and everything done to it. Plain TypeScript over sql.js: the worker wraps it,
 * and Node tests drive it directly.
 */
export interface EngineOptions {
  /**
   * The time written as «загружено» and into the edit log. Only the build of the prebuilt demo
   * session sets it (scripts/demo-session.ts): a fixed time makes that file byte-identical.
   */
  now?: () => string;
  /** 'sheetjs': big XLSX sheets are read by SheetJS too — the OKO_XLSX_READER=sheetjs build, for benchmarks */
  xlsxReader?: 'auto' | 'sheetjs';
  /**
   * The bytes given to open() and stage() are the engine's to keep: the worker's, which nobody
   * else holds. The database then takes them as its file instead of a copy (db-file.ts). Tests
   * that reuse their bytes leave it off.
   */
  ownsBytes?: boolean;
  /** inflates the big sheets of an imported XLSX elsewhere while this thread reads their XML (the worker's: part-inflater.ts) */
  inflate?: PartInflater;
  /** readies `inflate` for the next big sheet (the worker's: prepareInflater), called by warmUpImport */
  prepareInflater?: () => void;
}

export class Engine implements EngineApi {
  /** the open database; null until first needed (db) */
  private current: Database | null = null;
  /** what the writes changed: the data and save revisions and the caches built on the data (changes.ts) */
  private readonly changes = new Changes(() => this.db);
  /** the session's own indicators, read from whichever database is open */
  private readonly custom = new CustomIndicators(() => this.db);
  /** the last «Удалить загрузку», for «Вернуть» */
  private readonly deletedImport = new DeletedImport();
  /** the open database's file, read in parts by a save: made with it (adopt) */
  private openFile: DatabaseFile | null = null;

  private readonly now: () => string;
  private readonly xlsxReader: 'auto' | 'sheetjs';
  private readonly ownsBytes: boolean;
  private readonly inflate: PartInflater | undefined;
  private readonly prepareInflater: (() => void) | undefined;

  constructor(
    private readonly SQL: OkoSqlJs,
    options: EngineOptions = {},
  ) {
    this.now = options.now ?? (() => new Date().toISOString());
    this.xlsxReader = options.xlsxReader ?? 'auto';
    this.ownsBytes = options.ownsBytes ?? false;
    this.inflate = options.inflate;
    this.prepareInflater = options.prepareInflater;
  }

  /** `open` with the bytes it opens taken as the database's file when the engine owns them. */
  private owned<T>(open: () => T): T {
    return this.ownsBytes ? withOwnedBytes(this.SQL, open) : open();
  }

  /**
   * The open database. An empty one is made on first use, not with the engine: on a first visit
   * the demo opens in its place, and migrating a database nobody reads only delays it.
   */
  private get db(): Database {
    if (!this.current) {
      const db = new this.SQL.Database();
      this.adopt(db);
      migrate(db, sqlFunctionFlags(this.SQL));
      return db;
    }
    return this.current;
  }

  /** the demo opened beside the open database (stage), with its tables counted */
  private staged: { db: Database; schemaVersion: number; counts: RowCounts } | null = null;

  /** for tests and benchmarks */
  get database(): Database {
    return this.db;
  }

  /** for tests: how often the costly reads built on the data were done (a kept one is not done again) */
  get work(): { sorts: number; counts: number; optionLists: number } {
    return {
      sorts: this.changes.sortedViews.sorts,
      counts: this.changes.rowCounts.counted,
      optionLists: this.changes.optionListReads,
    };
  }

  /**
   * Opens session bytes (or a new database). A file from outside is checked in a database of
   * its own first (core/schema/session-file.ts) and the open one is replaced only when that
   * succeeds; the copy this browser saved itself is trusted to be Око's and only migrated.
   * `staged`: the database stage() prepared takes the open one's place.
   */
  open({ bytes, source = 'file', staged = false }: { bytes?: Uint8Array; source?: 'file' | 'saved'; staged?: boolean }): {
    schemaVersion: number;
    empty: boolean;
    notes: string[];
  } {
    let next: Database;
    let schemaVersion: number;
    let notes: string[] = [];
    let counted: RowCounts | null = null;
    if (staged) {
      if (!this.staged) throw new Error('подготовленной базы нет');
      ({ db: next, schemaVersion, counts: counted } = this.staged);
      this.staged = null;
    } else if (bytes && source === 'file') {
      ({ db: next, schemaVersion, notes } = this.owned(() => openSessionFile(this.SQL, bytes)));
    } else {
      ({ db: next, schemaVersion } = this.owned(() => this.openTrusted(bytes)));
    }
    this.dropStaged();
    this.current?.close();
    this.adopt(next);
    this.deletedImport.forget();
    this.changes.opened();
    if (counted) this.changes.rowCounts.adopt(counted);
    if (queryValue(this.db, "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'") === null) this.analyze();
    const empty = Number(queryValue(this.db, 'SELECT COUNT(*) FROM result')) === 0;
    return { schemaVersion, empty, notes };
  }

  /**
   * Opens trusted bytes (the app's own demo) beside the open database, which stays as it is, and
   * counts its tables for the data panel: the start screen prepares the demo while the user reads
   * it, so choosing it only swaps databases. Any open() drops what was staged and not taken.
   */
  stage({ bytes }: { bytes: Uint8Array }): void {
    this.dropStaged();
    const { db, schemaVersion } = this.owned(() => this.openTrusted(bytes));
    const counts = new RowCounts(() => db);
    counts.countAll();
    this.staged = { db, schemaVersion, counts };
  }

  private openTrusted(bytes: Uint8Array | undefined): { db: Database; schemaVersion: number } {
    const db = bytes ? new this.SQL.Database(bytes) : new this.SQL.Database();
    try {
      db.run('PRAGMA trusted_schema = OFF');
      return { db, schemaVersion: migrate(db, sqlFunctionFlags(this.SQL)) };
    } catch (error) {
      db.close();
      throw new Error(russianError(error instanceof Error ? error.message : String(error)), { cause: error });
    }
  }

  private dropStaged(): void {
    this.staged?.db.close();
    this.staged = null;
  }

  /**
   * Statistics for the query planner (sqlite_stat1). Without them a per-municipality indicator
   * read a whole work across a region before filtering (V7S 618 ms → 36 ms at 1,000,000
   * results). A sampled ANALYZE (analysis_limit) costs about 25 ms at that size, so it runs
   * after every import in the same worker turn.
   */
  private analyze(): void {
    this.db.run('PRAGMA analysis_limit = 1000');
    this.db.run('ANALYZE');
  }

  tables(): TableInfo[] {
    const names = queryAll(this.db, "SELECT name, type FROM sqlite_master WHERE type IN ('table','view') AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .rows as Array<[string, 'table' | 'view']>;
    const own = userTableNames(this.db);
    return names.map(([name, kind]) => ({
      ...(own.has(name) ? { userTable: true } : {}),
      ...(AGGREGATE_TABLES.includes(name) ? { summary: true } : {}),
      name,
      kind,
      rowCount: kind === 'table' ? this.changes.rowCounts.of(name) : null,
      columns: this.tableColumns(name),
      group: name.startsWith('oko_') ? 'workspace' : REFERENCE_TABLES.has(name) ? 'reference' : 'data',
    }));
  }

  private tableColumns(name: string): ColumnInfo[] {
    return queryAll(this.db, `PRAGMA table_info(${quoteIdent(name)})`).rows.map((row) => ({
      name: String(row[1]),
      type: String(row[2] ?? ''),
      key: Number(row[5]) > 0,
    }));
  }

  private isTable(name: string): boolean {
    return queryValue(this.db, 'SELECT type FROM sqlite_master WHERE name = ?', [name]) === 'table';
  }

  count({ source }: { source: RowSource }): number {
    if (source.kind === 'table' && !source.filters?.length && this.isTable(source.name)) return this.changes.rowCounts.of(source.name);
    const { sql, params } = sourceCount(source);
    try {
      return Number(queryValue(this.db, sql, bindable(params)));
    } catch (error) {
      throw sqlError(error);
    }
  }

  columns({ source }: { source: RowSource }): ColumnInfo[] {
    if (source.kind === 'table') return this.tableColumns(source.name);
    const stmt = this.prepare(`SELECT * FROM (${stripTrailingSemicolons(source.sql)}) LIMIT 0`);
    try {
      return stmt.getColumnNames().map((name) => ({ name, type: '', key: false }));
    } finally {
      stmt.free();
    }
  }

  window({ source, offset, limit }: { source: RowSource; offset: number; limit: number }): RowWindow {
    const keys = source.kind === 'table' && this.isTable(source.name) ? rowKeyColumns(this.db, source.name) : null;
    if (keys && source.kind === 'table' && (source.sort || source.filters?.length)) return this.changes.sortedViews.window(source, keys, offset, limit);
    const { sql, params } = sourceSelect(source, keys);
    let result: QueryResult;
    try {
      result = queryAll(this.db, `${sql} LIMIT :oko_limit OFFSET :oko_offset`, {
        ...bindable(params),
        ':oko_limit': limit,
        ':oko_offset': offset,
      });
    } catch (error) {
      throw sqlError(error);
    }
    if (!keys) return { offset, rows: result.rows };
    return { offset, rows: result.rows.map((row) => row.slice(keys.length)), rowKeys: result.rows.map((row) => rowKeyOf(row, keys)) };
  }

  updateCell({ table, rowKey, column, value }: { table: string; rowKey: RowKey; column: string; value: SqlValue }): EditOutcome {
    if (!this.isTable(table)) return { ok: false, message: `«${table}» — представление, его нельзя править. Измените исходную таблицу.` };
    if (AGGREGATE_TABLES.includes(table))
      return { ok: false, message: `«${table}» — сводная таблица, Око пересчитывает её само из результатов. Измените результаты.` };
    const info = this.tableColumns(table).find((c) => c.name === column);
    if (!info) return { ok: false, message: `В таблице «${table}» нет столбца «${column}».` };
    if (info.key) return { ok: false, message: `Столбец «${column}» — ключ записи, его нельзя править в таблице.` };
    const row = keyCondition(rowKeyColumns(this.db, table), rowKey);
    const found = row && queryAll(this.db, `SELECT ${quoteIdent(column)} FROM ${quoteIdent(table)} WHERE ${row.sql}`, row.params).rows[0];
    if (!row || !found) {
      const title = SCHEMA_DESCRIPTIONS[table]?.title ?? table;
      return { ok: false, message: `Этой строки уже нет в таблице «${title}» (её удалили или загрузили заново). Закройте таблицу и откройте снова.` };
    }
    const check = validateCell(this.db, table, column, info.type, row, value);
    if (!check.ok) return check;
    const [old] = found;
    let recomputed: readonly string[];
    try {
      run(this.db, `UPDATE ${quoteIdent(table)} SET ${quoteIdent(column)} = ? WHERE ${row.sql}`, [check.value, ...row.params]);
      if (table === 'task_score' && column === 'score') {
        run(this.db, `UPDATE task_score SET raw = ? WHERE ${row.sql}`, [check.value === null ? 'X' : String(check.value), ...row.params]);
      }
      recomputed = [...new Set([...refreshAggregates(this.db), ...movedByTriggers(table, column)])];
      run(this.db, 'INSERT INTO oko_edit_log (table_name, row_id, column_name, old_value, new_value, edited_at) VALUES (?, ?, ?, ?, ?, ?)', [
        table,
        rowKey,
        column,
        old,
        check.value,
        this.now(),
      ]);
    } catch (error) {
      return { ok: false, message: `Значение не записано: ${russianError(error instanceof Error ? error.message : String(error))}` };
    }
    // a trigger of the user's may have written anywhere
    this.changed(this.hasTriggers() ? { kind: 'data' } : { kind: 'cell', table, column, derived: recomputed });
    return { ok: true, value: check.value };
  }

  private hasTriggers(): boolean {
    return queryValue(this.db, "SELECT 1 FROM sqlite_master WHERE type = 'trigger' LIMIT 1") !== null;
  }

  query({ sql, params }: { sql: string; params?: Record<string, SqlValue> }): QueryResult {
    try {
      // only a read: every write goes through a method that says what it changed (changes.ts)
      return readOnly(this.db, () => queryAll(this.db, sql, bindable(params)));
    } catch (error) {
      throw sqlError(error);
    }
  }

  runSql({ sql, params }: { sql: string; params?: Record<string, SqlValue> }): SqlOutcome {
    if (!sql.trim()) throw new Error('Введите запрос SQL.');
    const before = this.totalChanges();
    let outcome: SqlOutcome | null = null;
    let windowable: string | null = null;
    let executed = false;
    // Where the statement being prepared or run starts: an error is located from there on.
    let start = 0;
    let windowableStart = 0;
    try {
      // Statements run as they are read, so a script may create a table and then fill it.
      const statements = this.db.iterateStatements(sql);
      for (;;) {
        start = sql.length - statements.getRemainingSQL().length;
        const next = statements.next();
        if (next.done) break;
        const stmt = next.value;
        try {
          const text = stmt.getSQL();
          const columns = stmt.getColumnNames();
          if (columns.length && /^\s*(SELECT|WITH|VALUES)\b/i.test(text)) {
            // Not read here: the grid windows it, so a million-row result costs one page.
            windowable = text;
            windowableStart = start;
            outcome = { kind: 'rows', columns, sql: text, changes: 0, rowCount: 0 };
            continue;
          }
          executed = true;
          if (dropsResultWithScores(this.db, text)) throw new Error('FOREIGN KEY constraint failed');
          stmt.bind(bindable(pick(params, text)));
          const rows: SqlValue[][] = [];
          while (stmt.step()) rows.push(stmt.get());
          windowable = null;
          outcome = columns.length ? { kind: 'rows', columns, sql: text, changes: 0, rowCount: rows.length, rows } : null;
        } finally {
          stmt.free();
        }
      }
    } catch (error) {
      this.afterWrite(before, executed);
      throw this.locatedSqlError(error, sql, start);
    }
    this.afterWrite(before, executed);
    if (outcome && windowable) {
      try {
        outcome.rowCount = this.count({ source: { kind: 'query', sql: windowable, params: pick(params, windowable) } });
      } catch (error) {
        throw this.locatedSqlError(error, sql, windowableStart);
      }
    }
    return outcome ?? { kind: 'changes', columns: [], rowCount: 0, changes: this.totalChanges() - before, sql };
  }

  /** «Ошибка SQL. …» with the place in `sql` the console marks (see locateSqlError). */
  private locatedSqlError(error: unknown, sql: string, start: number): SqlError {
    const text = error instanceof SqlError && error.sqlite ? error.sqlite : error instanceof Error ? error.message : String(error);
    let position: SqlErrorPosition | undefined;
    try {
      position = locateSqlError(this.db, sql, start, text);
    } catch {
      position = undefined;
    }
    return sqlErrorOf(text, position);
  }

  /** DDL changes no rows but still changes the session, hence `executed`. */
  private afterWrite(totalChangesBefore: number, executed: boolean): void {
    if (!executed && this.totalChanges() === totalChangesBefore) return;
    refreshAggregates(this.db);
    this.changed({ kind: 'data' });
  }

  private totalChanges(): number {
    return Number(queryValue(this.db, 'SELECT total_changes()'));
  }

  private prepare(sql: string) {
    try {
      return this.db.prepare(sql);
    } catch (error) {
      throw sqlError(error);
    }
  }

  async importFiles({ files }: { files: ImportFilePayload[] }, progress?: ProgressSink): Promise<ImportOutcome[]> {
    const [{ importFile }] = await Promise.all([fileRequests(), loadSheetJs()]);
    const outcomes: ImportOutcome[] = [];
    for (const file of files) {
      outcomes.push(
        await this.importRead(file, (read) =>
          importFile(this.db, read, {
            xlsxReader: this.xlsxReader,
            inflate: this.inflate,
            context: file.context,
            replaceDuplicate: file.replaceDuplicate,
            replaceBatch: file.replaceBatch,
            now: this.now(),
            onProgress: (done, total) => progress?.({ done, total, file: file.name }),
            onRead: (done, total) => progress?.({ done, total, file: file.name, phase: 'reading' }),
          }),
        ),
      );
    }
    if (outcomes.some((o) => o.ok)) this.dataChanged();
    return outcomes;
  }

  /**
   * The import's code — SheetJS and the streaming reader, ~0.15–0.25 s of fetching and compiling in
   * a worker of Chromium — loaded while the user is still choosing a file (ui/warm-up.ts). It
   * touches no database, so the worker runs it beside the queue of requests (worker.ts): a click
   * on an indicator does not wait for it.
   */
  async warmUpImport(): Promise<void> {
    this.prepareInflater?.();
    const { loadStreamingReader } = await fileRequests();
    await Promise.all([loadSheetJs(), loadStreamingReader()]);
  }

  /** `job` on the request with its file read (file-bytes.ts); what fails, the reading too, is the file's outcome. */
  private async importRead<T extends { name: string; bytes: FileBytes }>(
    sent: T,
    job: (request: WithBytes<T>) => Promise<ImportSummary>,
  ): Promise<ImportOutcome> {
    const { importFailure } = await fileRequests();
    let request: WithBytes<T> | null = null;
    try {
      request = await withBytes(sent);
      return { ok: true, summary: await job(request) };
    } catch (error) {
      // unread, only the name is asked for: the error is not one of the file's contents
      return importFailure(this.db, request ?? { name: sent.name, bytes: new Uint8Array(0) }, error);
    }
  }

  // ---------- issue 11: monitoring forms (monitoring.ts) ----------
  // Fetched with the first monitoring request, not with the worker: the form writer and the ZIP
  // are needed only there, and the worker's startup code has a budget (tests/e2e/static-site).

  async monitoringForms(): Promise<FormInfo[]> {
    return (await monitoring()).formInfos();
  }

  async monitoringSchools(): Promise<MunicipalitySchools[]> {
    return (await monitoring()).schoolsByMunicipality(this.db);
  }

  async monitoringGenerate(request: GenerateRequest): Promise<GeneratedCycle> {
    const cycle = (await monitoring()).generateCycle(this.db, request);
    this.dataChanged();
    return cycle;
  }

  async monitoringCampaigns({ today }: { today: string }): Promise<CampaignSummary[]> {
    return (await monitoring()).campaigns(this.db, today);
  }

  async monitoringStatus({ formId, year, today }: { formId: string; year: number; today: string }): Promise<StatusRow[]> {
    return (await monitoring()).statusBoard(this.db, formId, year, today);
  }

  async monitoringMissing({
    formId,
    year,
    today,
  }: {
    formId: string;
    year: number;
    today: string;
  }): Promise<{ fileName: string; bytes: Uint8Array; count: number }> {
    return (await monitoring()).missingSchoolsXlsx(this.db, formId, year, today);
  }

  // ---------- issue 3: user tables (import-requests.ts), crosswalk (school-requests.ts), deleting an import ----------

  async previewFile({ name, bytes: sent }: { name: string; bytes: FileBytes }): Promise<FilePreview> {
    const [{ previewFile, loadStreamingReaderFor }] = await Promise.all([fileRequests(), loadSheetJs()]);
    const bytes = await readFileBytes(sent);
    await loadStreamingReaderFor(bytes, this.xlsxReader);
    return previewFile(this.db, { name, bytes });
  }

  async importUserTable(sent: UserTableRequest, progress?: ProgressSink): Promise<ImportOutcome> {
    const [{ userTable }] = await Promise.all([fileRequests(), loadSheetJs()]);
    const outcome = await this.importRead(sent, (read) =>
      userTable(this.db, read, {
        onProgress: (done, total) => progress?.({ done, total, file: sent.name }),
        onRead: (done, total) => progress?.({ done, total, file: sent.name, phase: 'reading' }),
        xlsxReader: this.xlsxReader,
      }),
    );
    if (outcome.ok) this.dataChanged();
    return outcome;
  }

  async canonicalTargets(): Promise<CanonicalTargetInfo[]> {
    return (await fileRequests()).canonicalTargetInfos();
  }

  async importMapped(sent: MappedRequest, progress?: ProgressSink): Promise<ImportOutcome> {
    const [{ mapped }] = await Promise.all([fileRequests(), loadSheetJs()]);
    const outcome = await this.importRead(sent, (read) => mapped(this.db, read, (done, total) => progress?.({ done, total, file: sent.name })));
    if (outcome.ok) this.dataChanged();
    return outcome;
  }

  crosswalk(): CrosswalkEntry[] {
    return crosswalk(this.db);
  }

  mergeSchool({ from, into }: { from: number; into: number }): MergeSchoolOutcome {
    const outcome = merge(this.db, from, into);
    if (outcome.ok) this.dataChanged();
    return outcome;
  }

  deleteBatch({ batchId }: { batchId: number }): DeletedBatch {
    const deleted = this.deletedImport.delete(this.db, batchId);
    this.dataChanged();
    this.deletedImport.settle(this.changes.data);
    return deleted;
  }

  // ---------- issue 12: «Загруженные файлы», «Вернуть», the two downloads (deleted-import.ts, session-files.ts) ----------

  /** Named by the formats (the registry of every importer): fetched with them, when the list is first opened. */
  async loadedFiles(): Promise<LoadedBatch[]> {
    return (await fileRequests()).loadedBatches(this.db);
  }

  deletePreview({ batchId }: { batchId: number }): DeletedBatch {
    return previewDeleteBatch(this.db, batchId);
  }

  canUndoDelete(): boolean {
    return this.deletedImport.available(this.changes.data);
  }

  undoDelete(): RestoredBatch {
    const restored = this.deletedImport.restore(this.changes.data);
    this.dataChanged();
    return restored;
  }

  exportBackup({ passphrase }: { passphrase?: string }): Promise<Uint8Array> {
    return backupFile(this.SQL, this.db, passphrase);
  }

  exportShare(): Promise<Uint8Array> {
    return shareFile(this.SQL, this.db);
  }

  sessionKey(): SessionKeyInfo {
    return sessionKeyInfo(this.db);
  }

  async unlockPersonKey({ passphrase }: { passphrase: string | null }): Promise<UnlockOutcome> {
    const outcome = await unlockPersonKey(this.db, passphrase);
    this.changed({ kind: 'record', table: 'oko_secret' });
    return outcome;
  }

  /** Every write says what it changed, here and only here: the revisions and the caches follow (changes.ts). */
  private changed(change: Change): void {
    this.changes.note(change);
  }

  /** Rows of data written in bulk: the summaries (agg_*) catch up and the planner's statistics are refreshed too. */
  private dataChanged(): void {
    refreshAggregates(this.db);
    this.changed({ kind: 'data' });
    this.analyze();
  }

  indicators(): IndicatorSummary[] {
    return [
      ...CATALOGUE.map((def) => ({ id: def.id, title: def.title, mechanism: def.mechanism, custom: false })),
      ...this.custom.list().map((def) => ({ id: def.id, title: def.title, mechanism: def.mechanism, custom: true })),
    ];
  }

  indicator({ id }: { id: string }): IndicatorDef {
    return this.definition(id).def;
  }

  /** A catalogue indicator, or one of the session's own (which only ever read: see readOnly). */
  private definition(id: string): { def: IndicatorDef; custom: boolean } {
    const builtIn = findIndicator(id);
    if (builtIn) return { def: builtIn, custom: false };
    const own = this.custom.find(id);
    if (own) return { def: own, custom: true };
    throw new Error(`Показатель «${id}» не найден в каталоге.`);
  }

  /** Runs an indicator's SQL (a custom one read-only); SQLite's words come out in Russian (src/core/sql-errors.ts). */
  private guarded<T>(custom: boolean, fn: () => T): T {
    try {
      return custom ? readOnly(this.db, fn) : fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const russian = russianError(message);
      throw russian === message ? error : new Error(russian);
    }
  }

  paramOptions({ id, params }: { id: string; params: Record<string, SqlValue> }) {
    const { def, custom } = this.definition(id);
    return this.guarded(custom, () => {
      const lists = this.changes.lists();
      const resolved = resolveParams(this.db, def, params, lists);
      return { params: resolved, options: paramOptions(this.db, def, resolved, lists) };
    });
  }

  runIndicator({ id, params }: { id: string; params: Record<string, SqlValue> }): IndicatorResult {
    const { def, custom } = this.definition(id);
    return this.guarded(custom, () => runResolved(this.db, def, resolveParams(this.db, def, params, this.changes.lists())));
  }

  /**
   * A click on an indicator: the parameters resolved once (each option list computed once, with
   * the choices before it), the choices to offer, and the result — one call instead of the
   * four walks the separate paramOptions and runIndicator calls made.
   */
  refreshIndicator({ id, params }: { id: string; params: Record<string, SqlValue> }): IndicatorRefresh {
    const { def, custom } = this.definition(id);
    return this.guarded(custom, () => {
      const { values, options } = resolveWithOptions(this.db, def, params, this.changes.lists());
      try {
        return { params: values, options, result: runResolved(this.db, def, values) };
      } catch (error) {
        // the choices stay usable: another year or subject may run
        return { params: values, options, result: null, error: russianError(error instanceof Error ? error.message : String(error)) };
      }
    });
  }

  customIndicators(): IndicatorDef[] {
    return this.custom.list();
  }

  createCustomIndicator({ draft }: { draft: CustomIndicatorDraft }): IndicatorDef {
    const def = this.custom.create(
      draft,
      CATALOGUE.map((d) => d.id),
    );
    this.changed({ kind: 'record', table: 'oko_custom_indicator' });
    return def;
  }

  importCustomIndicator({ def }: { def: IndicatorDef }): IndicatorDef {
    const saved = this.custom.import(def);
    this.changed({ kind: 'record', table: 'oko_custom_indicator' });
    return saved;
  }

  deleteCustomIndicator({ id }: { id: string }): boolean {
    const deleted = this.custom.delete(id);
    if (deleted) this.changed({ kind: 'record', table: 'oko_custom_indicator' });
    return deleted;
  }

  // ---------- «аналитическая справка» (src/core/report/) ----------

  async reports(): Promise<ReportSummary[]> {
    return (await reporting()).listReports(this.db);
  }

  async report({ id }: { id: number }): Promise<ReportDoc> {
    return (await reporting()).getReport(this.db, id);
  }

  async saveReport({ doc }: { doc: ReportDoc }): Promise<ReportDoc> {
    const saved = (await reporting()).saveReport(this.db, doc, new Date());
    this.changed({ kind: 'record', table: 'oko_report' });
    return saved;
  }

  async deleteReport({ id }: { id: number }): Promise<boolean> {
    const deleted = (await reporting()).deleteReport(this.db, id);
    if (deleted) this.changed({ kind: 'record', table: 'oko_report' });
    return deleted;
  }

  async reportTemplates(): Promise<ReportTemplateSummary[]> {
    return (await reporting()).templateSummaries();
  }

  async reportTemplateParams({ id, params }: { id: string; params: Record<string, SqlValue> }): Promise<ReportTemplateParams> {
    return (await reporting()).templateParams(this.db, id, params);
  }

  async buildReport({ id, params }: { id: string; params: Record<string, SqlValue> }): Promise<ReportDoc> {
    const doc = (await reporting()).buildReport(this.db, id, params, new Date());
    return this.saveReport({ doc });
  }

  async indicatorSection({ id, params }: { id: string; params: Record<string, SqlValue> }): Promise<ReportSection> {
    const { indicatorSection } = await reporting();
    const { def, custom } = this.definition(id);
    return this.guarded(custom, () => indicatorSection(this.db, def, params, { id: 'new', compareYear: !custom }));
  }

  async querySection(request: { sql: string; params?: Record<string, SqlValue>; chart?: ChartTemplate | null; title?: string }): Promise<ReportSection> {
    const { querySection } = await reporting();
    return readOnly(this.db, () => querySection(this.db, request, 'new'));
  }

  async appendSection({ section, reportId }: { section: ReportSection; reportId?: number | null }): Promise<ReportDoc> {
    const { emptyReport, getReport, listReports, withSection } = await reporting();
    // the справка asked for, if the session still has it; else the latest one
    const reports = listReports(this.db);
    const id = reports.find((r) => r.id === reportId)?.id ?? reports[0]?.id;
    const municipality = String(queryValue(this.db, 'SELECT name FROM municipality ORDER BY municipality_id LIMIT 1') ?? '');
    const doc = id !== undefined && id !== null ? getReport(this.db, id) : emptyReport(new Date(), municipality);
    return this.saveReport({ doc: withSection(doc, section) });
  }

  queryReads({ sql }: { sql: string }): TableRead[] {
    try {
      return queryReads(this.db, stripTrailingSemicolons(sql));
    } catch (error) {
      throw sqlError(error);
    }
  }

  /** The whole database in one copy (sql.js's export()): for tests, benchmarks and the build of the demo session — the page saves in parts. */
  exportDatabase(): Uint8Array {
    return this.db.export();
  }

  /** A save of the open database in parts (db-file.ts): what to read, and the state it must stay in. */
  savePlan(): SavePlan {
    return this.file.plan();
  }

  /** A part of the open database's file, or null: it was written (or another one opened) since the plan. */
  savePart({ plan, offset }: { plan: SavePlan; offset: number }): Blob | null {
    return this.file.part(plan, offset);
  }

  private get file(): DatabaseFile {
    // this.db first: it opens an empty database, with its file, if none is open yet
    return (this.db && this.openFile)!;
  }

  /** `db` becomes the open database; its file is read in parts by saves and grows in place (db-file.ts). */
  private adopt(db: Database): void {
    this.current = db;
    this.openFile = new DatabaseFile(this.SQL, db);
  }

  saveRevision(): number {
    return this.changes.save;
  }

  getWorkspace({ key }: { key: string }): string | null {
    const value = queryValue(this.db, 'SELECT value FROM oko_workspace WHERE key = ?', [key]);
    return value === null ? null : String(value);
  }

  /**
   * Neither a change of data nor one to save: the workspace is kept in its own small record in
   * IndexedDB (src/store/workspace.ts) and written here only right before the database is saved
   * or downloaded, so a .sqlite file carries it.
   */
  setWorkspace({ key, value }: { key: string; value: string }): void {
    run(this.db, 'INSERT INTO oko_workspace (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value', [key, value]);
    this.changed({ kind: 'workspace' });
  }

  /** Every workspace entry of the open database (tabs, console history, import settings …). */
  workspaceEntries(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, value] of queryAll(this.db, 'SELECT key, value FROM oko_workspace').rows) out[String(key)] = String(value);
    return out;
  }
}

/** Only the parameters a statement names: sql.js refuses unknown ones. */
function pick(params: Record<string, SqlValue> | undefined, sql: string): Record<string, SqlValue> {
  const out: Record<string, SqlValue> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    const bare = name.replace(/^[:@$]/, '');
    if (new RegExp(`[:@$]${bare}\\b`).test(sql)) out[name] = value;
  }
  return out;
}
