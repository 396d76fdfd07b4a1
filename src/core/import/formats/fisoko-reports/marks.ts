import type { SheetGrid } from '../../read/workbook.ts';
import { EntityReader } from './entities.ts';
import type { ReportHeader } from './header.ts';
import { countColumns, lastToken, readHeader } from './header.ts';
import type { AggValue, MetricColumn, ParseContext } from './parsed.ts';
import { readEntityRows } from './table.ts';

const MARK = /^[«"]?([2-5])[»"]?$/;

/** Columns 2 | 3 | 4 | 5 (values: % of participants), verified on a 2026 export (docs/methodology.md, «Отчёты ФИС ОКО»). */
export function markColumns(header: ReportHeader): MetricColumn[] {
  const columns: MetricColumn[] = [];
  header.labels.forEach((label, index) => {
    const mark = MARK.exec(lastToken(label));
    if (mark && index !== header.labelColumn) columns.push({ index, metric: `pct_${mark[1]}`, kind: 'pct', header: header.texts[index] });
  });
  return columns;
}

/** «Статистика по отметкам»: Группы участников | Кол-во ОО | Кол-во участников | 2 | 3 | 4 | 5. */
export function parseMarks(ctx: ParseContext, sheet: SheetGrid, headerRow: number): AggValue[] {
  const header = readHeader(sheet, headerRow);
  const columns = [...countColumns(header), ...markColumns(header)];
  return readEntityRows(ctx, sheet, header.firstDataRow, columns, new EntityReader());
}
