/** The files every sample generator (formats/<id>/sample*.ts, the demo municipality) writes. */
import * as XLSX from '@e965/xlsx';

export type SampleCell = string | number | null;

export interface SheetSpec {
  name: string;
  rows: SampleCell[][];
}

/**
 * An XLSX file from plain rows. The output is byte-deterministic: SheetJS stamps no dates
 * unless workbook properties carry them, and none are set here. The workbook brings its own
 * number-format table: without one SheetJS copies its global table, to which every file it has
 * read adds its custom formats — so a file written after an import (the prebuilt demo session
 * imports the monitoring forms, which carry date formats) would differ from one written before.
 */
export function writeWorkbook(sheets: readonly SheetSpec[]): Uint8Array {
  // the cells are plain text and numbers: «General» is the only format they use
  const workbook: XLSX.WorkBook & { SSF: Record<number, string> } = { ...XLSX.utils.book_new(), SSF: { 0: 'General' } };
  for (const sheet of sheets) XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(sheet.rows), sheet.name);
  const out = XLSX.write(workbook, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  return new Uint8Array(out);
}

/** CSV text of one sheet's rows (';'-separated, as Russian Excel saves it). */
export function writeCsv(rows: readonly SampleCell[][], separator = ';'): string {
  const quote = (cell: SampleCell) => {
    const text = cell === null ? '' : String(cell);
    return /[";\n,]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return rows.map((row) => row.map(quote).join(separator)).join('\r\n');
}
