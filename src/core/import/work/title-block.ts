import type { Cell } from '../cells.ts';
import { FISOKO_REPORT_TITLES } from '../formats.ts';
import { cellNumber, cellText, isBlank, normalizeHeader } from '../cells.ts';
import { toIsoDate } from '../dates.ts';
import type { WorkFacts } from './records.ts';
import type { SheetGrid } from '../read/workbook.ts';

export interface TitleBlock {
  work: WorkFacts;
  /** 0-based row of «Уровень сложности задания», -1 when absent */
  difficultyRow: number;
}

// R3 of every ФИС ОКО report: 'ВПР 2026 Русский язык 4 класс'
const WORK_TITLE = /^впр\s+(\d{4})\s+(.+?)\s+(\d{1,2})\s*класс/i;

/** The value after a label cell («Предмет:» | 'Русский язык'). */
function labelled(row: readonly Cell[], label: string): { value: Cell; index: number } | undefined {
  const at = row.findIndex((cell) => normalizeHeader(cell).replace(/:$/, '') === label);
  if (at < 0) return undefined;
  for (let i = at + 1; i < row.length; i++) if (!isBlank(row[i])) return { value: row[i], index: at };
  return undefined;
}

/** Reads the report's title rows above the header (docs/methodology.md, «Отчёты ФИС ОКО»); row numbers are not fixed. */
export function readTitleBlock(file: string, sheet: SheetGrid, headerRow: number): TitleBlock {
  const work: WorkFacts = {};
  let difficultyRow = -1;
  for (let r = 0; r < headerRow; r++) {
    const row = sheet.rows[r] ?? [];
    for (const cell of row) {
      const title = WORK_TITLE.exec(cellText(cell));
      if (title) {
        work.year = Number(title[1]);
        work.subjectName ??= title[2];
        work.grade = Number(title[3]);
        work.subjectPlace ??= { file, sheet: sheet.name, row: r + 1 };
      }
      if (normalizeHeader(cell) === 'уровень сложности задания') difficultyRow = r;
    }
    const subject = labelled(row, 'предмет');
    if (subject) {
      work.subjectName = cellText(subject.value);
      work.subjectPlace = { file, sheet: sheet.name, row: r + 1, column: cellText(row[subject.index]) };
    }
    const max = labelled(row, 'максимальный первичный балл');
    if (max) work.maxPrimary = cellNumber(max.value);
    const date = labelled(row, 'дата');
    if (date) work.examDate = toIsoDate(date.value);
  }
  return { work, difficultyRow };
}

const TITLE_SCAN_ROWS = 10;

/** The ФИС ОКО report title (folded) in the first TITLE_SCAN_ROWS rows of a sheet. */
export function findReportTitle(sheet: SheetGrid): string | undefined {
  const limit = Math.min(sheet.rows.length, TITLE_SCAN_ROWS);
  for (let r = 0; r < limit; r++) {
    for (const cell of sheet.rows[r] ?? []) {
      const text = normalizeHeader(cell);
      if (FISOKO_REPORT_TITLES.includes(text)) return text;
    }
  }
  return undefined;
}

/** The ФИС ОКО report title (folded) in the first rows of any sheet. */
export function findAnyReportTitle(sheets: readonly SheetGrid[]): string | undefined {
  for (const sheet of sheets) {
    const title = findReportTitle(sheet);
    if (title) return title;
  }
  return undefined;
}
