import type { HeaderMatcher } from './columns.ts';

export type FormatId = 'fisoko_f1' | 'vpr_form_2026' | 'vpr_form_2022';

export const FORMAT_LABELS: Record<FormatId, string> = {
  fisoko_f1: 'ФИС ОКО: Индивидуальные результаты (Ф1)',
  vpr_form_2026: 'ВПР: Форма сбора результатов (2026)',
  vpr_form_2022: 'ВПР: Форма сбора результатов (2022)',
};

/** Header synonyms (folded: lower case, ё→е, single spaces); the layouts: docs/methodology.md, «Откуда берутся файлы». */
export const JOURNAL_MARK: readonly HeaderMatcher[] = ['отметка по журналу', /^отметка за предыдущ/];

export const F1_COLUMNS = {
  login: ['оо', 'логин оо'],
  municipality: ['муниципалитет'],
  schoolName: ['название оо'],
  participant: ['код участника'],
  klass: ['класс'],
  variant: ['вариант'],
  primary: ['первичный балл'],
  mark: ['отметка'],
  journal: ['отметка по журналу'],
} satisfies Record<string, readonly HeaderMatcher[]>;

export const FORM_2026_COLUMNS = {
  participant: ['код участника'],
  variant: ['вариант'],
  classOrdinal: ['порядковый номер класса'],
  journal: JOURNAL_MARK,
  total: ['итого баллов'],
} satisfies Record<string, readonly HeaderMatcher[]>;

export const FORM_2022_COLUMNS = {
  participant: ['код', 'код участника'],
  variant: ['вариант'],
  classLabel: ['наименование класса'],
  classOrdinal: ['порядковый номер класса'],
  journal: JOURNAL_MARK,
  total: ['итого баллов'],
  user: ['пользователь', 'логин оо'],
} satisfies Record<string, readonly HeaderMatcher[]>;

/** Titles of the ФИС ОКО «Аналитика» reports (row 1 of the title block), folded. */
export const FISOKO_REPORT_TITLES: readonly string[] = [
  'индивидуальные результаты',
  'статистика по отметкам',
  'сравнение отметок с отметками по журналу',
  'распределение первичных баллов',
  'выполнение заданий',
  'достижение планируемых результатов',
  'выполнение заданий группами участников',
];
