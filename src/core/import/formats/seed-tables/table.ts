/**
 * Reading a layout table (layouts.ts) out of a sheet: the header row, the columns it has, and
 * every data row as typed values — with the Excel row and the header as written, so that an
 * error names file, sheet, row, column and value. Values are read as the catalogue's pure
 * parsers read them (src/core/import/seed-tables/catalogue-parse.ts: «2024/2025» → 2025, «да»/«нет», the
 * layout's choices); a unit test checks that both agree on the sample files.
 */
import type { Cell } from '../../cells.ts';
import { cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { ColumnRef } from '../../columns.ts';
import { refuseDuplicateColumns } from '../../columns.ts';
import type { Place } from '../../messages.ts';
import { invalidValue, missingColumn } from '../../messages.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import type { LayoutColumn, TableLayout } from './layouts.ts';
import { EXTRA_SCHOOL_SYNONYMS, EXTRA_YEAR_SYNONYMS } from './layouts.ts';

const HEADER_SCAN_ROWS = 30;

export type Value = string | number | null;

/** Header spellings of a column, folded, the template's header first (it wins when a file has two). */
export function spellings(column: LayoutColumn): string[] {
  const extra = column.column === 'school' ? EXTRA_SCHOOL_SYNONYMS : column.column === 'year' ? EXTRA_YEAR_SYNONYMS : [];
  return [...new Set([column.header, ...column.synonyms, ...extra].map((text) => normalizeHeader(text)))];
}

/** The layout as header matchers, keyed by target column (for refuseDuplicateColumns). */
export function matchers(layout: TableLayout): Record<string, string[]> {
  return Object.fromEntries(layout.columns.map((column) => [column.column, spellings(column)]));
}

/** Which layout columns a header row has: the first spelling (in layout order) found wins. */
export function columnsOfRow(layout: TableLayout, row: readonly Cell[]): Map<string, ColumnRef> {
  const folded = row.map((cell) => normalizeHeader(cell));
  const found = new Map<string, ColumnRef>();
  const taken = new Set<number>();
  for (const column of layout.columns) {
    for (const spelling of spellings(column)) {
      const index = folded.findIndex((text, i) => text === spelling && !taken.has(i));
      if (index >= 0) {
        found.set(column.column, { index, header: cellText(row[index]) });
        taken.add(index);
        break;
      }
    }
  }
  return found;
}

export interface LocatedTable {
  layout: TableLayout;
  sheet: SheetGrid;
  /** 0-based index of the header row */
  headerRow: number;
  columns: Map<string, ColumnRef>;
  /** required columns the header lacks (detect() claims such a table only to explain it) */
  missing: LayoutColumn[];
}

/**
 * The first header row (first 30 rows of each sheet) holding every required column (and what
 * `alsoNeeded` asks for); else, when
 * `marker` is given, the first row holding the marker columns — a table of this layout that
 * lacks a required column. null: not this layout.
 */
export function locate(
  layout: TableLayout,
  sheets: readonly SheetGrid[],
  marker: readonly string[] = [],
  /** a column the header needs beyond the required ones (e.g. «ФИО» or «Фамилия»), or null */
  alsoNeeded?: (columns: Map<string, ColumnRef>) => LayoutColumn | null,
): LocatedTable | null {
  const required = layout.columns.filter((column) => column.required);
  let broken: LocatedTable | null = null;
  for (const sheet of sheets) {
    const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
    for (let r = 0; r < limit; r++) {
      const row = sheet.rows[r] ?? [];
      if (row.filter((cell) => !isBlank(cell)).length < 2) continue;
      const columns = columnsOfRow(layout, row);
      const missing = required.filter((column) => !columns.has(column.column));
      const extra = alsoNeeded?.(columns) ?? null;
      if (extra) missing.push(extra);
      if (missing.length === 0) return { layout, sheet, headerRow: r, columns, missing };
      if (!broken && marker.length > 0 && marker.every((key) => columns.has(key)) && columns.has('school')) {
        broken = { layout, sheet, headerRow: r, columns, missing };
      }
    }
  }
  return broken;
}

/** A CSV has one sheet whose name SheetJS made up («Sheet1»): messages leave it out. */
export function sheetNameFor(fileName: string, sheets: readonly SheetGrid[], sheet: SheetGrid): string | undefined {
  return /\.(csv|txt)$/i.test(fileName) && sheets.length === 1 ? undefined : sheet.name;
}

/** The error for a table detect() claimed although a required column is missing. */
export function missingRequired(table: LocatedTable, fileName: string, sheetName: string | undefined): Error {
  const column = table.missing[0];
  const needed = [...table.layout.columns.filter((c) => c.required), ...table.missing.filter((c) => !c.required)].map((c) => `«${c.header}»`).join(', ');
  return missingColumn(
    { file: fileName, sheet: sheetName, row: table.headerRow + 1, column: column.header },
    `Таблица «${table.layout.title}» должна иметь столбцы ${needed} (другие написания — в docs/formats.md). Добавьте столбец и загрузите файл снова.`,
  );
}

export interface TableRow {
  /** 1-based Excel row */
  row: number;
  values: Record<string, Value>;
  /** the cell as written, for messages */
  text(column: string): string;
  /** the place of a cell (or of the row, without a column) */
  place(column?: string): Place;
}

// The catalogue parser's readers (parse.ts), with the same accepted spellings.

function readInteger(raw: Cell, column: LayoutColumn): number | null | 'bad' {
  if (isBlank(raw)) return null;
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : 'bad';
  const text = cellText(raw);
  const span = column.column === 'year' ? /^(\d{4})\s*[/-]\s*(\d{2,4})$/.exec(text) : null;
  if (span) return Number(span[2].length === 2 ? span[1].slice(0, 2) + span[2] : span[2]);
  if (!/^[-+]?[\d\s]+([.,]0*)?$/.test(text)) return 'bad';
  const number = Number(text.replace(/\s/g, '').replace(',', '.'));
  return Number.isInteger(number) ? number : 'bad';
}

function readFlag(raw: Cell): number | null | 'bad' {
  const text = normalizeHeader(raw);
  if (text === '') return null;
  if (['1', 'да', 'есть', 'имеется', 'true', '+'].includes(text)) return 1;
  if (['0', 'нет', 'false', '-'].includes(text)) return 0;
  return 'bad';
}

function readChoice(raw: Cell, column: LayoutColumn): string | null | 'bad' {
  const text = normalizeHeader(raw);
  if (text === '') return null;
  for (const [value, options] of Object.entries(column.choices ?? {})) {
    if (normalizeHeader(value) === text || options.some((option) => normalizeHeader(option) === text)) return value;
  }
  return 'bad';
}

function readText(raw: Cell): string | null {
  if (isBlank(raw)) return null;
  if (typeof raw === 'number' && Number.isInteger(raw)) return String(raw);
  return cellText(raw).replace(/\s+/g, ' ');
}

export interface ReadOptions {
  fileName: string;
  sheetName: string | undefined;
  /** per column: a reader that replaces the layout's (returns 'bad' with a problem, or a value) */
  custom?: Record<string, (raw: Cell) => Value | { bad: string }>;
}

/**
 * Every non-blank row under the header, typed by the layout. The first bad or missing value
 * throws ImportError naming file, sheet, row, column (as written in the file) and value.
 */
export function readRows(table: LocatedTable, options: ReadOptions): TableRow[] {
  const { layout, sheet, headerRow, columns } = table;
  const { fileName, sheetName } = options;
  const header = sheet.rows[headerRow] ?? [];
  refuseDuplicateColumns(header, matchers(layout), { file: fileName, sheet: sheetName, row: headerRow + 1 });
  const out: TableRow[] = [];
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const cells = sheet.rows[r] ?? [];
    if (cells.every(isBlank)) continue;
    const excelRow = r + 1;
    const place = (key?: string): Place => {
      const ref = key === undefined ? undefined : columns.get(key);
      return { file: fileName, sheet: sheetName, row: excelRow, ...(ref ? { column: ref.header } : {}) };
    };
    const text = (key: string) => {
      const ref = columns.get(key);
      return ref ? cellText(cells[ref.index]) : '';
    };
    const values: Record<string, Value> = {};
    for (const column of layout.columns) {
      const ref = columns.get(column.column);
      const raw: Cell = ref ? cells[ref.index] : undefined;
      const custom = options.custom?.[column.column];
      let value: Value | 'bad';
      let problem = `нужно: ${column.description}`;
      if (custom) {
        const read = custom(raw);
        if (read !== null && typeof read === 'object') {
          value = 'bad';
          problem = read.bad;
        } else value = read;
      } else if (column.kind === 'integer') value = readInteger(raw, column);
      else if (column.kind === 'flag') value = readFlag(raw);
      else if (column.kind === 'choice') value = readChoice(raw, column);
      else value = readText(raw);
      if (value === 'bad') throw invalidValue(place(column.column), cellText(raw), problem);
      if (value === null && column.required) throw invalidValue(place(column.column), '', `столбец «${column.header}» обязателен`);
      values[column.column] = value;
    }
    out.push({ row: excelRow, values, text, place });
  }
  return out;
}

/** An integer value checked against a range, with the layout's wording. */
export function checkRange(row: TableRow, key: string, min: number, max: number, problem: string): void {
  const value = row.values[key];
  if (value === null || value === undefined) return;
  if (typeof value !== 'number' || value < min || value > max) throw invalidValue(row.place(key), row.text(key), problem);
}

/** «строка 5» for a duplicate found at a later row. */
export function duplicateRow(row: TableRow, key: string, earlierRow: number, what: string): Error {
  return invalidValue(row.place(key), row.text(key), `${what} уже есть в строке ${earlierRow}`, 'Оставьте одну строку и загрузите файл снова.');
}
