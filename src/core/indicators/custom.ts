import { defaultChart, type ChartTemplate } from '../charts/chart-spec.ts';
import type { Database, SqlValue } from '../db.ts';
import { queryAll } from '../db.ts';
import { sqlParamNames } from './params.ts';
import { CUSTOM_ID, CustomIndicatorError, sanitizeIndicatorDef } from './share.ts';
import { validateIndicatorDef } from './run.ts';
import type { IndicatorColumn, IndicatorDef, IndicatorParam } from './types.ts';

/**
 * The user's own indicators: made from an SQL query of the console, kept in the session
 * (table oko_custom_indicator), shared as a small JSON file or a link. The method travels, the
 * data never do: a definition holds the query, labels and chart, never result rows, and whatever
 * comes in is rebuilt field by field from a whitelist and validated before it is stored or run.
 */

export * from './share.ts';

export const CUSTOM_MECHANISM = 'Пользовательский показатель';
export const CUSTOM_SOURCE = 'Собственный запрос пользователя (SQL-консоль Око)';

/** Russian labels and types of the parameter names the catalogue uses; others get their own name. */
const KNOWN_PARAMS: Record<string, Pick<IndicatorParam, 'label' | 'type'>> = {
  year: { label: 'Год', type: 'integer' },
  subject: { label: 'Предмет', type: 'text' },
  grade: { label: 'Класс', type: 'integer' },
  municipality: { label: 'Муниципалитет', type: 'integer' },
  school: { label: 'ОО', type: 'integer' },
  kind: { label: 'Вид оценочной процедуры', type: 'text' },
};

/** 'U1', 'U2', …: one more than the largest custom number among `ids`. */
export function nextCustomId(ids: Iterable<string>): string {
  let max = 0;
  for (const id of ids) {
    const m = CUSTOM_ID.exec(id);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `U${max + 1}`;
}

function typeOf(value: SqlValue | undefined): IndicatorParam['type'] {
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'real';
  return 'text';
}

export interface CustomIndicatorInput {
  title: string;
  sql: string;
  /** the formula in words; defaults to a pointer at the SQL */
  formula?: string;
  mechanism?: string;
  source?: string;
  interpretation?: string;
  /** values the query was run with in the console: they set each parameter's type and default */
  sample?: Record<string, SqlValue>;
  /** the result columns of that run (names, or full descriptions with Russian labels) */
  columns?: Array<string | IndicatorColumn>;
  /** a few result rows, used only to choose a default chart; never stored */
  rows?: SqlValue[][];
  chart?: ChartTemplate;
  /** ids already taken (catalogue and session), for the new 'U<n>' id */
  existingIds?: Iterable<string>;
}

/**
 * A definition from an SQL query of the console. Parameters are the query's `:names`: a sample
 * value sets the type (integer, real or text; 'text' without one) and the default; the known
 * catalogue names get Russian labels. The id is the next free 'U<n>'.
 */
export function customFromSql(input: CustomIndicatorInput): IndicatorDef {
  const sample = input.sample ?? {};
  const params: IndicatorParam[] = sqlParamNames(input.sql).map((name) => {
    const known = KNOWN_PARAMS[name];
    const value = sample[name];
    const param: IndicatorParam = {
      name,
      label: known?.label ?? name,
      type: value !== undefined && value !== null ? typeOf(value) : (known?.type ?? 'text'),
    };
    if (value !== undefined && value !== null) param.default = value;
    return param;
  });
  const columns: IndicatorColumn[] = (input.columns ?? []).map((c) => (typeof c === 'string' ? { name: c, label: c } : { ...c }));
  const names = columns.map((c) => c.name);
  const chart = input.chart ?? (input.rows && names.length ? defaultChart(names, input.rows) : null) ?? {};
  return {
    id: nextCustomId(input.existingIds ?? []),
    title: input.title.trim(),
    mechanism: input.mechanism?.trim() || CUSTOM_MECHANISM,
    source: input.source?.trim() || CUSTOM_SOURCE,
    formula: input.formula?.trim() || 'Расчёт задан SQL-запросом показателя.',
    params,
    sql: input.sql.trim(),
    columns,
    chart,
    ...(input.interpretation?.trim() ? { interpretation: input.interpretation.trim() } : {}),
  };
}

// ── shape checks: rebuild a definition from untrusted JSON, field by field ──

// ── session storage ──

/** Stores (or replaces) a custom indicator after validation against this database. */
export function saveCustomIndicator(db: Database, def: IndicatorDef): IndicatorDef {
  const clean = sanitizeIndicatorDef(def);
  const problems = validateIndicatorDef(clean, db);
  if (problems.length) throw new CustomIndicatorError('Показатель не сохранён', problems);
  db.run(
    `INSERT INTO oko_custom_indicator (id, definition, created_at) VALUES (?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET definition = excluded.definition`,
    [clean.id, JSON.stringify(clean), new Date().toISOString()],
  );
  return clean;
}

/** The session's custom indicators in creation order; a damaged row is skipped, not fatal. */
export function listCustomIndicators(db: Database): IndicatorDef[] {
  const { rows } = queryAll(db, 'SELECT id, definition FROM oko_custom_indicator ORDER BY created_at, id');
  const out: IndicatorDef[] = [];
  for (const [, definition] of rows) {
    try {
      out.push(sanitizeIndicatorDef(JSON.parse(String(definition))));
    } catch {
      // edited by hand into something invalid: leave it in the table, do not offer it
    }
  }
  return out;
}

export function deleteCustomIndicator(db: Database, id: string): boolean {
  db.run('DELETE FROM oko_custom_indicator WHERE id = ?', [id]);
  return db.getRowsModified() > 0;
}

/**
 * Stores an indicator that came from a file or link. Its id is kept when free; an identical
 * definition already stored is returned as is; otherwise it gets the next free 'U<n>'.
 */
export function importCustomIndicator(db: Database, def: IndicatorDef): IndicatorDef {
  const clean = sanitizeIndicatorDef(def);
  const existing = listCustomIndicators(db);
  const same = existing.find((e) => JSON.stringify({ ...e, id: '' }) === JSON.stringify({ ...clean, id: '' }));
  if (same) return same;
  const id = existing.some((e) => e.id === clean.id) ? nextCustomId(existing.map((e) => e.id)) : clean.id;
  return saveCustomIndicator(db, { ...clean, id });
}
