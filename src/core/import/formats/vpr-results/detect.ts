import type { Cell } from '../../cells.ts';
import { normalizeHeader } from '../../cells.ts';
import { findTaskColumns } from '../../columns.ts';
import type { ResultFormatId } from '../../formats.ts';
import { missingColumn } from '../../messages.ts';
import { findReportTitle } from '../../work/title-block.ts';
import type { SheetGrid } from '../../read/workbook.ts';

export interface Detection {
  format: ResultFormatId;
  sheet: SheetGrid;
  /** 0-based index of the header row in sheet.rows */
  headerRow: number;
  /** further sheets that also hold a participant table (they are not imported) */
  otherSheets: string[];
}

/** Title blocks are a few rows; headers sit below them (row 8 in Ф1, row 1 in the forms). */
const HEADER_SCAN_ROWS = 50;

const PARTICIPANT_HEADERS = new Set(['код участника', 'код']);
const HEADER_COMPANIONS = new Set(['вариант', 'оо', 'название оо', 'отметка', 'первичный балл', 'итого баллов']);

function foldedSet(row: readonly Cell[] | undefined): Set<string> {
  return new Set((row ?? []).map(normalizeHeader).filter((text) => text !== ''));
}

/** The participant table's header: a participant-code column next to other known columns. */
function findHeaderRow(sheet: SheetGrid): number {
  const limit = Math.min(sheet.rows.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    const cells = foldedSet(sheet.rows[r]);
    if (![...PARTICIPANT_HEADERS].some((h) => cells.has(h))) continue;
    if ([...HEADER_COMPANIONS].some((h) => cells.has(h)) || findTaskColumns(sheet.rows[r]).length > 0) return r;
  }
  return -1;
}

function classify(header: Set<string>, title: string | undefined): ResultFormatId {
  if (title === 'индивидуальные результаты' || ['оо', 'название оо', 'муниципалитет'].some((h) => header.has(h))) {
    return 'fisoko_f1';
  }
  if (['наименование класса', 'пол', 'учебник', 'пользователь'].some((h) => header.has(h))) return 'vpr_form_2022';
  if (header.has('код участника')) return 'vpr_form_2026';
  return 'vpr_form_2022';
}

/**
 * The participant table of a ВПР results file (Ф1 or a «Форма сбора результатов»), recognised by
 * content (title rows, header text), never by file name or position. null: no such table;
 * { f1WithoutHeader }: a Ф1 title whose header row is gone (the importer explains it).
 */
export function detectFormat(sheets: readonly SheetGrid[]): Detection | { f1WithoutHeader: SheetGrid } | null {
  let titledF1: SheetGrid | undefined;
  for (const [index, sheet] of sheets.entries()) {
    const title = findReportTitle(sheet);
    const headerRow = findHeaderRow(sheet);
    if (headerRow >= 0) {
      const otherSheets = sheets
        .slice(index + 1)
        .filter((other) => findHeaderRow(other) >= 0)
        .map((other) => other.name);
      return { format: classify(foldedSet(sheet.rows[headerRow]), title), sheet, headerRow, otherSheets };
    }
    if (title === 'индивидуальные результаты') titledF1 ??= sheet;
  }
  return titledF1 ? { f1WithoutHeader: titledF1 } : null;
}

export function missingF1Header(fileName: string, sheet: SheetGrid): Error {
  return missingColumn(
    { file: fileName, sheet: sheet.name, column: 'Код участника' },
    'Это отчёт ФИС ОКО «Индивидуальные результаты», но в нём не найдена строка заголовков таблицы участников. ' +
      'Выгрузите отчёт из ФИС ОКО заново, не удаляя столбцы и строки, и загрузите его.',
  );
}
