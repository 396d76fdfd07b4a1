import type { TopLevelSpec } from 'vega-lite';
import type { Field } from 'vega-lite/types_unstable/channeldef.js';
import type { LayerSpec, UnitSpec } from 'vega-lite/types_unstable/spec/index.js';
import type { SqlValue } from '../db.ts';

export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

export interface ChartData {
  columns: string[];
  rows: SqlValue[][];
}

/** What is drawn: a complete Vega-Lite spec, the rows inline. */
export type ChartSpec = TopLevelSpec;

/** Each kind of spec without its `data` (Omit over the union itself would keep only the keys all kinds share). */
type WithoutData<Spec> = Spec extends unknown ? Omit<Spec, 'data'> : never;

/** The chart of an indicator definition: a Vega-Lite spec without data; the rows of each result are added when it is drawn (buildChartSpec). */
export type ChartTemplate = WithoutData<TopLevelSpec>;

/** One view of a layered chart (an item of `layer`). */
export type ChartLayer = LayerSpec<Field> | UnitSpec<Field>;

/** A chart of layers drawn over each other. */
export type LayeredChart = Extract<ChartTemplate, { layer: ChartLayer[] }>;

/** A user's indicator saved without a chart: an empty object (the console's default bars are drawn for it). */
export type NoChart = Record<string, never>;

const COMPOSITIONS = ['layer', 'concat', 'hconcat', 'vconcat', 'facet', 'repeat', 'spec'];

/**
 * A chart that says what to draw: a mark with encodings, or views composed by layer, concat,
 * facet or repeat. Only that much is looked at: the rest of a spec from outside Vega-Lite checks
 * when it compiles it (a chart it refuses shows its message; the table stays).
 */
export function isChartTemplate(chart: object | null | undefined): chart is ChartTemplate {
  if (!chart) return false;
  if ('mark' in chart) return 'encoding' in chart;
  return COMPOSITIONS.some((key) => key in chart);
}

/** A complete spec: a chart with its rows inline (what buildChartSpec makes and sanitizeChart keeps). */
export function isChartSpec(spec: object | null | undefined): spec is ChartSpec {
  return isChartTemplate(spec) && 'data' in spec && !!spec.data && typeof spec.data === 'object' && 'values' in spec.data;
}

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
export function buildChartSpec(chart: ChartTemplate, result: ChartData, options: { title?: string } = {}): ChartSpec {
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
export function defaultChart(columns: string[], rows: SqlValue[][]): ChartTemplate | null {
  const column = (i: number) => rows.map((row) => row[i]);
  const measure = columns.findIndex((_, i) => isNumeric(column(i)));
  if (measure < 0) return null;
  const category = columns.findIndex((_, i) => isText(column(i)));
  const x = { field: escapeField(columns[measure]), type: 'quantitative', title: columns[measure] } as const;
  if (category < 0) return { mark: { type: 'bar', tooltip: true }, encoding: { x } };
  return {
    height: { step: 20 },
    mark: { type: 'bar', tooltip: true },
    encoding: { y: { field: escapeField(columns[category]), type: 'nominal', sort: null, title: columns[category] }, x },
  };
}

/** defaultChart with the rows: a spec ready to draw, or null. */
export function defaultChartSpec(columns: string[], rows: SqlValue[][]): ChartSpec | null {
  const chart = defaultChart(columns, rows);
  return chart && buildChartSpec(chart, { columns, rows });
}
