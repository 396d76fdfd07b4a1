import type { SampleTask } from './sample-f1.ts';
import { numericSum, taskHeader } from './sample-f1.ts';
import type { SampleCell, SheetSpec } from '../../samples/xlsx-writer.ts';
import { writeWorkbook } from '../../samples/xlsx-writer.ts';

export const JOURNAL_HEADER = 'Отметка за предыдущий триместр/ четверть/полугодие';

export interface Form2026Participant {
  code: number | string;
  /** 1, 2 or 'отсутствовал' */
  variant: SampleCell;
  scores: SampleCell[];
  classOrdinal?: SampleCell;
  journal?: SampleCell;
  /** «Итого баллов»; default: the sum of the numeric scores, as the template's formula shows */
  total?: SampleCell;
}

export interface Form2026Spec {
  tasks: SampleTask[];
  participants: Form2026Participant[];
  /** empty template rows after the participants (they show «Итого баллов» 0); default 20 */
  templateRows?: number;
}

export interface Form2022Participant {
  code: number | string;
  variant: SampleCell;
  scores: SampleCell[];
  classLabel?: SampleCell;
  gender?: SampleCell;
  journal?: SampleCell;
  textbook?: SampleCell;
  /** «Пользователь»: the school's login */
  user?: SampleCell;
}

export interface Form2022Spec {
  tasks: SampleTask[];
  participants: Form2022Participant[];
  /** add the «Пользователь» column (some 2022 files carry the ФИС ОКО login there) */
  userColumn?: boolean;
}

/** The dropdown lists of the 2026 template (sheet «Служебный»). */
function serviceSheet(): SheetSpec {
  return {
    name: 'Служебный',
    rows: [
      [1, 5, 3, 'нет отметки'],
      [2, 4, 2, 5],
      ['отсутствовал', 3, 1, 4],
      [null, 2, 0, 3],
      [null, 1, 'X', 2],
      [null, 0],
      [null, 'X'],
    ],
  };
}

/** «Форма сбора результатов» ВПР 2026 (docs/methodology.md): sheets «Протокол», «Служебный», «Порядковый номер класса». */
export function vprForm2026Sheets(spec: Form2026Spec): SheetSpec[] {
  const header: SampleCell[] = ['Код участника', 'Вариант', ...spec.tasks.map(taskHeader), 'Порядковый номер класса', JOURNAL_HEADER, 'Итого баллов'];
  const rows: SampleCell[][] = [header];
  for (const p of spec.participants) {
    const absent = p.variant === 'отсутствовал';
    const total = p.total === undefined ? (absent ? 0 : numericSum(p.scores)) : p.total;
    rows.push([p.code, p.variant, ...p.scores, p.classOrdinal ?? null, p.journal ?? null, total]);
  }
  const blank: SampleCell[] = [...new Array<SampleCell>(header.length - 1).fill(null), 0];
  for (let i = 0; i < (spec.templateRows ?? 20); i++) rows.push([...blank]);
  const ordinals: SampleCell[][] = Array.from({ length: 50 }, (_, i) => [i + 1]);
  return [{ name: 'Протокол', rows }, serviceSheet(), { name: 'Порядковый номер класса', rows: ordinals }];
}

export function writeVprForm2026(spec: Form2026Spec): Uint8Array {
  return writeWorkbook(vprForm2026Sheets(spec));
}

/** «Форма сбора результатов» ВПР 2022: sheet «Протокол» with class name, gender and textbook columns. */
export function vprForm2022Sheets(spec: Form2022Spec): SheetSpec[] {
  const header: SampleCell[] = [
    'Код',
    'Вариант',
    ...spec.tasks.map(taskHeader),
    'Наименование класса',
    'Пол',
    JOURNAL_HEADER,
    'Учебник',
    ...(spec.userColumn ? ['Пользователь'] : []),
  ];
  const rows: SampleCell[][] = [header];
  for (const p of spec.participants) {
    rows.push([
      p.code,
      p.variant,
      ...p.scores,
      p.classLabel ?? null,
      p.gender ?? null,
      p.journal ?? null,
      p.textbook ?? null,
      ...(spec.userColumn ? [p.user ?? null] : []),
    ]);
  }
  return [{ name: 'Протокол', rows }];
}

export function writeVprForm2022(spec: Form2022Spec): Uint8Array {
  return writeWorkbook(vprForm2022Sheets(spec));
}
