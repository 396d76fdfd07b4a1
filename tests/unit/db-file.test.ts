import initSqlJs from '../../wasm/node.ts';
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { queryAll, queryValue } from '../../src/core/db.ts';
import { SAVE_PART_BYTES } from '../../src/engine/db-file.ts';
import type { SavePlan } from '../../src/engine/protocol.ts';
import { Engine } from '../../src/engine/engine.ts';
import { readDatabaseParts } from '../../src/store/database-parts.ts';
import { growableBytes } from '../../src/store/growable-bytes.ts';
import { largeF1 } from '../../scripts/bench/large-files.ts';
import * as F from '../fixtures/generate.ts';
import { NOW } from '../fixtures/import-helpers.ts';

const SQL = await initSqlJs();

async function loadedEngine(files = [F.f1Municipal(), F.f1OneSchool()]): Promise<Engine> {
  const engine = new Engine(SQL, { now: () => NOW });
  for (const file of files) {
    const [outcome] = await engine.importFiles({ files: [{ name: file.name, bytes: file.bytes.slice() }] });
    expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
  }
  return engine;
}

/** Every part's bytes, read once all are taken: each part is its own copy (they share one staging array). */
async function allParts(engine: Engine, plan: SavePlan): Promise<Uint8Array[]> {
  const parts: Blob[] = [];
  for (let offset = 0; offset < plan.bytes; offset += plan.partBytes) {
    const part = engine.savePart({ plan, offset });
    if (part === null) throw new Error(`part at ${offset} refused`);
    parts.push(part);
  }
  return Promise.all(parts.map(async (part) => new Uint8Array(await part.arrayBuffer())));
}

const joined = (parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/**
 * The same file as export() gives, but for three header counters: export() goes through SQLite's
 * backup, which moves the copy's change counter, schema cookie and version-valid-for number.
 */
function sameAsExport(bytes: Uint8Array, exported: Uint8Array): boolean {
  const mask = (b: Uint8Array) => {
    const copy = Buffer.from(b);
    for (const offset of [24, 40, 92]) copy.fill(0, offset, offset + 4);
    return copy;
  };
  return bytes.byteLength === exported.byteLength && mask(bytes).equals(mask(exported));
}

/** The session as its rows: what a saved copy must give back. */
function rowsOf(engine: Engine): unknown {
  const db = engine.database;
  return {
    results: queryAll(db, 'SELECT * FROM result ORDER BY result_id').rows,
    scores: queryAll(db, 'SELECT * FROM task_score').rows,
    summaries: queryAll(db, 'SELECT * FROM agg_result ORDER BY 1, 2').rows,
  };
}

/** An engine as the page's client sees it: every call answered like the worker answers it. */
function clientOf(engine: Engine, before?: (method: string) => void) {
  const calls: string[] = [];
  return {
    calls,
    call: async (method: string, args: unknown) => {
      calls.push(method);
      before?.(method);
      return (engine as unknown as Record<string, (a: unknown) => unknown>)[method].call(engine, args);
    },
  };
}

describe('saving the database in parts', () => {
  it('the parts are the database: opened again, the same rows, and the bytes of export()', async () => {
    const engine = await loadedEngine();
    const plan = engine.savePlan();
    expect(plan.bytes).toBe(Number(queryValue(engine.database, 'PRAGMA page_count')) * 4096);
    const small = { ...plan, partBytes: 64 * 1024 };
    const parts = await allParts(engine, small);
    expect(parts.length).toBe(Math.ceil(plan.bytes / small.partBytes));
    expect(parts.every((part) => part.byteLength <= small.partBytes)).toBe(true);
    expect(sameAsExport(joined(parts), engine.exportDatabase())).toBe(true);

    const copy = new Engine(SQL, { now: () => NOW });
    copy.open({ bytes: joined(parts), source: 'saved' });
    expect(rowsOf(copy)).toEqual(rowsOf(engine));
    expect(queryValue(copy.database, 'PRAGMA integrity_check')).toBe('ok');
  });

  it('a part copies at most 4 MiB, whatever the size of the database', async () => {
    const engine = await loadedEngine([{ name: 'Ф1 20000.xlsx', bytes: largeF1(20_000) }]);
    const plan = engine.savePlan();
    expect(plan.partBytes).toBe(SAVE_PART_BYTES);
    expect(plan.bytes).toBeGreaterThan(2 * SAVE_PART_BYTES);
    const parts = await allParts(engine, plan);
    expect(parts.length).toBe(Math.ceil(plan.bytes / SAVE_PART_BYTES));
    expect(Math.max(...parts.map((part) => part.byteLength))).toBe(SAVE_PART_BYTES);
    expect(sameAsExport(joined(parts), engine.exportDatabase())).toBe(true);
  });

  it('a write between two parts (an edit, SQL, an import) makes the next part refuse; reads do not', async () => {
    const engine = await loadedEngine();
    const plan = { ...engine.savePlan(), partBytes: 4096 };
    expect(engine.savePart({ plan, offset: 0 })).not.toBeNull();
    engine.query({ sql: 'SELECT COUNT(*) FROM result' });
    engine.refreshIndicator({ id: 'V1', params: {} });
    expect(engine.savePart({ plan, offset: 4096 })).not.toBeNull();

    engine.runSql({ sql: "UPDATE school SET short_name = 'Школа после плана' WHERE school_id = (SELECT MIN(school_id) FROM school)" });
    expect(engine.savePart({ plan, offset: 8192 })).toBeNull();
    expect(engine.savePart({ plan, offset: 0 })).toBeNull();

    const again = { ...engine.savePlan(), partBytes: 4096 };
    expect(again.generation).toBeGreaterThan(plan.generation);
    const [outcome] = await engine.importFiles({ files: [{ name: 'Ф1.csv', bytes: F.f1MunicipalCsv().bytes.slice() }] });
    expect(outcome.ok).toBe(true);
    expect(engine.savePart({ plan: again, offset: 0 })).toBeNull();
  });

  it('a plan of a database no longer open gives no parts', async () => {
    const engine = await loadedEngine();
    const plan = engine.savePlan();
    engine.open({ bytes: engine.exportDatabase(), source: 'saved' });
    expect(engine.savePart({ plan, offset: 0 })).toBeNull();
  });

  it('while a transaction begun in the console writes, the save waits for COMMIT', async () => {
    const engine = await loadedEngine();
    engine.runSql({ sql: "BEGIN; UPDATE school SET short_name = 'в транзакции' WHERE school_id = (SELECT MIN(school_id) FROM school)" });
    expect(() => engine.savePlan()).toThrow('В консоли начата транзакция (BEGIN): сессия сохранится после COMMIT или ROLLBACK.');
    engine.runSql({ sql: 'COMMIT' });
    expect(engine.savePlan().bytes).toBeGreaterThan(0);
  });

  it('the page reads the parts into one Blob; a write meanwhile gives null, and the next reading is whole', async () => {
    const engine = await loadedEngine();
    const quiet = clientOf(engine);
    const blob = await readDatabaseParts(quiet as never);
    expect(blob).not.toBeNull();
    expect(sameAsExport(new Uint8Array(await blob!.arrayBuffer()), engine.exportDatabase())).toBe(true);
    expect(quiet.calls.filter((m) => m === 'savePart').length).toBe(Math.ceil(blob!.size / SAVE_PART_BYTES));

    let edited = false;
    const busy = clientOf(engine, (method) => {
      if (method === 'savePart' && !edited) {
        edited = true;
        engine.runSql({ sql: "UPDATE school SET short_name = 'Школа во время сохранения' WHERE school_id = (SELECT MIN(school_id) FROM school)" });
      }
    });
    expect(await readDatabaseParts(busy as never)).toBeNull();
    const after = await readDatabaseParts(busy as never);
    const copy = new Engine(SQL, { now: () => NOW });
    copy.open({ bytes: new Uint8Array(await after!.arrayBuffer()), source: 'saved' });
    expect(queryValue(copy.database, 'SELECT short_name FROM school ORDER BY school_id LIMIT 1')).toBe('Школа во время сохранения');
  });
});

describe('a database file without a copy', () => {
  it('an engine that owns the bytes it opens takes them as the file: a write lands in them', async () => {
    const saved = (await loadedEngine()).exportDatabase();
    const kept = saved.slice();
    const owning = new Engine(SQL, { now: () => NOW, ownsBytes: true });
    owning.open({ bytes: saved, source: 'saved' });
    owning.runSql({ sql: "UPDATE school SET short_name = 'Своя' WHERE school_id = (SELECT MIN(school_id) FROM school)" });
    expect(Buffer.from(saved).equals(Buffer.from(kept))).toBe(false);
    const plan = owning.savePlan();
    expect(Buffer.from(saved.subarray(0, plan.bytes)).equals(Buffer.from(joined(await allParts(owning, plan))))).toBe(true);

    // without ownsBytes (the default) the caller's bytes stay as they were
    const copying = new Engine(SQL, { now: () => NOW });
    copying.open({ bytes: kept, source: 'saved' });
    const before = kept.slice();
    copying.runSql({ sql: "UPDATE school SET short_name = 'Чужая' WHERE school_id = (SELECT MIN(school_id) FROM school)" });
    expect(Buffer.from(kept).equals(Buffer.from(before))).toBe(true);
  });

  it('a file from outside is checked and opened in its own bytes too', async () => {
    const saved = (await loadedEngine()).exportDatabase();
    const owning = new Engine(SQL, { now: () => NOW, ownsBytes: true });
    owning.open({ bytes: saved, source: 'file' });
    expect(rowsOf(owning)).toEqual(rowsOf(await loadedEngine()));
    const before = saved.slice();
    owning.runSql({ sql: "UPDATE school SET short_name = 'Своя' WHERE school_id = (SELECT MIN(school_id) FROM school)" });
    expect(Buffer.from(saved).equals(Buffer.from(before))).toBe(false);
  });
});

describe('the database file grows in place', () => {
  it('an import moves the file once into a resizable buffer and only resizes it after', async () => {
    const engine = await loadedEngine([{ name: 'Ф1 6000.xlsx', bytes: largeF1(6_000) }]);
    const node = SQL.FS.lookupPath(`/${(engine.database as unknown as { filename: string }).filename}`).node;
    const buffer = node.contents!.buffer as ArrayBuffer;
    expect(buffer.resizable).toBe(true);
    const before = engine.savePlan().bytes;
    const more = F.f1Municipal();
    const [outcome] = await engine.importFiles({ files: [{ name: more.name, bytes: more.bytes.slice() }] });
    expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
    expect(engine.savePlan().bytes).toBeGreaterThan(before);
    expect(node.contents!.buffer).toBe(buffer);
    expect(node.contents!.length).toBe(buffer.byteLength);
    expect(queryValue(engine.database, 'PRAGMA integrity_check')).toBe('ok');
  });
  it('after a VACUUM in the console cuts the file down, saves and growth are still right', async () => {
    const engine = await loadedEngine([{ name: 'Ф1 4000.xlsx', bytes: largeF1(4_000) }]);
    engine.runSql({ sql: 'DELETE FROM task_score WHERE (result_id + length(task_code)) % 2 = 0' });
    const plan = engine.savePlan();
    engine.runSql({ sql: 'VACUUM' });
    expect(engine.savePart({ plan, offset: 0 })).toBeNull();
    const small = engine.savePlan();
    expect(small.bytes).toBeLessThan(plan.bytes);
    const more = F.f1Municipal();
    const [outcome] = await engine.importFiles({ files: [{ name: more.name, bytes: more.bytes.slice() }] });
    expect(outcome.ok).toBe(true);
    const copy = new Engine(SQL, { now: () => NOW });
    copy.open({ bytes: joined(await allParts(engine, engine.savePlan())), source: 'saved' });
    expect(queryValue(copy.database, 'PRAGMA integrity_check')).toBe('ok');
    expect(rowsOf(copy)).toEqual(rowsOf(engine));
  });
});

describe('a session read into a growable buffer', () => {
  it('keeps its bytes, and the engine that owns them grows the file in that very buffer — no move', async () => {
    const saved = (await loadedEngine()).exportDatabase();
    const bytes = await growableBytes(new Blob([saved as Uint8Array<ArrayBuffer>]));
    expect(bytes.buffer).toBeInstanceOf(ArrayBuffer);
    expect((bytes.buffer as ArrayBuffer).resizable).toBe(true);
    expect(Buffer.from(bytes).equals(Buffer.from(saved))).toBe(true);

    const engine = new Engine(SQL, { now: () => NOW, ownsBytes: true });
    engine.open({ bytes, source: 'saved' });
    const grown = bytes.byteLength;
    const [outcome] = await engine.importFiles({ files: [{ name: 'Ф1 3000.xlsx', bytes: largeF1(3_000) }] });
    expect(outcome.ok, outcome.ok ? '' : outcome.message).toBe(true);
    const node = SQL.FS.lookupPath(`/${(engine.database as unknown as { filename: string }).filename}`).node;
    expect(node.contents!.buffer).toBe(bytes.buffer);
    expect(bytes.buffer.byteLength).toBeGreaterThan(grown);
    expect(queryValue(engine.database, 'PRAGMA integrity_check')).toBe('ok');
  });
});
