import type { BindParams, Database, SqlValue } from '../db.ts';
import { queryObjects } from '../db.ts';
import { sqlParamNames } from './param-names.ts';
import type { IndicatorDef, IndicatorParam } from './types.ts';

export { sqlParamNames };

export interface ParamOption {
  value: SqlValue;
  label: string;
}

/** sql.js wants the colon in the keys; binding a name the SQL lacks is an error, so bind only used ones. */
export function bindingsFor(sql: string, values: Record<string, SqlValue>): BindParams | undefined {
  const names = sqlParamNames(sql);
  if (!names.length) return undefined;
  return Object.fromEntries(names.map((name) => [`:${name}`, values[name] ?? null]));
}

function coerce(param: IndicatorParam, value: SqlValue | undefined): SqlValue {
  if (value === undefined || value === null || value === '') return null;
  if (param.type === 'text') return typeof value === 'string' ? value : String(value);
  const number = typeof value === 'number' ? value : Number(String(value).trim().replace(',', '.'));
  if (!Number.isFinite(number) || (param.type === 'integer' && !Number.isInteger(number))) return null;
  return number;
}

/** Form values arrive as strings ('2026'), SQL values as numbers: compare as text. */
const same = (a: SqlValue | undefined, b: SqlValue | undefined) => a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b);

/**
 * Option lists already read, by their SQL and bound values. A list depends only on the data, so
 * the lists stay valid while the data do: the owner (the engine) passes a stamp of the data's
 * state before each use, and a new stamp forgets them all. Most indicators share their lists
 * (year, subject, grade, municipality of a work), so a click usually reads none.
 */
export class OptionLists {
  private readonly lists = new Map<string, readonly ParamOption[]>();
  private stamp: string | null = null;
  /** how many lists were read from the database (tests count it: a kept list is not read again) */
  reads = 0;

  /** Forgets every list when the data changed since the last call (a different `stamp`). */
  validFor(stamp: string): this {
    if (stamp !== this.stamp) {
      this.lists.clear();
      this.stamp = stamp;
    }
    return this;
  }

  read(db: Database, sql: string, bindings: BindParams | undefined): readonly ParamOption[] {
    const key = `${sql}\u0000${JSON.stringify(bindings ?? null)}`;
    let list = this.lists.get(key);
    if (!list) {
      list = Object.freeze(readOptions(db, sql, bindings));
      this.reads++;
      // a bound on memory: lists for every school of a large region stay far below it
      if (this.lists.size >= 2000) this.lists.clear();
      this.lists.set(key, list);
    }
    return list;
  }
}

function readOptions(db: Database, sql: string, bindings: BindParams | undefined): ParamOption[] {
  return queryObjects<{ value: SqlValue; label?: SqlValue }>(db, sql, bindings).map((row) => ({ value: row.value, label: String(row.label ?? row.value) }));
}

/**
 * The values resolved from `given` and the choices offered for each parameter, in one walk;
 * with `lists`, option lists read before on the same data are not read again.
 */
export function resolveWithOptions(
  db: Database,
  def: Pick<IndicatorDef, 'params'>,
  given: Record<string, SqlValue>,
  lists?: OptionLists,
): { values: Record<string, SqlValue>; options: Record<string, ParamOption[]> } {
  return walk(db, def, given, lists);
}

function walk(db: Database, def: Pick<IndicatorDef, 'params'>, given: Record<string, SqlValue>, lists?: OptionLists) {
  const values: Record<string, SqlValue> = {};
  const options: Record<string, ParamOption[]> = {};
  for (const param of def.params) {
    if (!param.options) {
      values[param.name] = coerce(param, given[param.name] ?? param.default);
      continue;
    }
    const bindings = bindingsFor(param.options, values);
    const list = lists ? [...lists.read(db, param.options, bindings)] : readOptions(db, param.options, bindings);
    options[param.name] = list;
    const chosen = list.find((o) => same(o.value, given[param.name])) ?? list.find((o) => same(o.value, param.default)) ?? list[0];
    values[param.name] = chosen ? chosen.value : null;
  }
  return { values, options };
}

/**
 * A complete, valid set of parameter values. Walks the parameters in order, each option list
 * computed with the values chosen before it: the given value if offered, else the default if
 * offered, else the first option (null when the data offer none). Unknown names are dropped.
 */
export function resolveParams(db: Database, def: Pick<IndicatorDef, 'params'>, given: Record<string, SqlValue>, lists?: OptionLists): Record<string, SqlValue> {
  return walk(db, def, given, lists).values;
}

/**
 * The choices to offer for each parameter that has an `options` query, given the values
 * resolved from `given`. A parameter without `options` is a free input and has no key here.
 */
export function paramOptions(
  db: Database,
  def: Pick<IndicatorDef, 'params'>,
  given: Record<string, SqlValue>,
  lists?: OptionLists,
): Record<string, ParamOption[]> {
  return walk(db, def, given, lists).options;
}
