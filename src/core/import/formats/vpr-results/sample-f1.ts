import { fisokoSheetName, ruDate } from '../../samples/fisoko.ts';
import type { SampleCell, SheetSpec } from '../../samples/xlsx-writer.ts';
import { writeWorkbook } from '../../samples/xlsx-writer.ts';

export interface SampleTask {
  /** '1', '9.1', '4К1' */
  code: string;
  max: number;
  /** 'Б', 'П', 'В' */
  difficulty?: string;
}

/** Cells are written as given, so tests can put wrong values ('abc', 7) into them. */
export interface F1Participant {
  code: number | string;
  classOrdinal?: SampleCell;
  variant?: SampleCell;
  /** one cell per task: points, 'X' or anything else */
  scores: SampleCell[];
  /** default: the sum of the numeric scores */
  primary?: SampleCell;
  mark: SampleCell;
  journal?: SampleCell;
}

export interface F1School {
  login: string;
  name: string;
  /** as in the «Муниципалитет» column; may end with '(reg99_m001)' */
  municipality: string;
  participants: F1Participant[];
}

export interface F1Spec {
  year: number;
  /** «Предмет»: 'Русский язык' */
  subject: string;
  /** ФИС ОКО sheet prefix; default from the subject ('РУ', 'МА') */
  abbr?: string;
  grade: number;
  /** ISO date; written as ФИС ОКО shows it ('20.04.2026') */
  examDate: string;
  /** default: the sum of the task maxima */
  maxPrimary?: number;
  tasks: SampleTask[];
  schools: F1School[];
}

export function taskHeader(task: { code: string; max: number }): string {
  return `${task.code} (${task.max}б)`;
}

export function numericSum(cells: readonly SampleCell[]): number {
  return cells.reduce<number>((sum, cell) => (typeof cell === 'number' ? sum + cell : sum), 0);
}

export function f1SheetName(spec: Pick<F1Spec, 'subject' | 'abbr' | 'grade'>): string {
  return fisokoSheetName(spec, 'Индивидуальные результаты');
}

/** The rows of a ФИС ОКО «Индивидуальные результаты» sheet (docs/methodology.md, «Отчёты ФИС ОКО»). */
export function fisokoF1Sheet(spec: F1Spec): SheetSpec {
  const maxPrimary = spec.maxPrimary ?? spec.tasks.reduce((sum, task) => sum + task.max, 0);
  const rows: SampleCell[][] = [
    ['Индивидуальные результаты'],
    [],
    [`ВПР ${spec.year} ${spec.subject} ${spec.grade} класс`],
    ['Предмет:', spec.subject],
    ['Максимальный первичный балл:', maxPrimary],
    ['Дата:', ruDate(spec.examDate)],
    [null, null, 'Уровень сложности задания', null, null, null, ...spec.tasks.map((task) => task.difficulty ?? null)],
    [
      'ОО',
      'Муниципалитет',
      'Название ОО',
      'Код участника',
      'Класс',
      'Вариант',
      ...spec.tasks.map(taskHeader),
      'Первичный балл',
      'Отметка',
      'Отметка по журналу',
    ],
  ];
  for (const school of spec.schools) {
    const label = `${school.name}(${school.login})`;
    rows.push([`${label} | Кол-во участников: ${school.participants.length}`]);
    for (const p of school.participants) {
      rows.push([
        school.login,
        school.municipality,
        label,
        p.code,
        p.classOrdinal ?? 1,
        p.variant ?? 1,
        ...p.scores,
        p.primary === undefined ? numericSum(p.scores) : p.primary,
        p.mark,
        p.journal ?? null,
      ]);
    }
  }
  return { name: f1SheetName(spec), rows };
}

export function writeFisokoF1(spec: F1Spec): Uint8Array {
  return writeWorkbook([fisokoF1Sheet(spec)]);
}
