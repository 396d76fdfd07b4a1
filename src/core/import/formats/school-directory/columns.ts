import type { HeaderMatcher } from '../../columns.ts';

/**
 * Headers of a school directory (a list the methodist keeps: CSV/XLSX), folded. Anything else
 * with numbers in it becomes a per-year attribute (school_year_attr), named by its folded header.
 */
export const DIRECTORY_COLUMNS = {
  login: ['логин фис око', 'логин оо', 'логин', 'логин фисоко', /^логин( оо)? \(?фис ?око\)?$/],
  rcoiCode: ['код оо (рцои)', 'код оо рцои', 'код рцои', 'код оо в рцои', /^код оо \(?рцои\)?$/, 'код оо'],
  fullName: ['наименование оо', 'полное наименование', 'полное наименование оо', 'название оо', 'наименование', 'оо'],
  shortName: ['краткое наименование', 'краткое наименование оо', 'сокращенное наименование', 'сокращенное наименование оо'],
  municipality: ['муниципалитет', 'муниципальное образование', 'муниципальный район', 'мо', 'ате'],
  msuCode: ['код мсу', 'код мсу (рцои)'],
  settlement: ['тип поселения', 'тип населенного пункта', 'местность', 'город/село'],
  schoolType: ['тип оо', 'вид оо', 'тип/вид оо'],
  ownership: ['форма собственности'],
  year: ['год', 'учебный год'],
  active: ['действует', 'активна', 'статус'],
} satisfies Record<string, readonly HeaderMatcher[]>;

export type DirectoryColumn = keyof typeof DIRECTORY_COLUMNS;

/** «Кластер» → scheme 'directory'; «Кластер (размер)» → 'directory:размер'. */
export const CLUSTER_HEADER = /^кластер(?:\s*\((.+)\))?$/;

/** Columns that identify a school are enough to call a table a directory only next to a name. */
export const IDENTITY: readonly DirectoryColumn[] = ['login', 'rcoiCode'];
