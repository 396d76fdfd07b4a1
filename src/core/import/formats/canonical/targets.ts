/**
 * Tables of Око a user may fill from any sheet («Открыть как таблицу…» → «в таблицу Око»): their
 * columns, which are required, how a cell is read, and header spellings that pre-fill the dialog.
 * Plain data and pure functions (no database, no SheetJS): the dialog imports this module too.
 * The writer is importer.ts beside it.
 */

/**
 * How a cell is read:
 *  - text: as written (trimmed); login: a ФИС ОКО login, edu203389 (lower case);
 *  - integer: a whole number; count: a whole number ≥ 0; year: 1990…2100, «2025/2026» → 2026;
 *  - mark: 2…5; flag: 1/0 (also «да»/«нет»);
 *  - exam-kind: vpr, oge, gve9, ege, gve11 (also «ВПР», «ОГЭ», «ГВЭ-9», «ЕГЭ», «ГВЭ-11»);
 *  - school: a school already in the base, by login (edu203389), РЦОИ code (school_code_alias
 *    'rcoi' or school.gia_code) or name (full or short name, compared as normaliseSchoolName does);
 *  - subject: a subject by code (rus) or any name in subject_code_alias (source 'name');
 *  - municipality: a municipality name (found or added, as a directory does).
 */
export type TargetKind = 'text' | 'login' | 'integer' | 'count' | 'year' | 'mark' | 'flag' | 'exam-kind' | 'school' | 'subject' | 'municipality';

export const KIND_LABELS: Record<TargetKind, string> = {
  text: 'текст',
  login: 'логин ФИС ОКО',
  integer: 'целое число',
  count: 'целое число ≥ 0',
  year: 'год',
  mark: 'отметка 2–5',
  flag: '1 или 0',
  'exam-kind': 'вид работы',
  school: 'ОО: логин, код РЦОИ или наименование',
  subject: 'предмет: код или название',
  municipality: 'муниципалитет',
};

export interface TargetColumn {
  /** the column of the table */
  name: string;
  kind: TargetKind;
  /** every row needs a value (from the file, or one value for all rows) */
  required?: boolean;
  /** used when the column is neither mapped nor given a value; 'current-year' — the year of the import */
  default?: string;
  /** folded header spellings (lower case, ё→е) that suggest this column */
  hints: readonly string[];
}

export interface CanonicalTarget {
  table: string;
  /** the primary key (upsert key); for school — login or РЦОИ code */
  key: readonly string[];
  /** what happens to a row that is already there (Russian, shown in the dialog and in docs/formats.md) */
  upsert: string;
  columns: readonly TargetColumn[];
}

const SCHOOL_HINTS = [
  'логин оо',
  'логин',
  'логин фис око',
  'оо',
  'код оо',
  'код оо (рцои)',
  'код рцои',
  'наименование оо',
  'название оо',
  'школа',
  'образовательная организация',
  'наименование',
  'организация',
];
const YEAR: TargetColumn = { name: 'year', kind: 'year', required: true, default: 'current-year', hints: ['год', 'учебный год'] };
const SCHOOL: TargetColumn = { name: 'school_id', kind: 'school', required: true, hints: SCHOOL_HINTS };
const SUBJECT: TargetColumn = { name: 'subject_code', kind: 'subject', required: true, hints: ['предмет', 'код предмета', 'учебный предмет'] };

export const CANONICAL_TARGETS: readonly CanonicalTarget[] = [
  {
    table: 'school',
    key: ['fisoko_login', 'gia_code'],
    upsert:
      'ОО ищется по логину ФИС ОКО, затем по коду РЦОИ; найденная обновляется (пустые ячейки не стирают известное), новая добавляется. Нужен логин или код РЦОИ.',
    columns: [
      { name: 'fisoko_login', kind: 'login', hints: ['логин оо', 'логин', 'логин фис око', 'логин в фис око', 'оо'] },
      { name: 'gia_code', kind: 'text', hints: ['код оо', 'код оо (рцои)', 'код рцои', 'код оо рцои'] },
      { name: 'full_name', kind: 'text', hints: ['наименование оо', 'название оо', 'полное наименование', 'полное наименование оо', 'наименование'] },
      { name: 'short_name', kind: 'text', hints: ['краткое наименование', 'краткое наименование оо', 'сокращенное наименование'] },
      { name: 'municipality_id', kind: 'municipality', hints: ['муниципалитет', 'муниципальное образование', 'мо', 'район'] },
      { name: 'settlement_type', kind: 'text', hints: ['тип поселения', 'тип местности', 'город/село'] },
      { name: 'school_type', kind: 'text', hints: ['тип оо', 'вид оо', 'тип организации'] },
      { name: 'ownership', kind: 'text', hints: ['форма собственности'] },
      { name: 'is_active', kind: 'flag', hints: ['действует', 'действующая', 'активна'] },
    ],
  },
  {
    table: 'cluster_assignment',
    key: ['scheme', 'year', 'school_id'],
    upsert: 'Одна строка на ОО, год и схему: кластер ОО, уже записанный в этой схеме за этот год, заменяется.',
    columns: [
      { name: 'scheme', kind: 'text', required: true, default: 'directory', hints: ['схема', 'схема кластеризации'] },
      YEAR,
      SCHOOL,
      { name: 'cluster', kind: 'text', required: true, hints: ['кластер', 'группа'] },
    ],
  },
  {
    table: 'school_year_attr',
    key: ['school_id', 'year', 'attr'],
    upsert: 'Одна строка на ОО, год и характеристику: значение заменяется.',
    columns: [
      SCHOOL,
      YEAR,
      { name: 'attr', kind: 'text', required: true, hints: ['характеристика', 'показатель', 'атрибут'] },
      { name: 'value', kind: 'text', required: true, hints: ['значение'] },
    ],
  },
  {
    table: 'school_list_membership',
    key: ['list', 'year', 'school_id'],
    upsert: 'Одна строка на список, год и ОО: примечание заменяется.',
    columns: [
      { name: 'list', kind: 'text', required: true, hints: ['список', 'перечень'] },
      YEAR,
      SCHOOL,
      { name: 'note', kind: 'text', hints: ['примечание', 'комментарий'] },
    ],
  },
  {
    table: 'objectivity_flag',
    key: ['year', 'school_id', 'work', 'source'],
    upsert: 'Одна строка на год, ОО, работу и источник: признак заменяется.',
    columns: [
      YEAR,
      SCHOOL,
      { name: 'work', kind: 'text', required: true, hints: ['работа', 'код работы'] },
      { name: 'flagged', kind: 'flag', hints: ['признак', 'признак необъективности', 'необъективность'] },
      { name: 'source', kind: 'text', required: true, default: 'fioko', hints: ['источник'] },
    ],
  },
  {
    table: 'mark_scale',
    key: ['kind', 'year', 'subject_code', 'grade', 'level', 'mark'],
    upsert: 'Одна строка на вид работы, год, предмет, класс, уровень и отметку: границы баллов заменяются.',
    columns: [
      { name: 'kind', kind: 'exam-kind', required: true, hints: ['вид', 'вид работы', 'процедура'] },
      YEAR,
      SUBJECT,
      { name: 'grade', kind: 'integer', required: true, hints: ['класс', 'параллель'] },
      { name: 'level', kind: 'text', required: true, default: '', hints: ['уровень'] },
      { name: 'mark', kind: 'mark', required: true, hints: ['отметка', 'оценка'] },
      { name: 'min_primary', kind: 'count', hints: ['от', 'балл от', 'первичный балл от', 'наименьший первичный балл', 'минимальный балл'] },
      { name: 'max_primary', kind: 'count', hints: ['до', 'балл до', 'первичный балл до', 'наибольший первичный балл', 'максимальный балл'] },
      { name: 'condition', kind: 'text', hints: ['условие', 'дополнительное условие'] },
      { name: 'source', kind: 'text', hints: ['источник'] },
    ],
  },
  {
    table: 'ege_threshold',
    key: ['year', 'subject_code'],
    upsert: 'Одна строка на год и предмет: минимальные баллы заменяются.',
    columns: [
      YEAR,
      SUBJECT,
      { name: 'min_certificate', kind: 'count', hints: ['минимальный балл', 'минимум для аттестата', 'аттестат', 'минимальный балл для аттестата'] },
      { name: 'min_vuz_rosobr', kind: 'count', hints: ['минимум для вуза', 'вуз', 'рособрнадзор', 'минимальный балл для поступления'] },
      { name: 'min_vuz_minobr', kind: 'count', hints: ['минобрнауки', 'вузы минобрнауки'] },
    ],
  },
  {
    table: 'subject_code_alias',
    key: ['source', 'code', 'name_seen'],
    upsert: 'Одна строка на систему, код и написание: предмет заменяется. Пустое «как записано» — то же, что код.',
    columns: [
      { name: 'source', kind: 'text', required: true, default: 'name', hints: ['источник', 'система'] },
      { name: 'code', kind: 'text', required: true, hints: ['код', 'написание', 'название в файле'] },
      { name: 'name_seen', kind: 'text', hints: ['как записано', 'написание в файле'] },
      SUBJECT,
    ],
  },
];

// term_mark is not a target: its rows need a person (student_id, a keyed hash of ФИО and document),
// which only the term-mark importer (seed-tables/term-marks.ts) can make.

export function findTarget(table: string): CanonicalTarget | undefined {
  return CANONICAL_TARGETS.find((target) => target.table === table);
}

function fold(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

function score(header: string, column: TargetColumn): number {
  const folded = fold(header);
  if (folded === '') return 0;
  if (folded === column.name) return 10;
  let best = 0;
  column.hints.forEach((hint, i) => {
    // Earlier hints are the more usual spellings.
    if (folded === hint) best = Math.max(best, 8 - Math.min(i, 5) * 0.1);
    else if (hint.length >= 4 && folded.includes(hint)) best = Math.max(best, 4 - Math.min(i, 5) * 0.1);
  });
  return best;
}

/**
 * Target column → source column (index) by header similarity: each source used once, the best
 * pairs first. `headers` are the texts of the header row (index = column).
 */
export function suggestTargetColumns(target: CanonicalTarget, headers: readonly string[]): Record<string, number> {
  const pairs: Array<{ column: string; source: number; score: number }> = [];
  for (const column of target.columns) {
    headers.forEach((header, source) => {
      const s = score(header, column);
      if (s > 0) pairs.push({ column: column.name, source, score: s });
    });
  }
  pairs.sort((a, b) => b.score - a.score || a.source - b.source);
  const chosen: Record<string, number> = {};
  const used = new Set<number>();
  for (const pair of pairs) {
    if (pair.column in chosen || used.has(pair.source)) continue;
    chosen[pair.column] = pair.source;
    used.add(pair.source);
  }
  return chosen;
}

/** The value a column gets when neither mapped nor given: its default ('current-year' → the year of `now`). */
export function defaultOf(column: TargetColumn, now: string): string | undefined {
  if (column.default === 'current-year') return now.slice(0, 4);
  return column.default;
}
