import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import initSqlJs from '../../wasm/node.ts';
import { chromium, type Page } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import type { SqlValue } from '../../src/core/db.ts';
import { CATALOGUE } from '../../src/core/indicators/index.ts';
import type { IndicatorDef } from '../../src/core/indicators/types.ts';
import { Engine } from '../../src/engine/engine.ts';
import { refreshAggregates } from '../../src/core/schema/aggregates.ts';
import type { PeerBench, PeerLoad } from './duckdb-page/protocol.ts';
import { launch } from './chromium.ts';
import type { Figure } from './node-bench.ts';
import { openRegionalSession } from './drawing-bench.ts';
import { changeParam, clickIndicator, closeAllTabs, closeIndicator, idle, type ClickOutcome } from './regional-clicks.ts';
import { differences, median, regionalTable, shimReport, type RegionalRow } from './regional-report.ts';
import { fillRegionalDatabase } from './regional.ts';

const SESSION = '.bench/regional.sqlite';
/** Rounds of clicks through the whole catalogue, and runs of each engine per question. */
const ROUNDS = 3;
const RUNS = 3;
/** The 25-school municipality every per-municipality question is asked about (the form's first). */
const MUNICIPALITY = 1;

/** A question of the benchmark: an indicator with the parameters given to its form. */
interface Question {
  def: IndicatorDef;
  given: Record<string, SqlValue>;
  /** asked by changing the municipality in the open form, not by a click */
  byParam: boolean;
}

/** Indicators whose form starts region-wide («Все муниципалитеты»): asked again for one municipality. */
const regionWide = (def: IndicatorDef) => def.params.some((p) => p.name === 'municipality' && p.default === 0);

/** OKO_BENCH_INDICATORS=V1,V5,M1: only these indicators (a quick look; the whole catalogue by default). */
const ONLY = process.env.OKO_BENCH_INDICATORS?.split(',').map((id) => id.trim());

const QUESTIONS: Question[] = CATALOGUE.filter((def) => !ONLY || ONLY.includes(def.id)).flatMap((def): Question[] => [
  { def, given: {}, byParam: false },
  ...(regionWide(def) ? [{ def, given: { municipality: MUNICIPALITY }, byParam: true }] : []),
]);

const scopeOf = (params: Record<string, SqlValue>) => (params.municipality === 0 ? 'регион' : 'муниципалитет');
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');

/**
 * Every catalogue indicator on a regional-scale session (1,000,000 results, every table the
 * catalogue reads filled): in Node through the engine; in Chromium through the app (click to
 * drawn result: clickRounds) and on a bench page where Oko's engine and DuckDB-WASM answer the
 * same questions from the same session (RUNS runs each, results compared). Fails, naming the
 * indicators, when one of them gives no rows or an error: a benchmark of empty results measures
 * nothing. Writes .bench/regional.json and .bench/regional.md (the tables of docs/benchmarks.md).
 */
export async function runRegionalBench(log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const loads: string[] = [`начало: ${load()}`];
  const engine = new Engine(await initSqlJs());
  const results = fillRegionalDatabase(engine.database);
  // the aggregates of every (work, ОО), as an import leaves them (core/schema/aggregates.ts)
  const aggStart = performance.now();
  refreshAggregates(engine.database);
  const aggMs = performance.now() - aggStart;
  figures.push({ what: 'Node, регион 1 млн: сводки agg_* по всем парам «работа — ОО» и попытки ГИА всех участников', value: aggMs, unit: 'мс' });
  log(`  сводки agg_result, agg_score, agg_task, agg_attempt и agg_gia_person по всему региону: ${ms(aggMs)}`);
  const bytes = engine.exportDatabase();
  mkdirSync('.bench', { recursive: true });
  writeFileSync(SESSION, bytes);
  log(`  регион: ${results.toLocaleString('ru-RU')} результатов, сессия ${(bytes.length / 1e6).toFixed(0)} МБ`);

  const rows: RegionalRow[] = [];
  const empty: string[] = [];
  for (const q of QUESTIONS) {
    const start = performance.now();
    const refreshed = engine.refreshIndicator({ id: q.def.id, params: q.given });
    const nodeMs = performance.now() - start;
    const scope = scopeOf(refreshed.params);
    if (!refreshed.result?.rows.length) empty.push(`${q.def.id} (${scope}): ${refreshed.error ?? 'нет строк'}`);
    rows.push({ id: q.def.id, scope, nodeMs, burstMs: null, clickMs: [], readyMs: [], gridMs: [], peer: null });
    figures.push({ what: `Node, регион 1 млн: ${q.def.id}, ${scope} (параметры + расчёт)`, value: nodeMs, unit: 'мс' });
  }
  failOnEmpty('Node', empty);
  loads.push(`после Node: ${load()}`);

  const appDir = mkdtempSync(join(tmpdir(), 'oko-bench-dist-'));
  const peerDir = mkdtempSync(join(tmpdir(), 'oko-bench-peer-'));
  await build({ logLevel: 'warn', build: { outDir: appDir, emptyOutDir: true } });
  await build({
    configFile: false,
    root: resolve('scripts/bench/duckdb-page'),
    base: './',
    logLevel: 'warn',
    build: { outDir: peerDir, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 8192 },
  });
  copyFileSync(SESSION, join(peerDir, 'regional.sqlite'));
  const servers: PreviewServer[] = [];
  const { context, profile } = await launch();
  let peerLoad: PeerLoad;
  try {
    const app = await preview({ logLevel: 'warn', build: { outDir: appDir }, preview: { host: '127.0.0.1', port: 0 } });
    servers.push(app);
    const page = context.pages()[0] ?? (await context.newPage());
    await openSession(page, app.resolvedUrls!.local[0], figures);
    const failed = await clickRounds(page, rows, log);
    loads.push(`после щелчков: ${load()}`);
    await page.close();
    failOnEmpty('Chromium', failed);

    const peerServer = await preview({
      configFile: false,
      root: resolve('scripts/bench/duckdb-page'),
      logLevel: 'warn',
      build: { outDir: peerDir },
      preview: { host: '127.0.0.1', port: 0 },
    });
    servers.push(peerServer);
    const peer = await context.newPage();
    peer.on('pageerror', (error) => log(`  страница замера: ${error.message}`));
    await peer.goto(peerServer.resolvedUrls!.local[0]);
    await peer.waitForFunction(() => 'okoPeerBench' in window, null, { timeout: 120_000 });
    peerLoad = await peer.evaluate((url) => (window as unknown as { okoPeerBench: PeerBench }).okoPeerBench.load(url), 'regional.sqlite');
    log(`  Око: выгрузка базы одним вызовом export() ${peerLoad.saveExportMs.map(ms).join(', ')}`);
    log(
      `  Око: сохранение частями (как автосохранение) — самый долгий вызов ${peerLoad.saveLongestCallMs.map(ms).join(', ')}; все части ${peerLoad.savePartsMs.map(ms).join(', ')}`,
    );
    log(
      `  DuckDB-WASM ${peerLoad.duckdbVersion}: таблицы в CSV ${ms(peerLoad.exportMs)}, чтение CSV ${ms(peerLoad.duckLoadMs)} (${(peerLoad.csvBytes / 1e6).toFixed(0)} МБ)`,
    );
    for (const [i, q] of QUESTIONS.entries()) {
      const measured = await peer.evaluate((question) => (window as unknown as { okoPeerBench: PeerBench }).okoPeerBench.measure(question), {
        id: q.def.id,
        given: q.given,
        runs: RUNS,
      });
      rows[i].peer = measured;
      log(
        `  ${q.def.id} ${rows[i].scope}: Око ${ms(median(measured.okoMs))} (SQL ${ms(median(measured.okoSqlMs))}), ` +
          `DuckDB ${measured.duckMs.length ? ms(median(measured.duckMs)) : '—'}, ${measured.verdict}${measured.note ? ` — ${measured.note}` : ''}`,
      );
      for (const [what, values] of [
        ['Око, параметры + SQL', measured.okoMs],
        ['Око, SQL', measured.okoSqlMs],
        ['DuckDB-WASM, SQL', measured.duckMs],
      ] as const) {
        if (values.length)
          figures.push({ what: `Chromium, регион 1 млн: ${q.def.id}, ${rows[i].scope} — ${what} (медиана ${RUNS})`, value: median(values), unit: 'мс' });
      }
    }
    loads.push(`конец: ${load()}`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
    for (const server of servers) await server.close();
    rmSync(appDir, { recursive: true, force: true });
    rmSync(peerDir, { recursive: true, force: true });
  }

  const machine = `${cpus().length} ядра, ${(totalmem() / 2 ** 30).toFixed(0)} ГБ, Node ${process.version}, ${await chromiumVersion()}`;
  writeFileSync('.bench/regional.json', JSON.stringify({ at: new Date().toISOString(), machine, loads, peerLoad, rows }, null, 2));
  writeFileSync(
    '.bench/regional.md',
    [`Машина: ${machine}. Load average (1 / 5 / 15 мин): ${loads.join('; ')}.`, '', regionalTable(rows), '', shimReport(rows), '', differences(rows), ''].join(
      '\n',
    ),
  );
  log(`  load average: ${loads.join('; ')}`);
  log('\n' + regionalTable(rows) + '\n\n' + shimReport(rows) + '\n\n' + differences(rows));
  return figures;
}

const ms = (value: number) => `${Math.round(value).toLocaleString('ru-RU')} мс`;

function failOnEmpty(where: string, empty: string[]): void {
  if (empty.length) throw new Error(`${where}: показатели без результата на региональной базе — замер бессмыслен:\n  ${empty.join('\n  ')}`);
}

async function openSession(page: Page, url: string, figures: Figure[]): Promise<void> {
  figures.push({ what: 'Chromium: открыть сессию региона (.sqlite, 1 млн результатов)', value: await openRegionalSession(page, url), unit: 'мс' });
}

/**
 * Clicks through the catalogue in the app. First one round one after another, as a methodist
 * going down the list (tabs stay open; each click may wait behind the saves the previous ones
 * started); then ROUNDS rounds with the app idle before each click (idle(): saves done) and the
 * tab closed after it, so each click opens and runs the indicator afresh. A region-wide
 * indicator is also asked for MUNICIPALITY by changing the parameter in its open form.
 * Returns the indicators that came out empty or with an error.
 */
async function clickRounds(page: Page, rows: RegionalRow[], log: (line: string) => void): Promise<string[]> {
  const failed = new Set<string>();
  const ask = async (i: number): Promise<ClickOutcome> => {
    const q = QUESTIONS[i];
    const outcome = q.byParam ? await changeParam(page, q.def.id, 'municipality', String(MUNICIPALITY)) : await clickIndicator(page, q.def.id);
    if (outcome.state === 'error' || outcome.rows === 0)
      failed.add(`${q.def.id} (${rows[i].scope}): ${outcome.state === 'error' ? 'ошибка' : 'пустая таблица'}`);
    if (outcome.drawnMs === null) log(`  ${q.def.id}: результат готов за ${ms(outcome.readyMs)}, но не нарисован`);
    return outcome;
  };
  const drawn = (outcome: ClickOutcome) => outcome.drawnMs ?? outcome.readyMs;
  const lastOf = (i: number) => QUESTIONS[i + 1]?.def !== QUESTIONS[i].def;

  await closeAllTabs(page);
  await idle(page);
  for (const i of QUESTIONS.keys()) rows[i].burstMs = drawn(await ask(i));
  log(`  подряд: ${QUESTIONS.map((q, i) => `${q.def.id}${q.byParam ? '(мун.)' : ''} ${Math.round(rows[i].burstMs!)}`).join(', ')}`);
  await closeAllTabs(page);

  for (let round = 1; round <= ROUNDS; round++) {
    for (const i of QUESTIONS.keys()) {
      await idle(page);
      const outcome = await ask(i);
      rows[i].clickMs.push(drawn(outcome));
      rows[i].readyMs.push(outcome.readyMs);
      if (outcome.gridMs !== null) rows[i].gridMs.push(outcome.gridMs);
      if (lastOf(i)) await closeIndicator(page, QUESTIONS[i].def.id);
    }
    log(
      `  после сохранения, круг ${round}: ${QUESTIONS.map((q, i) => `${q.def.id}${q.byParam ? '(мун.)' : ''} ${Math.round(rows[i].clickMs[round - 1])}`).join(', ')}`,
    );
  }
  return [...failed];
}

async function chromiumVersion(): Promise<string> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
  try {
    return `Chromium ${browser.version()}`;
  } finally {
    await browser.close();
  }
}
