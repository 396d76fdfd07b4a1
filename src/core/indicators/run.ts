import type { Database, SqlValue } from '../db.ts';
import { queryAll } from '../db.ts';
import { bindingsFor, resolveParams, sqlParamNames } from './params.ts';
import { readOnlyProblems } from './sql-guard.ts';
import type { IndicatorDef, IndicatorResult } from './types.ts';
import { russianError } from '../sql-errors.ts';
import { refreshAggregates } from '../schema/aggregates.ts';

/** Runs the indicator with `given` completed by resolveParams; the values used come back in `params`. */
export function runIndicator(db: Database, def: IndicatorDef, given: Record<string, SqlValue>): IndicatorResult {
  refuseWrites(def);
  return runResolved(db, def, resolveParams(db, def, given));
}

/**
 * Runs the indicator with parameters already resolved (resolveWithOptions): a click resolves once.
 * The aggregate tables it may read are brought up to date first (core/schema/aggregates.ts).
 */
export function runResolved(db: Database, def: IndicatorDef, params: Record<string, SqlValue>): IndicatorResult {
  refuseWrites(def);
  refreshAggregates(db);
  const { columns, rows } = queryAll(db, def.sql, bindingsFor(def.sql, params));
  return { id: def.id, columns, rows, params };
}

/** An indicator may arrive in a file or a link: never run one that writes. */
function refuseWrites(def: IndicatorDef): void {
  const writes = [def.sql, ...def.params.map((p) => p.options ?? 'SELECT 1')].flatMap((sql) => readOnlyProblems(sql));
  if (writes.length) throw new Error(writes[0]);
}

/** Chart fields must be SQL columns or names the chart itself derives (transform `as`, inline data). */
function chartFields(chart: unknown): { used: Set<string>; derived: Set<string> } {
  const used = new Set<string>();
  const derived = new Set<string>();
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item, key));
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    for (const [k, v] of Object.entries(object)) {
      if (k === 'field' && typeof v === 'string') used.add(v);
      else if (k === 'as') [v].flat().forEach((name) => typeof name === 'string' && derived.add(name));
      else if (k === 'values' && key === 'data' && Array.isArray(v)) v.forEach((row) => Object.keys(row).forEach((n) => derived.add(n)));
      else visit(v, k);
    }
  };
  visit(chart);
  return { used, derived };
}

/** Inline chart data may hold a few constants (threshold lines), never a table and never a link to fetch. */
const MAX_INLINE_ROWS = 50;
function inlineDataProblems(chart: unknown): string[] {
  const problems: string[] = [];
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) return node.forEach((item) => visit(item));
    if (!node || typeof node !== 'object') return;
    const object = node as Record<string, unknown>;
    if (key === 'data') {
      if ('url' in object) problems.push('график не может загружать данные по ссылке');
      if (Array.isArray(object.values) && object.values.length > MAX_INLINE_ROWS) {
        problems.push(`встроенные данные графика длиннее ${MAX_INLINE_ROWS} строк: данные берутся только из результата`);
      }
    }
    for (const [k, v] of Object.entries(object)) visit(v, k);
  };
  visit(chart);
  return problems;
}

/**
 * Problems with a definition, in Russian; empty when it is sound. Static checks always; with a
 * database, also runs it (parameters resolved from the data) and compares the columns it returns
 * with the declared ones. Used by the tests and for users' own indicators.
 */
export function validateIndicatorDef(def: IndicatorDef, db?: Database): string[] {
  const problems: string[] = [];
  for (const key of ['id', 'title', 'mechanism', 'source', 'formula', 'sql'] as const) {
    if (!def[key]?.trim()) problems.push(`не заполнено поле ${key}`);
  }
  const unsafe = [
    ...readOnlyProblems(def.sql ?? '', db),
    ...def.params.flatMap((p) => (p.options ? readOnlyProblems(p.options, db, `варианты параметра ${p.name}`) : [])),
  ];
  problems.push(...unsafe);
  const params = def.params.map((p) => p.name);
  if (new Set(params).size !== params.length) problems.push('имена параметров повторяются');
  const inSql = sqlParamNames(def.sql);
  for (const name of inSql) if (!params.includes(name)) problems.push(`в SQL есть :${name}, но нет такого параметра`);
  for (const name of params) if (!inSql.includes(name)) problems.push(`параметр ${name} не используется в SQL`);
  def.params.forEach((param, i) => {
    if (!param.options) return;
    for (const name of sqlParamNames(param.options)) {
      if (!params.slice(0, i).includes(name)) problems.push(`варианты параметра ${param.name} ссылаются на :${name}, который задаётся не раньше`);
    }
  });

  const columns = def.columns.map((c) => c.name);
  if (new Set(columns).size !== columns.length) problems.push('имена столбцов повторяются');
  if ('data' in def.chart) problems.push('график не должен содержать data: данные подставляются из результата');
  problems.push(...inlineDataProblems(def.chart));
  const { used, derived } = chartFields(def.chart);
  for (const field of used) {
    if (!columns.includes(field) && !derived.has(field)) problems.push(`график ссылается на поле ${field}, которого нет в результате`);
  }

  if (db && !unsafe.length) {
    try {
      const result = runIndicator(db, def, {});
      for (const name of columns) if (!result.columns.includes(name)) problems.push(`столбец ${name} описан, но SQL его не возвращает`);
      for (const name of result.columns) if (!columns.includes(name)) problems.push(`SQL возвращает столбец ${name} без описания`);
    } catch (error) {
      problems.push(`SQL не выполняется: ${russianError(error instanceof Error ? error.message : String(error))}`);
    }
  }
  return problems;
}
