import type { QueryResult, SqlValue } from '../core/db.ts';
import type { ImportContext, ImportSummary } from '../core/import/types.ts';
import type { IndicatorDef, IndicatorResult } from '../core/indicators/types.ts';

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
  rowCount: number;
  columns: ColumnInfo[];
  /** internal workspace tables (oko_*) and reference tables are grouped apart in the UI */
  group: 'data' | 'reference' | 'workspace';
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

export interface RowWindow {
  offset: number;
  rows: SqlValue[][];
  /** rowids of the rows (tables only): what an edit addresses */
  rowIds?: number[];
}

export type EditOutcome = { ok: true; value: SqlValue } | { ok: false; message: string };

export interface ImportFilePayload {
  name: string;
  bytes: Uint8Array;
  context?: ImportContext;
}

export type ImportOutcome =
  | { ok: true; summary: ImportSummary }
  | {
      ok: false;
      file: string;
      code: string;
      message: string;
      sheet?: string;
      row?: number;
      column?: string;
      needs?: { fields: Array<keyof ImportContext>; guess: ImportContext };
    };

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
  /** opens the session bytes (or a new database when absent) and migrates it */
  open(args: { bytes?: Uint8Array }): { schemaVersion: number; empty: boolean };
  tables(args: Record<string, never>): TableInfo[];
  count(args: { source: RowSource }): number;
  columns(args: { source: RowSource }): ColumnInfo[];
  window(args: { source: RowSource; offset: number; limit: number }): RowWindow;
  /** validated UPDATE of one cell by rowid; logged for undo */
  updateCell(args: { table: string; rowId: number; column: string; value: SqlValue }): EditOutcome;
  /** small read query returning all rows (indicator option lists, schema browser …) */
  query(args: { sql: string; params?: Record<string, SqlValue> }): QueryResult;
  /** the SQL console: runs any statement(s); a trailing SELECT comes back as a windowable source */
  runSql(args: { sql: string; params?: Record<string, SqlValue> }): SqlOutcome;
  importFiles(args: { files: ImportFilePayload[] }): Promise<ImportOutcome[]>;
  indicators(args: Record<string, never>): IndicatorSummary[];
  indicator(args: { id: string }): IndicatorDef;
  paramOptions(args: { id: string; params: Record<string, SqlValue> }): {
    params: Record<string, SqlValue>;
    options: Record<string, Array<{ value: SqlValue; label: string }>>;
  };
  runIndicator(args: { id: string; params: Record<string, SqlValue> }): IndicatorResult;
  /** the whole session as a .sqlite file */
  exportDatabase(args: Record<string, never>): Uint8Array;
  /** increments on every change; the UI autosaves when it moves */
  revision(args: Record<string, never>): number;
  getWorkspace(args: { key: string }): string | null;
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

export type EngineResponse =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { message: string; name: string } }
  | { id: number; progress: { done: number; total: number; file: string } };
