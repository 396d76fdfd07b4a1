import type { Cell } from '../../cells.ts';
import { cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { SheetGrid } from '../../read/workbook.ts';

/** How far down a header may sit: title block (6 rows) plus a few spare rows. */
export const HEADER_SCAN_ROWS = 30;

export function rowAt(sheet: SheetGrid, r: number): readonly Cell[] {
  return sheet.rows[r] ?? [];
}

export function foldedCells(row: readonly Cell[]): string[] {
  return row.map(normalizeHeader);
}

export function isBlankRow(row: readonly Cell[]): boolean {
  return row.every(isBlank);
}

/** The first row within the scan window whose folded cells satisfy `test`; -1 if none. */
export function findRow(sheet: SheetGrid, test: (folded: string[]) => boolean, from = 0, limit = HEADER_SCAN_ROWS): number {
  const end = Math.min(sheet.rows.length, from + limit);
  for (let r = from; r < end; r++) if (test(foldedCells(rowAt(sheet, r)))) return r;
  return -1;
}

export function width(sheet: SheetGrid, rows: readonly number[]): number {
  return Math.max(0, ...rows.map((r) => rowAt(sheet, r).length));
}

/**
 * Column labels of a header that spans several rows (merged cells keep their text in the first
 * cell only, so a top label is carried right over the blanks of its span). Returns the folded
 * labels joined top to bottom with a space.
 */
export function bandLabels(sheet: SheetGrid, rows: readonly number[]): string[] {
  const n = width(sheet, rows);
  const parts: string[][] = Array.from({ length: n }, () => []);
  rows.forEach((r, k) => {
    const row = rowAt(sheet, r);
    let carried = '';
    for (let c = 0; c < n; c++) {
      const text = normalizeHeader(row[c]);
      if (text) carried = text;
      // Only rows above the last one are spread over merges; the last row labels each column itself.
      const label = text || (k < rows.length - 1 ? carried : '');
      if (label) parts[c].push(label);
    }
  });
  return parts.map((labels) => labels.join(' '));
}

/** Text of a row's label cell: the first non-blank cell left of `before`. */
export function labelOf(row: readonly Cell[], before: number): { text: string; index: number } | undefined {
  for (let c = 0; c < Math.min(before, row.length); c++) {
    if (!isBlank(row[c])) return { text: cellText(row[c]), index: c };
  }
  return undefined;
}
