import type { SqlValue } from '../core/db.ts';
import type { GridColumn } from '../ui/grid/types.ts';

/**
 * An .xlsx workbook of one sheet: Russian headers, numbers as numbers (percent columns shown
 * with two decimals). SheetJS is loaded only when the user asks for it (≈0.5 MB).
 * `bookSST: true` keeps the file about 3× smaller for text-heavy sheets.
 */
export async function xlsxBlob(columns: GridColumn[], rows: SqlValue[][], sheetName: string): Promise<Blob> {
  const XLSX = await import('@e965/xlsx');
  const aoa: unknown[][] = [columns.map((c) => c.label)];
  for (const row of rows) aoa.push(row.map((v) => (v instanceof Uint8Array ? null : v)));
  const sheet = XLSX.utils.aoa_to_sheet(aoa, { cellDates: false });
  const formats = columns.map((c) => (c.format === 'pct' ? '0.00' : c.format === 'num' ? '0.##' : null));
  if (formats.some(Boolean)) {
    for (let r = 1; r <= rows.length; r++) {
      formats.forEach((z, c) => {
        if (!z) return;
        const cell = sheet[XLSX.utils.encode_cell({ r, c })];
        if (cell && cell.t === 'n') cell.z = z;
      });
    }
  }
  sheet['!cols'] = columns.map((c) => ({ wch: Math.min(50, Math.max(8, c.label.length + 2)) }));
  const book = XLSX.utils.book_new();
  // Sheet names: at most 31 characters, none of : \ / ? * [ ]
  XLSX.utils.book_append_sheet(book, sheet, sheetName.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Лист1');
  const bytes = XLSX.write(book, { type: 'array', bookType: 'xlsx', bookSST: true, compression: true }) as ArrayBuffer;
  return new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
