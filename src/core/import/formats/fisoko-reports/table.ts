import { isBlank } from '../../cells.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import type { EntityReader } from './entities.ts';
import type { AggValue, MetricColumn, ParseContext } from './parsed.ts';
import { labelOf, rowAt } from './grid.ts';
import { metricValue } from './values.ts';

// A row of task maxima («Макс. балл») sits among the data rows in some layouts [R].
const MAXIMA_ROW = /^макс/i;

/**
 * Rows «label | metric | metric …» under a header: one entity per row. Rows with no number in any
 * metric column (blank rows, footnotes, group captions) are passed over.
 */
export function readEntityRows(
  ctx: ParseContext,
  sheet: SheetGrid,
  firstDataRow: number,
  columns: readonly MetricColumn[],
  entities: EntityReader,
  metricPrefix = '',
): AggValue[] {
  const values: AggValue[] = [];
  const firstMetric = Math.min(...columns.map((column) => column.index));
  for (let r = firstDataRow; r < sheet.rows.length; r++) {
    const row = rowAt(sheet, r);
    const label = labelOf(row, firstMetric);
    if (!label || MAXIMA_ROW.test(label.text)) continue;
    const found: Array<[MetricColumn, number]> = [];
    for (const column of columns) {
      if (isBlank(row[column.index])) continue;
      const value = metricValue(ctx, row[column.index], r + 1, column);
      if (value !== undefined) found.push([column, value]);
    }
    if (found.length === 0) continue;
    const entity = entities.read(label.text);
    for (const [column, value] of found) values.push({ entity, metric: metricPrefix + column.metric, value });
  }
  return values;
}
