/**
 * Shape limits (issue 9, item 8): a sheet with a value beyond 2,000 columns and a cell over 32,767
 * characters are refused with a Russian reason naming the file, sheet, row and column — by layout
 * detection, by the «Открыть как таблицу» preview and by the import of a table of the user's own —
 * and a one-line CSV is refused after reading a bounded part of it. Every file is generated here.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { queryValue } from '../../src/core/db.ts';
import { ImportError, importFile } from '../../src/core/import/index.ts';
import type { ImportFile } from '../../src/core/import/index.ts';
import { CsvParser } from '../../src/core/import/read/csv-reader.ts';
import { fileSizeError } from '../../src/core/import/file-size.ts';
import { indicatorFileSizeError, MAX_INDICATOR_FILE_BYTES } from '../../src/core/indicators/custom.ts';
import { MAX_SESSION_BYTES, sessionSizeError } from '../../src/core/schema/session-file.ts';
import { MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, PREVIEW_CELL_CHARS } from '../../src/core/import/limits.ts';
import { importUserTable, previewSheet } from '../../src/core/import/formats/user-table/importer.ts';
import { readWorkbook } from '../../src/core/import/read/workbook.ts';
import { readStreamedWorkbook } from '../../src/core/import/read/xlsx/index.ts';
import { checkZip } from '../../src/core/import/read/zip-guard.ts';
import type { SampleCell } from '../../src/core/import/samples/xlsx-writer.ts';
import { writeCsv, writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import * as F from '../fixtures/generate.ts';
import * as H from '../fixtures/hostile.ts';
import { NOW } from '../fixtures/import-helpers.ts';
import { failsCleanly } from './refusal.ts';
import { freshDatabase } from './sqlite.ts';

const NBSP = '\u00a0';
const encode = (text: string) => new TextEncoder().encode(text);

/** A header row «Столбец 1…N» and two rows of numbers. */
function wideRows(columns: number): SampleCell[][] {
  const header = Array.from({ length: columns }, (_, c) => `Столбец ${c + 1}`);
  return [header, header.map((_, c) => c), header.map((_, c) => c * 2)];
}

const wideXlsx = (columns: number): ImportFile => ({ name: 'широкий.xlsx', bytes: writeWorkbook([{ name: 'Лист1', rows: wideRows(columns) }]) });
const wideCsv = (columns: number): ImportFile => ({ name: 'широкий.csv', bytes: encode(writeCsv(wideRows(columns))) });

const TOO_WIDE =
  `значение в 2${NBSP}001-м столбце, а Око принимает листы не шире 2${NBSP}000 столбцов — больше не вмещает таблица базы SQLite. ` +
  'Удалите лишние столбцы или разделите лист на несколько и загрузите их по очереди.';
const TOO_LONG =
  `в ячейке больше 32${NBSP}767 знаков — столько не вмещает ячейка Excel, и Око такие ячейки не принимает. ` +
  'Часто так бывает, когда в CSV не закрыта кавычка и весь остаток файла попал в одну ячейку. Исправьте файл и загрузите его снова.';

/** Every way a file is read: layout detection (drop), the «Открыть как таблицу» preview, the import as a table. */
const ways = (file: ImportFile, columns = 3) => ({
  detection: (db: Database) => importFile(db, file, { now: NOW }),
  preview: () => previewSheet(file),
  table: (db: Database) =>
    importUserTable(
      db,
      file,
      { sheet: 'Sheet1', headerRow: 0, tableName: 'user_t', columns: [{ source: 0, name: 'a', type: 'TEXT' as const }].slice(0, columns) },
      { now: NOW },
    ),
});

/** Characters the CSV parser was handed while `job` ran: the work of reading, as a count. */
async function charactersParsed(job: () => unknown): Promise<number> {
  const spy = vi.spyOn(CsvParser.prototype, 'push');
  try {
    await job();
  } catch {
    /* the refusal is checked by the caller */
  }
  return spy.mock.calls.reduce((sum, [text, from = 0, to = text.length]) => sum + (to - from), 0);
}

afterEach(() => vi.restoreAllMocks());

describe('a sheet wider than 2,000 columns', () => {
  it('the limit is SQLite’s: a sheet of exactly 2,000 columns becomes a table of 2,000 columns', async () => {
    expect(MAX_COLUMNS).toBe(2000);
    const file = wideCsv(2000);
    const preview = previewSheet(file);
    expect(preview.sheets[0].columns).toHaveLength(2000);
    const db = freshDatabase();
    await importUserTable(db, file, { sheet: preview.suggestedSheet, headerRow: 0, tableName: 'user_wide', columns: preview.sheets[0].columns }, { now: NOW });
    expect(queryValue(db, 'SELECT COUNT(*) FROM pragma_table_info(?)', ['user_wide'])).toBe(2000);
    expect(queryValue(db, 'SELECT "столбец_2000" FROM user_wide ORDER BY rowid DESC LIMIT 1')).toBe(3998);
  });

  it('an XLSX of 2,001 columns is refused, naming file, sheet, row and column, by detection and the preview', async () => {
    const file = wideXlsx(2001);
    const message = `Файл «широкий.xlsx», лист «Лист1», строка 1, столбец «BXY»: ${TOO_WIDE}`;
    const { detection, preview } = ways(file);
    for (const attempt of [detection, preview]) {
      const error = await failsCleanly(attempt);
      expect(error).toMatchObject({ code: 'too-large', file: 'широкий.xlsx', sheet: 'Лист1', row: 1, column: 'BXY' });
      expect(error.message).toBe(message);
    }
  });

  it('the streaming XLSX reader refuses it the same way, instead of handing it to SheetJS', () => {
    const file = wideXlsx(2001);
    expect(() => readStreamedWorkbook(file, checkZip(file), { minSheetBytes: 1 })).toThrow(
      `Файл «широкий.xlsx», лист «Лист1», строка 1, столбец «BXY»: ${TOO_WIDE}`,
    );
  });

  it('a CSV of 2,001 columns is refused by detection, the preview and the import as a table', async () => {
    const file = wideCsv(2001);
    for (const attempt of Object.values(ways(file))) {
      const error = await failsCleanly(attempt);
      expect(error.message).toBe(`Файл «широкий.csv», лист «Sheet1», строка 1, столбец «BXY»: ${TOO_WIDE}`);
    }
  });

  it('the wide row is named wherever it is, and a 10,000-column row stops the reading at column 2,001', async () => {
    const rows = wideRows(3);
    for (let r = 0; r < 40; r++) rows.push(['x', r, r]);
    const wide = Array.from({ length: 10_000 }, (_, c) => c);
    rows.push(wide);
    const file: ImportFile = { name: 'строка 44.csv', bytes: encode(writeCsv(rows)) };
    const error = await failsCleanly(ways(file).table);
    expect(error.message).toBe(`Файл «строка 44.csv», лист «Sheet1», строка 44, столбец «BXY»: ${TOO_WIDE}`);
  });

  it('blank cells beyond the limit (formatting, trailing separators) are no reason to refuse and are dropped', () => {
    const file: ImportFile = { name: 'хвост.csv', bytes: encode(`Код;Имя${';'.repeat(5000)}\r\n1;Анна${';'.repeat(5000)}\r\n`) };
    const [sheet] = readWorkbook(file);
    expect(sheet.rows.map((row) => row.length)).toEqual([MAX_COLUMNS, MAX_COLUMNS]);
    expect(sheet.rows[1].slice(0, 3)).toEqual(['1', 'Анна', null]);
    expect(previewSheet(file).sheets[0].columns.map((c) => c.name)).toEqual(['код', 'имя']);
  });
});

describe('a cell longer than 32,767 characters', () => {
  const longCsv = (chars: number): ImportFile => ({
    name: 'длинная ячейка.csv',
    bytes: encode(
      writeCsv([
        ['Код', 'Примечание'],
        ['1', 'ж'.repeat(chars)],
      ]),
    ),
  });

  it('32,767 characters are read; 32,768 are refused, naming the cell, by every way in', async () => {
    expect(MAX_CELL_CHARS).toBe(32_767);
    expect(readWorkbook(longCsv(32_767))[0].rows[1][1]).toHaveLength(32_767);
    const file = longCsv(32_768);
    for (const attempt of Object.values(ways(file))) {
      const error = await failsCleanly(attempt);
      expect(error).toMatchObject({ code: 'too-large', sheet: 'Sheet1', row: 2, column: 'B' });
      expect(error.message).toBe(`Файл «длинная ячейка.csv», лист «Sheet1», строка 2, столбец «B»: ${TOO_LONG}`);
    }
  });

  it('in an XLSX (a crafted one: Excel cannot write it) too', async () => {
    const file = H.longHeaderCell('f1', 32_768);
    const error = await failsCleanly((db) => importFile(db, file, { now: NOW }));
    expect(error.message).toBe(`Файл «Ф1 длинный заголовок.xlsx», лист «${F.F1_SHEET}», строка 8, столбец «${error.column}»: ${TOO_LONG}`);
    expect(error.column).toMatch(/^[A-Z]{1,2}$/);
    expect(() => readStreamedWorkbook(file, checkZip(file), { minSheetBytes: 1 })).toThrow(error.message);
  });

  it('the preview cuts every cell and header to 200 characters', () => {
    const file: ImportFile = {
      name: 'длинный текст.csv',
      bytes: encode(
        writeCsv([
          ['Код', `Заголовок ${'я'.repeat(32_000)}`],
          ['1', 'ж'.repeat(32_767)],
        ]),
      ),
    };
    const sheet = previewSheet(file).sheets[0];
    expect(PREVIEW_CELL_CHARS).toBe(200);
    expect(sheet.rows[1][1]).toBe(`${'ж'.repeat(200)}…`);
    expect(sheet.columns[1].header).toBe(`Заголовок ${'я'.repeat(190)}…`);
  });
});

describe('a big CSV of one line', () => {
  // 8 MB: eight of the reader's 1 MB chunks; the refusals below read at most the first one or two.
  const BIG = 8 * 1024 * 1024;
  const oneCell: ImportFile = { name: 'одна строка.csv', bytes: encode('я'.repeat(BIG / 2)) };
  const manyCells: ImportFile = { name: 'одна строка с разделителями.csv', bytes: encode('12345;'.repeat(BIG / 6)) };

  it('one endless cell: refused at row 1, column A, after at most 2 MB of text, by every way in', async () => {
    for (const attempt of Object.values(ways(oneCell))) {
      let error!: ImportError;
      const parsed = await charactersParsed(async () => (error = await failsCleanly(attempt)));
      expect(error.message).toBe(`Файл «одна строка.csv», лист «Sheet1», строка 1, столбец «A»: ${TOO_LONG}`);
      expect(parsed).toBeLessThanOrEqual(2 * 1024 * 1024);
    }
  });

  it('one endless row of short cells: refused at column 2,001, after at most 2 MB of text', async () => {
    for (const attempt of Object.values(ways(manyCells))) {
      let error!: ImportError;
      const parsed = await charactersParsed(async () => (error = await failsCleanly(attempt)));
      expect(error.message).toBe(`Файл «одна строка с разделителями.csv», лист «Sheet1», строка 1, столбец «BXY»: ${TOO_WIDE}`);
      expect(parsed).toBeLessThanOrEqual(2 * 1024 * 1024);
    }
  });
});

describe('every kind of file a user opens is measured before it is read', () => {
  it('from its name and size alone, with a short Russian refusal naming the file and the limit', () => {
    const MB = 1024 * 1024;
    expect(fileSizeError('выгрузка.xlsx', MAX_FILE_BYTES + MB)?.message).toBe(
      'Файл «выгрузка.xlsx»: размер 201 МБ, а Око принимает файлы до 200 МБ: больше браузер не удержит в памяти. ' +
        'Разделите таблицу на несколько файлов (например, по муниципалитетам или предметам) и загрузите их по очереди.',
    );
    expect(sessionSizeError('сессия.sqlite', MAX_SESSION_BYTES + MB)).toBe(
      'Файл сессии «сессия.sqlite» не открыт. Размер 401 МБ, а Око открывает сессии до 400 МБ — больше браузер не удержит в памяти.',
    );
    expect(indicatorFileSizeError('показатель.json', 300 * 1024)).toBe(
      'Файл «показатель.json» не загружен как показатель: размер 300 КБ, а описание показателя занимает не больше 256 КБ — в нём только запрос, подписи и диаграмма, без данных.',
    );
    expect([
      fileSizeError('a.csv', MAX_FILE_BYTES),
      sessionSizeError('a.sqlite', MAX_SESSION_BYTES),
      indicatorFileSizeError('a.json', MAX_INDICATOR_FILE_BYTES),
    ]).toEqual([null, null, null]);
  });
});
