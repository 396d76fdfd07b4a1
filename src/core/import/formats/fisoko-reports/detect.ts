import { normalizeHeader } from '../../cells.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import { rowAt } from './grid.ts';
import { findGroupsHeaderRow, readHeader } from './header.ts';
import { looksLikeScores, scoreColumns } from './hist.ts';
import { findVerticalJournalStart, isHorizontalJournal } from './journal.ts';
import type { ReportKind } from './kinds.ts';
import { REPORT_KINDS, reportOfTitle } from './kinds.ts';
import { markColumns } from './marks.ts';
import { markGroupOf } from './groups.ts';
import { findPlannedHeaderRow } from './planned.ts';
import { taskColumns } from './tasks.ts';

const TITLE_SCAN_ROWS = 10;

export type Layout = 'marks' | 'journal-horizontal' | 'journal-vertical' | 'hist' | 'tasks' | 'planned' | 'groups';

export interface SheetReport {
  sheet: SheetGrid;
  kind: ReportKind;
  layout: Layout;
  /** 0-based header row (for the vertical journal: the first block row) */
  headerRow: number;
  /** true when the report's title was found; false when recognised by the table alone */
  titled: boolean;
}

function titleOf(sheet: SheetGrid): ReportKind | undefined {
  for (let r = 0; r < Math.min(TITLE_SCAN_ROWS, sheet.rows.length); r++) {
    for (const cell of rowAt(sheet, r)) {
      const kind = reportOfTitle(normalizeHeader(cell));
      if (kind) return kind;
    }
  }
  return undefined;
}

function hasMarkGroupRows(sheet: SheetGrid, from: number): boolean {
  for (let r = from; r < Math.min(sheet.rows.length, from + 40); r++) {
    if (
      rowAt(sheet, r)
        .slice(0, 3)
        .some((cell) => typeof cell === 'string' && markGroupOf(cell) !== undefined)
    )
      return true;
  }
  return false;
}

/** The layout of a «Группы участников» table, by its columns (used when there is no title). */
function layoutOfGroupsTable(sheet: SheetGrid, headerRow: number): Layout | undefined {
  const header = readHeader(sheet, headerRow);
  if (isHorizontalJournal(header)) return 'journal-horizontal';
  const marks = markColumns(header);
  if (marks.length >= 2 && scoreColumns(header).length === marks.length) return 'marks';
  if (looksLikeScores(header)) return 'hist';
  if (taskColumns(header).length > 0) return hasMarkGroupRows(sheet, header.firstDataRow) ? 'groups' : 'tasks';
  return undefined;
}

function reportByTitle(sheet: SheetGrid, kind: ReportKind): SheetReport | undefined {
  const base = { sheet, kind, titled: true };
  if (kind.report === 'planned') {
    const headerRow = findPlannedHeaderRow(sheet);
    return headerRow >= 0 ? { ...base, layout: 'planned', headerRow } : undefined;
  }
  const headerRow = findGroupsHeaderRow(sheet);
  if (kind.report === 'journal') {
    if (headerRow >= 0 && isHorizontalJournal(readHeader(sheet, headerRow))) return { ...base, layout: 'journal-horizontal', headerRow };
    const start = findVerticalJournalStart(sheet);
    return start >= 0 ? { ...base, layout: 'journal-vertical', headerRow: start } : undefined;
  }
  if (headerRow < 0) return undefined;
  return { ...base, layout: kind.report, headerRow };
}

const KIND_OF_LAYOUT: Record<Layout, ReportKind> = {
  marks: REPORT_KINDS.marks,
  'journal-horizontal': REPORT_KINDS.journal,
  'journal-vertical': REPORT_KINDS.journal,
  hist: REPORT_KINDS.hist,
  tasks: REPORT_KINDS.tasks,
  planned: REPORT_KINDS.planned,
  groups: REPORT_KINDS.groups,
};

function reportByTable(sheet: SheetGrid): SheetReport | undefined {
  const headerRow = findGroupsHeaderRow(sheet);
  if (headerRow >= 0) {
    const layout = layoutOfGroupsTable(sheet, headerRow);
    if (layout) return { sheet, kind: KIND_OF_LAYOUT[layout], layout, headerRow, titled: false };
  }
  const planned = findPlannedHeaderRow(sheet);
  if (planned >= 0) return { sheet, kind: REPORT_KINDS.planned, layout: 'planned', headerRow: planned, titled: false };
  return undefined;
}

/**
 * Every sheet that holds a ФИС ОКО aggregate report. The title (row 1 of the title block) names
 * the report; without it the table's columns decide (a user may have cut the title rows).
 */
export function findReports(sheets: readonly SheetGrid[]): SheetReport[] {
  const found: SheetReport[] = [];
  for (const sheet of sheets) {
    const kind = titleOf(sheet);
    const report = kind ? reportByTitle(sheet, kind) : reportByTable(sheet);
    if (report) found.push(report);
  }
  return found;
}
