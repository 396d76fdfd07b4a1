/**
 * Hostile input (issue 3, item 8): every file below is refused with its own Russian message that
 * names the file (and the row or sheet where there is one), and the database stays byte-for-byte
 * as it was; or, where the file is fine but odd (formulas, merged cells, empty sheets, `__proto__`
 * names, a header cell as long as Excel allows), it imports exactly as its healthy twin does.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '../../src/core/db.ts';
import { ImportError, fileSizeError, importFile } from '../../src/core/import/index.ts';
import type { ImportFile } from '../../src/core/import/index.ts';
import { MAX_FILE_BYTES, MAX_ZIP_UNCOMPRESSED_BYTES } from '../../src/core/import/limits.ts';
import { importUserTable, previewSheet } from '../../src/core/import/formats/user-table/importer.ts';
import { checkZip, inflatedSize } from '../../src/core/import/read/zip-guard.ts';
import { createRandom } from '../../src/core/import/samples/prng.ts';
import * as F from '../fixtures/generate.ts';
import * as H from '../fixtures/hostile.ts';
import { NOW, rows } from '../fixtures/import-helpers.ts';
import { failsCleanly } from './refusal.ts';
import { freshDatabase } from './sqlite.ts';

const importing = (file: ImportFile) => (db: Database) => importFile(db, file, { now: NOW });

/** The message starts with the file's name and says `reason`. */
function expectMessage(error: ImportError, file: ImportFile, ...reasons: string[]): void {
  expect(error.file).toBe(file.name);
  expect(error.message.startsWith(`Файл «${file.name}»`)).toBe(true);
  for (const reason of reasons) expect(error.message).toContain(reason);
  expect(error.message).not.toMatch(/\bat \w|Error:|undefined|NaN/); // no stack traces, no leaks
}

const RESULTS = 'SELECT participant_code, class_ordinal, variant, primary_score, mark, journal_mark FROM result ORDER BY 1';
const SCORES = `SELECT r.participant_code, t.task_code, t.score, t.raw FROM task_score t JOIN result r USING (result_id)
  JOIN assessment_task at ON at.assessment_id = r.assessment_id AND at.task_code = t.task_code ORDER BY 1, at.position`;

async function reference(): Promise<Database> {
  const db = freshDatabase();
  await importFile(db, F.f1OneSchool(), { now: NOW });
  return db;
}

describe('size limits', () => {
  it(`a file over ${MAX_FILE_BYTES / 2 ** 20} MB is refused before it is read, by every entry point`, async () => {
    const file = H.oversized(MAX_FILE_BYTES + 5 * 2 ** 20);
    for (const attempt of [
      importing(file),
      () => previewSheet(file),
      (db: Database) => importUserTable(db, file, { sheet: 'Sheet1', headerRow: 0, tableName: 'user_x', columns: [{ source: 0, name: 'a', type: 'TEXT' }] }),
    ]) {
      const error = await failsCleanly(attempt);
      expect(error.code).toBe('too-large');
      expectMessage(error, file, 'размер 205 МБ', 'принимает файлы до 200 МБ', 'Разделите таблицу');
    }
  });

  it('the UI gets the same refusal from the name and size alone, before reading the file', async () => {
    const file = H.oversized(MAX_FILE_BYTES + 5 * 2 ** 20);
    const fromCore = await failsCleanly(importing(file));
    const early = fileSizeError(file.name, file.bytes.length);
    expect(early).toBeInstanceOf(ImportError);
    expect(early).toMatchObject({ code: 'too-large', file: file.name, message: fromCore.message });
    expect(fileSizeError(file.name, MAX_FILE_BYTES)).toBeNull();
  });

  it('a file of exactly the limit is read (and these zeros are then not text)', async () => {
    const error = await failsCleanly(importing(H.oversized(MAX_FILE_BYTES)));
    expect(error.code).toBe('unreadable');
  });

  it('an XLSX that unpacks to more than the limit is refused from its ZIP directory', async () => {
    const file = H.hugeDeclaredXlsx();
    const error = await failsCleanly(importing(file));
    expect(error.code).toBe('too-large');
    expectMessage(error, file, 'после распаковки таблица займёт 700 МБ', `не больше ${MAX_ZIP_UNCOMPRESSED_BYTES / 2 ** 20} МБ`, '«CSV UTF-8»');
  });
});

describe('zip bombs and broken archives', () => {
  it('a zip bomb (an entry 1000× its compressed size) is refused before anything is inflated', async () => {
    const file = H.zipBomb();
    const error = await failsCleanly(importing(file));
    expect(error.code).toBe('too-large');
    expectMessage(error, file, 'часть архива «xl/worksheets/sheet1.xml» сжата в', '20 МБ после распаковки', '«ZIP-бомбу»');
    // the ZIP directory alone refuses it: the same reason comes from reading the directory, no stream inflated
    expect(() => checkZip(file)).toThrow(expect.objectContaining({ message: error.message }));
  });

  it('a bomb whose directory lies about the size (sizes in a data descriptor) is caught by counting its stream', async () => {
    const file = H.lyingZipBomb();
    const error = await failsCleanly(importing(file));
    expect(error.code).toBe('too-large');
    expectMessage(error, file, '«xl/worksheets/sheet1.xml» при распаковке оказывается больше, чем указано в оглавлении архива', '«ZIP-бомбу»');
  });

  it('the previews refuse them too', async () => {
    for (const file of [H.zipBomb(), H.hugeDeclaredXlsx(), H.lyingZipBomb()]) {
      const error = await failsCleanly(() => previewSheet(file));
      expect(error.code).toBe('too-large');
    }
  });

  it('an archive of 10,001 parts', async () => {
    const file = H.manyEntriesZip();
    const error = await failsCleanly(importing(file));
    expect(error.code).toBe('too-large');
    expectMessage(error, file, 'в архиве XLSX 10001 частей');
  });

  it('an entry whose local header disagrees with the directory', async () => {
    const file = H.mismatchedSizesXlsx();
    const error = await failsCleanly(importing(file));
    expect(error.code).toBe('unreadable');
    expectMessage(error, file, 'файл повреждён — оглавление архива XLSX не сходится с его содержимым (часть «xl/worksheets/sheet1.xml»)');
  });

  it('an XLSX cut in half is «unreadable», with a Russian reason instead of a SheetJS stack trace', async () => {
    const file = H.truncatedXlsx();
    const error = await failsCleanly(importing(file));
    expect(error.code).toBe('unreadable');
    expectMessage(error, file, 'файл обрезан', 'скачался или скопировался не до конца');
  });

  it('the same XLSX rebuilt by the test ZIP writer imports, so the writer itself is sound', async () => {
    const rebuilt = H.zipArchive([...H.xlsxEntries(F.f1OneSchool().bytes)].map(([name, data]) => ({ name, data })));
    const db = freshDatabase();
    await importFile(db, { name: 'пересобран.xlsx', bytes: rebuilt }, { now: NOW });
    expect(rows(db, RESULTS)).toEqual(rows(await reference(), RESULTS));
  });

  it('an honest XLSX with sizes only in data descriptors (Go, .NET streaming writers) imports: its streams are counted, not refused', async () => {
    const entries = [...H.xlsxEntries(F.f1OneSchool().bytes)].map(([name, data]) => ({ name, data, descriptor: true }));
    const db = freshDatabase();
    await importFile(db, { name: 'потоковый.xlsx', bytes: H.zipArchive(entries) }, { now: NOW });
    expect(rows(db, RESULTS)).toEqual(rows(await reference(), RESULTS));
  });

  it('the stream counter agrees with zlib on stored, fixed and dynamic deflate blocks, and stops at its cap', () => {
    const random = createRandom('inflate');
    const noise = Uint8Array.from({ length: 70_000 }, () => random.int(0, 255));
    const text = new TextEncoder().encode('<row r="1"><c r="A1" t="s"><v>12</v></c></row>'.repeat(3000));
    for (const data of [noise, text, new Uint8Array(0), new Uint8Array(300_000)]) {
      for (const options of [{ level: 0 }, { strategy: constants.Z_FIXED }, {}, { level: 9 }]) {
        const stream = new Uint8Array(deflateRawSync(data, options));
        expect(inflatedSize(stream, 0, stream.length, Number.MAX_SAFE_INTEGER)).toBe(data.length);
      }
    }
    const zeros = new Uint8Array(deflateRawSync(new Uint8Array(5_000_000)));
    expect(inflatedSize(zeros, 0, zeros.length, 1000)).toBe(1001);
    expect(() => inflatedSize(zeros, 0, Math.floor(zeros.length / 2), Number.MAX_SAFE_INTEGER)).toThrow();
  });

  it('a picture renamed to .xlsx says what it is', async () => {
    const file = H.pngAsXlsx();
    const error = await failsCleanly(importing(file));
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe('Файл «результаты.xlsx» — не таблица Excel: это изображение PNG. Загрузите выгрузку в формате xlsx, xls или csv.');
  });

  it('a Word document renamed to .xlsx says what it is', async () => {
    const file = H.docxAsXlsx();
    const error = await failsCleanly(importing(file));
    expect(error.code).toBe('unreadable');
    expect(error.message).toBe('Файл «протокол.xlsx» — не таблица Excel: это документ Word (.docx). Загрузите выгрузку в формате xlsx, xls или csv.');
  });
});

describe('formulas: the saved value is taken, nothing is evaluated', () => {
  it('formula cells import their saved values; one without a value is empty, with a warning naming the cell', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, H.f1WithFormulas(), { now: NOW });
    const expected = rows(await reference(), RESULTS).map((row) => (row[0] === '40003' ? [...row.slice(0, 5), null] : row));
    expect(rows(db, RESULTS)).toEqual(expected);
    expect(rows(db, SCORES)).toEqual(rows(await reference(), SCORES));
    const warning = `Файл «Ф1 с формулами.xlsx», лист «${F.F1_SHEET}»: в ячейке X12 формула без сохранённого значения — такие ячейки считаются пустыми`;
    expect(summary.warnings.some((w) => w.startsWith(warning))).toBe(true);
    expect(String(rows(db, 'SELECT warnings FROM import_batch')[0][0])).toContain('X12 формула без сохранённого значения');
    expect(summary.warnings).toHaveLength(1); // the formulas with saved values are not warned about
  });
});

describe('merged cells, empty sheets', () => {
  it('a Ф1 with merged title and group cells imports the same rows', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, H.f1WithMergedCells(), { now: NOW });
    const ref = await reference();
    expect(summary.assessments).toEqual(['ВПР 2026, Русский язык, 4 класс']);
    expect(rows(db, RESULTS)).toEqual(rows(ref, RESULTS));
    expect(rows(db, SCORES)).toEqual(rows(ref, SCORES));
    expect(rows(db, 'SELECT exam_date FROM assessment')).toEqual(rows(ref, 'SELECT exam_date FROM assessment'));
  });

  it('empty sheets around the table are skipped', async () => {
    const db = freshDatabase();
    await importFile(db, H.f1AfterEmptySheets(), { now: NOW });
    expect(rows(db, RESULTS)).toEqual(rows(await reference(), RESULTS));
  });

  it('a workbook of empty sheets, and a CSV of separators only, are «empty»', async () => {
    for (const file of [H.onlyEmptySheets(), H.blankCsv()]) {
      const error = await failsCleanly(importing(file));
      expect(error.code).toBe('empty');
      expectMessage(error, file, 'в нём нет ни одной заполненной ячейки');
    }
  });
});

describe('duplicated headers', () => {
  it('two «Отметка» columns: an error naming both', async () => {
    const file = H.f1DuplicatedMark();
    const error = await failsCleanly(importing(file));
    expect(error).toMatchObject({ code: 'duplicate-column', sheet: F.F1_SHEET, row: 8, column: 'Отметка' });
    expect(error.message).toBe(
      `Файл «Ф1 две отметки.xlsx», лист «${F.F1_SHEET}», строка 8: столбец «Отметка» встречается дважды — в столбцах W и Y, ` +
        'и неясно, какой из них загружать. Удалите или переименуйте лишние столбцы и загрузите файл снова.',
    );
  });
});

describe('prototype pollution', () => {
  const prototypeNames = () => Object.getOwnPropertyNames(Object.prototype).sort();

  it('a sheet and headers named __proto__ / constructor import as plain data and pollute nothing', async () => {
    const before = prototypeNames();
    const db = freshDatabase();
    const summary = await importFile(db, H.f1ProtoNames(), { now: NOW });
    expect(summary.rows).toBe(5);
    expect(rows(db, RESULTS)).toEqual(rows(await reference(), RESULTS));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).toString).toBe(Object.prototype.toString);
    expect(prototypeNames()).toEqual(before);
  });

  it('a table of the user’s own with such headers: ordinary column names, values stored as data', async () => {
    const before = prototypeNames();
    const file = H.protoHeadersCsv();
    const preview = previewSheet(file);
    expect(preview.sheets[0].columns.map((column) => column.name)).toEqual(['proto', 'constructor', 'hasownproperty', 'tostring']);
    const db = freshDatabase();
    await importUserTable(db, file, { sheet: preview.suggestedSheet, headerRow: 0, tableName: 'user_proto', columns: preview.sheets[0].columns }, { now: NOW });
    expect(rows(db, 'SELECT * FROM user_proto')).toEqual([
      ['polluted', 1, 2, 3],
      ['polluted', 4, 5, 6],
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(prototypeNames()).toEqual(before);
  });
});

/**
 * Work measured as a count, not as time: the characters lower-cased while `job` runs (header
 * matching folds case), so a detector that rereads a long cell shows up whatever the machine's load.
 */
async function charactersFolded(job: () => Promise<unknown>): Promise<number> {
  const spy = vi.spyOn(String.prototype, 'toLowerCase');
  try {
    await job();
    return spy.mock.contexts.reduce((sum: number, text) => sum + String(text).length, 0);
  } finally {
    spy.mockRestore();
  }
}

describe('a very long cell', () => {
  it("a header cell of 32,767 characters (Excel's limit) next to a Ф1 table does not slow or break the import", async () => {
    const db = freshDatabase();
    const folded = await charactersFolded(() => importFile(db, H.longHeaderCell('f1'), { now: NOW }));
    // the detectors look at a header cell's first 1,000 characters: 31,767 more cost (next to) nothing
    const foldedShort = await charactersFolded(() => importFile(freshDatabase(), H.longHeaderCell('f1', 1000), { now: NOW }));
    expect(Math.abs(folded - foldedShort)).toBeLessThan(1000);
    expect(rows(db, RESULTS)).toEqual(rows(await reference(), RESULTS));
  });

  it('in a message it is cut to a readable length', async () => {
    const file = H.longHeaderCell('table');
    const preview = previewSheet(file);
    const columns = preview.sheets[0].columns;
    expect(columns[1].name.length).toBeLessThanOrEqual(60);
    const error = await failsCleanly((db) =>
      importUserTable(
        db,
        file,
        { sheet: preview.suggestedSheet, headerRow: 0, tableName: 'user_long', columns: columns.map((c) => ({ ...c, type: 'INTEGER' })) },
        { now: NOW },
      ),
    );
    expect(error).toMatchObject({ code: 'invalid-value', row: 3, value: 'двадцать' });
    expectMessage(
      error,
      file,
      'строка 3, столбец «Примечание очень длинный текст',
      `… (${H.LONG_CELL_CHARS.toLocaleString('ru-RU')} знаков)»: значение «двадцать»`,
    );
    expect(error.message.length).toBeLessThan(600);
    expect(error.column!.length).toBeLessThan(200);
  });

  it('a table of no known layout with such a header is «unknown-format», the cell never folded whole', async () => {
    const file = H.longHeaderCell('table');
    let error!: ImportError;
    const folded = await charactersFolded(async () => (error = await failsCleanly(importing(file))));
    expect(error.code).toBe('unknown-format');
    // every detector compares the header; each may look at the long cell's first 1,000 characters only
    const foldedShort = await charactersFolded(() => failsCleanly(importing(H.longHeaderCell('table', 1000))));
    expect(folded).toBe(foldedShort);
    expect(error.message.length).toBeLessThan(2000);
  });
});

describe('text files', () => {
  it('a NUL byte deep in a CSV (past the first 64 KB): «unreadable», naming the row', async () => {
    const file = H.csvWithNul(5000);
    expect(file.bytes.length).toBeGreaterThan(65536);
    for (const attempt of [importing(file), () => previewSheet(file)]) {
      const error = await failsCleanly(attempt);
      expect(error).toMatchObject({ code: 'unreadable', row: 5000 });
      expectMessage(error, file, 'строка 5000: в тексте встречается нулевой байт');
    }
  });

  it('UTF-8 with a broken byte is refused, naming the line, rather than read as Windows-1251 gibberish', async () => {
    const file = H.csvBrokenUtf8(4);
    const error = await failsCleanly(importing(file));
    expect(error).toMatchObject({ code: 'unreadable', row: 4 });
    expectMessage(error, file, 'строка 4: текст записан в кодировке UTF-8, но здесь она нарушена');
  });

  it('a genuine Windows-1251 file is still read as such', async () => {
    const db = freshDatabase();
    const summary = await importFile(db, F.f1MunicipalCsv1251(), { now: NOW });
    expect(summary.rows).toBe(7);
  });
});
