/**
 * Issue 8, item 5 — import speed, before and after, against the bare peers the issue names:
 *
 * - a 100,000-row Ф1 XLSX: Oko's import (Engine.importFiles in Node; the built app in Chromium,
 *   file chosen → «Загружено») against a bare SheetJS parse + a bare insert of the same rows;
 * - a 1,000,000-row CSV as a table of the user's own: Oko's import (the whole path of the UI:
 *   «формат не распознан» → preview → import; and importUserTable alone) against a bare
 *   decode-split-insert.
 *
 * «До» is the code of OKO_BENCH_BEFORE (a git ref, e.g. main: its tree is unpacked into a temporary
 * folder and run from there); without it, this tree built with OKO_XLSX_READER=sheetjs (XLSX only).
 * The variants of a file run in turn (A B C A B C …) RUNS times, so that all see the same machine;
 * each figure is a median with min–max, with CPU time and the load average beside it. Every run
 * checks what it imported: an empty result or a wrong row count stops the benchmark with an error.
 */
import * as XLSX from '@e965/xlsx';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import type { OkoSqlJs } from '../../wasm/sql-wasm.js';
import initSqlJs from '../../wasm/node.ts';
import { build, createServer, preview } from 'vite';
import * as core from '../../src/core/import/index.ts';
import * as userTable from '../../src/core/import/formats/user-table/importer.ts';
import * as schema from '../../src/core/schema/migrate.ts';
import * as engine from '../../src/engine/engine.ts';
import { importOutcome, openDemo, until } from './browser-bench.ts';
import { launch } from './chromium.ts';
import type { Figure } from './node-bench.ts';
import { cachedLargeCsv, cachedLargeF1, LARGE_CSV_HEADER } from './large-files.ts';
import { ChromiumMemory, rendererCpuMs } from './process-memory.ts';

/** The sizes of the issue; smaller ones (OKO_BENCH_F1_ROWS, OKO_BENCH_CSV_ROWS) only to try the bench out. */
const F1_ROWS = Number(process.env.OKO_BENCH_F1_ROWS ?? 100_000);
const F1_TASKS = 15;
const CSV_ROWS = Number(process.env.OKO_BENCH_CSV_ROWS ?? 1_000_000);
/** Runs of each variant, taken in turn. */
const RUNS = Math.max(3, Number(process.env.OKO_BENCH_RUNS ?? 3));
const IMPORT_TIMEOUT = 900_000;
/**
 * The parts to run, OKO_BENCH_PARTS=f1-chromium,… (f1-node, csv-node, f1-chromium, csv-chromium); all by
 * default. On a shared machine a before/after of one change needs only the parts it touches.
 */
const PARTS = new Set((process.env.OKO_BENCH_PARTS ?? 'f1-node,csv-node,f1-chromium,csv-chromium').split(',').map((part) => part.trim()));

interface Sample {
  ms: number;
  /** CPU time of the process doing the work (Node: this process; Chromium: the page's renderer, worker included) */
  cpuMs: number;
  /** load average over the last minute when the run ended */
  load: number;
  /** Chromium: the peak RSS of the page's renderer (its worker included) during the run, bytes */
  peakBytes?: number;
}

// ───────────── figures ─────────────

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const seconds = (ms: number) => (ms / 1000).toFixed(2).replace('.', ',');
const ratio = (x: number) => x.toFixed(2).replace('.', ',');

/** «4,10 с (3,95–4,60)» */
function spread(values: number[]): string {
  return `${seconds(median(values))} с (${seconds(Math.min(...values))}–${seconds(Math.max(...values))})`;
}

function loads(samples: Sample[]): string {
  const values = samples.map((s) => s.load);
  return `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`.replaceAll('.', ',');
}

function processCpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

async function timed(fn: () => Promise<unknown> | unknown): Promise<Sample> {
  const cpu0 = processCpuMs();
  const start = performance.now();
  await fn();
  return { ms: performance.now() - start, cpuMs: processCpuMs() - cpu0, load: loadavg()[0] };
}

/** Runs each variant RUNS times, in turn; returns the samples by variant. */
async function interleaved<K extends string>(variants: Record<K, () => Promise<Sample>>, log: (line: string) => void): Promise<Record<K, Sample[]>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as Sample[]])) as Record<K, Sample[]>;
  for (let run = 1; run <= RUNS; run++) {
    for (const name of names) {
      const sample = await variants[name]();
      samples[name].push(sample);
      log(`    ${run}/${RUNS} ${name}: ${seconds(sample.ms)} с, ЦП ${seconds(sample.cpuMs)} с, load ${sample.load.toFixed(1)}`);
    }
  }
  return samples;
}

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

function report(figures: Figure[], log: (line: string) => void, what: string, samples: Sample[]): void {
  const peaks = samples.flatMap((s) => (s.peakBytes === undefined ? [] : [megabytes(s.peakBytes)]));
  const peak = peaks.length ? `; пик вкладки ${median(peaks)} МБ (${Math.min(...peaks)}–${Math.max(...peaks)})` : '';
  const line = `${spread(samples.map((s) => s.ms))}; ЦП ${spread(samples.map((s) => s.cpuMs))}${peak}; load ${loads(samples)}`;
  log(`  ${what}: ${line}`);
  figures.push({ what, value: median(samples.map((s) => s.ms)), unit: 'мс', spread: line });
}

/**
 * Run by run, `runs` over `base` (both taken in the same round): the median ratio with min–max,
 * of the time and of the CPU time (steadier on a shared machine, where a run waits for a core).
 */
function reportRatio(figures: Figure[], log: (line: string) => void, what: string, runs: Sample[], base: Sample[]): void {
  const ratios = runs.map((s, i) => s.ms / base[i].ms);
  const cpuRatios = runs.map((s, i) => s.cpuMs / base[i].cpuMs);
  const range = (values: number[]) => `${ratio(median(values))} (${ratio(Math.min(...values))}–${ratio(Math.max(...values))})`;
  const line = `${range(ratios)}; по ЦП ${range(cpuRatios)}`;
  log(`  ${what}: ${line}`);
  figures.push({ what, value: median(ratios) * 100, unit: '%', spread: line });
}

function expectCount(what: string, actual: unknown, expected: number): void {
  if (actual !== expected) throw new Error(`${what}: ${String(actual)} строк вместо ${expected}`);
}

// ───────────── the code measured: this tree, or the tree of another commit ─────────────

interface ImportCode {
  /** «после», «до (main 1a2b3c4)» */
  label: string;
  /** the tree to build the app from; undefined: this one */
  root?: string;
  /** OKO_XLSX_READER of its build and Engine's xlsxReader */
  xlsxReader: 'auto' | 'sheetjs';
  Engine: typeof engine.Engine;
  importFile: typeof core.importFile;
  ImportError: typeof core.ImportError;
  importUserTable: typeof userTable.importUserTable;
  previewSheet: typeof userTable.previewSheet;
  migrate: typeof schema.migrate;
}

const thisTree = (label: string, xlsxReader: 'auto' | 'sheetjs'): ImportCode => ({
  label,
  xlsxReader,
  Engine: engine.Engine,
  importFile: core.importFile,
  ImportError: core.ImportError,
  importUserTable: userTable.importUserTable,
  previewSheet: userTable.previewSheet,
  migrate: schema.migrate,
});

/** The tree of `ref` unpacked into a temporary folder (with this tree's node_modules), its modules loaded by a Vite of its own. */
async function otherTree(ref: string): Promise<{ code: ImportCode; close: () => Promise<void> }> {
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { encoding: 'utf8' }).trim();
  const root = mkdtempSync(join(tmpdir(), 'oko-bench-before-'));
  execFileSync('tar', ['-x', '-C', root], { input: execFileSync('git', ['archive', '--format=tar', commit], { maxBuffer: 1 << 30 }) });
  symlinkSync(resolve('node_modules'), join(root, 'node_modules'));
  const server = await createServer({
    root,
    configFile: join(root, 'vite.config.ts'),
    server: { middlewareMode: true, hmr: false },
    appType: 'custom',
    logLevel: 'warn',
  });
  const load = <T>(path: string) => server.ssrLoadModule(path) as Promise<T>;
  const [c, u, s, e] = await Promise.all([
    load<typeof core>('/src/core/import/index.ts'),
    load<typeof userTable>('/src/core/import/formats/user-table/importer.ts'),
    load<typeof schema>('/src/core/schema/migrate.ts'),
    load<typeof engine>('/src/engine/engine.ts'),
  ]);
  return {
    code: {
      label: `до (${ref} ${commit})`,
      root,
      xlsxReader: 'auto',
      Engine: e.Engine,
      importFile: c.importFile,
      ImportError: c.ImportError,
      importUserTable: u.importUserTable,
      previewSheet: u.previewSheet,
      migrate: s.migrate,
    },
    close: async () => {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

// ───────────── Node ─────────────

/** Oko's import of the Ф1 as the worker runs it; checks the rows it wrote. */
async function f1InNode(SQL: OkoSqlJs, code: ImportCode, bytes: Uint8Array): Promise<Sample> {
  const oko = new code.Engine(SQL, { xlsxReader: code.xlsxReader });
  const sample = await timed(async () => {
    const [outcome] = await oko.importFiles({ files: [{ name: `Ф1 ${F1_ROWS}.xlsx`, bytes: bytes.slice() }] });
    if (!outcome.ok) throw new Error(`${code.label}: Ф1 не загружен: ${outcome.message}`);
    expectCount(`${code.label}: Ф1, итог импорта`, outcome.summary.rows, F1_ROWS);
  });
  const db = oko.database;
  expectCount(`${code.label}: Ф1, result`, db.exec('SELECT COUNT(*) FROM result')[0].values[0][0], F1_ROWS);
  expectCount(`${code.label}: Ф1, task_score`, db.exec('SELECT COUNT(*) FROM task_score')[0].values[0][0], F1_ROWS * F1_TASKS);
  db.close();
  return sample;
}

/**
 * The floor for the Ф1: SheetJS reads the workbook (its defaults, dense), sheet_to_json makes rows,
 * and every participant row goes into one table and its 15 task scores into another, with one
 * prepared statement each, in one transaction. No checks, no types, no SHA-256, no progress.
 */
function bareSheetJsInsert(SQL: OkoSqlJs, bytes: Uint8Array): number {
  const workbook = XLSX.read(bytes, { type: 'array', dense: true });
  const rows = XLSX.utils.sheet_to_json<unknown[]>(workbook.Sheets[workbook.SheetNames[0]], { header: 1, raw: true });
  const db = new SQL.Database();
  db.run(
    'CREATE TABLE participant (id INTEGER PRIMARY KEY, login TEXT, municipality TEXT, school TEXT, code INTEGER, class INTEGER, variant INTEGER, primary_score REAL, mark INTEGER, journal INTEGER)',
  );
  db.run('CREATE TABLE task_score (participant INTEGER, task INTEGER, score REAL)');
  const participant = db.prepare('INSERT INTO participant VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const score = db.prepare('INSERT INTO task_score VALUES (?, ?, ?)');
  let id = 0;
  db.run('BEGIN');
  for (const row of rows) {
    if (typeof row[3] !== 'number') continue; // headers and the school lines
    id++;
    participant.run([id, ...[0, 1, 2, 3, 4, 5].map((c) => row[c] as string | number), ...[21, 22, 23].map((c) => (row[c] ?? null) as number | null)]);
    for (let t = 0; t < F1_TASKS; t++) score.run([id, t + 1, row[6 + t] as number]);
  }
  db.run('COMMIT');
  participant.free();
  score.free();
  const scores = db.exec('SELECT COUNT(*) FROM task_score')[0].values[0][0];
  db.close();
  expectCount('голое: task_score', scores, id * F1_TASKS);
  return id;
}

/**
 * The floor for the CSV: decode in 1 MB chunks, split lines and cells, insert each row as text
 * with one prepared statement in one transaction (SQLite's column affinity makes the numbers).
 * No encoding check, no quotes, no types, no SHA-256, no progress.
 */
function bareDecodeSplitInsert(SQL: OkoSqlJs, bytes: Uint8Array): number {
  const db = new SQL.Database();
  db.run(`CREATE TABLE t (${LARGE_CSV_HEADER.map((_, i) => `c${i} ${[0, 3, 5].includes(i) ? 'INTEGER' : i === 6 ? 'REAL' : 'TEXT'}`).join(', ')})`);
  const insert = db.prepare(`INSERT INTO t VALUES (${LARGE_CSV_HEADER.map(() => '?').join(', ')})`);
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const CHUNK = 1024 * 1024;
  let carry = '';
  let header = true;
  let rows = 0;
  db.run('BEGIN');
  for (let at = 3; at < bytes.length; at += CHUNK) {
    const lines = (carry + decoder.decode(bytes.subarray(at, Math.min(bytes.length, at + CHUNK)), { stream: at + CHUNK < bytes.length })).split('\r\n');
    carry = lines.pop() ?? '';
    for (const line of lines) {
      if (header) header = false;
      else {
        insert.run(line.split(';'));
        rows++;
      }
    }
  }
  db.run('COMMIT');
  insert.free();
  db.close();
  return rows;
}

/**
 * Oko's import of the CSV as a table of the user's own: `whole`, the path of the UI — dropped
 * (no known layout) → preview → import — each request with its own copy of the bytes, as from
 * the page; else importUserTable alone (the preview is made before the clock starts).
 */
async function csvInNode(SQL: OkoSqlJs, code: ImportCode, bytes: Uint8Array, whole: boolean): Promise<Sample> {
  const db = new SQL.Database();
  code.migrate(db);
  const copy = () => ({ name: 'мониторинг.csv', bytes: bytes.slice() });
  const tableName = 'user_мониторинг';
  const importIt = async (shown: userTable.SheetPreview) => {
    const sheet = shown.sheets[0];
    const summary = await code.importUserTable(db, copy(), { sheet: sheet.name, headerRow: shown.suggestedHeaderRow, tableName, columns: sheet.columns });
    expectCount(`${code.label}: CSV, итог импорта`, summary.rows, CSV_ROWS);
  };
  let sample: Sample;
  if (whole) {
    sample = await timed(async () => {
      const refused = await code.importFile(db, copy()).catch((error: unknown) => error);
      if (!(refused instanceof code.ImportError) || refused.code !== 'unknown-format')
        throw new Error(`${code.label}: ожидалось «формат не распознан»: ${String(refused)}`);
      await importIt(code.previewSheet(copy()));
    });
  } else {
    const shown = code.previewSheet(copy());
    sample = await timed(() => importIt(shown));
  }
  expectCount(`${code.label}: CSV, строк в таблице`, db.exec(`SELECT COUNT(*) FROM "${tableName}"`)[0].values[0][0], CSV_ROWS);
  db.close();
  return sample;
}

// ───────────── Chromium ─────────────

/** The app of `code` built into a temporary folder and served by vite preview. */
async function serveApp(code: ImportCode): Promise<{ url: string; close: () => Promise<void> }> {
  const outDir = mkdtempSync(join(tmpdir(), 'oko-bench-app-'));
  const tree = code.root ? { root: code.root, configFile: join(code.root, 'vite.config.ts') } : {};
  const previous = process.env.OKO_XLSX_READER;
  process.env.OKO_XLSX_READER = code.xlsxReader;
  try {
    await build({ ...tree, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } finally {
    if (previous === undefined) delete process.env.OKO_XLSX_READER;
    else process.env.OKO_XLSX_READER = previous;
  }
  const server = await preview({ ...tree, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } });
  return {
    url: server.resolvedUrls!.local[0],
    close: async () => {
      await server.close();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
}

const pageNow = (page: Page) => page.evaluate(() => performance.now());

/** A fresh profile with the demo open and saved (not timed), for `run`: from the start screen, or loaded at once by an older build. */
async function inFreshPage<T>(url: string, run: (page: Page) => Promise<T>): Promise<T> {
  const { context, page, profile } = await launch();
  try {
    context.setDefaultTimeout(IMPORT_TIMEOUT);
    await page.goto(url);
    const saved = () => /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? '');
    // a function, not a string: the page's CSP forbids eval
    await until(
      page,
      () =>
        !!document.querySelector('[data-testid="start-demo"]') || /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''),
      undefined,
      IMPORT_TIMEOUT,
    );
    if (await page.$('[data-testid="start-demo"]')) await openDemo(page);
    else await until(page, saved, undefined, IMPORT_TIMEOUT);
    return await run(page);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/**
 * What comes before a user's file is chosen, untimed: the session shown (its first indicator
 * drawn), the pointer on «Загрузить файлы…» and the browser's file dialog, during which the page
 * loads the import's code (a build that does: `data-import-code`, src/ui/DataPanel.svelte). The
 * timer starts when the file is chosen.
 */
async function aboutToChoose(page: Page): Promise<void> {
  await page.waitForSelector('section.view[data-state="ready"]');
  await page.hover('label.import-button');
  if (await page.$('label.import-button[data-import-code]')) await page.waitForSelector('label.import-button[data-import-code="ready"]');
}

/** The Ф1 chosen in import-input, timed until «Загружено … — 100 000 строк»; the tab's memory sampled meanwhile. */
async function f1InChromium(url: string, path: string, fileName: string): Promise<Sample> {
  return inFreshPage(url, async (page) => {
    await aboutToChoose(page);
    const memory = new ChromiumMemory();
    memory.start(100);
    const cpu0 = rendererCpuMs();
    const t0 = await pageNow(page);
    await page.setInputFiles('[data-testid="import-input"]', path);
    const outcome = await importOutcome(page, fileName);
    const ms = (await pageNow(page)) - t0;
    const cpuMs = rendererCpuMs() - cpu0;
    memory.stop();
    if (outcome !== 'done') throw new Error(`Ф1 не загружен: ${outcome}`);
    const status = (await page.textContent('[data-testid="import-status"]')) ?? '';
    const rows = `${F1_ROWS.toLocaleString('ru-RU')} строк`;
    if (!status.replace(/\s/g, ' ').includes(rows.replace(/\s/g, ' '))) throw new Error(`Ф1: ожидалось ${rows}, в строке состояния: ${status}`);
    return { ms, cpuMs, load: loadavg()[0], peakBytes: memory.renderer };
  });
}

/**
 * The CSV dropped → «Открыть как таблицу» → preview → «Загрузить» → «Загружено», timed step by
 * step (the clock stops while the bench types the table's name); checks the table has every row.
 */
async function csvInChromium(url: string, path: string, fileName: string): Promise<{ whole: Sample; importOnly: Sample }> {
  return inFreshPage(url, async (page) => {
    const tableName = 'user_bench_csv';
    await aboutToChoose(page);
    const memory = new ChromiumMemory();
    memory.start(100);
    const cpu0 = rendererCpuMs();
    const t0 = await pageNow(page);
    await page.setInputFiles('[data-testid="import-input"]', path);
    const recognised = await importOutcome(page, fileName);
    if (recognised !== 'unknown') throw new Error(`CSV: ожидалось «Открыть как таблицу», получено: ${recognised}`);
    await page.click('[data-testid="open-as-table"]');
    await until(
      page,
      () => {
        const button = document.querySelector('[data-testid="table-import"]') as HTMLButtonElement | null;
        return !!button && !button.disabled && !!document.querySelector('[data-testid="table-preview"]');
      },
      undefined,
      IMPORT_TIMEOUT,
    );
    const t1 = await pageNow(page);
    await page.fill('[data-testid="table-name"]', tableName);
    const t2 = await pageNow(page);
    await page.click('[data-testid="table-import"]');
    const outcome = await importOutcome(page, fileName);
    const t3 = await pageNow(page);
    const cpuMs = rendererCpuMs() - cpu0;
    memory.stop();
    if (outcome !== 'done') throw new Error(`CSV не загружен: ${outcome}`);
    await until(
      page,
      ([name, rows]: [string, number]) => document.querySelector(`[data-testid="table-${name}"]`)?.getAttribute('data-count') === String(rows),
      [tableName, CSV_ROWS],
      IMPORT_TIMEOUT,
    );
    const load = loadavg()[0];
    return { whole: { ms: t1 - t0 + (t3 - t2), cpuMs, load, peakBytes: memory.renderer }, importOnly: { ms: t3 - t2, cpuMs: Number.NaN, load } };
  });
}

// ───────────── the run ─────────────

function machine(): string {
  const chromium = execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  return `${cpus().length} ядра (${cpus()[0]?.model.trim()}), ${Math.round(totalmem() / 1024 ** 3)} ГБ, Node ${process.version}, ${chromium}`;
}

export async function runImportBench(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const SQL = await initSqlJs();
  const f1 = cachedLargeF1(F1_ROWS);
  const csv = PARTS.has('csv-node') || PARTS.has('csv-chromium') ? cachedLargeCsv(CSV_ROWS) : new Uint8Array(0);
  const f1Path = resolve(`.bench/f1-${F1_ROWS}.xlsx`);
  const csvPath = resolve(`.bench/table-${CSV_ROWS}.csv`);
  log(
    `  ${machine()}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
  );
  log(
    `  Ф1 ${F1_ROWS.toLocaleString('ru-RU')} строк: ${(f1.length / 1e6).toFixed(1)} МБ; CSV ${CSV_ROWS.toLocaleString('ru-RU')} строк: ${(csv.length / 1e6).toFixed(0)} МБ; части ${[...PARTS].join(', ')}; ${RUNS} прогона каждого варианта по очереди`,
  );

  const beforeRef = process.env.OKO_BENCH_BEFORE;
  const other = beforeRef ? await otherTree(beforeRef) : null;
  const before = other?.code ?? thisTree('до (только SheetJS)', 'sheetjs');
  const after = thisTree('после', 'auto');
  log(`  «${before.label}» против «${after.label}»`);
  try {
    if (PARTS.has('f1-node')) await f1NodeRuns(figures, log, SQL, before, after, f1);
    if (PARTS.has('csv-node')) await csvNodeRuns(figures, log, SQL, other ? [before, after] : [after], csv);
    if (PARTS.has('f1-chromium') || PARTS.has('csv-chromium')) await chromiumRuns(figures, log, before, after, other !== null, f1Path, csvPath);
  } finally {
    await other?.close();
  }
  mkdirSync('.bench', { recursive: true });
  writeFileSync('.bench/import.json', JSON.stringify({ at: new Date().toISOString(), machine: machine(), runs: RUNS, before: before.label, figures }, null, 2));
  return figures;
}

type Log = (line: string) => void;

async function f1NodeRuns(figures: Figure[], log: Log, SQL: OkoSqlJs, before: ImportCode, after: ImportCode, f1: Uint8Array): Promise<void> {
  log('  Node, Ф1 (Engine.importFiles):');
  const f1Node = await interleaved(
    {
      'голое: SheetJS + вставка': () => timed(() => expectCount('голое: Ф1', bareSheetJsInsert(SQL, f1), F1_ROWS)),
      [before.label]: () => f1InNode(SQL, before, f1),
      [after.label]: () => f1InNode(SQL, after, f1),
    },
    log,
  );
  report(figures, log, `Node: Ф1 ${F1_ROWS.toLocaleString('ru-RU')} строк — голое: SheetJS + вставка`, f1Node['голое: SheetJS + вставка']);
  for (const code of [before, after]) {
    report(figures, log, `Node: Ф1 — ${code.label}`, f1Node[code.label]);
    reportRatio(figures, log, `Node: Ф1 — ${code.label} / голое`, f1Node[code.label], f1Node['голое: SheetJS + вставка']);
  }
}

async function csvNodeRuns(figures: Figure[], log: Log, SQL: OkoSqlJs, csvCodes: ImportCode[], csv: Uint8Array): Promise<void> {
  log('  Node, CSV как своя таблица:');
  const csvVariants: Record<string, () => Promise<Sample>> = {
    'голое: декодировать, разбить, вставить': () => timed(() => expectCount('голое: CSV', bareDecodeSplitInsert(SQL, csv), CSV_ROWS)),
  };
  for (const code of csvCodes) {
    csvVariants[`${code.label}, весь путь`] = () => csvInNode(SQL, code, csv, true);
    csvVariants[`${code.label}, importUserTable`] = () => csvInNode(SQL, code, csv, false);
  }
  const csvNode = await interleaved(csvVariants, log);
  const bare = csvNode['голое: декодировать, разбить, вставить'];
  report(figures, log, `Node: CSV ${CSV_ROWS.toLocaleString('ru-RU')} строк — голое: декодировать, разбить, вставить`, bare);
  for (const code of csvCodes) {
    for (const step of ['весь путь', 'importUserTable']) {
      report(figures, log, `Node: CSV — ${code.label}, ${step}`, csvNode[`${code.label}, ${step}`]);
      reportRatio(figures, log, `Node: CSV — ${code.label}, ${step} / голое`, csvNode[`${code.label}, ${step}`], bare);
    }
  }
}

async function chromiumRuns(
  figures: Figure[],
  log: Log,
  before: ImportCode,
  after: ImportCode,
  other: boolean,
  f1Path: string,
  csvPath: string,
): Promise<void> {
  log('  Chromium, собранное приложение, через интерфейс:');
  const apps = [await serveApp(before), await serveApp(after)];
  try {
    if (PARTS.has('f1-chromium')) {
      const f1Chromium = await interleaved(
        {
          [before.label]: () => f1InChromium(apps[0].url, f1Path, `f1-${F1_ROWS}.xlsx`),
          [after.label]: () => f1InChromium(apps[1].url, f1Path, `f1-${F1_ROWS}.xlsx`),
        },
        log,
      );
      for (const code of [before, after])
        report(figures, log, `Chromium: Ф1 ${F1_ROWS.toLocaleString('ru-RU')} строк, выбор файла → «Загружено» — ${code.label}`, f1Chromium[code.label]);
      reportRatio(figures, log, `Chromium: Ф1 — ${after.label} / ${before.label}`, f1Chromium[after.label], f1Chromium[before.label]);
    }
    if (!PARTS.has('csv-chromium')) return;

    // the CSV path has no SheetJS-only build to compare with: «до» only from another tree
    const csvApps = other ? [0, 1] : [1];
    const csvSteps: Record<string, { whole: Sample; importOnly: Sample }[]> = {};
    await interleaved(
      Object.fromEntries(
        csvApps.map((i) => {
          const code = [before, after][i];
          csvSteps[code.label] = [];
          return [
            code.label,
            async () => {
              const sample = await csvInChromium(apps[i].url, csvPath, `table-${CSV_ROWS}.csv`);
              csvSteps[code.label].push(sample);
              return sample.whole;
            },
          ];
        }),
      ),
      log,
    );
    for (const i of csvApps) {
      const code = [before, after][i];
      report(
        figures,
        log,
        `Chromium: CSV ${CSV_ROWS.toLocaleString('ru-RU')} строк, весь путь (без ввода имени) — ${code.label}`,
        csvSteps[code.label].map((s) => s.whole),
      );
      const importOnly = csvSteps[code.label].map((s) => s.importOnly.ms);
      const line = spread(importOnly);
      log(`  Chromium: CSV, «Загрузить» → «Загружено» — ${code.label}: ${line}`);
      figures.push({ what: `Chromium: CSV, «Загрузить» → «Загружено» — ${code.label}`, value: median(importOnly), unit: 'мс', spread: line });
    }
  } finally {
    for (const app of apps) await app.close();
  }
}
