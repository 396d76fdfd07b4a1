import { cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import { EntityReader } from './entities.ts';
import type { ReportEntity } from './entities.ts';
import { findRow, rowAt } from './grid.ts';
import type { ReportHeader } from './header.ts';
import { countColumns, findGroupsHeaderRow, readHeader } from './header.ts';
import type { AggValue, MetricColumn, ParseContext } from './parsed.ts';
import { readEntityRows } from './table.ts';
import { metricValue } from './values.ts';

const TOTAL = /^всего:?$/;

type Direction = 'lowered' | 'confirmed' | 'raised';

const DIRECTIONS: ReadonlyArray<[RegExp, Direction]> = [
  [/^понизил/, 'lowered'],
  [/^подтвердил/, 'confirmed'],
  [/^повысил/, 'raised'],
];

function directionOf(folded: string): Direction | undefined {
  return DIRECTIONS.find(([pattern]) => pattern.test(folded))?.[1];
}

/** «Понизили (Отметка < Отметка по журналу) %» → lowered_pct; «… Кол-во участников» → lowered_n. */
function directionColumns(header: ReportHeader): MetricColumn[] {
  const columns: MetricColumn[] = [];
  header.labels.forEach((label, index) => {
    const direction = directionOf(label);
    if (!direction) return;
    const isCount = /кол-?во|количество|число/.test(label);
    if (!isCount && !label.includes('%')) return;
    columns.push({ index, metric: `${direction}_${isCount ? 'n' : 'pct'}`, kind: isCount ? 'count' : 'pct', header: header.texts[index] });
  });
  return columns;
}

/** The 2024+ layout: one row per entity, direction columns (verified: docs/methodology.md, «Отчёты ФИС ОКО»). */
export function isHorizontalJournal(header: ReportHeader): boolean {
  return directionColumns(header).length > 0;
}

/** The 2021 layout: direction words are row labels below the header. */
export function findVerticalJournalStart(sheet: SheetGrid): number {
  return findRow(sheet, (cells) => cells.some((cell) => directionOf(cell) !== undefined), 0, 60);
}

export function parseHorizontalJournal(ctx: ParseContext, sheet: SheetGrid, headerRow: number): AggValue[] {
  const header = readHeader(sheet, headerRow);
  const columns = [...countColumns(header), ...directionColumns(header)];
  return readEntityRows(ctx, sheet, header.firstDataRow, columns, new EntityReader());
}

/**
 * The 2021 vertical layout (VPR21): each entity is a block of rows «Понизили…», «Подтвердили…»,
 * «Повысили…», «Всего» with columns «Кол-во участников» and «%». Assumed [I], to be tolerant:
 * - the entity's label is either a row of its own above the block, or a text cell left of the
 *   direction label in the block's first row (a merged cell spanning the block);
 * - the columns are found by header text («Кол-во участников», «%») in the nearest header row
 *   above (repeated per block or once); without such a header, the first number right of the
 *   direction label is the count and the next one the share;
 * - «Всего» gives n; its % (100) is not stored.
 */
export function parseVerticalJournal(ctx: ParseContext, sheet: SheetGrid): AggValue[] {
  const entities = new EntityReader();
  const values: AggValue[] = [];
  let entity: ReportEntity | undefined;
  let countColumn: number | undefined;
  let pctColumn: number | undefined;
  let pendingLabel: string | undefined;
  const start = Math.max(0, findGroupsHeaderRow(sheet));
  for (let r = start; r < sheet.rows.length; r++) {
    const row = rowAt(sheet, r);
    const folded = row.map(normalizeHeader);
    const kindAt = folded.findIndex((cell) => directionOf(cell) !== undefined || TOTAL.test(cell));
    if (kindAt < 0) {
      const count = folded.findIndex((cell) => /^(кол-?во|количество|число) участников/.test(cell));
      const pct = folded.findIndex((cell) => cell === '%' || cell === 'доля, %' || cell === '% участников');
      if (count >= 0 || pct >= 0) {
        countColumn = count >= 0 ? count : countColumn;
        pctColumn = pct >= 0 ? pct : pctColumn;
        continue;
      }
      const text = row.find((cell) => !isBlank(cell) && typeof cell === 'string');
      // Title-block captions («Дата:») and the header's own caption are not entities.
      if (text !== undefined && !/^групп[аы] участников|:$/.test(normalizeHeader(text))) pendingLabel = cellText(text);
      continue;
    }
    const inlineLabel = row.slice(0, kindAt).find((cell) => !isBlank(cell));
    if (inlineLabel !== undefined) entity = entities.read(cellText(inlineLabel));
    else if (pendingLabel !== undefined) entity = entities.read(pendingLabel);
    pendingLabel = undefined;
    if (!entity) continue;
    const kind = directionOf(folded[kindAt]);
    const numbers = row.map((cell, c) => ({ cell, c })).filter(({ c, cell }) => c > kindAt && !isBlank(cell));
    const countCell = countColumn !== undefined ? { cell: row[countColumn], c: countColumn } : numbers[0];
    const pctCell = pctColumn !== undefined ? { cell: row[pctColumn], c: pctColumn } : numbers[1];
    const column = (c: number, metric: string, k: 'count' | 'pct'): MetricColumn => ({
      index: c,
      metric,
      kind: k,
      header: cellText(rowAt(sheet, start)[c]) || (k === 'count' ? 'Кол-во участников' : '%'),
    });
    const prefix = kind ?? 'total';
    if (countCell) {
      const value = metricValue(ctx, countCell.cell, r + 1, column(countCell.c, `${prefix}_n`, 'count'));
      if (value !== undefined) values.push({ entity, metric: kind ? `${kind}_n` : 'n', value });
    }
    if (pctCell && kind) {
      const value = metricValue(ctx, pctCell.cell, r + 1, column(pctCell.c, `${kind}_pct`, 'pct'));
      if (value !== undefined) values.push({ entity, metric: `${kind}_pct`, value });
    }
  }
  return values;
}
