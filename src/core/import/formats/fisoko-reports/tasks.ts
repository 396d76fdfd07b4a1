import { cellInteger, isBlank, normalizeHeader } from '../../cells.ts';
import { parseTaskHeader } from '../../work/task-header.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import { EntityReader } from './entities.ts';
import { labelOf, rowAt } from './grid.ts';
import type { ReportHeader } from './header.ts';
import { countColumns, lastToken, readHeader } from './header.ts';
import type { AggValue, MetricColumn, ParseContext, ReportTask } from './parsed.ts';
import { readEntityRows } from './table.ts';

const BARE_TASK = /^(\d+(?:[.,]\d+)?(?:[кk]\d+)?)$/i;

export interface TaskColumnRef extends MetricColumn {
  code: string;
  /** from «9.1 (1б)» in the header, else from a maxima row */
  max: number | null;
}

function normaliseCode(code: string): string {
  return code.replace(',', '.').replace(/[Кк]/, 'К').replace(/[Kk]/, 'К');
}

/** Task columns: «9.1 (1б)» or a bare code «9.1» / «4К1» (values: average % completion) [R]. */
export function taskColumns(header: ReportHeader): TaskColumnRef[] {
  const columns: TaskColumnRef[] = [];
  header.labels.forEach((label, index) => {
    if (index === header.labelColumn) return;
    const withMax = parseTaskHeader(header.texts[index]);
    const bare = BARE_TASK.exec(lastToken(label));
    const code = withMax ? withMax.code : bare ? normaliseCode(bare[1]) : null;
    if (code === null) return;
    columns.push({ index, metric: `task:${code}`, kind: 'pct', header: header.texts[index], code, max: withMax?.max ?? null });
  });
  return columns;
}

// «Макс. балл», «Максимальный балл» — not the title block's «Максимальный первичный балл:».
const MAX_LABEL = /^макс(\.|имальный)?\s*балл(?!.*:$)/;
const MAX_SEARCH = 3;

/**
 * Task maxima may be a row of their own [R]: labelled «Макс. балл» within three rows of the header,
 * or an unlabelled row of whole numbers right under the header.
 */
function findMaxRow(sheet: SheetGrid, header: ReportHeader, columns: readonly TaskColumnRef[]): number {
  const first = Math.min(...columns.map((column) => column.index));
  const top = header.rows[0];
  for (let r = Math.max(0, top - MAX_SEARCH); r <= header.firstDataRow + MAX_SEARCH; r++) {
    if (header.rows.includes(r)) continue;
    const label = labelOf(rowAt(sheet, r), first);
    if (label && MAX_LABEL.test(normalizeHeader(label.text))) return r;
  }
  const under = rowAt(sheet, header.firstDataRow);
  const unlabelled = !labelOf(under, first);
  const numeric = columns.every((column) => isBlank(under[column.index]) || cellInteger(under[column.index]) !== undefined);
  const filled = columns.some((column) => !isBlank(under[column.index]));
  return unlabelled && numeric && filled ? header.firstDataRow : -1;
}

export function readTaskMaxima(sheet: SheetGrid, header: ReportHeader, columns: TaskColumnRef[]): { tasks: ReportTask[]; firstDataRow: number } {
  const maxRow = findMaxRow(sheet, header, columns);
  const maxCells = maxRow >= 0 ? rowAt(sheet, maxRow) : [];
  const tasks = columns.map((column, i) => ({
    code: column.code,
    position: i + 1,
    max: column.max ?? cellInteger(maxCells[column.index]) ?? null,
    skill: null,
  }));
  return { tasks, firstDataRow: maxRow === header.firstDataRow ? maxRow + 1 : header.firstDataRow };
}

/** «Выполнение заданий»: Группы участников | Кол-во ОО | Кол-во участников | 1 | 2 | … (values %) [R]. */
export function parseTasks(ctx: ParseContext, sheet: SheetGrid, headerRow: number): { values: AggValue[]; tasks: ReportTask[] } {
  const header = readHeader(sheet, headerRow);
  const columns = taskColumns(header);
  const { tasks, firstDataRow } = readTaskMaxima(sheet, header, columns);
  const values = readEntityRows(ctx, sheet, firstDataRow, [...countColumns(header), ...columns], new EntityReader());
  return { values, tasks };
}
