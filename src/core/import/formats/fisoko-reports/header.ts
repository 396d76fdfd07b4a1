import { cellNumber, cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import { bandLabels, findRow, rowAt } from './grid.ts';
import type { MetricColumn } from './parsed.ts';

export interface ReportHeader {
  /** 0-based rows of the header band (one or two rows) */
  rows: number[];
  /** per column: folded labels of the band joined top to bottom */
  labels: string[];
  /** per column: the text as written (lowest non-blank cell of the band), for messages */
  texts: string[];
  /** column of «Группы участников» */
  labelColumn: number;
  firstDataRow: number;
}

const GROUPS = /^групп[аы] участников/;

export function findGroupsHeaderRow(sheet: SheetGrid): number {
  return findRow(sheet, (cells) => cells.some((cell) => GROUPS.test(cell)));
}

/**
 * Row h+1 continues the header when its label cell is blank and it labels a column row h left
 * blank (merged captions over «%» / «Кол-во участников», or over the scores 0…max), or holds text
 * such as «%». A row of bare numbers under already labelled columns (task maxima) is not header.
 */
function continuesHeader(sheet: SheetGrid, h: number, labelColumn: number): boolean {
  const top = rowAt(sheet, h);
  const next = rowAt(sheet, h + 1);
  if (!isBlank(next[labelColumn])) return false;
  let continues = false;
  for (let c = 0; c < next.length; c++) {
    if (c === labelColumn || isBlank(next[c])) continue;
    if (isBlank(top[c]) || cellNumber(next[c]) === undefined) continues = true;
  }
  return continues;
}

export function readHeader(sheet: SheetGrid, headerRow: number): ReportHeader {
  const labelColumn = Math.max(
    0,
    rowAt(sheet, headerRow).findIndex((cell) => GROUPS.test(normalizeHeader(cell))),
  );
  const rows = continuesHeader(sheet, headerRow, labelColumn) ? [headerRow, headerRow + 1] : [headerRow];
  const labels = bandLabels(sheet, rows);
  const texts = labels.map((_, c) => {
    for (const r of [...rows].reverse()) if (!isBlank(rowAt(sheet, r)[c])) return cellText(rowAt(sheet, r)[c]);
    return '';
  });
  return { rows, labels, texts, labelColumn, firstDataRow: rows[rows.length - 1] + 1 };
}

/** The last word of a band label: «первичный балл 15» → '15', «отметка «4»» → '«4»'. */
export function lastToken(label: string): string {
  const parts = label.split(' ');
  return parts[parts.length - 1] ?? '';
}

/** «Кол-во ОО» → n_oo, «Кол-во участников» / «Кол-во участников(всего)» → n. */
export function countColumns(header: ReportHeader): MetricColumn[] {
  const columns: MetricColumn[] = [];
  header.labels.forEach((label, index) => {
    if (/^кол-?во оо(\s|$)/.test(label)) columns.push({ index, metric: 'n_oo', kind: 'count', header: header.texts[index] });
    else if (/^(кол-?во|количество|число) участников/.test(label)) columns.push({ index, metric: 'n', kind: 'count', header: header.texts[index] });
  });
  return columns;
}
