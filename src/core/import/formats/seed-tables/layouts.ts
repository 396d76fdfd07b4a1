/**
 * Layouts of the small tables the indicator catalogue reads beyond results (docs/formats.md,
 * «Таблицы для показателей»). The three of migration 004 (olympiad_result, additional_education,
 * teaching_staff) are the catalogue's own (src/core/import/seed-tables/catalogue-layouts.ts, documented in
 * docs/indicators.md); this module adds
 *
 *  - medal_candidate — претенденты на медаль «За особые успехи в учении» (E5), and
 *  - term_mark — отметки за четверть / полугодие / год (G3),
 *
 * whose rows name a person (ФИО, document) that is turned into student_id and never stored
 * (persons.ts), and a few more spellings of the ОО column that every table shares.
 */
import type { LayoutColumn, TableLayout } from './catalogue-layouts.ts';
import { ADDITIONAL_EDUCATION_LAYOUT, OLYMPIAD_LAYOUT, SCHOOL, STAFF_LAYOUT, YEAR } from './catalogue-layouts.ts';

export type { LayoutColumn, TableLayout };
export { ADDITIONAL_EDUCATION_LAYOUT, OLYMPIAD_LAYOUT, STAFF_LAYOUT };

/** Spellings of the ОО column accepted beyond the catalogue's (folded: lower case, «ё» = «е»). */
export const EXTRA_SCHOOL_SYNONYMS: readonly string[] = [
  'логин',
  'логин фис око',
  'логин оо фис око',
  'код оо (рцои)',
  'код оо рцои',
  'код рцои',
  'наименование оо',
  'оо (логин, код или название)',
];

/** Spellings of the year column accepted beyond the catalogue's. */
export const EXTRA_YEAR_SYNONYMS: readonly string[] = ['год выпуска', 'год окончания'];

/** Who the row is about. Read to find student_id; stored only with «хранить ФИО» (person_name). */
export const PERSON_COLUMNS: LayoutColumn[] = [
  {
    header: 'ФИО',
    synonyms: ['ф.и.о.', 'фио обучающегося', 'фио выпускника', 'фио участника', 'фамилия, имя, отчество', 'фамилия имя отчество', 'обучающийся', 'выпускник'],
    column: 'full_name',
    required: false,
    kind: 'text',
    description: 'фамилия, имя, отчество в одной ячейке — или столбцы «Фамилия», «Имя», «Отчество»',
    example: 'Иванов Иван Иванович',
  },
  { header: 'Фамилия', synonyms: [], column: 'surname', required: false, kind: 'text', description: 'фамилия (если нет столбца «ФИО»)', example: 'Иванов' },
  { header: 'Имя', synonyms: [], column: 'name', required: false, kind: 'text', description: 'имя', example: 'Иван' },
  { header: 'Отчество', synonyms: [], column: 'patronymic', required: false, kind: 'text', description: 'отчество (если есть)', example: 'Иванович' },
  {
    header: 'Документ',
    synonyms: ['паспорт', 'документ, удостоверяющий личность', 'серия и номер документа', 'серия и номер', 'реквизиты документа'],
    column: 'document',
    required: false,
    kind: 'text',
    description: 'серия и номер документа, как в протоколах РЦОИ (необязательно, но связывает надёжнее) — или столбцы «Серия» и «Номер»',
    example: '9620 123456',
  },
  { header: 'Серия', synonyms: ['серия документа'], column: 'series', required: false, kind: 'text', description: 'серия документа', example: '9620' },
  { header: 'Номер', synonyms: ['номер документа'], column: 'number', required: false, kind: 'text', description: 'номер документа', example: '123456' },
];

export const MEDAL_LAYOUT: TableLayout = {
  table: 'medal_candidate',
  title: 'Претенденты на медаль «За особые успехи в учении»',
  indicators: ['E5'],
  columns: [
    SCHOOL,
    YEAR,
    ...PERSON_COLUMNS,
    {
      header: 'Степень медали',
      synonyms: ['степень', 'медаль', 'претендует на медаль', 'медаль (степень)', 'претендент на медаль'],
      column: 'degree',
      required: true,
      kind: 'choice',
      choices: {
        '1': [
          '1',
          'i',
          'i степени',
          'i степень',
          '1 степени',
          '1 степень',
          'первая',
          'первой степени',
          'медаль i степени',
          'медаль 1 степени',
          'золото',
          'золотая',
          'золотая медаль',
        ],
        '2': [
          '2',
          'ii',
          'ii степени',
          'ii степень',
          '2 степени',
          '2 степень',
          'вторая',
          'второй степени',
          'медаль ii степени',
          'медаль 2 степени',
          'серебро',
          'серебряная',
          'серебряная медаль',
        ],
      },
      description: 'I или II (1 / 2, «I степени», «золотая» / «серебряная»)',
      example: 'I',
    },
    {
      header: 'Класс',
      synonyms: ['класс обучения'],
      column: 'class_label',
      required: false,
      kind: 'text',
      description: 'класс (не сохраняется, для проверки файла)',
      example: '11А',
    },
  ],
  note:
    'Одна строка — один выпускник 11 класса, претендующий на медаль (приказ Минпросвещения России № 730). ' +
    'ФИО (и документ) нужны только чтобы найти выпускника среди участников ГИА-11; в базу они не пишутся.',
};

/** term_mark.period: the canonical values and their spellings (folded). */
export const PERIODS: Record<string, string[]> = {
  year: ['год', 'годовая', 'годовая отметка', 'за год', 'итоговая за год', 'year'],
  attestat: ['аттестат', 'в аттестат', 'итоговая', 'итоговая отметка', 'отметка в аттестат', 'attestat'],
  '1 четверть': ['1 четверть', 'i четверть', '1 ч', '1 ч.', 'первая четверть'],
  '2 четверть': ['2 четверть', 'ii четверть', '2 ч', '2 ч.', 'вторая четверть'],
  '3 четверть': ['3 четверть', 'iii четверть', '3 ч', '3 ч.', 'третья четверть'],
  '4 четверть': ['4 четверть', 'iv четверть', '4 ч', '4 ч.', 'четвертая четверть'],
  '1 полугодие': ['1 полугодие', 'i полугодие', 'первое полугодие'],
  '2 полугодие': ['2 полугодие', 'ii полугодие', 'второе полугодие'],
  '1 триместр': ['1 триместр', 'i триместр'],
  '2 триместр': ['2 триместр', 'ii триместр'],
  '3 триместр': ['3 триместр', 'iii триместр'],
};

export const TERM_MARK_LAYOUT: TableLayout = {
  table: 'term_mark',
  title: 'Отметки за период (четверть, полугодие, год)',
  indicators: ['G3'],
  columns: [
    SCHOOL,
    YEAR,
    {
      header: 'Класс',
      synonyms: ['класс обучения'],
      column: 'class_label',
      required: false,
      kind: 'text',
      description: 'класс, как в ОО',
      example: '9А',
    },
    ...PERSON_COLUMNS,
    {
      header: 'Предмет',
      synonyms: ['учебный предмет', 'дисциплина'],
      column: 'subject',
      required: true,
      kind: 'text',
      description: 'название предмета (как в справочнике предметов: «Русский язык», «Математика» …)',
      example: 'Русский язык',
    },
    {
      header: 'Период',
      synonyms: ['период отметки', 'четверть', 'вид отметки'],
      column: 'period',
      required: false,
      kind: 'choice',
      choices: PERIODS,
      description: 'годовая, в аттестат, 1–4 четверть, 1–2 полугодие, 1–3 триместр; нет столбца или пусто — годовая',
      example: 'годовая',
    },
    {
      header: 'Отметка',
      synonyms: ['оценка', 'отметка за период', 'годовая отметка'],
      column: 'mark',
      required: true,
      kind: 'integer',
      description: 'отметка от 2 до 5; «н/а», «зач», «осв» — строка пропускается',
      example: '4',
    },
  ],
  note:
    'Одна строка — отметка одного обучающегося по одному предмету за один период. ФИО (и документ) нужны только ' +
    'чтобы связать отметку с результатами ГИА того же человека; в базу они не пишутся.',
};
