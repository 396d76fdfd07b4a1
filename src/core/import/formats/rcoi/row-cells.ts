import type { Cell } from '../../cells.ts';
import { cellInteger, cellNumber, cellText, isBlank } from '../../cells.ts';
import type { ColumnRef } from '../../columns.ts';
import { invalidValue } from '../../messages.ts';
import type { Place } from '../../messages.ts';
import type { Block, FieldColumns } from './blocks.ts';
import type { RcoiField } from './headers.ts';
import type { MaskScore } from './masks.ts';
import { MaskProblem, parseScoredMask, parseShortMask } from './masks.ts';

/**
 * Cells of one data row, read by header field and checked. Every failure is an 'invalid-value'
 * ImportError naming file, sheet, row and column.
 */
export class RowCells {
  constructor(
    private readonly place: Place,
    private readonly fields: FieldColumns,
    private readonly cells: readonly Cell[],
    readonly row: number,
  ) {}

  /** file, sheet and row: for problems with the row as a whole */
  placeOfRow(): Place {
    return { ...this.place, row: this.row };
  }

  private column(field: RcoiField): ColumnRef | undefined {
    return this.fields[field];
  }

  raw(field: RcoiField): Cell {
    const column = this.column(field);
    return column ? this.cells[column.index] : null;
  }

  fail(field: RcoiField, problem: string, advice?: string): never {
    const column = this.column(field)!;
    throw invalidValue({ ...this.place, row: this.row, column: column.header }, cellText(this.cells[column.index]), problem, advice);
  }

  text(field: RcoiField): string | null {
    const value = this.raw(field);
    return isBlank(value) ? null : cellText(value);
  }

  /** Codes stay text; a code stored as a number (9306, 9306.0) loses nothing but the type. */
  code(field: RcoiField): string | null {
    const value = this.raw(field);
    if (isBlank(value)) return null;
    if (typeof value === 'number' && Number.isInteger(value)) return String(value);
    return cellText(value);
  }

  number(field: RcoiField, problem: string): number | null {
    const value = this.raw(field);
    if (isBlank(value)) return null;
    const n = cellNumber(value);
    if (n === undefined || n < 0) this.fail(field, problem);
    return n;
  }

  integerIn(field: RcoiField, min: number, max: number, problem: string): number | null {
    const value = this.raw(field);
    if (isBlank(value)) return null;
    const n = cellInteger(value);
    if (n === undefined || n < min || n > max) this.fail(field, problem);
    return n;
  }

  mask(field: RcoiField, read: 'short' | 'scored'): { text: string | null; scores: MaskScore[] } {
    const text = this.text(field);
    if (text === null) return { text: null, scores: [] };
    try {
      return { text, scores: read === 'short' ? parseShortMask(text) : parseScoredMask(text) };
    } catch (error) {
      if (error instanceof MaskProblem) this.fail(field, error.message, 'Проверьте маску в файле РЦОИ и загрузите его снова.');
      throw error;
    }
  }
}

/**
 * Data cells under the header. Merged cells leave empty spacer columns (';;' in CSV); a row
 * written without them (values packed to the left, as some exports do) is spread back over the
 * named columns when the counts match. Otherwise stray values in spacer columns are reported.
 */
export function alignRow(block: Block, cells: readonly Cell[]): { cells: readonly Cell[]; stray: boolean } {
  const { header } = block;
  let stray = false;
  for (let i = 0; i < cells.length; i++) {
    if (!isBlank(cells[i]) && (header[i] ?? '') === '') {
      stray = true;
      break;
    }
  }
  if (!stray) return { cells, stray: false };
  const values = cells.filter((cell) => !isBlank(cell));
  const named = header.flatMap((text, index) => (text === '' ? [] : [index]));
  if (values.length !== named.length) return { cells, stray: true };
  const spread: Cell[] = new Array<Cell>(header.length).fill(null);
  named.forEach((index, i) => {
    spread[index] = values[i];
  });
  return { cells: spread, stray: false };
}
