import type { Cell } from '../../cells.ts';
import { cellNumber, cellText, isBlank } from '../../cells.ts';
import { toIsoDate } from '../../dates.ts';

/** Column types a user table offers; DATE is stored as ISO text ('2026-04-20'). */
export type UserColumnType = 'INTEGER' | 'REAL' | 'TEXT' | 'DATE';

export const TYPE_LABELS: Record<UserColumnType, string> = {
  INTEGER: 'целое число',
  REAL: 'число',
  TEXT: 'текст',
  DATE: 'дата',
};

// Codes with leading zeros («0012») stay text: a number would lose the zeros.
const PLAIN_INTEGER = /^[-+]?(0|[1-9]\d*)$/;
const DATE_TEXT = /^(\d{1,2}\.\d{1,2}\.\d{4}|\d{4}-\d{2}-\d{2})$/;

function kindOf(value: Cell): UserColumnType {
  if (value instanceof Date) return 'DATE';
  if (typeof value === 'number') return Number.isSafeInteger(value) ? 'INTEGER' : 'REAL';
  const text = cellText(value);
  if (PLAIN_INTEGER.test(text) && Number.isSafeInteger(Number(text))) return 'INTEGER';
  if (cellNumber(text) !== undefined && !/^[-+]?0\d/.test(text)) return 'REAL';
  if (DATE_TEXT.test(text) && toIsoDate(text) !== undefined) return 'DATE';
  return 'TEXT';
}

/** The narrowest type every filled cell fits: INTEGER ⊂ REAL; DATE and TEXT stand alone. */
export function inferType(values: Iterable<Cell>): UserColumnType {
  let type: UserColumnType | undefined;
  for (const value of values) {
    if (isBlank(value)) continue;
    const kind = kindOf(value);
    if (type === undefined || type === kind) type = kind;
    else if ((type === 'INTEGER' && kind === 'REAL') || (type === 'REAL' && kind === 'INTEGER')) type = 'REAL';
    else return 'TEXT';
  }
  return type ?? 'TEXT';
}

/** The stored value, or undefined when the cell does not fit the type. Blank → null. */
export function convertCell(value: Cell, type: UserColumnType): string | number | null | undefined {
  if (isBlank(value)) return null;
  switch (type) {
    case 'INTEGER': {
      const n = cellNumber(value);
      return n !== undefined && Number.isSafeInteger(n) ? n : undefined;
    }
    case 'REAL':
      return cellNumber(value);
    case 'DATE':
      return toIsoDate(value);
    case 'TEXT':
      return cellText(value);
  }
}
