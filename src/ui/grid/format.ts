import type { SqlValue } from '../../core/db.ts';
import { excelRound } from '../../core/rounding.ts';
import type { ColumnFormat } from './types.ts';

const pct = new Intl.NumberFormat('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const num = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
const int = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 0 });

/** A count as people write it in Russian: «1 234». */
export function formatCount(n: number): string {
  return int.format(n);
}

/** Plain decimal with a Russian comma, full precision (raw table cells). */
function plainNumber(value: number): string {
  return String(value).replace('.', ',');
}

/**
 * The text a cell shows. Always plain text: callers put it into textContent, never HTML.
 * 'pct' → 2 decimals with a comma («45,50»); 'num' → up to 2 decimals; 'int' → grouped;
 * 'code' and undeclared numbers keep their digits (years stay «2026») with a comma decimal separator.
 * Rounded as Excel and Око's SQL round (core/rounding.ts), so 10.975 shows as «10,98».
 */
export function formatValue(value: SqlValue | undefined, format?: ColumnFormat): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Uint8Array) return `(двоичные данные, ${value.length} байт)`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    switch (format) {
      case 'pct':
        return pct.format(excelRound(value, 2));
      case 'num':
        return num.format(excelRound(value, 2));
      case 'int':
        return int.format(excelRound(value, 0));
      default:
        return plainNumber(value);
    }
  }
  return value;
}
