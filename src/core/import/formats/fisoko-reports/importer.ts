import type { Database } from '../../../db.ts';
import { resolveWorkFacts, workLabel } from '../../work/context.ts';
import { fileError } from '../../messages.ts';
import type { Detected, Importer, RunContext, RunOutcome } from '../../pipeline/registry.ts';
import { readTitleBlock } from '../../work/title-block.ts';
import type { SheetReport } from './detect.ts';
import { findReports } from './detect.ts';
import { REPORT_KINDS } from './kinds.ts';
import { parseGroups } from './groups.ts';
import { parseHist } from './hist.ts';
import { parseHorizontalJournal, parseVerticalJournal } from './journal.ts';
import { parseMarks } from './marks.ts';
import type { ParsedReport } from './parsed.ts';
import { parsePlanned } from './planned.ts';
import { parseTasks } from './tasks.ts';
import { writeReport } from './write.ts';

function parseSheet(file: string, found: SheetReport): ParsedReport {
  const { sheet, kind, layout, headerRow } = found;
  const ctx = { file, sheet: sheet.name };
  const { work } = readTitleBlock(file, sheet, headerRow);
  const parsed: ParsedReport = { kind, sheet: sheet.name, work, values: [], tasks: [], warnings: [] };
  switch (layout) {
    case 'marks':
      parsed.values = parseMarks(ctx, sheet, headerRow);
      break;
    case 'journal-horizontal':
      parsed.values = parseHorizontalJournal(ctx, sheet, headerRow);
      break;
    case 'journal-vertical':
      parsed.values = parseVerticalJournal(ctx, sheet);
      break;
    case 'hist': {
      const hist = parseHist(ctx, sheet, headerRow);
      parsed.values = hist.values;
      work.maxPrimary ??= hist.maxScore ?? undefined;
      break;
    }
    case 'tasks':
      Object.assign(parsed, parseTasks(ctx, sheet, headerRow));
      break;
    case 'groups':
      Object.assign(parsed, parseGroups(ctx, sheet, headerRow));
      break;
    case 'planned': {
      const planned = parsePlanned(ctx, sheet, headerRow);
      parsed.values = planned.values;
      parsed.tasks = planned.tasks;
      parsed.warnings.push(...planned.warnings);
      break;
    }
  }
  if (parsed.values.length === 0) {
    throw fileError(
      'empty',
      { file, sheet: sheet.name },
      `в отчёте «${kind.label.replace(/^ФИС ОКО: /, '')}» нет ни одной строки с числами под заголовком таблицы. ` +
        'Выгрузите отчёт из ФИС ОКО заново и загрузите его.',
    );
  }
  return parsed;
}

function runReports(db: Database, reports: readonly SheetReport[], ctx: RunContext): RunOutcome {
  const parsed = reports.map((report) => parseSheet(ctx.fileName, report));
  let rows = 0;
  const schools = new Set<number>();
  const assessments: string[] = [];
  const warnings: string[] = [];
  for (const report of parsed) {
    const work = resolveWorkFacts(db, ctx.fileName, report.work, ctx.options.context);
    const outcome = writeReport(db, ctx.batchId, report, work);
    rows += outcome.rows;
    for (const id of outcome.schools) schools.add(id);
    const label = workLabel(work);
    if (!assessments.includes(label)) assessments.push(label);
    warnings.push(...report.warnings, ...outcome.warnings);
    ctx.onProgress?.(rows, rows);
  }
  return { rows, taskScores: 0, schools: schools.size, assessments, warnings };
}

// A report title plus its table is unambiguous; a table alone (title rows cut off) less so.
const TITLED_CONFIDENCE = 0.9;
const UNTITLED_CONFIDENCE = 0.6;

/** A file of several kinds of report (each sheet still goes in as its own kind). */
const MIXED_REPORTS_LABEL = 'ФИС ОКО: сводные отчёты';

/** ФИС ОКО «Аналитика» aggregate reports → fisoko_agg (docs/formats.md). */
export const fisokoReportsImporter: Importer = {
  id: 'fisoko-reports',
  supported:
    'сводные отчёты ФИС ОКО «Статистика по отметкам», «Сравнение отметок с отметками по журналу», «Распределение первичных баллов», ' +
    '«Выполнение заданий», «Достижение планируемых результатов», «Выполнение заданий группами участников»',
  labels: { ...Object.fromEntries(Object.values(REPORT_KINDS).map((kind) => [kind.format, kind.label])), fisoko_reports: MIXED_REPORTS_LABEL },
  detect(_fileName, sheets): Detected | null {
    const reports = findReports(sheets);
    if (reports.length === 0) return null;
    const kinds = new Set(reports.map((report) => report.kind.format));
    const first = reports[0].kind;
    return {
      format: kinds.size === 1 ? first.format : 'fisoko_reports',
      label: kinds.size === 1 ? first.label : MIXED_REPORTS_LABEL,
      confidence: reports.every((report) => report.titled) ? TITLED_CONFIDENCE : UNTITLED_CONFIDENCE,
      run: (db, ctx) => runReports(db, reports, ctx),
    };
  },
};
