/**
 * csv-reader.ts reads CSV/TSV in chunks instead of SheetJS; its cells must be exactly what
 * SheetJS gave before (every importer was written against that), for any text and wherever the
 * chunk boundaries fall.
 */
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../src/core/import/cells.ts';
import { countCsvRows, guessSeparator, readCsv, readCsvRows, sniffCsv } from '../../src/core/import/read/csv-reader.ts';
import { importFile } from '../../src/core/import/index.ts';
import { CSV_HEAD_DETECT_BYTES } from '../../src/core/import/limits.ts';
import { ImportError } from '../../src/core/import/types.ts';
import { importUserTable, previewSheet } from '../../src/core/import/formats/user-table/importer.ts';
import { readWorkbook } from '../../src/core/import/read/workbook.ts';
import { createRandom } from '../../src/core/import/samples/prng.ts';
import { writeWorkbook } from '../../src/core/import/samples/xlsx-writer.ts';
import { f1MunicipalCsv, toWindows1251 } from '../fixtures/generate.ts';
import { NOW, importError, rows as dbRows } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

/** What the import read before: SheetJS's CSV parser, as workbook.ts called it. */
function sheetjs(text: string): Cell[][] {
  const workbook = XLSX.read(text, { type: 'string', raw: true, dense: true, cellText: false, cellHTML: false, cellFormula: false });
  return XLSX.utils.sheet_to_json<Cell[]>(workbook.Sheets[workbook.SheetNames[0]], { header: 1, raw: true, defval: null, blankrows: true });
}

const file = (text: string, name = 't.csv') => ({ name, bytes: new TextEncoder().encode(text) });

function ours(text: string, chunkBytes?: number): Cell[][] {
  const f = file(text);
  const format = sniffCsv(f.bytes);
  if (chunkBytes === undefined) return readCsvRows(f, format);
  const rows: Cell[][] = [];
  const parser = readCsv(f, format, (cells) => void rows.push(cells), chunkBytes);
  for (let r = 0; r < rows.length; r++) if (r === 0 || rows[r].length > 0) while (rows[r].length < parser.width) rows[r].push(null);
  return rows;
}

describe('the same cells as SheetJS', () => {
  const cases: Array<[string, string]> = [
    ['semicolons, CRLF', 'Код;Класс;Балл\r\n1;4А;12\r\n2;4Б;\r\n'],
    ['commas win a tie', 'a,b;c\n1,2;3'],
    ['tabs', 'a\tb\tc\n1\t\t3\n'],
    ['pipes', 'a|b\n1|2'],
    ['sep= line', 'sep=;\r\na,b;c\r\n1,5;2\r\n'],
    ['sep= line, LF', 'sep=,\na;b,c\n'],
    ['quoted separators, quotes, line breaks', '"a;b";"say ""hi""";"two\r\nlines"\r\n"";x;""""\r\n'],
    ['malformed quotes read leniently', '"a"b";c\n"x""y";"m\nn"\r\nz\n"open'],
    ['quotes inside an unquoted cell stay', 'ab"c;d"e"\n'],
    ['blank rows in the middle and at the end', 'a;b\n\n1;2\n\n\n'],
    ['ragged rows, trailing separators', 'a;b;\n1;2;3;\n4\n'],
    ['bare CR line ends', 'a;b\r1;2\r3;4'],
    ['leading blank lines', '\n\na;b\n1;2'],
    ['spaces are kept', ' a ; b \n 1 ;2'],
    ['no separator at all', 'одна колонка\nвторая строка\n'],
    ['Cyrillic and «»', 'Фамилия;Имя\n«Ёлкин»;Пётр\n'],
    ['a single quote', '"'],
    ['CR inside quotes at the end', '"abc\r'],
    ['formulas stay text', '=1+2;=SUM(A1:A2)\n'],
  ];
  for (const [what, text] of cases) {
    it(what, () => {
      expect(ours(text)).toEqual(sheetjs(text));
      for (const chunk of [1, 2, 3, 5, 64]) expect(ours(text, chunk)).toEqual(sheetjs(text));
    });
  }

  it('random texts of separators, quotes and line breaks, in chunks of any size', () => {
    const random = createRandom('csv-fuzz');
    const alphabet = ['a', 'b', 'Я', 'ё', '"', '"', ';', ';', ',', '\t', '|', '\n', '\n', '\r', ' ', '1'];
    for (let n = 0; n < 1500; n++) {
      const length = random.int(1, 40);
      let text = 'x';
      for (let i = 0; i < length; i++) text += alphabet[random.int(0, alphabet.length - 1)];
      const expected = sheetjs(text);
      expect(ours(text), JSON.stringify(text)).toEqual(expected);
      expect(ours(text, random.int(1, 9)), JSON.stringify(text)).toEqual(expected);
    }
  });

  it('guesses the separator as SheetJS does', () => {
    expect(guessSeparator('a;b;c,d')).toBe(';');
    expect(guessSeparator('a,b;c')).toBe(',');
    expect(guessSeparator('a\tb;c')).toBe('\t');
    expect(guessSeparator('"a;b;c",d')).toBe(',');
    expect(guessSeparator('abc')).toBe(',');
  });
});

describe('encodings', () => {
  it('Windows-1251 and UTF-8 with a BOM read alike', () => {
    const text = 'Код ОО;Наименование\r\n9306;МБОУ «СОШ №1»\r\n';
    const utf8 = readWorkbook({ name: 'u.csv', bytes: new TextEncoder().encode(`\ufeff${text}`) });
    const cp1251 = readWorkbook({ name: 'w.csv', bytes: toWindows1251(text) });
    expect(cp1251).toEqual(utf8);
    expect(utf8[0].rows).toEqual([
      ['Код ОО', 'Наименование'],
      ['9306', 'МБОУ «СОШ №1»'],
    ]);
  });

  it('UTF-16 with a BOM (Excel «Текст Юникод», tab-separated) is read too', () => {
    const text = '\ufeffФамилия\tБалл\r\nИванов\t12\r\n';
    const bytes = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) {
      bytes[2 * i] = text.charCodeAt(i) & 0xff;
      bytes[2 * i + 1] = text.charCodeAt(i) >> 8;
    }
    expect(readWorkbook({ name: 'u16.txt', bytes })[0].rows).toEqual([
      ['Фамилия', 'Балл'],
      ['Иванов', '12'],
    ]);
  });

  it('a multi-byte letter split across chunks is decoded whole', () => {
    const text = `${'Ж'.repeat(1000)};${'ё'.repeat(999)}\n`;
    for (const chunk of [1, 3, 7, 1001]) expect(ours(text, chunk)).toEqual([['Ж'.repeat(1000), 'ё'.repeat(999)]]);
  });
});

describe('streaming', () => {
  it('counts rows over the bytes exactly as the parser does', () => {
    const random = createRandom('csv-count');
    const alphabet = ['a', 'Я', '"', ';', '\n', '\r', ',', ' '];
    for (let n = 0; n < 500; n++) {
      let text = 'q';
      for (let i = random.int(0, 30); i > 0; i--) text += alphabet[random.int(0, alphabet.length - 1)];
      const f = file(text);
      const format = sniffCsv(f.bytes);
      expect(countCsvRows(f, format), JSON.stringify(text)).toBe(readCsvRows(f, format).length);
    }
  });

  it('stops when the sink says so, and reads the first rows of a file only', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `${i};строка ${i}`).join('\n');
    const seen: number[] = [];
    const f = file(lines);
    readCsv(f, sniffCsv(f.bytes), (_cells, index) => (seen.push(index), index < 9), 64);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(readWorkbook(f, { maxRows: 5 })[0].totalRows).toBeUndefined();
    const [sheet] = readWorkbook(f, { maxRows: 5, countRows: true });
    expect(sheet.rows).toEqual([0, 1, 2, 3, 4].map((i) => [String(i), `строка ${i}`]));
    expect(sheet.totalRows).toBe(1000);
  });

  it('a control character is reported with its row, wherever the chunk ends', () => {
    const text = `a;b\n1;2\n3;x\u0001y\n5;6\n`;
    for (const chunk of [1, 4, 100]) {
      const f = file(text, 'c.csv');
      let error: unknown;
      try {
        readCsv(f, sniffCsv(f.bytes), () => true, chunk);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ImportError);
      expect(error).toMatchObject({ code: 'unreadable', row: 3 });
      expect((error as Error).message).toContain('Файл «c.csv», строка 3: в тексте встречается управляющий символ с кодом 1');
    }
  });

  it('a Ctrl-Z end-of-file mark of old DOS files is not data', () => {
    const f = { name: 'dos.csv', bytes: new Uint8Array([...new TextEncoder().encode('a;b\r\n1;2\r\n'), 0x1a]) };
    expect(readWorkbook(f)[0].rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });
});

describe('big files', () => {
  it('a 60,000-row CSV (several chunks; quoted line breaks across them) streams into a table of the user’s own', async () => {
    const lines = ['Номер;Комментарий;Доля'];
    for (let i = 1; i <= 60_000; i++) lines.push(`${i};"строка ${i}; с ""кавычками""\nи переносом";${(i / 8).toFixed(3).replace('.', ',')}`);
    const f = { name: 'большая.csv', bytes: new TextEncoder().encode(lines.join('\r\n')) };
    expect(f.bytes.length).toBeGreaterThan(3 * 1024 * 1024);
    const preview = previewSheet(f);
    const sheet = preview.sheets[0];
    expect(sheet.totalRows).toBe(60_001);
    expect(sheet.columns.map((c) => [c.name, c.type])).toEqual([
      ['номер', 'INTEGER'],
      ['комментарий', 'TEXT'],
      ['доля', 'REAL'],
    ]);
    const db = freshDatabase();
    const progress: Array<[number, number]> = [];
    const summary = await importUserTable(
      db,
      f,
      { sheet: sheet.name, headerRow: 0, tableName: 'user_big', columns: sheet.columns },
      { now: NOW, onProgress: (done, total) => progress.push([done, total]) },
    );
    expect(summary.rows).toBe(60_000);
    expect(dbRows(db, 'SELECT COUNT(*), SUM(номер) FROM user_big')).toEqual([[60_000, (60_000 * 60_001) / 2]]);
    expect(dbRows(db, 'SELECT * FROM user_big WHERE номер IN (1, 31_234, 60_000) ORDER BY 1')).toEqual([
      [1, 'строка 1; с "кавычками"\nи переносом', 0.125],
      [31_234, 'строка 31234; с "кавычками"\nи переносом', 3904.25],
      [60_000, 'строка 60000; с "кавычками"\nи переносом', 7500],
    ]);
    expect(progress.length).toBeGreaterThanOrEqual(12);
    expect(progress.every(([done, total], i) => total === 60_000 && (i === 0 || done >= progress[i - 1][0]))).toBe(true);
    expect(progress[progress.length - 1]).toEqual([60_000, 60_000]);
  });

  it('a bad value deep in a streamed CSV names its row, and nothing is written', async () => {
    const lines = ['Номер;Балл'];
    for (let i = 1; i <= 40_000; i++) lines.push(`${i};${i === 39_999 ? 'много' : i % 50}`);
    const f = { name: 'баллы.csv', bytes: new TextEncoder().encode(lines.join('\n')) };
    const db = freshDatabase();
    const before = db.export();
    const columns = previewSheet(f).sheets[0].columns;
    const error = await importUserTable(db, f, { sheet: 'Sheet1', headerRow: 0, tableName: 'user_scores', columns }, { now: NOW }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'invalid-value', row: 40_000, column: 'Балл', value: 'много' });
    expect(Buffer.compare(db.export(), before)).toBe(0);
  });

  it('an XLSX read with maxRows gives its first rows and, when asked, the total', () => {
    const rows = Array.from({ length: 500 }, (_, i) => [`строка ${i + 1}`, i + 1]);
    const f = { name: 'длинная.xlsx', bytes: writeWorkbook([{ name: 'Лист1', rows }]) };
    const [sheet] = readWorkbook(f, { maxRows: 20, countRows: true });
    expect(sheet.rows).toEqual(rows.slice(0, 20));
    expect(sheet.totalRows).toBe(500);
    expect(previewSheet(f).sheets[0].totalRows).toBe(500);
  });

  it(`a CSV over ${CSV_HEAD_DETECT_BYTES / 2 ** 20} MB of no known layout is refused from its first rows; one of a known layout imports whole`, async () => {
    const filler = ';;;;\r\n'.repeat(Math.ceil(CSV_HEAD_DETECT_BYTES / 6) + 1000);
    const unknown = { name: 'журнал.csv', bytes: new TextEncoder().encode(`Дата;Событие;Кто\r\n2026-01-01;вход;Иванов\r\n${filler}`) };
    expect(unknown.bytes.length).toBeGreaterThan(CSV_HEAD_DETECT_BYTES);
    expect((await importError(freshDatabase(), unknown)).code).toBe('unknown-format');

    const f1 = f1MunicipalCsv();
    const tail = new TextEncoder().encode(`\r\n${filler}`);
    const known = { name: 'Ф1 с хвостом.csv', bytes: new Uint8Array(f1.bytes.length + tail.length) };
    known.bytes.set(f1.bytes);
    known.bytes.set(tail, f1.bytes.length);
    expect(known.bytes.length).toBeGreaterThan(CSV_HEAD_DETECT_BYTES);
    const summary = await importFile(freshDatabase(), known, { now: NOW });
    expect(summary).toMatchObject({ format: 'fisoko_f1', rows: 7 });
  });
});
