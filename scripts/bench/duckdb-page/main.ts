// The bench page beside the app: Oko's engine (sql.js, on this page's thread) and DuckDB-WASM
// (in its worker) hold the same session and answer the same catalogue questions.
// scripts/bench/regional-bench.ts drives it through window.okoPeerBench.
import * as duckdb from '@duckdb/duckdb-wasm';
import duckdbWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import duckdbWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import initSqlJs from '../../../wasm/sql-wasm.js';
import sqlWasm from '../../../wasm/sql-wasm.wasm?url';
import type { SqlValue } from '../../../src/core/db.ts';
import { findIndicator, runResolved } from '../../../src/core/indicators/index.ts';
import { Engine } from '../../../src/engine/engine.ts';
import { runWithShim } from '../duckdb-dialect.ts';
import { DUCKDB_PRELUDE, arrowRows, compareGrids, preludeUses, tableExports, viewStatements } from '../duckdb-peer.ts';
import type { PeerCase, PeerLoad, PeerMeasure, PeerBench } from './protocol.ts';

let engine: Engine;
let conn: duckdb.AsyncDuckDBConnection;

const now = () => performance.now();

async function load(url: string): Promise<PeerLoad> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  let start = now();
  engine = new Engine(await initSqlJs({ locateFile: () => sqlWasm }));
  engine.open({ bytes, source: 'file' });
  const okoOpenMs = now() - start;
  // what every autosave of the app does first: the whole database out of sql.js
  const saveExportMs: number[] = [];
  for (let run = 0; run < 3; run++) {
    start = now();
    engine.exportDatabase();
    saveExportMs.push(now() - start);
  }
  // what the app's autosave does now (src/engine/db-file.ts): a plan, then a part per request —
  // the longest of these calls is the longest the engine keeps any other request waiting
  const saveLongestCallMs: number[] = [];
  const savePartsMs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = now();
    start = now();
    const plan = engine.savePlan();
    let longest = now() - start;
    for (let offset = 0; offset < plan.bytes; offset += plan.partBytes) {
      start = now();
      if (engine.savePart({ plan, offset }) === null) throw new Error('the database changed during the save');
      longest = Math.max(longest, now() - start);
    }
    saveLongestCallMs.push(longest);
    savePartsMs.push(now() - started);
  }

  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(duckdbWorker));
  await db.instantiate(duckdbWasm);
  await db.open({ query: { castBigIntToDouble: true, castDecimalToDouble: true } });
  conn = await db.connect();

  start = now();
  const tables = tableExports(engine.database);
  const exportMs = now() - start;
  start = now();
  for (const table of tables) {
    await db.registerFileText(table.file, table.csv);
    for (const statement of table.load) await conn.query(statement);
    await db.dropFile(table.file);
  }
  for (const statement of [...viewStatements(engine.database), ...DUCKDB_PRELUDE]) await conn.query(statement);
  const duckLoadMs = now() - start;
  document.getElementById('status')!.textContent = 'готово';
  const version = await conn.query('SELECT version() AS v');
  return {
    duckdbVersion: String(version.getChildAt(0)?.get(0)),
    okoOpenMs,
    saveExportMs,
    saveLongestCallMs,
    savePartsMs,
    exportMs,
    duckLoadMs,
    csvBytes: tables.reduce((sum, t) => sum + t.csv.length, 0),
    tables: tables.map((t) => ({ table: t.table, rows: t.rows })),
  };
}

async function duckRows(sql: string) {
  const table = await conn.query(sql);
  return { columns: table.schema.fields.map((f) => f.name), rows: arrowRows(table) };
}

/** One question, `runs` times each, interleaved: Oko's click work (parameters + SQL), Oko's SQL alone, DuckDB's SQL. */
async function measure({ id, given, runs }: PeerCase): Promise<PeerMeasure> {
  const def = findIndicator(id);
  if (!def) throw new Error(`нет показателя ${id}`);
  const first = engine.refreshIndicator({ id, params: given });
  if (!first.result) throw new Error(`${id}: ${first.error}`);
  const params: Record<string, SqlValue> = first.params;
  const out: PeerMeasure = {
    id,
    params,
    rows: first.result.rows.length,
    okoMs: [],
    okoSqlMs: [],
    duckMs: [],
    shims: preludeUses(def.sql),
    bare: [],
    verdict: 'error',
    note: '',
    integerDivision: false,
  };
  let shimmed: Awaited<ReturnType<typeof runWithShim<Awaited<ReturnType<typeof duckRows>>>>> | null = null;
  try {
    shimmed = await runWithShim(def.sql, params, duckRows);
    out.shims.push(...shimmed.shims);
    out.bare = shimmed.bare;
  } catch (error) {
    // Oko is still timed; the question is reported as not run on DuckDB
    out.note = error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
  let oko = first.result;
  let duck = shimmed?.result ?? null;
  for (let run = 0; run < runs; run++) {
    let start = now();
    engine.refreshIndicator({ id, params: given });
    out.okoMs.push(now() - start);
    start = now();
    oko = runResolved(engine.database, def, params);
    out.okoSqlMs.push(now() - start);
    if (!shimmed) continue;
    start = now();
    duck = await duckRows(shimmed.sql);
    out.duckMs.push(now() - start);
  }
  if (!shimmed || !duck) return out;
  const comparison = compareGrids(oko, duck);
  out.verdict = comparison.verdict;
  out.note = comparison.note;
  // Which answers depend on SQLite's integer division: run once with DuckDB's own.
  await conn.query('SET integer_division = false');
  try {
    const floating = compareGrids(oko, await duckRows(shimmed.sql));
    out.integerDivision = floating.verdict !== comparison.verdict;
  } catch {
    out.integerDivision = true;
  } finally {
    await conn.query('SET integer_division = true');
  }
  return out;
}

const bench: PeerBench = { load, measure };
(window as unknown as { okoPeerBench: PeerBench }).okoPeerBench = bench;
