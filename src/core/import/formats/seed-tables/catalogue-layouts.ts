/**
 * CSV/XLSX layouts of the catalogue's own small tables (migration 004). One header row, then
 * one row per record; headers are matched case-insensitively, «ё» = «е», extra columns are
 * ignored. The ОО column holds the ФИС ОКО login (edu…), the РЦОИ code or the name; the import
 * resolves it to `school_id` through the school directory. Documented in docs/indicators.md.
 */

export type CellKind = 'text' | 'integer' | 'flag' | 'choice';

export interface LayoutColumn {
  /** the header as written in the template */
  header: string;
  /** other spellings accepted in files */
  synonyms: string[];
  /** target column; 'school' = the ОО reference resolved on import */
  column: string;
  required: boolean;
  kind: CellKind;
  /** for 'choice': canonical value → accepted spellings (lower case, «ё» as «е») */
  choices?: Record<string, string[]>;
  description: string;
  example: string;
}

export interface TableLayout {
  table: string;
  title: string;
  /** catalogue indicators that read the table */
  indicators: string[];
  columns: LayoutColumn[];
  note: string;
}

/** The year column every table shares (also used by the seed-table importers). */
export const YEAR: LayoutColumn = {
  header: 'Год',
  synonyms: ['учебный год', 'год окончания учебного года'],
  column: 'year',
  required: true,
  kind: 'integer',
  description: 'год окончания учебного года (2024/2025 → 2025); «2024/2025» тоже принимается',
  example: '2025',
};

/** The ОО column every table shares (also used by the seed-table importers). */
export const SCHOOL: LayoutColumn = {
  header: 'ОО',
  synonyms: ['логин оо', 'код оо', 'образовательная организация', 'школа', 'название оо'],
  column: 'school',
  required: true,
  kind: 'text',
  description: 'логин ФИС ОКО (edu…), код ОО РЦОИ или название ОО',
  example: 'edu990001',
};

export const OLYMPIAD_LAYOUT: TableLayout = {
  table: 'olympiad_result',
  title: 'Результаты всероссийской олимпиады школьников (протокол этапа)',
  indicators: ['T1'],
  columns: [
    YEAR,
    {
      header: 'Этап',
      synonyms: ['этап олимпиады'],
      column: 'stage',
      required: true,
      kind: 'choice',
      choices: {
        школьный: ['школьный', 'школьный этап', 'шэ'],
        муниципальный: ['муниципальный', 'муниципальный этап', 'мэ'],
        региональный: ['региональный', 'региональный этап', 'рэ'],
        заключительный: ['заключительный', 'заключительный этап', 'зэ', 'всероссийский'],
      },
      description: 'школьный / муниципальный / региональный / заключительный',
      example: 'муниципальный',
    },
    {
      header: 'Предмет',
      synonyms: ['предмет олимпиады', 'общеобразовательный предмет'],
      column: 'subject',
      required: true,
      kind: 'text',
      description: 'предмет олимпиады, как в протоколе',
      example: 'математика',
    },
    SCHOOL,
    {
      header: 'Код участника',
      synonyms: ['ключ участника', 'шифр', 'идентификатор участника', 'участник'],
      column: 'participant_key',
      required: true,
      kind: 'text',
      description: 'код или ключ участника, одинаковый во всех предметах (не ФИО)',
      example: 'A-0172',
    },
    {
      header: 'Класс',
      synonyms: ['класс обучения', 'параллель'],
      column: 'grade',
      required: false,
      kind: 'integer',
      description: 'класс обучения (4–11)',
      example: '9',
    },
    {
      header: 'Статус',
      synonyms: ['тип диплома', 'результат', 'статус участника'],
      column: 'status',
      required: true,
      kind: 'choice',
      choices: {
        победитель: ['победитель'],
        призёр: ['призер', 'призёр'],
        участник: ['участник', 'нет'],
      },
      description: 'участник / призёр / победитель',
      example: 'призёр',
    },
    {
      header: 'Балл',
      synonyms: ['баллы', 'итоговый балл', 'результат (балл)'],
      column: 'score',
      required: false,
      kind: 'text',
      description: 'набранный балл (необязательно)',
      example: '37,5',
    },
  ],
  note: 'Одна строка — один участник в одном предмете одного этапа. Ключ участника нужен для подсчёта «по людям».',
};

export const ADDITIONAL_EDUCATION_LAYOUT: TableLayout = {
  table: 'additional_education',
  title: 'Охват обучающихся дополнительным образованием',
  indicators: ['D1'],
  columns: [
    SCHOOL,
    YEAR,
    {
      header: 'Обучающихся всего',
      synonyms: ['всего обучающихся', 'численность обучающихся', 'контингент'],
      column: 'students_total',
      required: true,
      kind: 'integer',
      description: 'численность обучающихся ОО',
      example: '400',
    },
    {
      header: 'Охвачено дополнительным образованием',
      synonyms: ['охвачено', 'занимаются в объединениях дополнительного образования', 'охват, чел.'],
      column: 'students_covered',
      required: true,
      kind: 'integer',
      description: 'обучающиеся, занимающиеся по программам дополнительного образования (каждый один раз)',
      example: '300',
    },
  ],
  note: 'Одна строка — одна ОО за учебный год. Охваченных не может быть больше, чем обучающихся.',
};

export const STAFF_LAYOUT: TableLayout = {
  table: 'teaching_staff',
  title: 'Педагогические работники',
  indicators: ['K1', 'K2', 'K3', 'K4'],
  columns: [
    SCHOOL,
    YEAR,
    {
      header: 'Код педагога',
      synonyms: ['ключ педагога', 'табельный номер', 'снилс (хеш)', 'педагог'],
      column: 'teacher_key',
      required: true,
      kind: 'text',
      description: 'код педагога в ОО (не ФИО)',
      example: 't-014',
    },
    {
      header: 'Высшее образование',
      synonyms: ['образование высшее', 'высшее'],
      column: 'higher_education',
      required: false,
      kind: 'flag',
      description: '1 / 0 (или да / нет)',
      example: '1',
    },
    {
      header: 'Квалификационная категория',
      synonyms: ['категория'],
      column: 'category',
      required: false,
      kind: 'choice',
      choices: {
        высшая: ['высшая', 'высшая категория', 'вкк'],
        первая: ['первая', 'первая категория', '1', '1 кк', 'i'],
        соответствие: ['соответствие', 'соответствие занимаемой должности', 'сзд'],
        нет: ['нет', 'без категории', 'б/к', '-'],
      },
      description: 'высшая / первая / соответствие / нет',
      example: 'первая',
    },
    {
      header: 'Действующие курсы ПК',
      synonyms: ['курсы повышения квалификации', 'курсы пк', 'действующие курсы повышения квалификации'],
      column: 'refresher_valid',
      required: false,
      kind: 'flag',
      description: '1 / 0 (или да / нет): курсы действуют на отчётную дату',
      example: '1',
    },
    {
      header: 'Год рождения',
      synonyms: ['год рожд.'],
      column: 'birth_year',
      required: false,
      kind: 'integer',
      description: 'год рождения (или столбец «Возраст»)',
      example: '1985',
    },
    {
      header: 'Возраст',
      synonyms: ['полных лет'],
      column: 'age',
      required: false,
      kind: 'integer',
      description: 'полных лет (если нет года рождения)',
      example: '40',
    },
  ],
  note: 'Одна строка — один педагог в одной ОО за учебный год; совместитель — строка в каждой ОО.',
};

export const TABLE_LAYOUTS: TableLayout[] = [OLYMPIAD_LAYOUT, ADDITIONAL_EDUCATION_LAYOUT, STAFF_LAYOUT];
