import { cellInteger, cellText, isBlank, normalizeHeader } from '../../cells.ts';
import { inRows } from '../../messages.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import { EntityReader, isWholeSample } from './entities.ts';
import { findRow, rowAt } from './grid.ts';
import { reportNumber } from './numbers.ts';
import type { AggValue, MetricColumn, ParseContext, ReportTask } from './parsed.ts';
import { placeOf } from './parsed.ts';
import { metricValue } from './values.ts';

// «Макс балл», «Макс. балл», «Максимальный балл» — not the title block's «Максимальный первичный балл:».
const MAX_HEADER = /^макс(\.|имальный)?\s*балл(?!.*первичн)/;
const REQUIREMENT_HEADER = /блоки|требовани|умени|планируем|результат|проверяем/;
const NUMBER_HEADER = /^(№|номер|задани)/;
const CAPTION = /средн|% выполнени|выполнени/;
const LEADING_CODE = /^(\d+(?:[.,]\d+)?(?:\s*[кk]\s*\d+)?)\s*[.)]?\s+(.*)$/is;
const BAND_DEPTH = 3;

export function findPlannedHeaderRow(sheet: SheetGrid): number {
  return findRow(sheet, (cells) => cells.some((cell) => MAX_HEADER.test(cell)) && cells.some((cell) => REQUIREMENT_HEADER.test(cell)));
}

function normaliseCode(code: string): string {
  return code
    .replace(/\s+/g, '')
    .replace(',', '.')
    .replace(/[КкKk]/, 'К');
}

interface EntityColumn {
  index: number;
  name: string;
  /** «1722202 уч.» under the name, if the band has it */
  count: number | undefined;
}

/**
 * «Достижение планируемых результатов» [R], assumed layout:
 *   header: [№] | Блоки ПООП … / проверяемые требования (умения) | Макс балл | <entity> | <entity> …
 * with up to two more header rows under it (requirement and max cells blank): a merged caption
 * «Средний % выполнения» above the entity names, and/or a row of participant counts («30216 уч.»).
 * Entity columns (РФ, регион, МО, ОО in either order) are named like the row labels of the other
 * reports. Each task row: the code from «№» or from the start of the requirement («1К1. Умение…»),
 * the requirement text → assessment_task.skill, the max → max_score, % per entity → task:<code>.
 */
export function parsePlanned(ctx: ParseContext, sheet: SheetGrid, headerRow: number): { values: AggValue[]; tasks: ReportTask[]; warnings: string[] } {
  const header = rowAt(sheet, headerRow).map(normalizeHeader);
  const maxColumn = header.findIndex((cell) => MAX_HEADER.test(cell));
  const requirementColumn = header.findIndex((cell) => REQUIREMENT_HEADER.test(cell) && !MAX_HEADER.test(cell));
  const numberColumn = header.findIndex((cell, c) => NUMBER_HEADER.test(cell) && c !== requirementColumn);
  const band = [headerRow];
  for (let r = headerRow + 1; r <= headerRow + BAND_DEPTH; r++) {
    const row = rowAt(sheet, r);
    if (!isBlank(row[requirementColumn]) || !isBlank(row[maxColumn]) || row.every(isBlank)) break;
    band.push(r);
  }
  const columns = entityColumns(sheet, band, maxColumn);
  // The sheet lists РФ first or last; entities are read from the broadest down.
  const broadFirst = columns.length < 2 || !isWholeSample(columns[columns.length - 1].name);
  const reader = new EntityReader();
  const entities = (broadFirst ? columns : [...columns].reverse()).map((column) => ({ column, entity: reader.read(column.name) }));

  const values: AggValue[] = [];
  for (const { column, entity } of entities) if (column.count !== undefined) values.push({ entity, metric: 'n', value: column.count });

  const tasks: ReportTask[] = [];
  const uncoded: number[] = [];
  const repeated: number[] = [];
  for (let r = band[band.length - 1] + 1; r < sheet.rows.length; r++) {
    const row = rowAt(sheet, r);
    const requirement = cellText(row[requirementColumn]);
    const hasNumbers = entities.some(({ column }) => reportNumber(row[column.index]) !== undefined);
    if (!hasNumbers) continue;
    let code = numberColumn >= 0 ? cellText(row[numberColumn]) : '';
    let skill = requirement;
    const leading = LEADING_CODE.exec(requirement);
    if (!code && leading) [code, skill] = [leading[1], leading[2].trim()];
    if (!code) {
      uncoded.push(r + 1);
      continue;
    }
    code = normaliseCode(code);
    if (tasks.some((task) => task.code === code)) {
      repeated.push(r + 1);
      continue;
    }
    tasks.push({ code, position: tasks.length + 1, max: cellInteger(row[maxColumn]) ?? null, skill: skill || null });
    for (const { column, entity } of entities) {
      const metric: MetricColumn = { index: column.index, metric: `task:${code}`, kind: 'pct', header: column.name };
      const value = metricValue(ctx, row[column.index], r + 1, metric);
      if (value !== undefined) values.push({ entity, metric: metric.metric, value });
    }
  }
  const warnings: string[] = [];
  const where = placeOf(ctx);
  if (uncoded.length) {
    warnings.push(
      `Лист «${where.sheet}»: ${inRows(uncoded)} не удалось определить номер задания (нет столбца «№» и номер не стоит в начале текста требования) — эти строки пропущены.`,
    );
  }
  if (repeated.length) warnings.push(`Лист «${where.sheet}»: номер задания повторяется ${inRows(repeated)} — загружена только первая строка каждого задания.`);
  return { values, tasks, warnings };
}

function entityColumns(sheet: SheetGrid, band: readonly number[], maxColumn: number): EntityColumn[] {
  const widthOfBand = Math.max(...band.map((r) => rowAt(sheet, r).length));
  const columns: EntityColumn[] = [];
  for (let c = maxColumn + 1; c < widthOfBand; c++) {
    let name = '';
    let count: number | undefined;
    for (const r of band) {
      const cell = rowAt(sheet, r)[c];
      if (isBlank(cell)) continue;
      const n = reportNumber(cell);
      if (n !== undefined) count = n;
      else if (!CAPTION.test(normalizeHeader(cell))) name = cellText(cell);
    }
    if (name) columns.push({ index: c, name, count });
  }
  return columns;
}
