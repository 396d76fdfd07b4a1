import { CellReader } from './cell-values.ts';
import { cellText } from '../../cells.ts';
import type { ColumnRef, HeaderMatcher } from '../../columns.ts';
import { findTaskColumns, mapColumns, refuseDuplicateColumns } from '../../columns.ts';
import type { Detection } from './detect.ts';
import { FORM_2022_COLUMNS, FORM_2026_COLUMNS } from '../../formats.ts';
import { missingColumn, inRows } from '../../messages.ts';
import type { ParsedSheet, ParticipantRow, TaskDef } from '../../work/records.ts';
import { hasTaskValues, noTaskCells, readTaskCells } from './task-cells.ts';

const USE_TEMPLATE = 'Заполните результаты в исходном шаблоне «Формы сбора результатов», не удаляя и не переименовывая столбцы, и загрузите файл снова.';

type FormColumns = Partial<Record<keyof typeof FORM_2022_COLUMNS | keyof typeof FORM_2026_COLUMNS, ColumnRef>>;

/**
 * ВПР «Форма сбора результатов», sheet «Протокол», 2026 and 2022 layouts (docs/methodology.md,
 * «Форма сбора результатов» ВПР).
 * The template is pre-sized with empty rows (showing «Итого баллов» 0): rows without a
 * participant code are not participants.
 */
export function parseVprForm(file: string, { format, sheet, headerRow }: Detection): ParsedSheet {
  const header = sheet.rows[headerRow];
  const layout: Record<string, readonly HeaderMatcher[]> = format === 'vpr_form_2026' ? FORM_2026_COLUMNS : FORM_2022_COLUMNS;
  const columns: FormColumns = mapColumns(header, layout);
  const place = { file, sheet: sheet.name, row: headerRow + 1 };
  refuseDuplicateColumns(header, layout, place, true);
  const participant = columns.participant;
  if (!participant) throw missingColumn({ ...place, column: format === 'vpr_form_2026' ? 'Код участника' : 'Код' }, USE_TEMPLATE);
  const variantColumn = columns.variant;
  if (!variantColumn) throw missingColumn({ ...place, column: 'Вариант' }, USE_TEMPLATE);
  const taskColumns = findTaskColumns(header);
  if (taskColumns.length === 0) {
    throw missingColumn({ ...place, column: '1 (1б)' }, `Не найдено ни одного столбца задания вида «1 (2б)». ${USE_TEMPLATE}`);
  }
  const tasks: TaskDef[] = taskColumns.map((task) => ({ ...task, difficulty: null }));
  const maxPrimary = tasks.reduce((sum, task) => sum + task.max, 0);

  const reader = new CellReader(file, sheet.name);
  const rows: ParticipantRow[] = [];
  const orphanRows: number[] = [];
  const absentWithScores: number[] = [];
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r];
    if (!cells || cells.length === 0) continue;
    const excelRow = r + 1;
    const code = reader.participantCode(cells[participant.index]);
    if (code === null) {
      if (hasTaskValues(cells, tasks)) orphanRows.push(excelRow);
      continue;
    }
    const { variant, absent } = reader.variant(cells[variantColumn.index]);
    if (absent && hasTaskValues(cells, tasks)) absentWithScores.push(excelRow);
    const taskCells = absent ? noTaskCells(tasks.length) : readTaskCells(reader, cells, excelRow, tasks);
    const ordinal = columns.classOrdinal ? reader.klass(cells[columns.classOrdinal.index]) : { ordinal: null, label: null };
    const label = columns.classLabel ? cellText(cells[columns.classLabel.index]) || null : null;
    rows.push({
      row: excelRow,
      schoolLogin: columns.user ? reader.login(cells[columns.user.index], excelRow, columns.user) : null,
      schoolName: null,
      municipalityName: null,
      participantCode: code,
      classOrdinal: ordinal.ordinal,
      classLabel: label ?? ordinal.label,
      variant,
      absent,
      scores: taskCells.scores,
      raws: taskCells.raws,
      taskSum: taskCells.sum,
      statedPrimary: columns.total && !absent ? reader.primary(cells[columns.total.index], excelRow, columns.total, maxPrimary) : null,
      statedMark: null,
      journalMark: columns.journal ? reader.journalMark(cells[columns.journal.index], excelRow, columns.journal) : null,
      primaryScore: null,
      mark: null,
    });
  }

  const warnings: string[] = [];
  if (orphanRows.length) {
    warnings.push(`Лист «${sheet.name}»: ${inRows(orphanRows)} есть баллы, но нет кода участника — такие строки пропущены.`);
  }
  if (absentWithScores.length) {
    warnings.push(`Лист «${sheet.name}»: ${inRows(absentWithScores)} участник отмечен как «отсутствовал», но указаны баллы — баллы не загружены.`);
  }
  return {
    format,
    sheet: sheet.name,
    headerRow: headerRow + 1,
    work: { maxPrimary },
    tasks,
    rows,
    participantColumn: participant.header,
    schoolColumn: columns.user?.header ?? null,
    warnings,
  };
}
