/**
 * Any other table: a preview with a header-row picker, then the sheet as a table of the user's
 * own (the spreadsheet side of the workbench). The UI shows previewSheet(), lets the user pick the
 * header row and edit names/types, and calls importUserTable(); rememberedMapping() pre-fills the
 * dialog for a file of a shape seen before.
 */
import type { Database, SqlValue } from '../../../db.ts';
import { quoteIdent } from '../../../db.ts';
import type { Cell } from '../../cells.ts';
import { cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { CsvFormat } from '../../read/csv-reader.ts';
import { readCsv } from '../../read/csv-reader.ts';
import { PREVIEW_CELL_CHARS } from '../../limits.ts';
import { fileError, invalidValue } from '../../messages.ts';
import { readStoredMapping, storeMapping } from './mapping-store.ts';
import type { BatchWrite, Written } from '../../pipeline/envelope.ts';
import { importInEnvelope } from '../../pipeline/envelope.ts';
import type { DescribeBatches } from '../../pipeline/batches.ts';
import type { ImportFile, ImportSummary } from '../../types.ts';
import { tableNameProblem } from './name-check.ts';
import { columnNameProblem, distinctNames, suggestIdentifier } from './names.ts';
import type { UserColumnType } from './types.ts';
import { TYPE_LABELS, convertCell, inferType } from './types.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import type { XlsxReader } from '../../read/xlsx/load.ts';
import { csvFormatOf, readWorkbook } from '../../read/workbook.ts';

export type { UserColumnType } from './types.ts';

export const PREVIEW_ROWS = 30;
/**
 * The preview reads this many rows of each sheet, and column types are inferred from them: a
 * 1,000,000-row file is previewed in a fraction of a second (a value further down that does not
 * fit the type is reported by importUserTable, naming its row and column).
 */
export const PREVIEW_SAMPLE_ROWS = 10_000;
const PROGRESS_EVERY = 5000;

export type PreviewCell = string | number | boolean | null;

export interface UserColumn {
  /** 0-based column index in the sheet */
  source: number;
  /** header text as written, for the dialog */
  header?: string;
  name: string;
  type: UserColumnType;
}

export interface UserTableMapping {
  sheet: string;
  /** 0-based index of the header row in the sheet (Excel row headerRow + 1) */
  headerRow: number;
  tableName: string;
  columns: UserColumn[];
}

export interface PreviewSheet {
  name: string;
  /** the first PREVIEW_ROWS rows, cells as plain values */
  rows: PreviewCell[][];
  totalRows: number;
  suggestedHeaderRow: number;
  /** names and inferred types for the suggested header row */
  columns: UserColumn[];
}

export interface SheetPreview {
  fileName: string;
  sheets: PreviewSheet[];
  /** the first sheet with data */
  suggestedSheet: string;
  suggestedHeaderRow: number;
  suggestedTableName: string;
}

/** Text shown in the preview, cut to PREVIEW_CELL_CHARS: the dialog shows the start of a cell, and 30 rows of long cells must not fill the page's memory. */
function shown(text: string): string {
  return text.length > PREVIEW_CELL_CHARS ? `${text.slice(0, PREVIEW_CELL_CHARS)}…` : text;
}

function plain(cell: Cell): PreviewCell {
  if (cell === undefined || cell === null) return null;
  if (cell instanceof Date) return cellText(cell);
  return typeof cell === 'string' ? shown(cell) : cell;
}

/** The header: the first row with the most text cells (titles above have one, data rows have numbers). */
export function suggestHeaderRow(rows: readonly Cell[][]): number {
  let best = 0;
  let bestScore = 0;
  rows.slice(0, PREVIEW_ROWS).forEach((row, r) => {
    const texts = row.filter((cell) => typeof cell === 'string' && cell.trim() !== '' && !/^[-+]?[\d\s.,]+$/.test(cell)).length;
    if (texts >= 2 && texts > bestScore) {
      best = r;
      bestScore = texts;
    }
  });
  return best;
}

function dataRows(sheet: SheetGrid, headerRow: number): Cell[][] {
  return sheet.rows.slice(headerRow + 1).filter((row) => row.some((cell) => !isBlank(cell)));
}

/** Names and inferred types of the columns under a header row (blank headers get «столбец_N»). */
export function suggestColumns(sheet: SheetGrid, headerRow: number): UserColumn[] {
  const header = sheet.rows[headerRow] ?? [];
  const body = dataRows(sheet, headerRow);
  const width = Math.max(header.length, ...body.slice(0, PREVIEW_ROWS).map((row) => row.length));
  const used = Array.from({ length: width }, (_, c) => c).filter((c) => !isBlank(header[c]) || body.some((row) => !isBlank(row[c])));
  const names = distinctNames(used.map((c) => suggestIdentifier(cellText(header[c]), `столбец_${c + 1}`)));
  return used.map((c, i) => ({ source: c, header: shown(cellText(header[c])), name: names[i], type: inferType(body.map((row) => row[c])) }));
}

function suggestTableName(fileName: string): string {
  return `user_${suggestIdentifier(fileName.replace(/\.[^.]+$/, ''), 'таблица')}`;
}

export function previewSheet(file: ImportFile): SheetPreview {
  const grids = readWorkbook(file, { maxRows: PREVIEW_SAMPLE_ROWS, countRows: true });
  const sheets = grids.map((sheet): PreviewSheet => {
    const suggestedHeaderRow = suggestHeaderRow(sheet.rows);
    return {
      name: sheet.name,
      rows: sheet.rows.slice(0, PREVIEW_ROWS).map((row) => row.map(plain)),
      totalRows: sheet.totalRows ?? sheet.rows.length,
      suggestedHeaderRow,
      columns: suggestColumns(sheet, suggestedHeaderRow),
    };
  });
  const first = sheets.find((sheet) => sheet.totalRows > 0) ?? sheets[0];
  return {
    fileName: file.name,
    sheets,
    suggestedSheet: first.name,
    suggestedHeaderRow: first.suggestedHeaderRow,
    suggestedTableName: suggestTableName(file.name),
  };
}

/** A file's shape: a hash of its normalised header row (cyrb53, enough to tell layouts apart). */
export function shapeKey(header: readonly Cell[]): string {
  const cells = header.map(normalizeHeader);
  while (cells.length && cells[cells.length - 1] === '') cells.pop();
  const text = cells.join('\u001f');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h2 >>> 0).toString(16).padStart(8, '0')}${(h1 >>> 0).toString(16).padStart(8, '0')}`;
}

/** The mapping the user confirmed for a file of this shape (header found in any of the first rows). */
export function rememberedMapping(db: Database, file: ImportFile, sheets?: readonly SheetGrid[]): UserTableMapping | null {
  for (const sheet of sheets ?? readWorkbook(file, { maxRows: PREVIEW_ROWS })) {
    for (let r = 0; r < Math.min(sheet.rows.length, PREVIEW_ROWS); r++) {
      const row = sheet.rows[r] ?? [];
      if (row.every(isBlank)) continue;
      const stored = readStoredMapping(db, shapeKey(row));
      // A shape mapped only to a table of Око (formats/canonical/) has no user-table half.
      if (!stored || typeof stored.tableName !== 'string' || !Array.isArray(stored.columns)) continue;
      const { tableName, columns } = stored as UserTableMapping;
      return { sheet: sheet.name, headerRow: r, tableName, columns };
    }
  }
  return null;
}

function checkMapping(db: Database, file: string, mapping: UserTableMapping, replace: boolean): void {
  const tableProblem = tableNameProblem(db, mapping.tableName, replace);
  if (tableProblem) throw fileError('invalid-value', { file }, `имя таблицы «${mapping.tableName}» не подходит: ${tableProblem}.`);
  if (mapping.columns.length === 0) throw fileError('invalid-value', { file }, 'не выбран ни один столбец. Отметьте столбцы, которые нужно загрузить.');
  const seen = new Set<string>();
  for (const column of mapping.columns) {
    const problem = columnNameProblem(column.name) ?? (seen.has(column.name.toLowerCase()) ? 'такое имя уже есть у другого столбца' : null);
    if (problem) throw fileError('invalid-value', { file, column: column.header ?? column.name }, `имя столбца «${column.name}» не подходит: ${problem}.`);
    seen.add(column.name.toLowerCase());
  }
}

export interface UserTableOptions {
  now?: string;
  /** drop and re-create a user table of the same name */
  replace?: boolean;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
  /** rows read so far of a big XLSX sheet (streamed), before any is written */
  onRead?: (rowsRead: number, rowsTotal: number) => void;
  /** 'sheetjs': no streaming of big XLSX sheets (xlsx/index.ts), for benchmarks and tests */
  xlsxReader?: XlsxReader;
}

const USER_TABLE = 'user_table';
const USER_TABLE_LABEL = 'Своя таблица';

/** A file opened as a table of its own is named by that table: «Своя таблица «олимпиада»». */
export const describeUserTables: DescribeBatches = (_db, batches) =>
  new Map(
    batches
      .filter((batch) => batch.format === USER_TABLE)
      .map((batch) => [batch.batchId, batch.userTable ? `${USER_TABLE_LABEL} «${batch.userTable}»` : USER_TABLE_LABEL]),
  );

/**
 * Creates the user's table from one sheet, all rows in one transaction, logged in import_batch
 * (format 'user_table'), and remembers the mapping for files of the same shape. Any bad cell
 * throws an ImportError naming sheet, row and column; the database is then unchanged.
 * A CSV streams from the bytes into the table row by row (csv-reader.ts): no grid of its rows is
 * ever built, so a 1,000,000-row CSV costs little more memory than its bytes and the database.
 */
export async function importUserTable(
  db: Database,
  file: ImportFile,
  mapping: UserTableMapping,
  options: UserTableOptions = {},
): Promise<ImportSummary & { tableName: string }> {
  return importInEnvelope(db, file, { now: options.now, xlsxReader: options.xlsxReader }, () => {
    const csv = csvFormatOf(file);
    // A CSV: only its first rows here (the header, the checks); its rows stream in below.
    const sheet = readWorkbook(
      file,
      csv ? { maxRows: Math.max(PREVIEW_ROWS, mapping.headerRow + 1), countRows: true } : { xlsxReader: options.xlsxReader, onRead: options.onRead },
    ).find((grid) => grid.name === mapping.sheet);
    if (!sheet) throw fileError('invalid-value', { file: file.name }, `в файле нет листа «${mapping.sheet}». Выберите лист из списка.`);
    checkMapping(db, file.name, mapping, options.replace ?? false);
    return { format: USER_TABLE, label: USER_TABLE_LABEL, write: (batch) => writeUserTable(db, file, csv, sheet, mapping, options, batch) };
  });
}

function writeUserTable(
  db: Database,
  file: ImportFile,
  csv: CsvFormat | null,
  sheet: SheetGrid,
  mapping: UserTableMapping,
  options: UserTableOptions,
  { batchId, importedAt }: BatchWrite,
): Written & { tableName: string } {
  const header = sheet.rows[mapping.headerRow] ?? [];
  const table = quoteIdent(mapping.tableName);
  if (options.replace) {
    db.run(`DROP TABLE IF EXISTS ${table}`);
    db.run('DELETE FROM oko_user_table WHERE lower(table_name) = ?', [mapping.tableName.toLowerCase()]);
  }
  const definitions = mapping.columns.map((column) => `${quoteIdent(column.name)} ${column.type === 'DATE' ? 'TEXT' : column.type}`);
  db.run(`CREATE TABLE ${table} (${definitions.join(', ')})`);
  const insert = db.prepare(`INSERT INTO ${table} VALUES (${mapping.columns.map(() => '?').join(', ')})`);
  const total = (sheet.totalRows ?? sheet.rows.length) - mapping.headerRow - 1;
  let written = 0;
  const values = new Array<SqlValue>(mapping.columns.length);
  /** One sheet row (0-based r) into the table. */
  const writeRow = (row: readonly Cell[], r: number): void => {
    if (mapping.columns.every((column) => isBlank(row[column.source]))) return;
    mapping.columns.forEach((column, i) => {
      const value = convertCell(row[column.source], column.type);
      if (value === undefined) {
        throw invalidValue(
          { file: file.name, sheet: sheet.name, row: r + 1, column: cellText(header[column.source]) || column.name },
          cellText(row[column.source]),
          `в столбце выбран тип «${TYPE_LABELS[column.type]}», а это значение ему не соответствует`,
          'Исправьте значение в файле или выберите для столбца тип «текст» и загрузите снова.',
        );
      }
      values[i] = value;
    });
    insert.run(values);
    written++;
    if (written % PROGRESS_EVERY === 0) options.onProgress?.(r - mapping.headerRow, total);
  };
  try {
    if (csv) {
      readCsv(file, csv, (row, r) => {
        if (r > mapping.headerRow) writeRow(row, r);
      });
    } else {
      for (let r = mapping.headerRow + 1; r < sheet.rows.length; r++) writeRow(sheet.rows[r] ?? [], r);
    }
  } finally {
    insert.free();
  }
  options.onProgress?.(total, total);
  const stored: UserTableMapping = { ...mapping, columns: mapping.columns.map(({ source, header: h, name, type }) => ({ source, header: h, name, type })) };
  db.run('INSERT INTO oko_user_table (table_name, import_batch_id, source_file, sheet, columns, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
    mapping.tableName,
    batchId,
    file.name,
    sheet.name,
    JSON.stringify(stored.columns),
    importedAt,
  ]);
  storeMapping(db, shapeKey(header), { ...stored, target: 'user' }, importedAt);
  return { rows: written, taskScores: 0, schools: 0, assessments: [], warnings: [...(sheet.warnings ?? [])], tableName: mapping.tableName };
}
