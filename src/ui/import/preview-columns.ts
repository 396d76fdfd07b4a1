/**
 * Columns under a header row the user picked in the preview of «Открыть как таблицу…».
 *
 * The engine infers names and types over the whole sheet for the suggested header row
 * (core/import/formats/user-table/importer.ts suggestColumns). When the user clicks another row, this guesses
 * again over the preview rows only (the first 30): instant, and without SheetJS in the page.
 * The import itself checks every cell and names any that does not fit the chosen type.
 */
import { distinctNames, suggestIdentifier } from '../../core/import/formats/user-table/names.ts';
import type { PreviewCell, UserColumn, UserColumnType } from '../../core/import/formats/user-table/importer.ts';

export const TYPE_CHOICES: Array<{ type: UserColumnType; label: string }> = [
  { type: 'INTEGER', label: 'целое' },
  { type: 'REAL', label: 'дробное' },
  { type: 'DATE', label: 'дата' },
  { type: 'TEXT', label: 'текст' },
];

const INTEGER = /^[-+]?(0|[1-9]\d*)$/;
// «12,5», «1 234,5», «3.25»; not «0012» (a code: a number would lose its zeros)
const DECIMAL = /^[-+]?(?:0|[1-9]\d{0,2}(?:[\s\u00a0]\d{3})+|[1-9]\d*)(?:[.,]\d+)?$/;
const DATE = /^(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})$/;

function blank(cell: PreviewCell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function cellString(cell: PreviewCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  return String(cell)
    .replace(/\u00a0/g, ' ')
    .trim();
}

function kindOf(cell: PreviewCell): UserColumnType {
  if (typeof cell === 'number') return Number.isSafeInteger(cell) ? 'INTEGER' : 'REAL';
  const text = cellString(cell);
  if (INTEGER.test(text) && Number.isSafeInteger(Number(text))) return 'INTEGER';
  if (DECIMAL.test(text)) return 'REAL';
  if (DATE.test(text)) return 'DATE';
  return 'TEXT';
}

/** The narrowest type every filled cell fits: INTEGER ⊂ REAL; DATE and TEXT stand alone. */
export function guessType(cells: Iterable<PreviewCell | undefined>): UserColumnType {
  let type: UserColumnType | undefined;
  for (const cell of cells) {
    if (blank(cell)) continue;
    const kind = kindOf(cell as PreviewCell);
    if (type === undefined || type === kind) type = kind;
    else if ((type === 'INTEGER' && kind === 'REAL') || (type === 'REAL' && kind === 'INTEGER')) type = 'REAL';
    else return 'TEXT';
  }
  return type ?? 'TEXT';
}

/** Names (from the header text) and types (from the rows below) of every used column. */
export function previewColumns(rows: readonly PreviewCell[][], headerRow: number): UserColumn[] {
  const header = rows[headerRow] ?? [];
  const body = rows.slice(headerRow + 1).filter((row) => row.some((cell) => !blank(cell)));
  const width = Math.max(header.length, ...body.map((row) => row.length), 0);
  const used = Array.from({ length: width }, (_, c) => c).filter((c) => !blank(header[c]) || body.some((row) => !blank(row[c])));
  const names = distinctNames(used.map((c) => suggestIdentifier(cellString(header[c]), `столбец_${c + 1}`)));
  return used.map((c, i) => ({ source: c, header: cellString(header[c]), name: names[i], type: guessType(body.map((row) => row[c])) }));
}

/** «A», «B», … «AA»: the column letter Excel shows. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
