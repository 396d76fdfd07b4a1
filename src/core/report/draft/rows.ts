import type { SqlValue } from '../../db.ts';
import { CLUSTER_LEVEL, MIN_GROUP, REGION_LEVEL, RF_LEVEL, SCHOOL_LEVEL, TOTAL_LEVEL } from '../../indicators/catalogue/common.ts';

/** One result row by column name. */
export type Row = Record<string, SqlValue>;

export interface Tabular {
  columns: string[];
  rows: SqlValue[][];
}

export function records(result: Tabular): Row[] {
  return result.rows.map((row) => Object.fromEntries(result.columns.map((column, i) => [column, row[i]])));
}

/** A number, or null for NULL, text and the like. */
export function num(value: SqlValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export const text = (value: SqlValue | undefined): string => (value === null || value === undefined ? '' : String(value));

/** The rows of a per-ОО result (bySchoolWithTotal) by level. */
export interface Levels {
  schools: Row[];
  clusters: Row[];
  total: Row | undefined;
  region: Row | undefined;
  rf: Row | undefined;
}

export function byLevel(rows: readonly Row[]): Levels {
  return {
    schools: rows.filter((r) => r.level === SCHOOL_LEVEL),
    clusters: rows.filter((r) => r.level === CLUSTER_LEVEL),
    total: rows.find((r) => r.level === TOTAL_LEVEL),
    region: rows.find((r) => r.level === REGION_LEVEL),
    rf: rows.find((r) => r.level === RF_LEVEL),
  };
}

/** ФИОКО's minimum group: a row marked `small`, or one with fewer than 10 participants. */
export function isSmall(row: Row): boolean {
  if (row.small !== undefined && row.small !== null) return Number(row.small) === 1;
  const n = num(row.n);
  return n !== null && n < MIN_GROUP;
}

export const nameOf = (row: Row) => text(row.name);
