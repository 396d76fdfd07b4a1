/**
 * The shape limits of a sheet (limits.ts says why): values in at most MAX_COLUMNS columns, at most
 * MAX_CELL_CHARS characters in a cell. Every reader checks them as it reads — the CSV reader cell by
 * cell (csv-reader.ts), SheetJS and the streaming XLSX reader on their cells before a grid is built
 * (checkSheetCells) — so a file over a limit is refused, naming the file, sheet, row and column,
 * before any preview, layout detection or table sees it.
 */
import type { Cell } from '../cells.ts';
import { MAX_CELL_CHARS, MAX_COLUMNS } from '../limits.ts';
import { columnLetter, fileError } from '../messages.ts';
import type { ImportError } from '../types.ts';

const count = (n: number) => n.toLocaleString('ru-RU');

/** Where a limit was broken: 0-based row and column of the cell. */
export class ShapeLimit extends Error {
  constructor(
    readonly kind: 'columns' | 'cell',
    readonly row: number,
    readonly column: number,
  ) {
    super(`${kind} limit at row ${row + 1}, column ${column + 1}`);
    this.name = 'ShapeLimit';
  }
}

/** The Russian refusal for a broken limit, naming the file, sheet, row and column. */
export function shapeError(file: string, sheet: string, limit: ShapeLimit): ImportError {
  const place = { file, sheet, row: limit.row + 1, column: columnLetter(limit.column) };
  if (limit.kind === 'columns') {
    return fileError(
      'too-large',
      place,
      `значение в ${count(limit.column + 1)}-м столбце, а Око принимает листы не шире ${count(MAX_COLUMNS)} столбцов — больше не вмещает таблица базы SQLite. ` +
        'Удалите лишние столбцы или разделите лист на несколько и загрузите их по очереди.',
    );
  }
  return fileError(
    'too-large',
    place,
    `в ячейке больше ${count(MAX_CELL_CHARS)} знаков — столько не вмещает ячейка Excel, и Око такие ячейки не принимает. ` +
      'Часто так бывает, когда в CSV не закрыта кавычка и весь остаток файла попал в одну ячейку. Исправьте файл и загрузите его снова.',
  );
}

/** A cell that is there for its formatting only: no reason to refuse a sheet. */
const blank = (value: unknown) => value === null || value === undefined || value === '' || (typeof value === 'string' && value.trim() === '');

/**
 * Throws the first broken limit among a sheet's cells, read through `value` (SheetJS keeps cell
 * objects, the streaming reader plain values). Rows are sparse arrays; the width is checked
 * only when a row is longer than the limit, so a normal sheet costs one look at each string.
 */
export function checkSheetCells<T>(rows: ArrayLike<ArrayLike<T | undefined> | undefined>, value: (cell: T) => Cell): void {
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    if (!row) continue;
    const width = row.length;
    for (let c = 0; c < width; c++) {
      const cell = row[c];
      if (cell === undefined) continue;
      const v = value(cell);
      if (c >= MAX_COLUMNS && !blank(v)) throw new ShapeLimit('columns', r, c);
      if (typeof v === 'string' && v.length > MAX_CELL_CHARS) throw new ShapeLimit('cell', r, c);
    }
  }
}
