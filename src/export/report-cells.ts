import type { SqlValue } from '../core/db.ts';
import type { IndicatorColumn } from '../core/indicators/types.ts';
import type { ReportMeta, ReportSection, ReportTable } from '../core/report/types.ts';
import { formatCell } from '../core/report/format.ts';

/**
 * What the справка's outputs (Word, HTML) share: which cells are printed and how they read.
 * Plain functions, no DOM: the Word and HTML builders run in Node tests as in the browser.
 */

/** A column count from which a table does not fit an A4 portrait page. */
export const WIDE_TABLE_COLUMNS = 9;

export const SMALL_ROWS_NOTE = 'Курсивом — группы менее 10 участников: проценты по ним неустойчивы, интерпретировать с осторожностью.';
export const TOTAL_ROWS_NOTE = 'Жирным — итоговые строки (муниципалитет, кластер, регион, РФ).';

/**
 * Characters XML 1.0 forbids (control characters, lone surrogates, U+FFFE/FFFF): one of them in
 * a cell would make Word refuse the whole file. They carry no meaning in a справка.
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

export interface PrintedTable {
  columns: IndicatorColumn[];
  /** cell texts as the report view prints them (decimal comma; pct with two decimals; «—» for none) */
  rows: Array<{ cells: string[]; small: boolean; total: boolean }>;
  /** per column: numbers are right-aligned */
  numeric: boolean[];
  hasSmall: boolean;
  hasTotal: boolean;
}

const isNumberFormat = (format: IndicatorColumn['format']) => format === 'int' || format === 'pct' || format === 'num';

/** The same text the report view prints (core/report/format.ts), so paper, Word and HTML agree. */
export function cellText(value: SqlValue | undefined, column: Pick<IndicatorColumn, 'name' | 'format'>): string {
  return printable(formatCell(value ?? null, column));
}

/** The table as printed: hidden columns left out, small and total rows marked. */
export function printedTable(table: ReportTable): PrintedTable {
  const keep = table.columns.map((column, index) => ({ column, index })).filter((c) => !c.column.hidden);
  const small = new Set(table.smallRows);
  const total = new Set(table.totalRows);
  const rows = table.rows.map((row, r) => ({
    cells: keep.map(({ column, index }) => cellText(row[index], column)),
    small: small.has(r),
    total: total.has(r),
  }));
  const numeric = keep.map(
    ({ column, index }) =>
      isNumberFormat(column.format) ||
      (column.format !== 'text' &&
        table.rows.some((row) => typeof row[index] === 'number') &&
        table.rows.every((row) => row[index] === null || typeof row[index] === 'number')),
  );
  return {
    columns: keep.map((c) => c.column),
    rows,
    numeric,
    hasSmall: rows.some((r) => r.small),
    hasTotal: rows.some((r) => r.total),
  };
}

/** A section's page is landscape when the builder says so or its table has too many columns. */
export function isLandscape(section: ReportSection): boolean {
  return Boolean(section.landscape) || (section.table?.columns.filter((c) => !c.hidden).length ?? 0) >= WIDE_TABLE_COLUMNS;
}

/** «Год — 2026; Предмет — математика; Класс — 5 класс» */
export function paramLine(section: ReportSection): string {
  return printable((section.paramText ?? []).map((p) => `${p.label} — ${p.value}`).join('; '));
}

/** The paragraph as the user wrote it: blank lines separate paragraphs, single breaks are kept. */
export function paragraphs(text: string): string[] {
  return printable(text)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/** «2026-11-26» → «26.11.2026»; anything else as written. */
export function documentDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** The title block in reading order, empty fields left out. */
export function titleLines(meta: ReportMeta): { organisation: string; title: string; lines: string[]; signature: string[] } {
  const where = [meta.municipality, [meta.procedure, meta.year].filter(Boolean).join(', ')].filter((s) => s.trim());
  return {
    organisation: printable(meta.organisation),
    title: printable(meta.title),
    lines: where.map(printable),
    signature: [meta.author, meta.date ? documentDate(meta.date) : ''].filter((s) => s.trim()).map(printable),
  };
}
