import type { Cell } from '../../cells.ts';
import { cellInteger, cellNumber, cellText, isBlank } from '../../cells.ts';
import type { ColumnRef, TaskColumn } from '../../columns.ts';
import { invalidValue } from '../../messages.ts';

const NOT_ATTEMPTED = /^[xх]$/i; // Latin and Cyrillic «X»
const NO_MARK = /^нет( отметки)?$/i;
const ABSENT = /^отсутствовал[аи]?$|^отсутствует$/i;
const LOGIN = /^(edu|sch)\d{4,8}$/i;

export interface ScoreCell {
  score: number | null;
  raw: string;
}

/** The cells of whole points 0…100 and of «X», shared: a 100,000-row Ф1 has 1,500 000 score cells, and each read once. */
const POINTS: readonly ScoreCell[] = Array.from({ length: 101 }, (_, n) => Object.freeze({ score: n, raw: String(n) }));
const NOT_ATTEMPTED_CELL: ScoreCell = Object.freeze({ score: null, raw: 'X' });
const points = (n: number): ScoreCell => POINTS[n] ?? { score: n, raw: String(n) };

/**
 * Converts and checks the cells of one sheet. Every method throws an 'invalid-value'
 * ImportError that names file, sheet, row and column; messages are built only on failure.
 */
export class CellReader {
  constructor(
    private readonly file: string,
    private readonly sheet: string,
  ) {}

  private fail(row: number, column: ColumnRef, value: Cell, problem: string, advice?: string): never {
    throw invalidValue({ file: this.file, sheet: this.sheet, row, column: column.header }, cellText(value), problem, advice);
  }

  /** kept as text: a code typed as text may have leading zeros that a number would lose */
  participantCode(value: Cell): string | null {
    if (isBlank(value)) return null;
    return cellText(value);
  }

  /** blank → null (no task_score row); «X» → not attempted; otherwise whole points 0..max */
  score(value: Cell, row: number, task: TaskColumn): ScoreCell | null {
    if (isBlank(value)) return null;
    if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= 0 && value <= task.max) return points(value);
    } else {
      const text = cellText(value);
      if (NOT_ATTEMPTED.test(text)) return NOT_ATTEMPTED_CELL;
      const n = cellInteger(text);
      if (n !== undefined && n >= 0 && n <= task.max) return points(n);
    }
    const n = cellNumber(value);
    if (n !== undefined && n > task.max) {
      this.fail(row, task, value, `балл больше максимального за это задание (${task.max})`);
    }
    this.fail(row, task, value, `балл за задание должен быть целым числом от 0 до ${task.max} или «X» (задание не выполнялось)`);
  }

  /** «Первичный балл» / «Итого баллов»: a number 0..max (max unknown → any non-negative) */
  primary(value: Cell, row: number, column: ColumnRef, max: number | undefined): number | null {
    if (isBlank(value)) return null;
    const n = cellNumber(value);
    if (n === undefined || n < 0) this.fail(row, column, value, 'первичный балл должен быть неотрицательным числом');
    if (max !== undefined && n > max) {
      this.fail(row, column, value, `первичный балл больше максимального за работу (${max})`);
    }
    return n;
  }

  /** ВПР «Отметка»: 2..5 */
  mark(value: Cell, row: number, column: ColumnRef): number | null {
    if (isBlank(value)) return null;
    const n = cellInteger(value);
    if (n === undefined || n < 2 || n > 5) this.fail(row, column, value, 'отметка должна быть от 2 до 5');
    return n;
  }

  /** journal mark: 2..5, «нет отметки» or blank → null */
  journalMark(value: Cell, row: number, column: ColumnRef): number | null {
    if (isBlank(value) || NO_MARK.test(cellText(value))) return null;
    const n = cellInteger(value);
    if (n === undefined || n < 2 || n > 5) {
      this.fail(row, column, value, 'отметка по журналу должна быть от 2 до 5 или «нет отметки»');
    }
    return n;
  }

  variant(value: Cell): { variant: string | null; absent: boolean } {
    if (isBlank(value)) return { variant: null, absent: false };
    const text = cellText(value);
    if (ABSENT.test(text)) return { variant: null, absent: true };
    return { variant: text, absent: false };
  }

  /** a class number (Ф1 «Класс», «Порядковый номер класса») or a class name such as «4А» */
  klass(value: Cell): { ordinal: number | null; label: string | null } {
    if (isBlank(value)) return { ordinal: null, label: null };
    const n = cellInteger(value);
    if (n !== undefined && n > 0) return { ordinal: n, label: null };
    return { ordinal: null, label: cellText(value) };
  }

  login(value: Cell, row: number, column: ColumnRef): string | null {
    if (isBlank(value)) return null;
    const text = cellText(value);
    if (!LOGIN.test(text)) {
      this.fail(row, column, value, 'ожидается логин ОО в ФИС ОКО: «edu» и шесть цифр, например edu203389');
    }
    return text.toLowerCase();
  }
}
