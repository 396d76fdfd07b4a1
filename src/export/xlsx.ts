import type { SqlValue } from '../core/db.ts';
import type { ExportTable } from './rows.ts';
import { SMALL_GROUP_EXPORT_NOTE, SMALL_MARK_LABEL, exportedAtText, type TableMeta } from './table-meta.ts';

type Sheetjs = typeof import('@e965/xlsx');

/** Sheet names: at most 31 characters, none of : \ / ? * [ ] */
const sheetName = (name: string) => name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Лист1';

/**
 * The «Параметры» sheet: what the table is, chosen how, from where, computed how, when — so a
 * file forwarded to a school still says what it holds.
 */
function paramsSheet(XLSX: Sheetjs, meta: TableMeta, hasSmallMark: boolean) {
  const aoa: string[][] = [['Показатель', meta.title]];
  for (const p of meta.params) aoa.push([p.label, p.value]);
  if (meta.source) aoa.push(['Источник', meta.source]);
  if (meta.formula) aoa.push(['Формула', meta.formula]);
  if (meta.sql) aoa.push(['Запрос SQL', meta.sql]);
  aoa.push(['Дата выгрузки', exportedAtText(meta.exportedAt)]);
  if (hasSmallMark) aoa.push(['Малые группы', SMALL_GROUP_EXPORT_NOTE]);
  const sheet = XLSX.utils.aoa_to_sheet(aoa);
  sheet['!cols'] = [{ wch: 28 }, { wch: 100 }];
  return sheet;
}

/**
 * The rows of `meta` above the table on its own sheet: the title, then «Год: 2026»-like lines,
 * then an empty row. Returns how many rows that is (the table starts below).
 */
function heading(meta: TableMeta): string[][] {
  return [[meta.title], ...meta.params.map((p) => [`${p.label}: ${p.value}`]), [`Выгружено: ${exportedAtText(meta.exportedAt)}`], []];
}

/**
 * An .xlsx workbook: Russian headers, numbers as numbers (percent columns shown with two
 * decimals). With `meta`, the result sheet starts with the title and the parameters in words
 * and a second sheet «Параметры» describes the export. Text cells are written as text (type
 * "s"), never as formulas, so «=…» in a cell is shown, not run. SheetJS is loaded only when
 * the user asks for it (≈0.5 MB). `bookSST: true` keeps text-heavy sheets about 3× smaller.
 */
export async function xlsxBytes(table: ExportTable, name: string, meta?: TableMeta): Promise<ArrayBuffer> {
  const XLSX = await import('@e965/xlsx');
  const { columns, rows } = table;
  const top: unknown[][] = meta ? heading(meta) : [];
  const aoa: unknown[][] = [...top, columns.map((c) => c.label)];
  for (const row of rows) aoa.push(row.map((v: SqlValue) => (v instanceof Uint8Array ? null : v)));
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { cellDates: false });
  const first = top.length + 1;
  const formats = columns.map((c) => (c.format === 'pct' ? '0.00' : c.format === 'num' ? '0.##' : null));
  if (formats.some(Boolean)) {
    for (let r = first; r < first + rows.length; r++) {
      formats.forEach((z, c) => {
        if (!z) return;
        const cell = sheet[XLSX.utils.encode_cell({ r, c })];
        if (cell && cell.t === 'n') cell.z = z;
      });
    }
  }
  sheet['!cols'] = columns.map((c) => ({ wch: Math.min(50, Math.max(8, c.label.length + 2)) }));
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, sheetName(name));
  if (meta)
    XLSX.utils.book_append_sheet(
      book,
      paramsSheet(
        XLSX,
        meta,
        columns.some((c) => c.label === SMALL_MARK_LABEL),
      ),
      'Параметры',
    );
  return XLSX.write(book, { type: 'array', bookType: 'xlsx', bookSST: true, compression: true }) as ArrayBuffer;
}

export async function xlsxBlob(table: ExportTable, name: string, meta?: TableMeta): Promise<Blob> {
  return new Blob([await xlsxBytes(table, name, meta)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
