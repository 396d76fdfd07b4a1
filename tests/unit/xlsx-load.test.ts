/**
 * The streaming reader is loaded when a big worksheet first needs it (src/core/import/xlsx/load.ts):
 * small files and CSVs never load it, and before it is there readWorkbook reads with SheetJS —
 * the same rows. (Module state is per test file, so this file starts without it.)
 */
import { describe, expect, it } from 'vitest';
import { importFile } from '../../src/core/import/index.ts';
import { readWorkbook } from '../../src/core/import/read/workbook.ts';
import { loadStreamingReaderFor, streamingReader } from '../../src/core/import/read/xlsx/load.ts';
import { largeF1 } from '../../scripts/bench/large-files.ts';
import * as F from '../fixtures/generate.ts';
import { egeRusCsv } from '../fixtures/rcoi.ts';
import { NOW, rows } from '../fixtures/import-helpers.ts';
import { freshDatabase } from './sqlite.ts';

describe('the streaming reader is loaded when a big sheet needs it', () => {
  it('small XLSX, CSV and the SheetJS-only reader leave it unloaded; the first big sheet loads it', async () => {
    const big = { name: 'Ф1 8000.xlsx', bytes: largeF1(8_000) };
    expect(streamingReader()).toBeNull();
    const db = freshDatabase();
    await importFile(db, F.f1OneSchool(), { now: NOW });
    await importFile(db, egeRusCsv(), { now: NOW });
    await loadStreamingReaderFor(big.bytes, 'sheetjs');
    await loadStreamingReaderFor(new TextEncoder().encode('PK не архив'));
    expect(streamingReader()).toBeNull();

    // not loaded: SheetJS reads the big sheet (nothing tells rows read); loaded: streamed, the same grid
    let told = 0;
    const bySheetJs = readWorkbook(big, { onRead: () => told++ });
    expect(told).toBe(0);
    const summary = await importFile(db, big, { now: NOW, onRead: () => told++ });
    expect(streamingReader()).not.toBeNull();
    expect(told).toBe(1); // every 5,000 rows: 8,088 rows declared
    expect(summary.rows).toBe(8_000);
    expect(readWorkbook(big)).toStrictEqual(bySheetJs);
    expect(rows(db, "SELECT COUNT(*) FROM result r JOIN import_batch b USING (import_batch_id) WHERE b.file_name = 'Ф1 8000.xlsx'")).toEqual([[8_000]]);
  });
});
