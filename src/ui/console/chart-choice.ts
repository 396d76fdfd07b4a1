import type { SqlValue } from '../../core/db.ts';
import { buildChartSpec, escapeField, type ChartSpec, type ChartTemplate } from '../../core/charts/chart-spec.ts';

export type ChartMark = 'bar' | 'line' | 'point';

/** What the console's chart picker holds: a mark and the fields for x, y and colour. */
export interface ChartChoice {
  mark: ChartMark;
  x: string;
  y: string;
  /** '' — no colour */
  color: string;
}

export const MARKS: Array<{ value: ChartMark; label: string }> = [
  { value: 'bar', label: 'Столбцы' },
  { value: 'line', label: 'Линия' },
  { value: 'point', label: 'Точки' },
];

function values(columns: string[], rows: SqlValue[][], field: string): SqlValue[] {
  const i = columns.indexOf(field);
  return i < 0 ? [] : rows.map((row) => row[i]);
}

const isNumeric = (vs: SqlValue[]) => vs.some((v) => v !== null) && vs.every((v) => v === null || typeof v === 'number');
const isText = (vs: SqlValue[]) => vs.some((v) => v !== null) && vs.every((v) => v === null || typeof v === 'string');

/**
 * The picker's starting point, like defaultChartSpec: bars of the first numeric column (x) by
 * a text column (y, in result order) — the one with the most distinct values, so that «level»
 * (ОО / Муниципалитет) does not win over the school names. Null when there is nothing to measure.
 */
export function defaultChoice(columns: string[], rows: SqlValue[][]): ChartChoice | null {
  const measure = columns.find((c) => isNumeric(values(columns, rows, c)));
  if (!measure) return null;
  let category = '';
  let most = 0;
  for (const column of columns) {
    const vs = values(columns, rows, column);
    if (!isText(vs)) continue;
    const distinct = new Set(vs).size;
    if (distinct > most) [category, most] = [column, distinct];
  }
  return { mark: 'bar', x: measure, y: category, color: '' };
}

/** A choice is usable for these columns when its fields exist (y and colour may be empty). */
export function choiceFits(choice: ChartChoice | null, columns: string[]): choice is ChartChoice {
  if (!choice) return false;
  const ok = (f: string, optional: boolean) => (f ? columns.includes(f) : optional);
  return ok(choice.x, false) && ok(choice.y, true) && ok(choice.color, true);
}

interface FieldChannel {
  field: string;
  type: 'quantitative' | 'ordinal' | 'nominal';
  title: string;
  sort?: null;
}

function channel(field: string, columns: string[], rows: SqlValue[][], mark: ChartMark): FieldChannel {
  const numeric = isNumeric(values(columns, rows, field));
  // A line over years reads as a sequence: numbers on x of a line stay quantitative; text keeps result order.
  return numeric
    ? { field: escapeField(field), type: 'quantitative', title: field }
    : { field: escapeField(field), type: mark === 'line' ? 'ordinal' : 'nominal', sort: null, title: field };
}

/**
 * The chart part of a spec (no data): the console draws it with the result, and «Сохранить
 * как показатель» keeps it as the indicator's default chart.
 */
export function choiceChart(choice: ChartChoice, columns: string[], rows: SqlValue[][]): ChartTemplate {
  const y = choice.y ? channel(choice.y, columns, rows, choice.mark) : null;
  return {
    // Categories down the side get a fixed step per row, as in the catalogue's charts.
    ...(y && y.type !== 'quantitative' && choice.mark === 'bar' ? { height: { step: 20 } } : {}),
    mark: { type: choice.mark, tooltip: true, ...(choice.mark === 'line' ? { point: true } : {}) },
    encoding: {
      x: channel(choice.x, columns, rows, choice.mark),
      ...(y ? { y } : {}),
      ...(choice.color ? { color: { field: escapeField(choice.color), type: 'nominal', title: choice.color } } : {}),
    },
  };
}

export function choiceSpec(choice: ChartChoice, columns: string[], rows: SqlValue[][]): ChartSpec {
  return buildChartSpec(choiceChart(choice, columns, rows), { columns, rows });
}
