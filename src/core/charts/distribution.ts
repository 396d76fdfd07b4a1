import type { SqlValue } from '../db.ts';
import { VEGA_LITE_SCHEMA, buildChartSpec, type ChartData, type ChartSpec, type ChartTemplate } from './chart-spec.ts';

/**
 * How a chart of one bar per ОО is drawn when a result holds more ОО than bars can be read (a
 * region's thousand): as the distribution of the ОО over the values — how many ОО fall in each
 * interval — with the ОО themselves left to the table. Plain data, so a definition carrying it
 * crosses to the worker and back.
 */
export interface ChartDistribution {
  /** more rows of `level` than this: the distribution instead of the bars */
  above: number;
  /** the rows counted: those of this level (the ОО rows) */
  level: string;
  /** the column whose values are counted per interval */
  field: string;
  /** the value axis title (what the value is) */
  title: string;
  /** a text column each interval is split by (stacked, coloured), e.g. the cluster */
  by?: string;
  /** the legend title of `by` */
  byTitle?: string;
  /** rows of this level are drawn as lines at their `field` value, coloured by `by` (e.g. a cluster's own value) */
  reference?: string;
}

/** Roughly this many intervals over the range of the values. */
const INTERVALS = 20;

/** 1, 2 or 5 × a power of ten, near `raw`: interval bounds a reader takes in at a glance. */
export function niceStep(raw: number): number {
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const scaled = raw / power;
  return (scaled <= 1 ? 1 : scaled <= 2 ? 2 : scaled <= 5 ? 5 : 10) * power;
}

/** A bound of an interval without the float noise of k × step (0.30000000000000004). */
const bound = (k: number, step: number) => Number((k * step).toPrecision(12));

const numberText = (value: number) => value.toLocaleString('ru-RU', { maximumFractionDigits: 6 });

export interface DistributionRow {
  kind: 'interval' | 'reference';
  /** the `by` value (or '' without `by`) */
  group: string;
  /** interval [from, to); for a reference, its value in both */
  from: number;
  to: number;
  /** ОО in this interval and group */
  count: number;
  /** the stack of the interval: this group's bar spans [y0, y1] */
  y0: number;
  y1: number;
  /** «от … до …» for the tooltip */
  interval: string;
}

/**
 * The ОО rows counted per interval of `field` (and per `by` group, stacked in the order the
 * groups first appear in the rows), plus the reference rows. Rows without a value are not
 * counted; `missing` says how many.
 */
export function distributionRows(config: ChartDistribution, { columns, rows }: ChartData): { rows: DistributionRow[]; counted: number; missing: number } {
  const at = (name: string | undefined) => (name === undefined ? -1 : columns.indexOf(name));
  const [level, field, by] = [at('level'), at(config.field), at(config.by)];
  const groupOf = (row: SqlValue[]) => (by >= 0 ? String(row[by] ?? '') : '');
  const ours = rows.filter((row) => row[level] === config.level);
  const values = ours.filter((row) => typeof row[field] === 'number');
  const missing = ours.length - values.length;
  const numbers = values.map((row) => row[field] as number);
  const [min, max] = [Math.min(...numbers), Math.max(...numbers)];
  const step = niceStep((max - min) / INTERVALS);
  // the interval of a value: k with k × step <= value < (k + 1) × step (a hair of tolerance for 0.1 + 0.2)
  const indexOf = (value: number) => Math.floor(value / step + 1e-9);
  const groups: string[] = [];
  const counts = new Map<number, Map<string, number>>();
  for (const row of values) {
    const group = groupOf(row);
    if (!groups.includes(group)) groups.push(group);
    const k = indexOf(row[field] as number);
    const perGroup = counts.get(k) ?? new Map<string, number>();
    perGroup.set(group, (perGroup.get(group) ?? 0) + 1);
    counts.set(k, perGroup);
  }
  const out: DistributionRow[] = [];
  for (const k of [...counts.keys()].sort((a, b) => a - b)) {
    const [from, to] = [bound(k, step), bound(k + 1, step)];
    let y = 0;
    for (const group of groups) {
      const count = counts.get(k)!.get(group) ?? 0;
      if (!count) continue;
      out.push({ kind: 'interval', group, from, to, count, y0: y, y1: y + count, interval: `от ${numberText(from)} до ${numberText(to)}` });
      y += count;
    }
  }
  if (config.reference !== undefined)
    for (const row of rows)
      if (row[level] === config.reference && typeof row[field] === 'number') {
        const value = row[field];
        out.push({ kind: 'reference', group: groupOf(row), from: value, to: value, count: 0, y0: 0, y1: 0, interval: numberText(value) });
      }
  return { rows: out, counted: values.length, missing };
}

const ROWS_OF = (kind: DistributionRow['kind']) => ({ filter: `datum.kind == '${kind}'` });

/** The distribution chart of `config` for a result: a complete spec with its few rows inline. */
export function distributionSpec(config: ChartDistribution, result: ChartData, title?: string): ChartSpec {
  const { rows, counted, missing } = distributionRows(config, result);
  const color = config.by ? { field: 'group', type: 'nominal', title: config.byTitle ?? null } : undefined;
  const subtitle = [
    `Распределение ОО по значению: столбец — число ОО в интервале (всего ${counted}); каждая ОО — в таблице`,
    ...(missing ? [`${missing} ОО без значения не показаны`] : []),
    ...(config.reference !== undefined ? ['пунктир — значение кластера по всем его участникам'] : []),
  ];
  const chart = {
    height: 280,
    layer: [
      {
        transform: [ROWS_OF('interval')],
        mark: { type: 'rect', tooltip: true, stroke: '#fff', strokeWidth: 0.5 },
        encoding: {
          x: { field: 'from', type: 'quantitative', title: config.title, scale: { zero: false } },
          x2: { field: 'to' },
          y: { field: 'y1', type: 'quantitative', title: 'Число ОО' },
          y2: { field: 'y0' },
          ...(color ? { color } : {}),
          tooltip: [
            { field: 'interval', title: config.title },
            ...(config.by ? [{ field: 'group', title: config.byTitle ?? config.by }] : []),
            { field: 'count', title: 'ОО' },
          ],
        },
      },
      ...(config.reference !== undefined
        ? [
            {
              transform: [ROWS_OF('reference')],
              mark: { type: 'rule', strokeWidth: 2, strokeDash: [5, 3] },
              encoding: {
                x: { field: 'from', type: 'quantitative' },
                ...(color ? { color } : {}),
                tooltip: [
                  ...(config.by ? [{ field: 'group', title: config.byTitle ?? config.by }] : []),
                  { field: 'interval', title: `${config.title}: кластер` },
                ],
              },
            },
          ]
        : []),
    ],
  } as ChartTemplate;
  return { $schema: VEGA_LITE_SCHEMA, width: 'container', ...chart, title: { text: title ?? config.title, subtitle }, data: { values: rows } } as ChartSpec;
}

/** Rows of the level the distribution counts. */
export const rowsOfLevel = (config: ChartDistribution, { columns, rows }: ChartData) => {
  const level = columns.indexOf('level');
  return rows.reduce((n, row) => n + (row[level] === config.level ? 1 : 0), 0);
};

/**
 * An indicator's chart for a result: its own chart, or — when it says how (`distribution`) and the
 * result holds more ОО than its bars can show readably — the distribution of the ОО.
 */
export function indicatorChartSpec(chart: ChartTemplate, result: ChartData, options: { title?: string; distribution?: ChartDistribution } = {}): ChartSpec {
  const { distribution } = options;
  if (distribution && rowsOfLevel(distribution, result) > distribution.above) return distributionSpec(distribution, result, options.title);
  return buildChartSpec(chart, result, { title: options.title });
}
