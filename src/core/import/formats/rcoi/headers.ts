import type { HeaderMatcher } from '../../columns.ts';

/**
 * Header synonyms of РЦОИ protocols, folded (lower case, ё→е, single spaces): WDR's list, SCRM's
 * XLSX variants and the «normalized» export with English headers (sources: docs/methodology.md,
 * «Документы, на которые ссылается Око»; the table: docs/formats.md, «Протоколы РЦОИ»).
 * Order matters only inside one field: the first synonym found wins.
 */
export const PROTOCOL_FIELDS = {
  msu: ['код мсу'],
  school: ['код оо', 'schoolcode'],
  klass: ['класс', 'classcode'],
  ppe: ['код ппэ'],
  auditorium: ['аудитория'],
  participant: ['код участника'],
  variant: ['вариант'],
  surname: ['фамилия', 'surnamecell'],
  name: ['имя', 'namecell'],
  patronymic: ['отчество', 'secondnamecell'],
  fullName: ['фио', 'ф.и.о.'],
  series: ['серия', 'серия документа', 'documentseriescode'],
  number: ['номер', 'номер документа', 'documentnumbercode'],
  document: ['документ', 'паспорт'],
  short: ['задания с кратким ответом', 'часть с кратким ответом', 'ответы в краткой форме', 'testresultbcell'],
  long: ['задания с развернутым ответом', 'часть с развернутым ответом', 'ответы в развернутой форме', 'testresultccell'],
  oral: ['устная часть'],
  primaryWritten: ['первичный балл письменной части', 'первичный балл письм. части', 'первичный балл письм.части'],
  primaryOral: ['первичный балл устной части'],
  primary: ['первичный балл', 'primarymark'],
  mark: ['оценка', 'итоговая оценка', 'отметка', 'mark5'],
  testScore: ['тестовый балл', 'балл', 'итоговый балл'],
  stage: ['этап', 'период'],
  term: ['срок'],
} satisfies Record<string, readonly HeaderMatcher[]>;

/** Columns only appeal and re-check exports have. */
export const APPEAL_FIELDS = {
  appealType: [/^тип апелляции/],
  state: ['состояние'],
  appeal: ['апелляция'],
  exam: ['экзамен'],
  previous: ['балл до изменения'],
  difference: ['разница'],
} satisfies Record<string, readonly HeaderMatcher[]>;

export type RcoiField = keyof typeof PROTOCOL_FIELDS | keyof typeof APPEAL_FIELDS;

export const RCOI_FIELDS: Record<RcoiField, readonly HeaderMatcher[]> = { ...PROTOCOL_FIELDS, ...APPEAL_FIELDS };

/** «Текущие» spans «Первичный балл» and «Балл» of the row below it. */
export const GROUP_HEADERS: readonly string[] = ['текущие', 'текущие значения', 'после изменения'];

/** Rows that close a block; their values are averages and counts. */
export const FOOTER = /^(средн|минимальн|всего участников|итого|количество участников)/;
