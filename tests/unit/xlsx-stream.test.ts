/**
 * The streaming XLSX reader (src/core/import/xlsx/) against SheetJS: the same grids — values,
 * types, empty cells, holes, row lengths, warnings, totalRows — on every XLSX the test suite
 * generates and on workbooks written by hand the way Excel writes them; files it does not read
 * itself go to SheetJS; and a 20,000-row Ф1 imports the same database rows through either reader.
 */
import * as XLSX from '@e965/xlsx';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportFile } from '../../src/core/import/index.ts';
import { importFile } from '../../src/core/import/index.ts';
import { importUserTable, previewSheet } from '../../src/core/import/formats/user-table/importer.ts';
import { sheetJsGrids } from '../../src/core/import/read/sheetjs.ts';
import { readWorkbook } from '../../src/core/import/read/workbook.ts';
import { STREAM_SHEET_BYTES, readStreamedWorkbook } from '../../src/core/import/read/xlsx/index.ts';
import type { PartInflater } from '../../src/core/import/read/xlsx/load.ts';
import { loadStreamingReader } from '../../src/core/import/read/xlsx/load.ts';
import { inflatePartInChunks, partAlone } from '../../src/core/import/read/xlsx/zip-parts.ts';
import { gridOfCells } from '../../src/core/import/read/xlsx/sheet-grid.ts';
import { SheetReader } from '../../src/core/import/read/xlsx/sheet-reader.ts';
import { checkZip } from '../../src/core/import/read/zip-guard.ts';
import { demoFiles } from '../../src/core/demo/index.ts';
import { largeF1 } from '../../scripts/bench/large-files.ts';
import * as C from '../fixtures/crafted-xlsx.ts';
import * as F from '../fixtures/generate.ts';
import * as H from '../fixtures/hostile.ts';
import { NOW, rows } from '../fixtures/import-helpers.ts';
import * as N from '../fixtures/not-tables.ts';
import * as R from '../fixtures/rcoi.ts';
import * as S from '../fixtures/seed-tables.ts';
import { freshDatabase } from './sqlite.ts';

// readWorkbook streams once an async caller has loaded the reader (xlsx/load.ts; tests/unit/xlsx-load.test.ts)
beforeAll(async () => {
  await loadStreamingReader();
});

const isFile = (value: unknown): value is ImportFile =>
  typeof value === 'object' && value !== null && typeof (value as ImportFile).name === 'string' && (value as ImportFile).bytes instanceof Uint8Array;

/** Every file a fixture module makes without arguments (functions with defaults included). */
function filesOf(module: Record<string, unknown>): ImportFile[] {
  const files: ImportFile[] = [];
  for (const [name, make] of Object.entries(module)) {
    if (typeof make !== 'function' || make.length !== 0 || name === 'randomBytes') continue;
    const made: unknown = make();
    const list: unknown[] = Array.isArray(made) ? made.flatMap((item) => (Array.isArray(item) ? item : [item])) : [made];
    files.push(...list.filter(isFile).map((file) => ({ ...file, name: `${name}: ${file.name}` })));
  }
  return files;
}

const isZip = (file: ImportFile) => file.bytes[0] === 0x50 && file.bytes[1] === 0x4b && file.bytes[2] === 0x03 && file.bytes[3] === 0x04;

/** The XLSX files of the suite that get past the archive checks (the others never reach a reader). */
function suiteXlsx(): ImportFile[] {
  const withArguments = [H.longHeaderCell('f1'), F.reportTasks('header'), R.ogeTwoBlockXlsx()];
  const all = [
    ...[F, H, R, S, N].flatMap((module) => filesOf(module as Record<string, unknown>)),
    ...withArguments,
    ...demoFiles(),
    C.craftedSupported(),
    C.craftedWithoutDimension(),
    C.craftedReportLike(),
  ];
  return all.filter(isZip).filter((file) => {
    try {
      checkZip(file);
      return true;
    } catch {
      return false;
    }
  });
}

/** Streams every worksheet, however small, and says so. */
function streamed(file: ImportFile, maxRows?: number) {
  const result = readStreamedWorkbook(file, checkZip(file), { maxRows, minSheetBytes: 0 });
  if ('notStreamed' in result) throw new Error(`${file.name} was not streamed: ${result.notStreamed}`);
  return result.sheets;
}

describe('the streaming reader gives the grids SheetJS gives', () => {
  const files = suiteXlsx();

  it('finds the XLSX fixtures of the suite', () => {
    expect(files.length).toBeGreaterThanOrEqual(50);
    expect(files.filter((file) => !withComments(file)).length).toBeGreaterThanOrEqual(50);
    const names = files.map((file) => file.name).join('\n');
    for (const expected of [
      'как в отчёте',
      'f1OneSchool',
      'form2026',
      'form2022',
      'reportMarks',
      'reportGroups',
      'ogeTwoBlockXlsx',
      'olympiadProtocol',
      'f1WithFormulas',
      'f1ProtoNames',
      'Ф1 длинный заголовок',
    ]) {
      expect(names).toContain(expected);
    }
  });

  // workbooks with cell comments are left to SheetJS (see 'a comment' below); every other is streamed
  const withComments = (file: ImportFile) => checkZip(file).entries.some((entry) => /^xl\/.*comment/i.test(entry.name));

  for (const maxRows of [undefined, 1, 3, 12, 30]) {
    it(`every XLSX fixture, ${maxRows === undefined ? 'whole' : `first ${maxRows} rows`}`, () => {
      for (const file of files) {
        if (withComments(file))
          expect(readStreamedWorkbook(file, checkZip(file), { maxRows, minSheetBytes: 0 }), file.name).toStrictEqual({ notStreamed: 'comments' });
        else expect(streamed(file, maxRows), file.name).toStrictEqual(sheetJsGrids(file.name, file.bytes, maxRows));
      }
    });
  }

  it('crafted cells: shared and inline strings, rich text, gaps, cells without r, numbers, booleans, errors, formulas', () => {
    const file = C.craftedSupported();
    const sheets = streamed(file);
    expect(sheets).toStrictEqual(sheetJsGrids(file.name, file.bytes, undefined));
    const [values, formulas, offset] = sheets;
    // What SheetJS gives, spelled out, so that a change in both readers does not go unnoticed.
    expect(values.rows[0].slice(0, 4)).toStrictEqual(['Код участника', '  Первичный балл  ', 'Отметка по журналу', 'Школа & сад <№1> "Радуга"']);
    expect(values.rows[1].slice(0, 5)).toStrictEqual(['Первая строка\nвторая\r третья', '東京', '', '😀 эмодзи и ё', 'Строка\nс переводом']);
    expect(values.rows[2]).toStrictEqual([0.0015, -0, 1e21, 0.1, 7, 12, 46132, 46132.5]);
    expect(values.rows[3]).toStrictEqual([1, 2, null, null, 5, 6, null, null]);
    expect(values.rows[4].slice(0, 5)).toStrictEqual([true, false, true, false, false]);
    expect(values.rows[5].slice(0, 5)).toStrictEqual(['Встроенная строка', ' с пробелами ', 'курсив и обычный', 'A&B', '']);
    expect(values.rows[6][0]).toBe('без номера строки');
    expect(values.rows.slice(7, 9)).toStrictEqual([[], []]);
    expect(values.rows[9][1]).toBe('после пропуска');
    expect(values.rows[10]).toStrictEqual(new Array(8).fill(null));
    expect(values.rows[11]).toStrictEqual([]);
    expect(formulas.rows[0]).toHaveLength(8);
    expect(1 in formulas.rows[0]).toBe(false);
    expect(formulas.rows[0].slice(2)).toStrictEqual(['ab', '', '<тег> и &', null, null, null]);
    expect(0 in formulas.rows[3]).toBe(false); // a formula with no value and no type: a hole, as sheet_to_json leaves it
    expect(formulas.rows[4]).toStrictEqual(['AB', 'строка\nвторая', 'AB', null, null, null, null, null]);
    expect(formulas.warnings).toEqual([
      expect.stringContaining('в ячейках B1, H1, A4, C4, D4 формула без сохранённого значения'),
      expect.stringContaining('в ячейках F1, G1 ошибка формулы'),
    ]);
    expect(offset.rows.slice(0, 2)).toStrictEqual([[], []]);
    expect(offset.rows[2]).toStrictEqual([null, 'начало', null, 1]);
    expect(offset.rows[3]).toStrictEqual([null, null, undefined, null]);
    expect(offset.rows[4]).toStrictEqual([null, null, null, null]); // E5 lies right of the range: the row is there, the cell is not
    expect(offset.rows).toHaveLength(6);
  });

  it('cells that are nearly the common kind are read as SheetJS reads them (the reader’s quick path for `<c r s t><v>…</v></c>` takes only the exact kind)', () => {
    const file = C.craftedWorkbook(
      'почти обычные.xlsx',
      [
        {
          name: 'Лист1',
          body:
            '<dimension ref="A1:L2"/><sheetData><row r="1">' +
            '<c r="A1" s="3" t="s"><v>0</v></c><c r="B1" t="n"><v>1.5</v></c><c r="C1" s="2" t="str"><v>a&amp;b</v></c><c r="D1" s="1"><v> 7 </v></c>' +
            '<c r="E1" t="s"><v></v></c><c r="F1" t="e"><v>#N/A</v></c><c r="G1" t="str"><v>x</v><f>"x"</f></c><c r="H1"  s="1"><v>8</v></c>' +
            '<c r="I1" t="s" s="1"><v>1</v></c><c r="J1" t="b"><v>1</v></c><c r="K1" s="x"><v>9</v></c><c r="L1"><v>1</v> </c>' +
            '</row><row r="2"><c r="A2" t="str"><v>a&amp;b</v></c><c r="B2" t="str"><v>a&amp;b</v></c><c r="C2" t="str"><v>другое</v></c></row></sheetData>',
        },
      ],
      C.SHARED_STRINGS,
    );
    const [sheet] = streamed(file);
    expect(sheet).toStrictEqual(sheetJsGrids(file.name, file.bytes, undefined)[0]);
    expect(sheet.rows[0].slice(1, 4)).toStrictEqual([1.5, 'a&b', 7]);
    expect(sheet.rows[1].slice(0, 3)).toStrictEqual(['a&b', 'a&b', 'другое']);
  });

  it('a sheet without <dimension> takes its range from the rows and cells, a last self-closing row included', () => {
    const file = C.craftedWithoutDimension();
    const [sheet] = streamed(file);
    expect(sheet).toStrictEqual(sheetJsGrids(file.name, file.bytes, undefined)[0]);
    expect(sheet.rows).toHaveLength(8);
    expect(sheet.rows[3]).toStrictEqual([null, 'x', null, null, null]);
  });

  it('reads the same however the XML is cut into chunks', () => {
    const file = C.craftedSupported();
    const strings = sheetJsStrings(file);
    const xml = H.xlsxEntries(file.bytes).get('xl/worksheets/sheet1.xml')!;
    const whole = readInChunks(xml, strings, xml.length);
    for (const size of [1, 2, 7, 64, 150, 333, 1000]) expect(readInChunks(xml, strings, size), `chunks of ${size}`).toStrictEqual(whole);
    expect(whole.rows[0][0]).toBe('Код участника');
  });

  it('reads the same when a piece ends inside a row or inside its </row>, and the next piece holds several rows', () => {
    const file = C.craftedSupported();
    const strings = sheetJsStrings(file);
    const xml = H.xlsxEntries(file.bytes).get('xl/worksheets/sheet1.xml')!;
    const whole = readInChunks(xml, strings, xml.length);
    const text = new TextDecoder('latin1').decode(xml); // one character per byte: positions are byte offsets
    const ends = [...text.matchAll(/<\/row>/g)].map((m) => m.index);
    expect(ends.length).toBeGreaterThan(4);
    // inside the second row, then a piece with the rest of it and two more rows
    const insideRow = ends[0] + 20;
    // inside the fourth row's </row> ("</ro" | "w>"), then a piece holding the next row ends
    const insideClose = ends[3] + 4;
    expect(readInPieces(xml, strings, [insideRow, ends[2] + 10, insideClose])).toStrictEqual(whole);
    expect(readInPieces(xml, strings, [insideClose])).toStrictEqual(whole);
    expect(readInPieces(xml, strings, [ends[1] + 6, ends[1] + 7])).toStrictEqual(whole);
  });
});

describe('cells as reports have them: the streaming reader gives SheetJS’s rows, spelled out', () => {
  it('merged headers, numbers and dates stored as text, date serials, empty cells', () => {
    const file = C.craftedReportLike();
    const [sheet] = streamed(file);
    expect([sheet]).toStrictEqual(sheetJsGrids(file.name, file.bytes, undefined));
    // a title merged across the width: the other cells of the merge are empty, not repeated
    expect(sheet.rows[0]).toStrictEqual(['Результаты ВПР по ОО', null, null, null, null, null]);
    // a two-row header: merged cells that are missing or only styled are both empty; a date serial under a date style stays a number
    expect(sheet.rows[1]).toStrictEqual(['ОО', null, 'Распределение отметок, %', null, null, 46132]);
    expect(sheet.rows[2]).toStrictEqual([null, null, '«2»', '«5»', null, null]);
    // numbers and dates stored as text stay text, leading zeros and spaces kept
    expect(sheet.rows[3]).toStrictEqual(['00123', 'МБОУ «СОШ №1»', '42', ' 7 ', '3,5', '20.04.2026']);
    expect(sheet.rows[4]).toStrictEqual(['00124', '0', '12', '1E3', 60, 1]);
    // a typed cell with no value, an empty value, an empty formula string: all empty
    expect(sheet.rows[5]).toStrictEqual(['00125', null, null, null, '', 46132.999988425923]);
    expect(sheet.rows[6]).toStrictEqual([null, 0, null, null, null, '20.04.2026']);
    expect(sheet.rows).toHaveLength(7);
  });

  describe('a generated 30,000-row sheet of every case (over the streaming threshold)', () => {
    const file = C.craftedBig(30_000);

    it('is streamed by readWorkbook and gives SheetJS’s rows, row for row', () => {
      const directory = checkZip(file);
      expect(directory.entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml')!.uncompressedSize).toBeGreaterThan(STREAM_SHEET_BYTES);
      expect('sheets' in readStreamedWorkbook(file, directory)).toBe(true);
      let rowsRead = 0;
      const [mine] = readWorkbook(file, { onRead: (done) => (rowsRead = done) }); // only the streaming reader tells rows read
      expect(rowsRead).toBeGreaterThan(25_000);
      const [theirs] = readWorkbook(file, { xlsxReader: 'sheetjs' });
      // the last row's number: 30,000 rows, a header and the 310 rows left out along the way
      expect(theirs.rows).toHaveLength(1 + 30_000 + 310);
      expect(mine.rows).toHaveLength(theirs.rows.length);
      for (let r = 0; r < theirs.rows.length; r++) {
        if (!isDeepStrictEqual(mine.rows[r], theirs.rows[r])) expect(mine.rows[r], `строка ${r + 1}`).toStrictEqual(theirs.rows[r]);
      }
      expect(mine).toStrictEqual(theirs);
      expect(mine.rows.slice(1, 8)).toStrictEqual([
        [],
        ['Результаты ВПР по ОО', 0, 46000, '000000', null, null],
        ['7919', null, null, null, 989.875, true],
        [null, ' 5831,5 ', 46002.25, '20.04.2026', null, null],
        [3744, 3743, '3743', null, null, null],
        [null, null, null, null, null, null],
        ['00123', '42', null, null, null, -9574.125],
      ]);
    });

    it('imports the same table rows through both readers', async () => {
      const preview = previewSheet(file);
      const sheet = preview.sheets[0];
      const mapping = { sheet: sheet.name, headerRow: 0, tableName: 'user_большой', columns: sheet.columns };
      const streamedDb = freshDatabase();
      const sheetJsDb = freshDatabase();
      const a = await importUserTable(streamedDb, file, mapping, { now: NOW });
      const b = await importUserTable(sheetJsDb, file, mapping, { now: NOW, xlsxReader: 'sheetjs' });
      expect(a).toStrictEqual(b);
      const all = 'SELECT * FROM "user_большой" ORDER BY rowid';
      expect(rows(streamedDb, all)).toStrictEqual(rows(sheetJsDb, all));
      // the empty rows and the rows of empty cells are not written
      expect(rows(streamedDb, 'SELECT COUNT(*) FROM "user_большой"')).toStrictEqual([[25_000]]);
    });
  });
});

/** The shared strings as SheetJS parses them (the streaming reader takes them from SheetJS too). */
function sheetJsStrings(file: ImportFile): Array<{ t?: string }> {
  return (XLSX.read(file.bytes, { type: 'array' }) as { Strings?: Array<{ t?: string }> }).Strings ?? [];
}

/** The XML cut at the given byte positions (ascending). */
function readInPieces(xml: Uint8Array, strings: ReadonlyArray<{ t?: string }>, cuts: number[]) {
  const reader = new SheetReader(strings);
  let from = 0;
  for (const cut of [...cuts, xml.length]) {
    reader.push(xml.slice(from, cut));
    from = cut;
  }
  return gridOfCells('f.xlsx', 'Значения', reader.finish(), 0);
}

/** The XML cut every `size` bytes. */
function readInChunks(xml: Uint8Array, strings: ReadonlyArray<{ t?: string }>, size: number) {
  const cuts: number[] = [];
  for (let at = size; at < xml.length; at += size) cuts.push(at);
  return readInPieces(xml, strings, cuts);
}

describe('files the streaming reader does not read itself', () => {
  it.each(C.craftedUnsupported().map((c) => [c.label, c]))('%s: SheetJS reads it', (_label, { file, reason }) => {
    expect(readStreamedWorkbook(file, checkZip(file), { minSheetBytes: 0 })).toStrictEqual({ notStreamed: reason });
  });

  it('a big sheet with something odd in its first row is read by SheetJS, as if there were no streaming reader', () => {
    for (const { label, file } of C.craftedUnsupported(60_000).filter((c) => ['array formula', 't="d"', 'broken UTF-8', 'a comment'].includes(c.label))) {
      expect(checkZip(file).entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml')!.uncompressedSize, label).toBeGreaterThan(STREAM_SHEET_BYTES);
      const grids = readWorkbook(file);
      expect(grids, label).toStrictEqual(readWorkbook(file, { xlsxReader: 'sheetjs' }));
      expect(grids[0].rows[60_000], label).toStrictEqual(label === 'a comment' ? ['строка 60001', 60_001, null, null] : ['строка 60001', 60_001]);
    }
    // what streaming would have missed: the commented empty cell D1 widens every row to four cells
    const [commented] = readWorkbook(C.craftedUnsupported(60_000).find((c) => c.label === 'a comment')!.file);
    expect(commented.rows[0]).toStrictEqual(['с примечанием', null, null, null]);
  });
});

describe('a 20,000-row Ф1 (sheet XML over the streaming threshold)', () => {
  const file = { name: 'Ф1 20000.xlsx', bytes: largeF1(20_000) };

  it('is streamed by readWorkbook and gives SheetJS’s grid', () => {
    const directory = checkZip(file);
    expect(directory.entries.find((entry) => entry.name === 'xl/worksheets/sheet1.xml')!.uncompressedSize).toBeGreaterThan(STREAM_SHEET_BYTES);
    const result = readStreamedWorkbook(file, directory);
    expect('sheets' in result).toBe(true);
    expect(readWorkbook(file)).toStrictEqual(readWorkbook(file, { xlsxReader: 'sheetjs' }));
    const preview = readWorkbook(file, { maxRows: 30 });
    expect(preview).toStrictEqual(readWorkbook(file, { maxRows: 30, xlsxReader: 'sheetjs' }));
    expect(preview[0].totalRows).toBe(20_000 + 8 + 80);
  });

  it('imports the same database rows through both readers', async () => {
    const streamedDb = freshDatabase();
    const sheetJsDb = freshDatabase();
    const events: string[] = [];
    const a = await importFile(streamedDb, file, {
      now: NOW,
      onRead: (done, total) => events.push(`read ${done}/${total}`),
      onProgress: (done, total) => events.push(`wrote ${done}/${total}`),
    });
    const b = await importFile(sheetJsDb, file, { now: NOW, xlsxReader: 'sheetjs' });
    expect(a).toStrictEqual(b);
    // rows read as the sheet is parsed (of the 20,088 its <dimension> declares), then rows written
    expect(events).toEqual([
      'read 5000/20088',
      'read 10000/20088',
      'read 15000/20088',
      'read 20000/20088',
      'wrote 5000/20000',
      'wrote 10000/20000',
      'wrote 15000/20000',
      'wrote 20000/20000',
      'wrote 20000/20000',
    ]);
    expect(a.rows).toBe(20_000);
    for (const sql of [
      'SELECT * FROM result ORDER BY result_id',
      'SELECT * FROM task_score ORDER BY result_id, task_code',
      'SELECT * FROM school ORDER BY school_id',
      'SELECT * FROM assessment ORDER BY assessment_id',
      'SELECT * FROM assessment_task ORDER BY 1, 2',
      'SELECT file_name, detected_format, rows, warnings FROM import_batch',
    ]) {
      expect(rows(streamedDb, sql), sql).toStrictEqual(rows(sheetJsDb, sql));
    }
    expect(rows(streamedDb, 'SELECT COUNT(*) FROM task_score')).toStrictEqual([[20_000 * 15]]);
  });
});

/** What the engine's worker does (src/engine/part-inflater.ts), in this thread: the part alone inflated, its pieces handed over one task at a time. */
function inflatedElsewhere(calls: string[], fail = false): PartInflater {
  return async (bytes, entry, onChunk) => {
    calls.push(entry.name);
    const part = partAlone(bytes, entry);
    const pieces: Uint8Array[] = [];
    inflatePartInChunks(part.bytes, part.entry, (chunk) => pieces.push(chunk.slice()));
    for (const [i, piece] of pieces.entries()) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (fail && i === pieces.length >> 1) throw new Error('the inflating worker failed');
      onChunk(piece);
    }
  };
}

describe('big sheets read ahead, inflated elsewhere while the XML is read here (readAheadStreamed)', () => {
  const f1 = { name: 'Ф1 20000.xlsx', bytes: largeF1(20_000) };

  /** The grids, or the message of the error. */
  const outcome = (read: () => unknown) => {
    try {
      return read();
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
  };

  it('gives what the synchronous reading gives — the grids or the error — on every big sheet of the suite', async () => {
    const reader = await loadStreamingReader();
    const big = [
      f1,
      C.craftedBig(30_000),
      ...C.craftedUnsupported(60_000)
        .filter((c) => ['t="d"', 'T="s"', 'a comment'].includes(c.label))
        .map((c) => ({ ...c.file, name: `${c.label}: ${c.file.name}` })),
    ];
    for (const file of big) {
      const expected = outcome(() => readWorkbook(file));
      await reader.readAheadStreamed(file, inflatedElsewhere([]));
      expect(
        outcome(() => readWorkbook(file)),
        file.name,
      ).toStrictEqual(expected);
    }
  });

  it('imports the same database rows, telling the rows read and written as before', async () => {
    const calls: string[] = [];
    const aheadDb = freshDatabase();
    const sheetJsDb = freshDatabase();
    const events: string[] = [];
    const a = await importFile(aheadDb, f1, {
      now: NOW,
      inflate: inflatedElsewhere(calls),
      onRead: (done, total) => events.push(`read ${done}/${total}`),
      onProgress: (done, total) => events.push(`wrote ${done}/${total}`),
    });
    const b = await importFile(sheetJsDb, f1, { now: NOW, xlsxReader: 'sheetjs' });
    expect(calls).toEqual(['xl/worksheets/sheet1.xml']);
    expect(a).toStrictEqual(b);
    expect(events.slice(0, 5)).toEqual(['read 5000/20088', 'read 10000/20088', 'read 15000/20088', 'read 20000/20088', 'wrote 5000/20000']);
    for (const sql of [
      'SELECT * FROM result ORDER BY result_id',
      'SELECT * FROM task_score ORDER BY result_id, task_code',
      'SELECT * FROM school ORDER BY school_id',
    ]) {
      expect(rows(aheadDb, sql), sql).toStrictEqual(rows(sheetJsDb, sql));
    }
  });

  // a sheet the reader refuses half way is in the suite above (craftedUnsupported)
  it('keeps nothing when the inflater fails half way: the synchronous reading reads the file itself', async () => {
    const reader = await loadStreamingReader();
    const calls: string[] = [];
    await reader.readAheadStreamed(f1, inflatedElsewhere(calls, true));
    expect(calls).toEqual(['xl/worksheets/sheet1.xml']);
    expect(readWorkbook(f1)).toStrictEqual(readWorkbook(f1, { xlsxReader: 'sheetjs' }));
  });

  it('the first big part is inflated while the rest of the workbook is read, and stopped when the workbook is not streamed after all', async () => {
    const reader = await loadStreamingReader();
    const commented = C.craftedUnsupported(60_000).find((c) => c.label === 'a comment')!.file;
    const started: string[] = [];
    const stops: AbortSignal[] = [];
    // an inflater that gives nothing until it is stopped
    const inflater: PartInflater = (_bytes, entry, _onChunk, stop) => {
      started.push(entry.name);
      stops.push(stop!);
      return new Promise((_resolve, reject) => stop!.addEventListener('abort', () => reject(new Error('stopped'))));
    };
    await reader.readAheadStreamed(commented, inflater);
    expect(started).toHaveLength(1);
    expect(stops[0].aborted).toBe(true);
    // nothing kept: the file is read as without the read-ahead
    expect(outcome(() => readWorkbook(commented))).toStrictEqual(outcome(() => readWorkbook(commented, { xlsxReader: 'sheetjs' })));
  });

  it('a file that is no XLSX, or has no big sheet, is left alone', async () => {
    const reader = await loadStreamingReader();
    const calls: string[] = [];
    await reader.readAheadStreamed({ name: 'a.csv', bytes: new TextEncoder().encode('a;b\n1;2\n') }, inflatedElsewhere(calls));
    await reader.readAheadStreamed(F.f1OneSchool(), inflatedElsewhere(calls));
    expect(calls).toEqual([]);
  });
});
