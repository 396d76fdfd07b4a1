import type { Database, SqlValue } from '../../src/core/db.ts';
import { queryAll } from '../../src/core/db.ts';
import type { IndicatorDef } from '../../src/core/indicators/index.ts';
import { bindingsFor, resolveParams, resolveWithOptions } from '../../src/core/indicators/params.ts';

/** Every combination of the choices the data offer, each list read with the choices before it; free inputs keep their default. */
export function combinations(db: Database, def: IndicatorDef): Array<Record<string, SqlValue>> {
  const out: Array<Record<string, SqlValue>> = [];
  const walk = (i: number, given: Record<string, SqlValue>) => {
    if (i === def.params.length) return void out.push(resolveParams(db, def, given));
    const param = def.params[i];
    if (!param.options) return walk(i + 1, given);
    const offered = resolveWithOptions(db, def, given).options[param.name] ?? [];
    if (!offered.length) return walk(i + 1, given);
    for (const option of offered) walk(i + 1, { ...given, [param.name]: option.value });
  };
  walk(0, {});
  return out;
}

/** Rows of `sql` with the indicator's parameters bound. */
export const rowsOf = (db: Database, sql: string, params: Record<string, SqlValue>) => queryAll(db, sql, bindingsFor(sql, params)).rows;
