import type { Database, SqlValue } from '../core/db.ts';
import { customFromSql, deleteCustomIndicator, importCustomIndicator, listCustomIndicators, saveCustomIndicator } from '../core/indicators/custom.ts';
import type { IndicatorDef, IndicatorParam } from '../core/indicators/types.ts';
import type { CustomIndicatorDraft, CustomParamChoice } from './protocol.ts';
import { stripTrailingSemicolons } from './row-source.ts';
import { sqlErrorOf } from './sql-error.ts';

function coerce(type: IndicatorParam['type'], value: SqlValue | undefined): SqlValue | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (type === 'text') return String(value);
  const n = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
  if (!Number.isFinite(n)) return undefined;
  return type === 'integer' ? Math.trunc(n) : n;
}

/** Labels, types and defaults the user chose replace the inferred ones. */
export function applyParamChoices(def: IndicatorDef, choices: readonly CustomParamChoice[] = []): IndicatorDef {
  const params = def.params.map((param) => {
    const choice = choices.find((c) => c.name === param.name);
    if (!choice) return param;
    const type = choice.type ?? param.type;
    const next: IndicatorParam = { name: param.name, label: choice.label?.trim() || param.label, type };
    if (param.options) next.options = param.options;
    const value = coerce(type, 'default' in choice ? choice.default : param.default);
    if (value !== undefined) next.default = value;
    return next;
  });
  return { ...def, params };
}

/** Result columns of a query, without running it. */
function columnsOf(db: Database, sql: string): string[] {
  let stmt;
  try {
    stmt = db.prepare(stripTrailingSemicolons(sql));
  } catch (error) {
    throw sqlErrorOf(error);
  }
  try {
    return stmt.getColumnNames();
  } finally {
    stmt.free();
  }
}

/** Every `field` of a chart spec is one of `columns` (a chart picked for an earlier result may not fit). */
function chartFieldsWithin(chart: unknown, columns: readonly string[]): boolean {
  if (Array.isArray(chart)) return chart.every((item) => chartFieldsWithin(item, columns));
  if (!chart || typeof chart !== 'object') return true;
  return Object.entries(chart).every(([key, value]) =>
    key === 'field' && typeof value === 'string' ? columns.includes(value) : chartFieldsWithin(value, columns),
  );
}

/** The session's own indicators (table oko_custom_indicator) as the engine serves them. */
export class CustomIndicators {
  constructor(private readonly db: () => Database) {}

  list(): IndicatorDef[] {
    return listCustomIndicators(this.db());
  }

  find(id: string): IndicatorDef | undefined {
    return /^U\d+$/.test(id) ? this.list().find((def) => def.id === id) : undefined;
  }

  /** A new indicator from the console's query; validated against this database, then stored. */
  create(draft: CustomIndicatorDraft, reservedIds: readonly string[]): IndicatorDef {
    const db = this.db();
    const { params: choices, ...input } = draft;
    // The columns are those of the SQL as saved (the console may have run an earlier text).
    const columns = columnsOf(db, input.sql);
    const chart = input.chart && chartFieldsWithin(input.chart, columns) ? input.chart : undefined;
    const existingIds = [...reservedIds, ...this.list().map((d) => d.id)];
    const def = applyParamChoices(customFromSql({ ...input, sql: stripTrailingSemicolons(input.sql), columns, chart, existingIds }), choices);
    return saveCustomIndicator(db, def);
  }

  /** An indicator from a file or a link: its id is kept when free, an identical one is not duplicated. */
  import(def: IndicatorDef): IndicatorDef {
    return importCustomIndicator(this.db(), def);
  }

  delete(id: string): boolean {
    return deleteCustomIndicator(this.db(), id);
  }
}

/**
 * Runs `fn` with the connection refusing writes (PRAGMA query_only): a user's indicator, which
 * may have come in a link, can read the session but never change it.
 */
export function readOnly<T>(db: Database, fn: () => T): T {
  db.run('PRAGMA query_only = 1');
  try {
    return fn();
  } finally {
    db.run('PRAGMA query_only = 0');
  }
}
