import initSqlJs from '../../wasm/node.ts';
import { describe, expect, it } from 'vitest';
import { queryValue } from '../../src/core/db.ts';
import { previewSheet } from '../../src/core/import/index.ts';
import { Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { importGrowthEstimate } from '../../src/engine/file-room.ts';
import type { ImportFilePayload } from '../../src/engine/protocol.ts';
import { LARGE_CSV_HEADER, largeF1 } from '../../scripts/bench/large-files.ts';
import * as F from '../fixtures/generate.ts';
import { NOW } from '../fixtures/import-helpers.ts';

const SQL = await initSqlJs();

/** Never reopened: the file grows as MEMFS grows it. */
const NO_ROOM: EngineOptions['fileRoom'] = { minBytes: Number.POSITIVE_INFINITY };
/** Reopened before any import that does not fit, however small. */
const ALWAYS = (headroom: number): EngineOptions['fileRoom'] => ({ minBytes: 0, minShare: 0, headroom });

const engineWith = (fileRoom: EngineOptions['fileRoom']) => new Engine(SQL, { now: () => NOW, fileRoom });
const payload = (file: { name: string; bytes: Uint8Array }): ImportFilePayload => ({ name: file.name, bytes: file.bytes.slice() });

async function importAll(engine: Engine, files: Array<{ name: string; bytes: Uint8Array }>): Promise<void> {
  for (const file of files) {
    const [outcome] = await engine.importFiles({ files: [payload(file)] });
    expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
  }
}

const FILES = () => [F.f1Municipal(), F.f1OneSchool(), F.f1MunicipalCsv()];

describe('room in the database file before a big import', () => {
  it('a database reopened with room writes the same bytes as one MEMFS grows, whether the room is too small or too large', async () => {
    const grown = engineWith(NO_ROOM);
    await importAll(grown, FILES());
    const expected = grown.exportDatabase();
    expect(grown.work.roomMade).toBe(0);

    // 0.01: room for a hundredth of each file (MEMFS grows the rest); 50: fifty times more than needed
    for (const headroom of [0.01, 1, 50]) {
      const roomy = engineWith(ALWAYS(headroom));
      await importAll(roomy, FILES());
      expect(roomy.work.roomMade, `headroom ${headroom}`).toBeGreaterThan(0);
      expect(Buffer.from(roomy.exportDatabase()).equals(Buffer.from(expected)), `headroom ${headroom}`).toBe(true);
    }
  });

  it('a big Ф1 (read by the streaming reader) gets room with the default thresholds, and the same rows', async () => {
    const big = { name: 'Ф1 8000.xlsx', bytes: largeF1(8_000) };
    expect(importGrowthEstimate(big.bytes)).toBeGreaterThan(4 * 1024 * 1024);
    const grown = engineWith(NO_ROOM);
    const roomy = new Engine(SQL, { now: () => NOW });
    await importAll(grown, [big]);
    await importAll(roomy, [big]);
    expect(roomy.work.roomMade).toBe(1);
    expect(Number(queryValue(roomy.database, 'SELECT COUNT(*) FROM task_score'))).toBe(8_000 * 15);
    expect(Buffer.from(roomy.exportDatabase()).equals(Buffer.from(grown.exportDatabase()))).toBe(true);
    // a small file after it neither needs nor gets room
    await importAll(roomy, [F.f1OneSchool()]);
    expect(roomy.work.roomMade).toBe(1);
  });

  it('room made once serves the next imports until it is used up; an opened session or SQL of the user forgets it', async () => {
    const engine = engineWith(ALWAYS(50));
    await importAll(engine, [F.f1Municipal()]);
    expect(engine.work.roomMade).toBe(1);
    await importAll(engine, [F.f1OneSchool()]);
    expect(engine.work.roomMade).toBe(1);

    // a VACUUM cuts the file down to its pages: the next import makes room again
    engine.runSql({ sql: 'VACUUM' });
    await importAll(engine, [F.f1MunicipalCsv()]);
    expect(engine.work.roomMade).toBe(2);

    engine.open({ bytes: engine.exportDatabase(), source: 'saved' });
    const [again] = await engine.importFiles({ files: [payload(F.f1OneSchoolNewer())] });
    expect(again.ok).toBe(true);
    expect(engine.work.roomMade).toBe(3);
  });

  it('a refused file leaves the session byte for byte as it was, though the database was reopened for it', async () => {
    const engine = engineWith(ALWAYS(0.01));
    await importAll(engine, [F.f1Municipal()]);
    const before = engine.exportDatabase();
    const made = engine.work.roomMade;
    const sorted = { kind: 'table' as const, name: 'result', sort: { column: 'participant_code', direction: 'desc' as const } };
    const window = () => engine.window({ source: sorted, offset: 0, limit: 20 }).rows;
    const shown = window();
    const [duplicate] = await engine.importFiles({ files: [payload(F.f1Municipal())] });
    expect(duplicate.ok ? 'загружен' : duplicate.code).toBe('duplicate');
    const [broken] = await engine.importFiles({ files: [payload(F.f1Mark7())] });
    expect(broken.ok).toBe(false);
    expect(engine.work.roomMade).toBe(made + 2);
    expect(Buffer.from(engine.exportDatabase()).equals(Buffer.from(before))).toBe(true);
    // the sorted view lived in a temp table of the old connection: it is sorted again on the new one
    expect(window()).toEqual(shown);
  });

  it('the reopened connection is the same to work with: Excel rounding, trusted schema, sorted windows', async () => {
    const engine = engineWith(ALWAYS(1));
    engine.open({ bytes: engine.exportDatabase(), source: 'saved' }); // a session as the app opens it: trusted_schema OFF
    await importAll(engine, [F.f1Municipal()]);
    const sorted = { kind: 'table' as const, name: 'result', sort: { column: 'participant_code', direction: 'desc' as const } };
    const first = engine.window({ source: sorted, offset: 0, limit: 3 }).rows;

    await importAll(engine, [F.f1OneSchool()]);
    expect(engine.work.roomMade).toBe(2);
    expect(queryValue(engine.database, 'SELECT ROUND(10.975, 2)')).toBe(10.98);
    expect(queryValue(engine.database, 'PRAGMA trusted_schema')).toBe(0);
    expect(queryValue(engine.database, 'PRAGMA foreign_keys')).toBe(1);
    // the sorted view of the old connection (a temp table) is sorted again on the new one
    const codes = engine.query({ sql: 'SELECT participant_code FROM result ORDER BY participant_code DESC' }).rows.map((r) => r[0]);
    const after = engine.window({ source: sorted, offset: 0, limit: 20 }).rows;
    expect(codes).toHaveLength(7 + 5);
    expect(after.map((row) => row[4])).toEqual(codes);
    expect(first.map((row) => row[4])).toEqual(['50003', '50002', '50002']);
  });

  it('a table of the user’s own (CSV) gets room too, with the same rows', async () => {
    const lines = [
      LARGE_CSV_HEADER.join(';'),
      ...Array.from({ length: 3000 }, (_, i) => `${i + 1};Школа ${i % 40};5А;Ученик ${i};Показатель;${i % 7};0,${i % 10};01.02.2026`),
    ];
    const file = { name: 'мониторинг.csv', bytes: new TextEncoder().encode(lines.join('\r\n')) };
    const shown = previewSheet(file);
    const sheet = shown.sheets[0];
    const request = { ...file, sheet: sheet.name, headerRow: shown.suggestedHeaderRow, tableName: 'user_мониторинг', columns: sheet.columns };
    // importUserTable stamps the import with the clock: the rows are compared, not the bytes
    const results = [];
    for (const fileRoom of [NO_ROOM, ALWAYS(1.15)]) {
      const engine = engineWith(fileRoom);
      const outcome = await engine.importUserTable({ ...request, bytes: file.bytes.slice() });
      expect(outcome.ok).toBe(true);
      results.push({ made: engine.work.roomMade, rows: engine.query({ sql: 'SELECT rowid, * FROM "user_мониторинг" ORDER BY rowid' }).rows });
    }
    expect(results.map((r) => r.made)).toEqual([0, 1]);
    expect(results[1].rows).toHaveLength(3000);
    expect(results[1].rows).toEqual(results[0].rows);
  });
});
