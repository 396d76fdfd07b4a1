import type { ChartTemplate, NoChart } from '../charts/chart-spec.ts';
import type { ChartDistribution } from '../charts/distribution.ts';
import type { SqlValue } from '../db.ts';

/** A `:name` parameter of an indicator's SQL; the UI builds its form control from this. */
export interface IndicatorParam {
  /** as in the SQL without the colon: 'year' binds `:year`; the control's testid is `param-year` */
  name: string;
  label: string;
  type: 'integer' | 'real' | 'text';
  /**
   * SQL returning `value` (and optionally `label`) columns: the values present in the data.
   * It may use the `:names` of the parameters listed before this one.
   */
  options?: string;
  /** used when there are no options, or as the initial choice when it is among them */
  default?: SqlValue;
}

export interface IndicatorColumn {
  /** column name in the SQL result */
  name: string;
  /** Russian header shown in the grid and exports */
  label: string;
  /** 'code': a number that names something (a year, a code): digits as written, never grouped («2025») */
  format?: 'int' | 'pct' | 'num' | 'code' | 'text';
  /** hidden in the grid but available to the chart (e.g. sort keys) */
  hidden?: boolean;
  /** rows where this column is 1 are highlighted in the grid (e.g. a mismatch with ФИС ОКО) */
  highlight?: boolean;
}

/**
 * One indicator of the catalogue: data a reader can review without reading UI code.
 * Results come one row per ОО plus a municipality total row. Percentages are weighted by
 * participants: the total row is computed over all participants, never averaged.
 */
export interface IndicatorDef {
  /** catalogue id, e.g. 'V2' (docs/indicators.md); testid `indicator-V2` */
  id: string;
  title: string;
  /** the МСОКО mechanism/system it serves, e.g. «Система оценки качества подготовки обучающихся» */
  mechanism: string;
  /** source document and section */
  source: string;
  /** the formula in words, Russian */
  formula: string;
  params: IndicatorParam[];
  /** SQLite with bound `:named` parameters only; never string-spliced */
  sql: string;
  columns: IndicatorColumn[];
  /**
   * Vega-Lite spec without `data` (buildChartSpec adds `data: {values: rows as objects}` using SQL
   * column names as fields); `{}` for a user's indicator saved without a chart.
   */
  chart: ChartTemplate | NoChart;
  /** a chart of one bar per ОО: how it is drawn for more ОО than bars can show (a region) */
  chartDistribution?: ChartDistribution;
  /** how to read the numbers (Russian); thresholds, cautions */
  interpretation?: string;
}

export interface IndicatorResult {
  id: string;
  columns: string[];
  rows: SqlValue[][];
  params: Record<string, SqlValue>;
}
