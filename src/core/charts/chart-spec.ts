import type { SqlValue } from '../db.ts';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface ChartData {
  columns: string[];
  rows: SqlValue[][];
}

export type ChartSpec = Record<string, unknown>;

/** Rows as objects keyed by column name: the fields a Vega-Lite spec refers to. */
export function chartValues({ columns, rows }: ChartData): Record<string, SqlValue>[] {
  return rows.map((row) => Object.fromEntries(columns.map((column, i) => [column, row[i]])));
}

/**
 * A complete Vega-Lite spec: the data-free `chart` of a definition plus the result rows. The
 * chart fills the container's width (Vega-Lite then autosizes 'fit-x'); heights are set per
 * chart, often by step.
 * Pure; the caller compiles it and runs it with `ast: true` and vega-interpreter (CSP).
 */
export function buildChartSpec(chart: ChartSpec, result: ChartData, options: { title?: string } = {}): ChartSpec {
  return {
    $schema: VEGA_LITE_SCHEMA,
    width: 'container',
    ...chart,
    ...(options.title ? { title: options.title } : {}),
    data: { values: chartValues(result) },
  };
}

/** Vega reads `a.b` and `a[0]` as paths; SQL column names such as `s.name` are flat. */
export const escapeField = (name: string) => name.replace(/[.[\]\\]/g, '\\$&');

const isNumeric = (values: SqlValue[]) => values.some((v) => v !== null) && values.every((v) => v === null || typeof v === 'number');
const isText = (values: SqlValue[]) => values.some((v) => v !== null) && values.every((v) => v === null || typeof v === 'string');

/**
 * A bar chart for any SQL result: the first text column (categories, in result order) against
 * the first numeric column. Null when there is no numeric column to draw.
 */
export function defaultChartSpec(columns: string[], rows: SqlValue[][]): ChartSpec | null {
  const column = (i: number) => rows.map((row) => row[i]);
  const measure = columns.findIndex((_, i) => isNumeric(column(i)));
  if (measure < 0) return null;
  const category = columns.findIndex((_, i) => isText(column(i)));
  const x = { field: escapeField(columns[measure]), type: 'quantitative', title: columns[measure] };
  const chart: ChartSpec =
    category < 0
      ? { mark: { type: 'bar', tooltip: true }, encoding: { x } }
      : {
          height: { step: 20 },
          mark: { type: 'bar', tooltip: true },
          encoding: { y: { field: escapeField(columns[category]), type: 'nominal', sort: null, title: columns[category] }, x },
        };
  return buildChartSpec(chart, { columns, rows });
}
