import type { HeaderMatcher } from './columns.ts';

/** The participant-result layouts detect.ts tells apart. */
export type ResultFormatId = 'fisoko_f1' | 'vpr_form_2026' | 'vpr_form_2022';

/** Every format a file is recognised as: Detected.format, written to import_batch.detected_format (docs/formats.md). */
export type FormatId =
  | ResultFormatId
  | 'fisoko_marks'
  | 'fisoko_journal'
  | 'fisoko_hist'
  | 'fisoko_tasks'
  | 'fisoko_planned'
  | 'fisoko_groups'
  | 'fisoko_reports'
  | 'rcoi_protocol'
  | 'rcoi_normalized'
  | 'rcoi_appeal'
  | 'fioko_bias'
  | 'school_directory'
  | 'olympiad_result'
  | 'additional_education'
  | 'teaching_staff'
  | 'medal_candidate'
  | 'term_mark'
  | 'monitoring_form';

export const FORMAT_LABELS: Record<ResultFormatId, string> = {
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
