import type { QueryResult, SqlValue } from '../core/db.ts';
import type { RowKey } from '../core/edit/row-key.ts';
import type { ImportContext, ImportErrorCode, ImportSummary } from '../core/import/types.ts';
import type { DeletedBatch, MatchSuggestion, SheetPreview, UnmatchedCode, UserColumn, UserTableMapping } from '../core/import/index.ts';
import type { RcoiContext } from '../core/import/formats/rcoi/exam-kind.ts';
import type { CanonicalColumn, CanonicalTargetInfo, RememberedCanonical } from '../core/import/formats/canonical/importer.ts';
import type { IndicatorDef, IndicatorParam, IndicatorResult } from '../core/indicators/types.ts';
import type { ChartTemplate } from '../core/charts/chart-spec.ts';
import type { ReportDoc, ReportSection, ReportSummary, ReportTemplateSummary } from '../core/report/types.ts';
import type { TableRead } from '../core/indicators/reads.ts';
import type { CustomIndicatorInput } from '../core/indicators/custom.ts';
import type { PersonKeyState, SessionFileKind } from '../core/session-file/copies.ts';
import type { Addressee } from '../core/monitoring/generate.ts';

import type { LoadedBatch } from '../core/import/pipeline/batches.ts';
import type { CampaignSummary, StatusRow } from '../core/monitoring/status.ts';

export type { CampaignSummary, StatusRow };

export type { TableRead };
export type { LoadedBatch };

// Shapes of the requests below that engine modules also use: declared here, so that this file
// imports no engine code (the worker side implements them, the UI side calls them).

/** The user's choice for one `:name` in «Сохранить как показатель». */
export interface CustomParamChoice {
  name: string;
  label?: string;
  type?: IndicatorParam['type'];
  /** the value it defaults to (null: none) */
  default?: SqlValue;
}

/** What the console sends: plain data (no iterables), parameters as the user set them. */
export type CustomIndicatorDraft = Omit<CustomIndicatorInput, 'existingIds'> & { params?: CustomParamChoice[] };

/** Where in the submitted SQL text an error is: a character offset and the length to mark. */
export interface SqlErrorPosition {
  offset: number;
  length: number;
}

export interface RestoredBatch {
  batchId: number;
  fileName: string | null;
  /** rows put back, per table */
  restored: Record<string, number>;
}

export interface SessionKeyInfo {
  /** the key that links people across files: in clear (usable), wrapped with a passphrase, or none */
  state: PersonKeyState;
  /** students in the session: with none, a missing key loses nothing */
  people: number;
  /** what a downloaded file says it is */
  kind: SessionFileKind | null;
}

export type UnlockOutcome =
  | { ok: true; linked: boolean }
  /** wrongPassphrase: ask again; otherwise the record was damaged and the session got a new key */
  | { ok: false; wrongPassphrase: boolean; message: string };

export interface FormInfo {
  id: string;
  version: number;
  title: string;
  system: string;
  addressees: string;
  purpose: string;
  fields: Array<{ code: string; label: string; unit: string; allowed: string; serves: string }>;
}

export interface MunicipalitySchools {
  municipalityId: number;
  name: string;
  schools: Addressee[];
}

export interface GeneratedCycle {
  zipName: string;
  zip: Uint8Array;
  summaryName: string;
  summary: Uint8Array;
  schools: number;
}

export interface GenerateRequest {
  formId: string;
  /** the school year by its end: 2026 = 2025/2026 */
  year: number;
  /** ISO dates */
  deadline: string;
  today: string;
  schoolIds: number[];
}

export interface ColumnInfo {
  name: string;
  /** declared SQLite type ('INTEGER', 'TEXT', …; '' for views/expressions) */
  type: string;
  /** part of the primary key or a generated column: not editable in the grid */
  key: boolean;
}

export interface TableInfo {
  name: string;
  kind: 'table' | 'view';
  /**
   * null for a view: counting runs its query, which may be slow or, for a view the user wrote,
   * never end — so the list does not count views; a view's tab counts its rows under a stop.
   */
  rowCount: number | null;
  columns: ColumnInfo[];
  /** internal workspace tables (oko_*) and reference tables are grouped apart in the UI */
  group: 'data' | 'reference' | 'workspace';
  /** a table the user imported as it is («Открыть как таблицу…», oko_user_table): «Мои таблицы» */
  userTable?: boolean;
  /** a summary Око computes from the results itself (agg_…): shown, not edited */
  summary?: boolean;
}

export interface SortSpec {
  column: string;
  direction: 'asc' | 'desc';
}

export type FilterOp = 'contains' | '=' | '!=' | '<' | '<=' | '>' | '>=' | 'empty' | 'not-empty';

export interface FilterSpec {
  column: string;
  op: FilterOp;
  value?: SqlValue;
}

/** What the grid shows: a table/view (editable when a table) or a read-only SELECT. */
export type RowSource =
  | { kind: 'table'; name: string; sort?: SortSpec; filters?: FilterSpec[] }
  | { kind: 'query'; sql: string; params?: Record<string, SqlValue>; sort?: SortSpec; filters?: FilterSpec[] };

export type { RowKey };

export interface RowWindow {
  offset: number;
  rows: SqlValue[][];
  /** the rows' keys (tables only: rowid or primary key, src/core/edit/row-key.ts): what an edit addresses */
  rowKeys?: RowKey[];
}

export type EditOutcome = { ok: true; value: SqlValue } | { ok: false; message: string };

/**
 * A file's bytes, or the File the user picked (a Blob): sent as it is, a handle, and read by the
 * engine, so the page never holds the bytes — it held them during the whole import, beside the
 * engine's copy (docs/benchmarks.md). Tests and the demo pass bytes.
 */
export type FileBytes = Uint8Array | Blob;

export interface ImportFilePayload {
  name: string;
  bytes: FileBytes;
  /** РЦОИ files may also get examKind/examDate/stage/term (RcoiContext) */
  context?: ImportContext & RcoiContext;
  /** «Заменить»: the same file imported before is deleted first, in the same savepoint */
  replaceDuplicate?: boolean;
  /** «Заменить файлом…»: this import (import_batch_id) is deleted first, in the same savepoint */
  replaceBatch?: number;
}

/** The earlier import of the same bytes, for the «Файл уже загружен …» dialog. */
export interface DuplicateOf {
  batchId: number;
  fileName: string | null;
  importedAt: string | null;
  format: string | null;
  /** when the file was loaded as a user table: that table (it goes with the earlier import) */
  userTable?: string | null;
}

export type ImportOutcome =
  | { ok: true; summary: ImportSummary }
  | {
      ok: false;
      file: string;
      code: ImportErrorCode;
      message: string;
      sheet?: string;
      row?: number;
      column?: string;
      /** 'needs-context': what to ask; an РЦОИ protocol that cannot tell ОГЭ from ЕГЭ asks 'examKind' */
      needs?: { fields: Array<keyof RcoiContext>; guess: RcoiContext };
      /** 'duplicate': the earlier import of the same bytes */
      duplicateOf?: DuplicateOf;
      /** what the short message leaves out («Подробнее»), e.g. the formats Око knows */
      details?: string[];
    };

/** «Открыть как таблицу…»: the sheets of a file, and the mapping used before for a file of the same shape. */
export interface FilePreview {
  preview: SheetPreview;
  remembered: UserTableMapping | null;
  /** the mapping to a table of Око used before for a file of the same shape (core/import/formats/canonical/) */
  canonical?: RememberedCanonical | null;
}

export type { CanonicalColumn, CanonicalTargetInfo, RememberedCanonical };

/** «Открыть как таблицу…» → «в таблицу Око»: a sheet appended to a table of Око (core/import/formats/canonical/). */
export interface MappedRequest {
  name: string;
  bytes: FileBytes;
  sheet: string;
  /** 0-based */
  headerRow: number;
  /** the target table (canonicalTargets) */
  table: string;
  /** target column ← source column (0-based) */
  columns: CanonicalColumn[];
  /** one value for every row, for target columns the file has no column for */
  values?: Record<string, string>;
  /** the same file imported before is deleted first (see ImportFilePayload.replaceDuplicate) */
  replaceDuplicate?: boolean;
}

export interface UserTableRequest {
  name: string;
  bytes: FileBytes;
  sheet: string;
  /** 0-based */
  headerRow: number;
  tableName: string;
  columns: UserColumn[];
  /** drop and re-create a user table of the same name */
  replace?: boolean;
  /** the same file imported before is deleted first (see ImportFilePayload.replaceDuplicate) */
  replaceDuplicate?: boolean;
}

/** A РЦОИ code with no school of the directory behind it, with the schools it may be. */
export interface CrosswalkEntry extends UnmatchedCode {
  suggestions: MatchSuggestion[];
}

export type MergeSchoolOutcome = { ok: true; moved: Record<string, number>; dropped: Record<string, number> } | { ok: false; message: string };

export interface SqlOutcome {
  /** a SELECT: the grid windows it as a 'query' source */
  kind: 'rows' | 'changes';
  columns: string[];
  rowCount: number;
  /** for 'changes': rows changed by the statement(s) */
  changes: number;
  /** the SQL that produced rows, for windowing (a SELECT/WITH/VALUES statement) */
  sql: string;
  /** rows already read, for statements that cannot be windowed (PRAGMA, EXPLAIN …) */
  rows?: SqlValue[][];
}

/** A ready-made report's parameters, resolved like an indicator's (each list offers only what the data hold). */
export interface ReportTemplateParams {
  defs: IndicatorParam[];
  params: Record<string, SqlValue>;
  options: Record<string, Array<{ value: SqlValue; label: string }>>;
}

export interface IndicatorRefresh {
  params: Record<string, SqlValue>;
  options: Record<string, Array<{ value: SqlValue; label: string }>>;
  /** null when the SQL failed with these parameters: `error` says why in Russian */
  result: IndicatorResult | null;
  error?: string;
}

export interface IndicatorSummary {
  id: string;
  title: string;
  mechanism: string;
  custom: boolean;
}

/**
 * Every request the UI can make of the engine worker. Each method takes one argument
 * object and returns plain, structured-cloneable data. The worker owns sql.js.
 */
export interface EngineApi {
  /**
   * opens session bytes (or a new database when absent) and migrates it; bytes from a file
   * ('file', the default) are checked first and refused in Russian (SessionFileError); 'saved'
   * is this browser's own copy; `staged`: the database stage() prepared. `notes`: what was
   * changed in the opened copy.
   */
  open(args: { bytes?: Uint8Array; source?: 'file' | 'saved'; staged?: boolean }): { schemaVersion: number; empty: boolean; notes: string[] };
  /** opens trusted bytes (the demo) beside the open database, for a later open({ staged: true }) */
  stage(args: { bytes: Uint8Array }): void;
  tables(args: Record<string, never>): TableInfo[];
  count(args: { source: RowSource }): number;
  columns(args: { source: RowSource }): ColumnInfo[];
  window(args: { source: RowSource; offset: number; limit: number }): RowWindow;
  /** validated UPDATE of one cell by its row's key; logged for undo */
  updateCell(args: { table: string; rowKey: RowKey; column: string; value: SqlValue }): EditOutcome;
  /** small read query returning all rows (indicator option lists, schema browser …) */
  query(args: { sql: string; params?: Record<string, SqlValue> }): QueryResult;
  /** the SQL console: runs any statement(s); a trailing SELECT comes back as a windowable source */
  runSql(args: { sql: string; params?: Record<string, SqlValue> }): SqlOutcome;
  importFiles(args: { files: ImportFilePayload[] }): Promise<ImportOutcome[]>;
  /** loads the import's code (SheetJS, the streaming reader of big sheets) ahead of the first file; runs beside the queue of requests */
  warmUpImport(args: Record<string, never>): Promise<void>;
  /** an unknown sheet: its preview (sheets, suggested header row, inferred columns) and a remembered mapping */
  previewFile(args: { name: string; bytes: FileBytes }): Promise<FilePreview>;
  /** a sheet as the user's own table (group «Мои таблицы»), all rows or none */
  importUserTable(args: UserTableRequest): Promise<ImportOutcome>;
  /** the tables of Око a sheet may be appended to, with Russian titles and column descriptions */
  canonicalTargets(args: Record<string, never>): Promise<CanonicalTargetInfo[]>;
  /** a sheet appended to a table of Око through the user's column mapping, all rows or none */
  importMapped(args: MappedRequest): Promise<ImportOutcome>;
  /** РЦОИ codes matched to no school, most results first, each with suggested schools (best first) */
  crosswalk(args: Record<string, never>): CrosswalkEntry[];
  /** moves everything of school `from` (a placeholder) to school `into`, in one transaction */
  mergeSchool(args: { from: number; into: number }): MergeSchoolOutcome;
  /** deletes one import and its rows (src/core/import/delete-batch.ts); undoDelete can bring them back */
  deleteBatch(args: { batchId: number }): DeletedBatch;
  /** the session's imports, oldest first, each with what it was recognised as («Загруженные файлы») */
  loadedFiles(args: Record<string, never>): Promise<LoadedBatch[]>;
  /** what deleteBatch would remove, for the confirmation; changes nothing */
  deletePreview(args: { batchId: number }): DeletedBatch;
  /** «Вернуть»: the rows of the last deleteBatch, exactly; refused once the data changed after it */
  undoDelete(args: Record<string, never>): RestoredBatch;
  /** whether undoDelete would work now */
  canUndoDelete(args: Record<string, never>): boolean;
  /** «Резервная копия»: the whole session; the person key only wrapped with the passphrase, or left out */
  exportBackup(args: { passphrase?: string }): Promise<Uint8Array>;
  /** «Для передачи коллеге»: no key, no person keys, no names, no own tables (src/core/session-file/copies.ts) */
  exportShare(args: Record<string, never>): Promise<Uint8Array>;
  /** whether the open session can link new imports to its people (after opening a backup) */
  sessionKey(args: Record<string, never>): SessionKeyInfo;
  /** unwraps the key of a backup with the passphrase; null: continue with a new key */
  unlockPersonKey(args: { passphrase: string | null }): Promise<UnlockOutcome>;
  /** «Мониторинги» (src/engine/monitoring.ts): the forms Око makes, with their fields */
  monitoringForms(args: Record<string, never>): Promise<FormInfo[]>;
  /** municipalities and their active schools: who a cycle's forms can go to */
  monitoringSchools(args: Record<string, never>): Promise<MunicipalitySchools[]>;
  /** a new cycle: one form per school in a ZIP, the blank summary; the cycle is recorded for the status board */
  monitoringGenerate(args: GenerateRequest): Promise<GeneratedCycle>;
  /** every cycle with counts; `today` (ISO) decides what is overdue */
  monitoringCampaigns(args: { today: string }): Promise<CampaignSummary[]>;
  /** one cycle: every school and its form's state */
  monitoringStatus(args: { formId: string; year: number; today: string }): Promise<StatusRow[]>;
  /** the schools of a cycle without an accepted form, as an XLSX */
  monitoringMissing(args: { formId: string; year: number; today: string }): Promise<{ fileName: string; bytes: Uint8Array; count: number }>;
  indicators(args: Record<string, never>): IndicatorSummary[];
  indicator(args: { id: string }): IndicatorDef;
  paramOptions(args: { id: string; params: Record<string, SqlValue> }): {
    params: Record<string, SqlValue>;
    options: Record<string, Array<{ value: SqlValue; label: string }>>;
  };
  runIndicator(args: { id: string; params: Record<string, SqlValue> }): IndicatorResult;
  /** what a click needs: parameters resolved once, their choices, the result */
  refreshIndicator(args: { id: string; params: Record<string, SqlValue> }): IndicatorRefresh;
  /** the session's own indicators (oko_custom_indicator), ids 'U<n>'; `indicators` lists them with custom: true */
  customIndicators(args: Record<string, never>): IndicatorDef[];
  /** «Сохранить как показатель»: a query with `:named` parameters becomes an indicator of the session */
  createCustomIndicator(args: { draft: CustomIndicatorDraft }): IndicatorDef;
  /** an indicator from a .json file or a link, already parsed; validated here against the data */
  importCustomIndicator(args: { def: IndicatorDef }): IndicatorDef;
  deleteCustomIndicator(args: { id: string }): boolean;
  // ---------- «аналитическая справка» (src/core/report/, loaded with the first of these), stored in oko_report ----------
  /** the session's справки, the latest edited first */
  reports(args: Record<string, never>): Promise<ReportSummary[]>;
  report(args: { id: number }): Promise<ReportDoc>;
  /** writes the справка (a new one gets its id); the session changes, so autosave keeps it */
  saveReport(args: { doc: ReportDoc }): Promise<ReportDoc>;
  deleteReport(args: { id: number }): Promise<boolean>;
  reportTemplates(args: Record<string, never>): Promise<ReportTemplateSummary[]>;
  reportTemplateParams(args: { id: string; params: Record<string, SqlValue> }): Promise<ReportTemplateParams>;
  /** builds a ready-made report for the parameters and saves it as a new справка */
  buildReport(args: { id: string; params: Record<string, SqlValue> }): Promise<ReportDoc>;
  /** «Добавить в справку» on an indicator: a section with its table, chart and drafted text */
  indicatorSection(args: { id: string; params: Record<string, SqlValue> }): Promise<ReportSection>;
  /** «Добавить в справку» on a console result: the statement is read again (at most 500 rows) with the chosen chart */
  querySection(args: { sql: string; params?: Record<string, SqlValue>; chart?: ChartTemplate | null; title?: string }): Promise<ReportSection>;
  /** appends a section to the справка `reportId`, or to the latest one (a new one when there is none); saved */
  appendSection(args: { section: ReportSection; reportId?: number | null }): Promise<ReportDoc>;
  /** the tables and columns a query reads (compiled, never run): shown before a shared indicator is added */
  queryReads(args: { sql: string }): TableRead[];
  /** a save in parts (src/engine/db-file.ts), so that no request waits behind a copy of the whole database */
  savePlan(args: Record<string, never>): SavePlan;
  /** a part of the file of the plan, or null: written since, the save starts again */
  savePart(args: { plan: SavePlan; offset: number }): Blob | null;
  /** the save revision: moves on every change of data and of the session's records (never on a workspace change); the UI autosaves the database when it moves (src/engine/changes.ts) */
  saveRevision(args: Record<string, never>): number;
  getWorkspace(args: { key: string }): string | null;
  /** every oko_workspace entry of the open database */
  workspaceEntries(args: Record<string, never>): Record<string, string>;
  /** writes a workspace entry into the database without moving the save revision (src/store/workspace.ts) */
  setWorkspace(args: { key: string; value: string }): void;
}

export type EngineMethod = keyof EngineApi;
export type EngineArgs<M extends EngineMethod> = Parameters<EngineApi[M]>[0];
export type EngineReturn<M extends EngineMethod> = Awaited<ReturnType<EngineApi[M]>>;

export interface EngineRequest<M extends EngineMethod = EngineMethod> {
  id: number;
  method: M;
  args: EngineArgs<M>;
}

/** How far an import is: rows written so far (phase 'writing', the default) or, before that, rows read from a big file. */
export interface ImportProgress {
  done: number;
  total: number;
  file: string;
  phase?: 'reading' | 'writing';
}

export type EngineResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; name: string; position?: SqlErrorPosition; /** SQLite's own words (SqlError) */ sqlite?: string } }
  | { id: number; progress: ImportProgress };

/** A save of the open database in parts (src/engine/db-file.ts). */
export interface SavePlan {
  /** which open database the plan is of: another one opened since makes its parts stale */
  file: number;
  /** writes to the file so far: the parts are of one state while it stays the same */
  generation: number;
  /** the database's pages: what a saved file holds (the file's buffer may be longer: db-file.ts) */
  bytes: number;
  partBytes: number;
}
