/**
 * A big CSV is decoded once (issue 8, item 5): its encoding is decided from its first bytes
 * and checked while it is read (decode-text.ts), so detect → preview → import costs one decode of
 * the whole file plus the first rows — and a file the first megabyte misjudged still reads exactly
 * as before: Windows-1251 further on is read again as Windows-1251, broken UTF-8 is refused
 * naming its row, and nothing is written. (The counts below are of bytes TextDecoder is given,
 * not of time.)
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SNIFF_BYTES } from '../../src/core/import/read/decode-text.ts';
import { importFile } from '../../src/core/import/index.ts';
import { ImportError } from '../../src/core/import/types.ts';
import { importUserTable, previewSheet } from '../../src/core/import/formats/user-table/importer.ts';
import { readWorkbook } from '../../src/core/import/read/workbook.ts';
import { toWindows1251 } from '../fixtures/generate.ts';
import { NOW, rows as dbRows } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

const ROWS = 150_000;
/** What a step decodes besides the rows it reads: the encoding's sniff, the header rows, checks on the first bytes (~0.4 MB). */
const HEADS = 512 * 1024;

/** «Номер;Школа;Балл» rows; `cyrillicFrom`: the row from which the school name is Cyrillic (Latin before it). */
function csvText(cyrillicFrom: number): string {
  const lines = ['Номер;Школа;Балл'];
  for (let i = 1; i <= ROWS; i++) lines.push(`${i};${i >= cyrillicFrom ? `Школа №${i % 50}` : `School ${i % 50}`};${i % 31}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** The header row in ASCII, so that the file starts in plain ASCII (the same bytes in UTF-8 and 1251). */
function asciiHeadCsv(cyrillicFrom: number): string {
  return csvText(cyrillicFrom).replace('Номер;Школа;Балл', 'Nomer;Shkola;Ball');
}

const mapping = (tableName: string) => ({
  sheet: 'Sheet1',
  headerRow: 0,
  tableName,
  columns: [
    { source: 0, name: 'nomer', type: 'INTEGER' as const },
    { source: 1, name: 'shkola', type: 'TEXT' as const },
    { source: 2, name: 'ball', type: 'INTEGER' as const },
  ],
});

/** Bytes TextDecoder decoded while `run` ran. */
async function decodedBytes(run: () => Promise<unknown> | unknown): Promise<number> {
  let total = 0;
  const decode = TextDecoder.prototype.decode;
  const spy = vi.spyOn(TextDecoder.prototype, 'decode').mockImplementation(function (
    this: TextDecoder,
    input?: AllowSharedBufferSource,
    options?: TextDecodeOptions,
  ) {
    total += input ? input.byteLength : 0;
    return decode.call(this, input, options);
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return total;
}

afterEach(() => vi.restoreAllMocks());

describe('a big CSV is decoded once', () => {
  const bytes = new TextEncoder().encode(`\ufeff${csvText(1)}`);

  it('the import decodes the whole file once, plus its first rows', async () => {
    expect(bytes.length).toBeGreaterThan(SNIFF_BYTES * 2);
    const db = freshDatabase();
    const decoded = await decodedBytes(() => importUserTable(db, { name: 'школы.csv', bytes }, mapping('user_t'), { now: NOW }));
    expect(decoded).toBeGreaterThanOrEqual(bytes.length - 3);
    // the whole file once; its first bytes to decide the encoding and to read the header rows
    expect(decoded).toBeLessThan(bytes.length + HEADS);
    expect(dbRows(db, 'SELECT COUNT(*), SUM(ball) FROM user_t')).toEqual([[ROWS, expect.any(Number)]]);
    expect(dbRows(db, 'SELECT shkola FROM user_t WHERE nomer = 77')).toEqual([['Школа №27']]);
  });

  it('drop → «формат не распознан» → preview → import: one whole decode and the first rows of each step', async () => {
    const db = freshDatabase();
    const file = () => ({ name: 'школы.csv', bytes: bytes.slice() }); // each request brings its own copy, as from the UI
    const decoded = await decodedBytes(async () => {
      await expect(importFile(db, file(), { now: NOW })).rejects.toMatchObject({ code: 'unknown-format' });
      const preview = previewSheet(file());
      expect(preview.sheets[0].totalRows).toBe(ROWS + 1);
      await importUserTable(db, file(), mapping('user_t'), { now: NOW });
    });
    expect(decoded).toBeLessThan(bytes.length + 3 * HEADS);
  });
});

describe('a file its first bytes misjudged reads as it did before', () => {
  it('ASCII at first, Windows-1251 further on: read again as Windows-1251', async () => {
    const text = asciiHeadCsv(80_000);
    const bytes = toWindows1251(text);
    expect(bytes.findIndex((b) => b >= 0x80)).toBeGreaterThan(SNIFF_BYTES);
    const file = { name: 'школы-1251.csv', bytes };
    const grid = readWorkbook(file)[0].rows;
    expect(grid[90_000]).toEqual(['90000', 'Школа №0', '7']);
    const db = freshDatabase();
    const summary = await importUserTable(db, file, mapping('user_w'), { now: NOW });
    expect(summary.rows).toBe(ROWS);
    expect(dbRows(db, 'SELECT shkola FROM user_w WHERE nomer IN (79999, 80000) ORDER BY nomer')).toEqual([['School 49'], ['Школа №0']]);
    expect(dbRows(db, 'SELECT COUNT(*) FROM import_batch')).toEqual([[1]]);
  });

  it('UTF-8 broken far into the file: refused naming the row, nothing written', async () => {
    const good = new TextEncoder().encode(csvText(1));
    const line = 120_000;
    let at = -1;
    for (let i = 0, n = 1; i < good.length; i++) if (good[i] === 0x0a && ++n === line) at = i + 1;
    const bytes = good.slice();
    bytes[at + 7] = 0xff; // inside «Школа» of line 120,000
    expect(at).toBeGreaterThan(SNIFF_BYTES);
    const db = freshDatabase();
    const before = db.export();
    const error = await importUserTable(db, { name: 'битый.csv', bytes }, mapping('user_b'), { now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).code).toBe('unreadable');
    expect((error as ImportError).row).toBe(line);
    expect((error as ImportError).message).toContain('кодировке UTF-8, но здесь она нарушена');
    expect(Buffer.compare(db.export(), before)).toBe(0);
  });
});
