import type { FormatId } from '../../formats.ts';

/** fisoko_agg.report keys (docs/formats.md, «Сводные отчёты ФИС ОКО») and how each report is named. */
export type ReportKey = 'marks' | 'journal' | 'hist' | 'tasks' | 'planned' | 'groups';

export interface ReportKind {
  report: ReportKey;
  /** import_batch.detected_format */
  format: FormatId;
  /** row 1 of the title block, folded (lower case, ё→е) */
  title: string;
  label: string;
}

export const REPORT_KINDS: Record<ReportKey, ReportKind> = {
  marks: { report: 'marks', format: 'fisoko_marks', title: 'статистика по отметкам', label: 'ФИС ОКО: Статистика по отметкам' },
  journal: {
    report: 'journal',
    format: 'fisoko_journal',
    title: 'сравнение отметок с отметками по журналу',
    label: 'ФИС ОКО: Сравнение отметок с отметками по журналу',
  },
  hist: { report: 'hist', format: 'fisoko_hist', title: 'распределение первичных баллов', label: 'ФИС ОКО: Распределение первичных баллов' },
  tasks: { report: 'tasks', format: 'fisoko_tasks', title: 'выполнение заданий', label: 'ФИС ОКО: Выполнение заданий' },
  planned: {
    report: 'planned',
    format: 'fisoko_planned',
    title: 'достижение планируемых результатов',
    label: 'ФИС ОКО: Достижение планируемых результатов',
  },
  groups: {
    report: 'groups',
    format: 'fisoko_groups',
    title: 'выполнение заданий группами участников',
    label: 'ФИС ОКО: Выполнение заданий группами участников',
  },
};

/** The report a title cell names; titles may carry a tail («… в соответствии с ПООП и ФГОС»). */
export function reportOfTitle(folded: string): ReportKind | undefined {
  const kinds = Object.values(REPORT_KINDS).sort((a, b) => b.title.length - a.title.length);
  return kinds.find((kind) => folded === kind.title || folded.startsWith(`${kind.title} `) || folded.startsWith(`${kind.title}(`));
}
