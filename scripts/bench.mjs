// npm run bench — performance figures in Node and in real Chromium. Never run as a test:
// it measures, it does not pass or fail. Results go to stdout and .bench/last.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'vite';

const only = process.argv[2]; // 'node' | 'browser' | 'import' | 'regional' | 'cold' | 'drawing' | 'report' | 'memory' | undefined (all; 'browser' includes 'cold')
const vite = await createServer({ server: { middlewareMode: true }, appType: 'custom', logLevel: 'warn' });
const figures = [];
const log = (line) => console.log(line);
try {
  if (only === undefined || only === 'node') {
    log('Node (core):');
    const { runNodeBench } = await vite.ssrLoadModule('/scripts/bench/node-bench.ts');
    figures.push(...(await runNodeBench(log)));
  }
  if (only === undefined || only === 'browser') {
    log('Chromium (the built app):');
    const { runBrowserBench } = await vite.ssrLoadModule('/scripts/bench/browser-bench.ts');
    figures.push(...(await runBrowserBench(log)));
  }
  if (only === undefined || only === 'import') {
    log(
      'Import: a 100,000-row Ф1 and a 1,000,000-row CSV, before and after, against a bare SheetJS parse + insert and a bare decode-split-insert (runs in turn):',
    );
    const { runImportBench } = await vite.ssrLoadModule('/scripts/bench/import-bench.ts');
    figures.push(...(await runImportBench(log)));
  }
  if (only === 'memory') {
    log("Chromium (the built app), the tab's memory with the 1,000,000-result regional session:");
    const { runMemoryBench } = await vite.ssrLoadModule('/scripts/bench/memory-bench.ts');
    figures.push(...(await runMemoryBench(log)));
  }
  if (only === 'cold') {
    log('Chromium (the built app), cold start with the demo:');
    const { runColdStart } = await vite.ssrLoadModule('/scripts/bench/cold-start.ts');
    // `cold <dist>`: beside another build, in turn (scripts/bench/cold-start.ts)
    figures.push(...(await runColdStart(log, process.argv[3])));
  }
  if (only === 'drawing') {
    log('Chromium (the built app), clicks on the regional session: ready, table, chart, drawn:');
    const { runDrawingBench } = await vite.ssrLoadModule('/scripts/bench/drawing-bench.ts');
    // `drawing <dist>`: beside another build, in turn (scripts/bench/drawing-bench.ts)
    figures.push(...(await runDrawingBench(log, process.argv[3])));
  }
  if (only === undefined || only === 'regional') {
    log('Regional scale (1,000,000 results), every indicator:');
    const { runRegionalBench } = await vite.ssrLoadModule('/scripts/bench/regional-bench.ts');
    figures.push(...(await runRegionalBench(log)));
  }
  if (only === undefined || only === 'report') {
    log('Аналитическая справка на демо (Chromium):');
    const { runReportBench } = await vite.ssrLoadModule('/scripts/bench/report-bench.ts');
    figures.push(...(await runReportBench(log)));
  }
} finally {
  await vite.close();
}
console.log('\n| замер | значение |\n|---|---|');
for (const f of figures) console.log(`| ${f.what} | ${f.spread ?? `${Math.round(f.value).toLocaleString('ru-RU')} ${f.unit}`} |`);
mkdirSync('.bench', { recursive: true });
writeFileSync('.bench/last.json', JSON.stringify({ at: new Date().toISOString(), figures }, null, 2));
