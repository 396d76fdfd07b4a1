import type { SheetGrid } from '../../read/workbook.ts';
import { EntityReader } from './entities.ts';
import type { ReportHeader } from './header.ts';
import { countColumns, lastToken, readHeader } from './header.ts';
import type { AggValue, MetricColumn, ParseContext } from './parsed.ts';
import { readEntityRows } from './table.ts';

/**
 * Score columns 0 | 1 | … | max. [R] assumed from TIKI's derived table and the other reports: the
 * scores are the header cells (or the row under a merged «Первичный балл» caption), values are %.
 */
export function scoreColumns(header: ReportHeader): MetricColumn[] {
  const columns: MetricColumn[] = [];
  header.labels.forEach((label, index) => {
    const token = lastToken(label);
    if (index !== header.labelColumn && /^\d{1,3}$/.test(token)) {
      columns.push({ index, metric: `score:${Number(token)}`, kind: 'pct', header: header.texts[index] });
    }
  });
  return columns;
}

/** True when the numeric columns read as a score scale starting at 0 (not marks 2–5, not tasks 1…n). */
export function looksLikeScores(header: ReportHeader): boolean {
  const scores = scoreColumns(header).map((column) => Number(column.metric.slice('score:'.length)));
  return scores.length >= 3 && scores[0] === 0 && scores.every((score, i) => score === i);
}

/** «Распределение первичных баллов»: Группы участников | Кол-во ОО | Кол-во участников | 0 | 1 | … */
export function parseHist(ctx: ParseContext, sheet: SheetGrid, headerRow: number): { values: AggValue[]; maxScore: number | null } {
  const header = readHeader(sheet, headerRow);
  const scores = scoreColumns(header);
  const values = readEntityRows(ctx, sheet, header.firstDataRow, [...countColumns(header), ...scores], new EntityReader());
  const maxScore = scores.length ? Number(scores[scores.length - 1].metric.slice('score:'.length)) : null;
  return { values, maxScore };
}
