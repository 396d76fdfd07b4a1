import type { SqlValue } from '../db.ts';
import type { IndicatorColumn } from '../indicators/types.ts';
import { plural } from '../plural.ts';
import { excelRound } from '../rounding.ts';

export { plural };

/** Keeps a number with its unit on one line: «52,4 %», «3,1 п.п.». */
export const NBSP = '\u00a0';
/** The minus of Russian typography, not a hyphen: «−2,5». */
export const MINUS = '\u2212';

/** Rounds as Excel's ROUND and Око's SQL do: half away from zero on the decimal value (52.35 → 52.4). */
export const round = excelRound;

/** Thousands apart only from 10 000 on (Russian typography: «1234», «12 345»). */
function groupDigits(digits: string): string {
  if (digits.length <= 4) return digits;
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** «52,4» — a decimal comma, `digits` decimals always shown, thousands grouped from 10 000. */
export function decimal(value: number, digits = 1): string {
  const rounded = round(value, digits);
  const [whole, fraction] = Math.abs(rounded).toFixed(digits).split('.');
  const sign = rounded < 0 ? MINUS : '';
  return `${sign}${groupDigits(whole)}${fraction ? `,${fraction}` : ''}`;
}

/** A count: «7», «1234», «12 345». */
export function integer(value: number): string {
  return decimal(value, 0);
}

/** A number as written in a rule or a threshold: no trailing zeros («10», «28,5», «1,25»). */
export function shortNumber(value: number): string {
  const rounded = round(value, 2);
  const digits = Number.isInteger(rounded) ? 0 : Number.isInteger(round(rounded * 10, 6)) ? 1 : 2;
  return decimal(rounded, digits);
}

/** «57 %», «28,5 %»: a threshold. */
export function shortPercent(value: number): string {
  return `${shortNumber(value)}${NBSP}%`;
}

/** «52,4 %» */
export function percent(value: number): string {
  return `${decimal(value)}${NBSP}%`;
}

/** A difference of percentages, without its sign (the sentence says «выше»/«ниже»): «7,4 п.п.» */
export function points(difference: number): string {
  return `${decimal(Math.abs(difference))}${NBSP}п.п.`;
}

/** «1 участник», «23 участника», «210 участников». */
export function counted(n: number, one: string, few: string, many: string): string {
  return `${integer(n)} ${plural(n, one, few, many)}`;
}

export const participants = (n: number) => counted(n, 'участник', 'участника', 'участников');

/** Columns whose numbers are years or codes: never grouped, never given decimals. */
const IDENTIFIER = /(^|_)(year|code|login|id)$|^(position|score|boundary|mark)$/;

/**
 * The text of a table cell in the справка (every output prints the same): percentages with two
 * decimals («45,50»), other decimals with up to two, counts grouped from 10 000, years and codes as
 * they are; an empty cell is «—».
 */
export function formatCell(value: SqlValue, column: Pick<IndicatorColumn, 'name' | 'format'>): string {
  if (value === null || value === undefined) return '—';
  if (value instanceof Uint8Array) return '';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (IDENTIFIER.test(column.name)) return String(value).replace('.', ',').replace('-', MINUS);
  switch (column.format) {
    case 'pct':
      return decimal(value, 2);
    case 'int':
      return Number.isInteger(value) ? integer(value) : decimal(value, 2);
    case 'text':
      return String(value);
    default: {
      // 'num' and undeclared: as many decimals as needed, at most two
      return shortNumber(value);
    }
  }
}

/** Numbers are right-aligned in every output; text is left-aligned. */
export function isNumericColumn(column: Pick<IndicatorColumn, 'format'>): boolean {
  return column.format === 'int' || column.format === 'pct' || column.format === 'num';
}

/** «А, Б и В» */
export function listJoin(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} и ${items[items.length - 1]}`;
}

/** A sentence ends with one period, also after an abbreviation («п.п.»). */
export function endSentence(text: string): string {
  const trimmed = text.trim();
  return !trimmed || /[.!?…]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** «В МАОУ …» → «в МАОУ …» after a colon; an abbreviation («ОГЭ …», «МБОУ …») stays as it is. */
export function lowerFirst(text: string): string {
  return /^[А-ЯЁA-Z][а-яёa-z\s]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
}

/** The first letter up: sentences built from parts start with a capital. */
export function capitalise(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}
