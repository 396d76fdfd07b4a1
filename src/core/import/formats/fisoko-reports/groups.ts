import { cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import type { ReportEntity } from './entities.ts';
import { EntityReader } from './entities.ts';
import { rowAt } from './grid.ts';
import { countColumns, readHeader } from './header.ts';
import type { AggValue, ParseContext, ReportTask } from './parsed.ts';
import { readTaskMaxima, taskColumns } from './tasks.ts';
import { metricValue } from './values.ts';

const GROUP_WORDS = /групп[аы]|участников|получивших|отметк[аиуео]й?|баллов|с|на|[,«»"“”:]|\(.*?\)/g;

/** «2», «Группа «2»», «Группа участников, получивших отметку «5»» → '2'…'5'. */
export function markGroupOf(text: string): string | undefined {
  const rest = normalizeHeader(text).replace(GROUP_WORDS, ' ').trim();
  return /^[2-5]$/.test(rest) ? rest : undefined;
}

/**
 * «Выполнение заданий группами участников» [R], assumed layout: the «Выполнение заданий» header
 * (Группы участников | Кол-во участников | task columns, maxima as there), then per entity a caption
 * or data row («Вся выборка», region, «…(reg…)», «…(edu…)») followed by rows for the mark groups
 * 2, 3, 4, 5 — the group either as the row label or in a column next to a (merged) entity label.
 * Metrics: `mark<g>:task:<code>` and `mark<g>:n`; an entity's own row gives `task:<code>` and `n`.
 */
export function parseGroups(ctx: ParseContext, sheet: SheetGrid, headerRow: number): { values: AggValue[]; tasks: ReportTask[] } {
  const header = readHeader(sheet, headerRow);
  const tasks = taskColumns(header);
  const { tasks: taskDefs, firstDataRow } = readTaskMaxima(sheet, header, tasks);
  const columns = [...countColumns(header), ...tasks];
  const firstMetric = Math.min(...columns.map((column) => column.index));
  const reader = new EntityReader();
  const values: AggValue[] = [];
  let current: ReportEntity | undefined;
  for (let r = firstDataRow; r < sheet.rows.length; r++) {
    const row = rowAt(sheet, r);
    const labels = row
      .slice(0, firstMetric)
      .filter((cell) => !isBlank(cell))
      .map(cellText);
    if (labels.length === 0 || /^макс/i.test(labels[0])) continue;
    const group = labels.map(markGroupOf).find((g) => g !== undefined);
    const entityLabel = labels.find((label) => markGroupOf(label) === undefined);
    const found: AggValue[] = [];
    if (entityLabel !== undefined) current = reader.read(entityLabel);
    if (!current) continue;
    for (const column of columns) {
      const value = metricValue(ctx, row[column.index], r + 1, column);
      if (value !== undefined) found.push({ entity: current, metric: group ? `mark${group}:${column.metric}` : column.metric, value });
    }
    values.push(...found);
  }
  return { values, tasks: taskDefs };
}
