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
const same = (a: SqlValue | undefined, b: SqlValue | undefined) =>
  a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b);

/** The values resolved from `given` and the choices offered for each parameter, in one walk. */
export function resolveWithOptions(
  db: Database,
  def: Pick<IndicatorDef, 'params'>,
  given: Record<string, SqlValue>,
): { values: Record<string, SqlValue>; options: Record<string, ParamOption[]> } {
  return walk(db, def, given);
}

function walk(db: Database, def: Pick<IndicatorDef, 'params'>, given: Record<string, SqlValue>) {
  const values: Record<string, SqlValue> = {};
  const options: Record<string, ParamOption[]> = {};
  for (const param of def.params) {
    if (!param.options) {
      values[param.name] = coerce(param, given[param.name] ?? param.default);
      continue;
    }
    const list = queryObjects<{ value: SqlValue; label?: SqlValue }>(db, param.options, bindingsFor(param.options, values))
      .map((row) => ({ value: row.value, label: String(row.label ?? row.value) }));
    options[param.name] = list;
    const chosen =
      list.find((o) => same(o.value, given[param.name])) ?? list.find((o) => same(o.value, param.default)) ?? list[0];
    values[param.name] = chosen ? chosen.value : null;
  }
  return { values, options };
}

/**
 * A complete, valid set of parameter values. Walks the parameters in order, each option list
 * computed with the values chosen before it: the given value if offered, else the default if
 * offered, else the first option (null when the data offer none). Unknown names are dropped.
 */
export function resolveParams(db: Database, def: Pick<IndicatorDef, 'params'>, given: Record<string, SqlValue>): Record<string, SqlValue> {
  return walk(db, def, given).values;
}

/**
 * The choices to offer for each parameter that has an `options` query, given the values
 * resolved from `given`. A parameter without `options` is a free input and has no key here.
 */
export function paramOptions(db: Database, def: Pick<IndicatorDef, 'params'>, given: Record<string, SqlValue>): Record<string, ParamOption[]> {
  return walk(db, def, given).options;
}
