/**
 * ФИС ОКО «Аналитика» aggregate reports as sheets (docs/methodology.md, «Отчёты ФИС ОКО»). «Статистика по отметкам» and
 * the horizontal journal report follow verified exports; the rest follow the layouts assumed in
 * docs/formats.md [R] — change them here when a real export shows otherwise.
 */
import { fisokoSheetName, ruDate } from '../../samples/fisoko.ts';
import type { SampleCell, SheetSpec } from '../../samples/xlsx-writer.ts';

export interface ReportTitleSpec {
  year: number;
  subject: string;
  abbr?: string;
  grade: number;
  maxPrimary: number;
  /** ISO date */
  examDate: string;
}

/** One row label («Вся выборка», a region, «…(reg20_m012)», «…(edu203389)») with its figures. */
export interface AggRowSpec {
  label: string;
  /** «Кол-во ОО»; null for a school row */
  nOo?: number | null;
  n: number;
  /** one share per mark / score / task column */
  pct: SampleCell[];
}

export interface JournalRowSpec {
  label: string;
  n: number;
  /** [%, count] */
  lowered: [number, number];
  confirmed: [number, number];
  raised: [number, number];
}

export interface ReportTaskSpec {
  code: string;
  max: number;
  /** the checked requirement («Достижение планируемых результатов») */
  requirement?: string;
}

export interface PlannedEntitySpec {
  name: string;
  n: number;
}

export interface GroupBlockSpec {
  label: string;
  /** the entity's own row (all participants); omitted: a caption row without figures */
  all?: { n: number; pct: SampleCell[] };
  groups: Array<{ mark: 2 | 3 | 4 | 5; n: number; pct: SampleCell[] }>;
}

/** Rows 1–7: report title, work, subject, max, date, blank (docs/methodology.md, «Отчёты ФИС ОКО»). */
export function reportTitleRows(report: string, title: ReportTitleSpec): SampleCell[][] {
  return [
    [report],
    [],
    [`ВПР ${title.year} ${title.subject} ${title.grade} класс`],
    ['Предмет:', title.subject],
    ['Максимальный первичный балл:', title.maxPrimary],
    ['Дата:', ruDate(title.examDate)],
    [],
  ];
}

function aggRows(rows: readonly AggRowSpec[]): SampleCell[][] {
  return rows.map((row) => [row.label, row.nOo ?? null, row.n, ...row.pct]);
}

/** «Статистика по отметкам»: Группы участников | Кол-во ОО | Кол-во участников | 2 | 3 | 4 | 5. */
export function fisokoMarksSheet(title: ReportTitleSpec, rows: readonly AggRowSpec[]): SheetSpec {
  const report = 'Статистика по отметкам';
  return {
    name: fisokoSheetName(title, report),
    rows: [...reportTitleRows(report, title), ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5], ...aggRows(rows)],
  };
}

const LOWERED = 'Понизили (Отметка < Отметка по журналу)';
const CONFIRMED = 'Подтвердили (Отметка = Отметке по журналу)';
const RAISED = 'Повысили (Отметка > Отметка по журналу)';

/**
 * «Сравнение отметок с отметками по журналу». horizontal: the 2024+ export (one row per entity).
 * vertical: the 2021 layout as assumed in docs/formats.md — per entity a caption row, then rows
 * Понизили/Подтвердили/Повысили/Всего with columns Кол-во участников | %.
 */
export function fisokoJournalSheet(title: ReportTitleSpec, rows: readonly JournalRowSpec[], orientation: 'horizontal' | 'vertical'): SheetSpec {
  const report = 'Сравнение отметок с отметками по журналу';
  const head = reportTitleRows(report, title);
  if (orientation === 'horizontal') {
    return {
      name: fisokoSheetName(title, report),
      rows: [
        ...head,
        [
          'Группы участников',
          'Кол-во участников(всего)',
          `${LOWERED} %`,
          `${LOWERED} Кол-во участников`,
          `${CONFIRMED} %`,
          `${CONFIRMED} Кол-во участников`,
          `${RAISED} %`,
          `${RAISED} Кол-во участников`,
        ],
        ...rows.map((row) => [row.label, row.n, row.lowered[0], row.lowered[1], row.confirmed[0], row.confirmed[1], row.raised[0], row.raised[1]]),
      ],
    };
  }
  const body: SampleCell[][] = [['Группы участников', null, 'Кол-во участников', '%']];
  for (const row of rows) {
    body.push([row.label]);
    body.push([null, LOWERED, row.lowered[1], row.lowered[0]]);
    body.push([null, CONFIRMED, row.confirmed[1], row.confirmed[0]]);
    body.push([null, RAISED, row.raised[1], row.raised[0]]);
    body.push([null, 'Всего', row.n, 100]);
  }
  return { name: fisokoSheetName(title, report), rows: [...head, ...body] };
}

/** «Распределение первичных баллов»: … | Кол-во участников | 0 | 1 | … | max (values %) [R]. */
export function fisokoHistSheet(title: ReportTitleSpec, rows: readonly AggRowSpec[]): SheetSpec {
  const report = 'Распределение первичных баллов';
  const scores = Array.from({ length: title.maxPrimary + 1 }, (_, score) => score);
  return {
    name: fisokoSheetName(title, report),
    rows: [...reportTitleRows(report, title), ['Группы участников', 'Кол-во ОО', 'Кол-во участников', ...scores], ...aggRows(rows)],
  };
}

/**
 * «Выполнение заданий» [R]. maxima 'row': header of bare task codes and a «Макс. балл» row under
 * it; 'header': headers «9.1 (1б)» as in Ф1.
 */
export function fisokoTasksSheet(title: ReportTitleSpec, tasks: readonly ReportTaskSpec[], rows: readonly AggRowSpec[], maxima: 'row' | 'header'): SheetSpec {
  const report = 'Выполнение заданий';
  const header: SampleCell[] = ['Группы участников', 'Кол-во ОО', 'Кол-во участников'];
  const body: SampleCell[][] = [];
  if (maxima === 'row') {
    body.push([...header, ...tasks.map((task) => task.code)]);
    body.push(['Макс. балл', null, null, ...tasks.map((task) => task.max)]);
  } else {
    body.push([...header, ...tasks.map((task) => `${task.code} (${task.max}б)`)]);
  }
  return { name: fisokoSheetName(title, report), rows: [...reportTitleRows(report, title), ...body, ...aggRows(rows)] };
}

/**
 * «Достижение планируемых результатов» [R]: № | requirement | Макс балл | one column per entity
 * under a merged «Средний % выполнения», with a row of counts («30216 уч.») under the names.
 */
export function fisokoPlannedSheet(
  title: ReportTitleSpec,
  tasks: readonly ReportTaskSpec[],
  entities: readonly PlannedEntitySpec[],
  pct: readonly SampleCell[][],
): SheetSpec {
  const report = 'Достижение планируемых результатов';
  const requirement = 'Блоки ПООП обучающийся научится / получит возможность научиться или проверяемые требования (умения) в соответствии с ФГОС';
  const body: SampleCell[][] = [
    ['№', requirement, 'Макс балл', 'Средний % выполнения', ...entities.slice(1).map(() => null)],
    [null, null, null, ...entities.map((entity) => entity.name)],
    [null, null, null, ...entities.map((entity) => `${entity.n} уч.`)],
    ...tasks.map((task, i) => [task.code, task.requirement ?? null, task.max, ...pct[i]]),
  ];
  return { name: fisokoSheetName(title, report), rows: [...reportTitleRows(report, title), ...body] };
}

/** «Выполнение заданий группами участников» [R]: per entity a row, then rows for marks 2–5. */
export function fisokoGroupsSheet(title: ReportTitleSpec, tasks: readonly ReportTaskSpec[], blocks: readonly GroupBlockSpec[]): SheetSpec {
  const report = 'Выполнение заданий группами участников';
  const body: SampleCell[][] = [['Группы участников', 'Кол-во участников', ...tasks.map((task) => `${task.code} (${task.max}б)`)]];
  for (const block of blocks) {
    body.push(block.all ? [block.label, block.all.n, ...block.all.pct] : [block.label]);
    for (const group of block.groups) body.push([`Группа участников, получивших отметку «${group.mark}»`, group.n, ...group.pct]);
  }
  return { name: fisokoSheetName(title, report), rows: [...reportTitleRows(report, title), ...body] };
}
