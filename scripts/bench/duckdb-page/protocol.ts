import type { SqlValue } from '../../../src/core/db.ts';
import type { Comparison } from '../duckdb-peer.ts';

/** What the bench page (main.ts) answers to regional-bench.ts. */
export interface PeerBench {
  load(url: string): Promise<PeerLoad>;
  measure(question: PeerCase): Promise<PeerMeasure>;
}

export interface PeerLoad {
  /** SELECT version() */
  duckdbVersion: string;
  /** Oko's engine opens the session file */
  okoOpenMs: number;
  /** Oko's engine exports the whole database, as each autosave does (3 runs) */
  saveExportMs: number[];
  /** per save in parts: the longest single call (the plan or one part) — what any other request could wait */
  saveLongestCallMs: number[];
  /** per save in parts: all its calls, end to end */
  savePartsMs: number[];
  /** the session's tables read into CSV */
  exportMs: number;
  /** DuckDB reads the CSV */
  duckLoadMs: number;
  csvBytes: number;
  tables: Array<{ table: string; rows: number }>;
}

/** One catalogue question: the indicator with the parameters the form is given (the rest resolved as on a click). */
export interface PeerCase {
  id: string;
  given: Record<string, SqlValue>;
  runs: number;
}

export interface PeerMeasure {
  id: string;
  /** the resolved parameters, inlined into DuckDB's SQL */
  params: Record<string, SqlValue>;
  rows: number;
  /** Oko: parameters resolved and SQL run, as on a click (refreshIndicator) */
  okoMs: number[];
  /** Oko: the indicator's SQL alone */
  okoSqlMs: number[];
  /** DuckDB-WASM: the same SQL through the shim, rows read out of Arrow */
  duckMs: number[];
  /** the dialect shims this indicator needed */
  shims: string[];
  /** the columns wrapped in ANY_VALUE */
  bare: string[];
  verdict: Comparison['verdict'] | 'error';
  note: string;
  /** the answer changes when DuckDB divides integers its own way (7 / 2 = 3.5) */
  integerDivision: boolean;
}
