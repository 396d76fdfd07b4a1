import type { SqlValue } from '../core/db.ts';
import type { ExportColumn } from './table-source.ts';

/**
 * CSV as Russian Excel opens it by double-click:
 *  - UTF-8 with a BOM (without it Excel reads the bytes as Windows-1251 and shows mojibake);
 *  - `;` between fields — Excel with Russian regional settings uses `;` as the list separator,
 *    because `,` is the decimal separator;
 *  - numbers with a decimal comma («45,5»), so Excel reads them as numbers;
 *  - CRLF line ends, fields quoted when they hold `;`, `"` or a line break;
 *  - text that starts like a formula (=, +, -, @) gets a leading apostrophe so a spreadsheet
 *    shows it as text and never runs it (CSV injection); real numbers are untouched.
 * Values are written as stored (full precision), not rounded as the grid shows them.
 */
export const CSV_SEPARATOR = ';';

function field(value: SqlValue): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value).replace('.', ',') : '';
  else if (value instanceof Uint8Array) text = '';
  else {
    text = value;
    if (/^[=+\-@\t\r]/.test(text) && !/^[-+]?\d+([.,]\d+)?$/.test(text.trim())) text = `'${text}`;
  }
  return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: ExportColumn[], rows: SqlValue[][]): string {
  const lines = [columns.map((c) => field(c.label)).join(CSV_SEPARATOR)];
  for (const row of rows) lines.push(row.map(field).join(CSV_SEPARATOR));
  return lines.join('\r\n') + '\r\n';
}

export function csvBlob(columns: ExportColumn[], rows: SqlValue[][]): Blob {
  return new Blob(['\uFEFF', toCsv(columns, rows)], { type: 'text/csv;charset=utf-8' });
}
