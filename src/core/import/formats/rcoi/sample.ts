import * as XLSX from '@e965/xlsx';
import type { Random } from '../../samples/prng.ts';
import { createRandom } from '../../samples/prng.ts';
import type { SampleCell, SheetSpec } from '../../samples/xlsx-writer.ts';
import { writeCsv } from '../../samples/xlsx-writer.ts';

/**
 * РЦОИ protocols in the layouts of docs/formats.md, «Протоколы РЦОИ»: block-structured sheets (title, header, rows,
 * footers), CSV with spacer columns in UTF-8 or Windows-1251, XLSX and legacy BIFF .xls, appeal
 * exports and the «normalized» English-header export. Output is deterministic.
 */

export type RcoiKey =
  | 'msu'
  | 'school'
  | 'klass'
  | 'ppe'
  | 'auditorium'
  | 'participant'
  | 'surname'
  | 'name'
  | 'patronymic'
  | 'fullName'
  | 'series'
  | 'number'
  | 'document'
  | 'short'
  | 'long'
  | 'oral'
  | 'primaryOral'
  | 'primaryWritten'
  | 'primary'
  | 'mark'
  | 'testScore'
  | 'stage'
  | 'appealType'
  | 'state'
  | 'sent'
  | 'changed'
  | 'previous'
  | 'difference'
  | 'exam'
  | 'appeal';

/** One participant (or appeal) row: values by key; cells are written as given, so tests can put wrong values in. */
export type RcoiRecord = Partial<Record<RcoiKey, SampleCell>>;

/** A column: header text, the record key it shows ('№' numbers rows, null = spacer), and a second header row under it. */
export interface RcoiColumn {
  header: string;
  key: RcoiKey | '№' | null;
  sub?: string;
}

const col = (header: string, key: RcoiColumn['key'], sub?: string): RcoiColumn => ({ header, key, sub });
const SPACER = col('', null);

/** ЕГЭ CSV of Хакасия (WDR): merged cells become empty spacer columns. */
export const EGE_CSV_LAYOUT: readonly RcoiColumn[] = [
  col('№', '№'),
  SPACER,
  col('Код МСУ', 'msu'),
  SPACER,
  col('Код ОО', 'school'),
  SPACER,
  col('Класс', 'klass'),
  SPACER,
  col('Код ППЭ', 'ppe'),
  SPACER,
  col('Аудитория', 'auditorium'),
  SPACER,
  col('Фамилия', 'surname'),
  col('Имя', 'name'),
  col('Отчество', 'patronymic'),
  SPACER,
  col('Серия', 'series'),
  SPACER,
  col('Номер', 'number'),
  SPACER,
  col('Задания с кратким ответом', 'short'),
  SPACER,
  col('Задания с развёрнутым ответом', 'long'),
  SPACER,
  col('Первичный балл', 'primary'),
  SPACER,
  col('Балл', 'testScore'),
  SPACER,
];

/** «22 - Математика базовая»: mark only. */
export const BASE_MATH_LAYOUT: readonly RcoiColumn[] = [
  col('№', '№'),
  col('Код ОО', 'school'),
  col('Класс', 'klass'),
  col('Код ППЭ', 'ppe'),
  col('Аудитория', 'auditorium'),
  col('Фамилия', 'surname'),
  col('Имя', 'name'),
  col('Отчество', 'patronymic'),
  col('Серия', 'series'),
  col('Номер', 'number'),
  col('Задания с кратким ответом', 'short'),
  col('Первичный балл', 'primary'),
  col('Оценка', 'mark'),
];

/** Foreign language with written and oral parts (WDR 2022). */
export const FOREIGN_LAYOUT: readonly RcoiColumn[] = [
  col('№', '№'),
  col('Фамилия', 'surname'),
  SPACER,
  SPACER,
  col('Имя', 'name'),
  SPACER,
  SPACER,
  col('Отчество', 'patronymic'),
  SPACER,
  col('Документ', 'document'),
  col('Код ОО', 'school'),
  col('Класс', 'klass'),
  col('Код ППЭ', 'ppe'),
  col('Аудитория', 'auditorium'),
  SPACER,
  col('Часть с кратким ответом', 'short'),
  col('Часть с развёрнутым ответом', 'long'),
  col('Устная часть', 'oral'),
  col('Первичный балл устной части', 'primaryOral'),
  col('Первичный балл письм. части', 'primaryWritten'),
  col('Первичный балл', 'primary'),
  col('Тестовый балл', 'testScore'),
];

/** ОГЭ «Протокол проверки результатов» of Чечня (SCRM regional_oge_multi.xls): sparse, no document. */
export const OGE_REGIONAL_LAYOUT: readonly RcoiColumn[] = [
  col('№', '№'),
  col('Код ОО', 'school'),
  col('Класс', 'klass'),
  SPACER,
  col('Код ППЭ', 'ppe'),
  SPACER,
  col('Аудитория', 'auditorium'),
  SPACER,
  col('Код МСУ', 'msu'),
  SPACER,
  col('Фамилия', 'surname'),
  SPACER,
  col('Имя', 'name'),
  col('Отчество', 'patronymic'),
  col('Задания с кратким ответом', 'short'),
  SPACER,
  SPACER,
  col('Задания с развёрнутым ответом', 'long'),
  col('Первичный балл', 'primary'),
  SPACER,
  col('Оценка', 'mark'),
];

/** ОГЭ «legacy dense» (SCRM), with the document. */
export const OGE_DENSE_LAYOUT: readonly RcoiColumn[] = [
  col('№', '№'),
  col('Код ОО', 'school'),
  col('Класс', 'klass'),
  col('Код ППЭ', 'ppe'),
  col('Аудитория', 'auditorium'),
  col('Фамилия', 'surname'),
  col('Имя', 'name'),
  col('Отчество', 'patronymic'),
  col('Серия', 'series'),
  col('Номер', 'number'),
  col('Задания с кратким ответом', 'short'),
  col('Задания с развёрнутым ответом', 'long'),
  col('Первичный балл', 'primary'),
  col('Оценка', 'mark'),
];

/** The «normalized» export (SCRM): English headers, no title. */
export const NORMALIZED_LAYOUT: readonly RcoiColumn[] = [
  col('SchoolCode', 'school'),
  col('ClassCode', 'klass'),
  col('SurnameCell', 'surname'),
  col('NameCell', 'name'),
  col('SecondNameCell', 'patronymic'),
  col('DocumentSeriesCode', 'series'),
  col('DocumentNumberCode', 'number'),
  col('TestResultBCell', 'short'),
  col('TestResultCCell', 'long'),
  col('PrimaryMark', 'primary'),
  col('Mark5', 'mark'),
];

/** ЕГЭ appeal / re-check export (WDR): «Текущие» spans «Первичный балл» and «Балл» of the second header row. */
export const APPEAL_EGE_LAYOUT: readonly RcoiColumn[] = [
  col('№', '№'),
  col('Код ОО', 'school'),
  col('Класс', 'klass'),
  col('Код ППЭ', 'ppe'),
  col('Аудитория', 'auditorium'),
  col('Фамилия', 'surname'),
  col('Имя', 'name'),
  SPACER,
  col('Отчество', 'patronymic'),
  col('Документ', 'document'),
  col('Тип апелляции / перепроверки', 'appealType'),
  col('Состояние', 'state'),
  SPACER,
  col('Дата отправки на обработку', 'sent'),
  col('Дата изменений', 'changed'),
  col('Балл до изменения', 'previous'),
  col('Текущие', 'primary', 'Первичный балл'),
  col('', 'testScore', 'Балл'),
  col('Разница', 'difference'),
];

/** ОГЭ appeal results (SCRM): ФИО in one cell, the exam in each row. */
export const APPEAL_OGE_LAYOUT: readonly RcoiColumn[] = [
  col('№', '№'),
  col('Код ОО', 'school'),
  col('Класс', 'klass'),
  col('Код ППЭ', 'ppe'),
  col('Аудитория', 'auditorium'),
  col('ФИО', 'fullName'),
  col('Экзамен', 'exam'),
  col('апелляция', 'appeal'),
  col('Первичный балл', 'primary'),
  col('Оценка', 'mark'),
];

export interface RcoiBlock {
  /** «01 - Русский язык 2022.06.23»; omitted for title-less exports */
  title?: string;
  /** column index of the title cell (WDR has titles in column H) */
  titleColumn?: number;
  layout: readonly RcoiColumn[];
  records: readonly RcoiRecord[];
  /** «Средние», «Минимальная граница», «Всего участников» */
  footers?: { threshold?: number };
  /** empty row between the title and the header (SCRM XLS) */
  gapAfterTitle?: boolean;
}

export interface RcoiSheet {
  name: string;
  /** «Протокол проверки результатов» */
  protocolTitle?: boolean;
  /** «20 - Чеченская Республика» */
  region?: string;
  blocks: readonly RcoiBlock[];
}

function average(values: readonly SampleCell[]): SampleCell {
  const numbers = values.filter((value): value is number => typeof value === 'number');
  if (numbers.length === 0) return null;
  return Math.round((numbers.reduce((a, b) => a + b, 0) / numbers.length) * 10) / 10;
}

function footerRows(block: RcoiBlock, width: number): SampleCell[][] {
  const averages: SampleCell[] = new Array<SampleCell>(width).fill(null);
  averages[0] = 'Средние';
  block.layout.forEach((column, index) => {
    if (column.key === 'primary' || column.key === 'testScore' || column.key === 'mark')
      averages[index] = average(block.records.map((r) => r[column.key as RcoiKey] ?? null));
  });
  const primaryIndex = block.layout.findIndex((column) => column.key === 'primary');
  const threshold: SampleCell[] = new Array<SampleCell>(width).fill(null);
  threshold[0] = 'Минимальная граница';
  threshold[primaryIndex] = block.footers?.threshold ?? null;
  const count: SampleCell[] = new Array<SampleCell>(width).fill(null);
  count[0] = 'Всего участников';
  count[primaryIndex] = block.records.length;
  return block.footers?.threshold === undefined ? [averages, count] : [averages, threshold, count];
}

/** Rows of one block: [title], header (one or two rows), records, [footers]. */
export function rcoiBlockRows(block: RcoiBlock): SampleCell[][] {
  const width = block.layout.length;
  const rows: SampleCell[][] = [];
  if (block.title !== undefined) {
    const title: SampleCell[] = new Array<SampleCell>(width).fill(null);
    title[block.titleColumn ?? 0] = block.title;
    rows.push(title);
    if (block.gapAfterTitle) rows.push([]);
  }
  rows.push(block.layout.map((column) => column.header));
  if (block.layout.some((column) => column.sub)) rows.push(block.layout.map((column) => column.sub ?? null));
  block.records.forEach((record, i) => {
    rows.push(block.layout.map((column) => (column.key === '№' ? i + 1 : column.key === null ? null : (record[column.key] ?? null))));
  });
  if (block.footers) rows.push(...footerRows(block, width));
  return rows;
}

export function rcoiSheetRows(sheet: RcoiSheet): SampleCell[][] {
  const rows: SampleCell[][] = [];
  if (sheet.protocolTitle) rows.push(['Протокол проверки результатов']);
  if (sheet.region) rows.push([sheet.region]);
  for (const block of sheet.blocks) rows.push(...rcoiBlockRows(block));
  return rows;
}

/** Windows-1251 for the characters protocols use; anything else becomes «?». */
const CP1251_EXTRA: Record<string, number> = {
  Ё: 0xa8,
  ё: 0xb8,
  '№': 0xb9,
  '«': 0xab,
  '»': 0xbb,
  '\u00a0': 0xa0,
  '–': 0x96,
  '—': 0x97,
  '“': 0x93,
  '”': 0x94,
};

export function encodeWindows1251(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) out[i] = code;
    else if (code >= 0x0410 && code <= 0x044f) out[i] = code - 0x0410 + 0xc0;
    else out[i] = CP1251_EXTRA[text[i]] ?? 0x3f;
  }
  return out;
}

/** A ';'-separated protocol as РЦОИ sends it (trailing spacer cells included). */
export function writeRcoiCsv(sheet: RcoiSheet, encoding: 'utf-8' | 'windows-1251' = 'utf-8'): Uint8Array {
  const width = Math.max(...sheet.blocks.map((block) => block.layout.length));
  const rows = rcoiSheetRows(sheet).map((row) => [...row, ...new Array<SampleCell>(Math.max(0, width - row.length)).fill(null)]);
  const text = `${writeCsv(rows)}\r\n`;
  return encoding === 'utf-8' ? new TextEncoder().encode(text) : encodeWindows1251(text);
}

/** XLSX, or a legacy BIFF8 .xls (SheetJS writes the real binary format). */
export function writeRcoiWorkbook(sheets: readonly RcoiSheet[], bookType: 'xlsx' | 'biff8' = 'xlsx'): Uint8Array {
  const specs: SheetSpec[] = sheets.map((sheet) => ({ name: sheet.name, rows: rcoiSheetRows(sheet) }));
  const workbook = XLSX.utils.book_new();
  for (const spec of specs) XLSX.utils.book_append_sheet(workbook, XLSX.utils.aoa_to_sheet(spec.rows), spec.name);
  const out = XLSX.write(workbook, { type: 'array', bookType, compression: bookType === 'xlsx' }) as ArrayBuffer;
  return new Uint8Array(out);
}

const SURNAMES = ['Иванов', 'Петров', 'Сидоров', 'Кузнецов', 'Смирнов', 'Попов', 'Васильев', 'Соколов', 'Михайлов', 'Новиков'];
const NAMES = ['Иван', 'Пётр', 'Алексей', 'Сергей', 'Дмитрий', 'Андрей', 'Максим', 'Артём', 'Илья', 'Кирилл'];
const PATRONYMICS = ['Иванович', 'Петрович', 'Сергеевич', 'Андреевич', 'Олегович'];

function shortMask(random: Random, tasks: number): string {
  let mask = '';
  for (let t = 0; t < tasks; t++) mask += random.chance(0.6) ? '+' : '-';
  return mask;
}

function longMask(random: Random, maxima: readonly number[]): string {
  return maxima.map((max) => `${random.int(0, max)}(${max})`).join('');
}

/** Many ЕГЭ rows for throughput measurements: seeded, so the same count gives the same file. */
export function generatedEgeRecords(count: number, seed = 'rcoi-ege'): RcoiRecord[] {
  const random = createRandom(seed);
  const longMaxima = [2, 2, 3, 3, 4];
  return Array.from({ length: count }, (_, i) => {
    const short = shortMask(random, 12);
    const long = longMask(random, longMaxima);
    const primary = [...short].filter((c) => c === '+').length + [...long.matchAll(/(\d+)\(/g)].reduce((sum, m) => sum + Number(m[1]), 0);
    return {
      msu: '111',
      school: String(111001 + (i % 40)),
      klass: `11${'АБВ'[i % 3]}`,
      ppe: '1018',
      auditorium: String(1 + (i % 20)),
      surname: SURNAMES[i % SURNAMES.length],
      name: NAMES[Math.floor(i / 10) % NAMES.length],
      patronymic: PATRONYMICS[i % PATRONYMICS.length],
      series: String(9600 + (i % 100)),
      number: String(100000 + i),
      short,
      long,
      primary,
      testScore: Math.min(100, Math.round(primary * 3.3)),
    };
  });
}
