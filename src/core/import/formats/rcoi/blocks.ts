import type { Cell } from '../../cells.ts';
import { cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { ColumnRef } from '../../columns.ts';
import { matchesHeader } from '../../columns.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import type { RcoiField } from './headers.ts';
import { FOOTER, GROUP_HEADERS, RCOI_FIELDS } from './headers.ts';
import type { ExamTitle, RegionLine } from './title.ts';
import { parseExamTitle, parseRegionLine } from './title.ts';

export type TableKind = 'protocol' | 'appeal';

export type FieldColumns = Partial<Record<RcoiField, ColumnRef>>;

/** One exam block: [title], header, data rows (footers dropped). */
export interface Block {
  sheet: string;
  title: ExamTitle | null;
  /** 1-based Excel row and the column letter of the title cell */
  titleRow: number | null;
  titleColumn: string | null;
  region: RegionLine | null;
  /** 1-based Excel row of the (last) header row */
  headerRow: number;
  kind: TableKind;
  fields: FieldColumns;
  /** folded header text per column, '' for spacer columns */
  header: string[];
  rows: Array<{ row: number; cells: Cell[] }>;
}

const FIELD_ENTRIES = Object.entries(RCOI_FIELDS) as Array<[RcoiField, readonly (string | RegExp)[]]>;

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function fieldOf(folded: string): RcoiField | undefined {
  if (folded === '') return undefined;
  for (const [field, matchers] of FIELD_ENTRIES) {
    if (matchers.some((matcher) => matchesHeader(folded, matcher))) return field;
  }
  return undefined;
}

/** Fields a header row names, first column wins for repeated names. */
export function fieldsOfRow(row: readonly Cell[]): { fields: FieldColumns; header: string[]; recognised: number } {
  const fields: FieldColumns = {};
  const header: string[] = [];
  let recognised = 0;
  row.forEach((cell, index) => {
    const folded = typeof cell === 'string' ? normalizeHeader(cell) : '';
    header[index] = folded;
    const field = fieldOf(folded);
    if (!field) return;
    recognised++;
    fields[field] ??= { index, header: cellText(cell) };
  });
  for (let i = 0; i < header.length; i++) header[i] ??= '';
  return { fields, header, recognised };
}

/** A table header of a РЦОИ protocol or appeal export. */
export function tableKindOf(fields: FieldColumns, recognised: number): TableKind | null {
  if (recognised < 3) return null;
  if (fields.appealType || (fields.exam && (fields.appeal || fields.state))) return 'appeal';
  if (fields.school && (fields.primary || fields.mark || fields.testScore || fields.short || fields.long)) return 'protocol';
  return null;
}

function nonBlankCount(row: readonly Cell[]): { count: number; first: number } {
  let count = 0;
  let first = -1;
  for (let i = 0; i < row.length; i++) {
    if (isBlank(row[i])) continue;
    if (first < 0) first = i;
    count++;
  }
  return { count, first };
}

/** The row under «Текущие» names its parts («Первичный балл», «Балл»): it refines the header. */
function mergeSubHeader(block: Block, row: readonly Cell[]): boolean {
  const { fields, header, recognised } = fieldsOfRow(row);
  const filled = row.filter((cell) => !isBlank(cell)).length;
  if (recognised === 0 || recognised !== filled) return false;
  if (!block.header.some((text) => GROUP_HEADERS.includes(text))) return false;
  for (const [field, column] of Object.entries(fields) as Array<[RcoiField, ColumnRef]>) {
    block.fields[field] = column;
    block.header[column.index] = header[column.index];
  }
  return true;
}

function sameHeader(a: readonly string[], b: readonly string[]): boolean {
  const trim = (h: readonly string[]) => h.join('\u001f').replace(/\u001f+$/, '');
  return trim(a) === trim(b);
}

/**
 * Splits a sheet into blocks: title lines («NN - Предмет YYYY.MM.DD»), the header under them,
 * data rows up to the footers («Средние», «Минимальная граница», «Всего участников») and the
 * next title or header. A header without a title above it (normalized exports, ОГЭ appeals) is a
 * block with title null.
 */
export function splitBlocks(sheet: SheetGrid): Block[] {
  const blocks: Block[] = [];
  let region: RegionLine | null = null;
  let title: { title: ExamTitle; row: number; column: string } | null = null;
  let current: Block | null = null;
  let afterHeader = false;

  for (let index = 0; index < sheet.rows.length; index++) {
    const row = sheet.rows[index] ?? [];
    const excelRow = index + 1;
    const { count, first } = nonBlankCount(row);
    if (count === 0) continue;
    const wasAfterHeader = afterHeader;
    afterHeader = false;
    const firstText = cellText(row[first]);
    if (count === 1 && typeof row[first] === 'string') {
      const exam = parseExamTitle(firstText);
      if (exam) {
        title = { title: exam, row: excelRow, column: columnLetter(first) };
        current = null;
        continue;
      }
      if (/^протокол/i.test(firstText)) continue;
      const regionLine = parseRegionLine(firstText);
      if (regionLine && !current) {
        region = regionLine;
        continue;
      }
    }
    if (FOOTER.test(normalizeHeader(firstText))) {
      current = null; // what follows the footers (signatures, print dates) is not data
      continue;
    }
    // Data rows start with a row number or a code; only rows starting with words or «№» can be headers.
    if (typeof row[first] === 'string' && !/^\d/.test(firstText)) {
      const { fields, header, recognised } = fieldsOfRow(row);
      const kind = tableKindOf(fields, recognised);
      if (kind) {
        if (current && sameHeader(current.header, header)) continue; // repeated on a new page
        current = {
          sheet: sheet.name,
          title: title?.title ?? null,
          titleRow: title?.row ?? null,
          titleColumn: title?.column ?? null,
          region,
          headerRow: excelRow,
          kind,
          fields,
          header,
          rows: [],
        };
        blocks.push(current);
        afterHeader = true;
        continue;
      }
      if (current && wasAfterHeader && mergeSubHeader(current, row)) {
        current.headerRow = excelRow;
        continue;
      }
    }
    // A lone caption inside the table («ППЭ 1003») is not a participant.
    if (count === 1 && current?.fields.school && isBlank(row[current.fields.school.index])) continue;
    current?.rows.push({ row: excelRow, cells: row });
  }
  return blocks;
}

/** Cheap look at the first rows for detect(): the first table header found. */
export function findTable(sheet: SheetGrid, scanRows = 100): { kind: TableKind; fields: FieldColumns } | null {
  const limit = Math.min(sheet.rows.length, scanRows);
  for (let r = 0; r < limit; r++) {
    const row = sheet.rows[r];
    if (!row || row.length < 3) continue;
    const { fields, recognised } = fieldsOfRow(row);
    const kind = tableKindOf(fields, recognised);
    if (kind) return { kind, fields };
  }
  return null;
}

/** Whether the sheet's first rows hold an exam title line. */
export function hasExamTitle(sheet: SheetGrid, scanRows = 100): boolean {
  const limit = Math.min(sheet.rows.length, scanRows);
  for (let r = 0; r < limit; r++) {
    const row = sheet.rows[r] ?? [];
    const { count, first } = nonBlankCount(row);
    if (count === 1 && typeof row[first] === 'string' && parseExamTitle(row[first] as string)) return true;
  }
  return false;
}
