// node scripts/bench/limits.mjs — how big a file the tab takes, for the limits in
// src/core/import/limits.ts (minutes; measures, never passes or fails). Output to stdout.
import { createServer } from 'vite';

const vite = await createServer({ server: { middlewareMode: true, hmr: false }, appType: 'custom', logLevel: 'warn' });
try {
  const { runLimitsProbe } = await vite.ssrLoadModule('/scripts/bench/limits-probe.ts');
  const figures = await runLimitsProbe((line) => console.log(line));
  console.log('\n| замер | значение |\n|---|---|');
  for (const f of figures) console.log(`| ${f.what} | ${Math.round(f.value).toLocaleString('ru-RU')} ${f.unit} |`);
} finally {
  await vite.close();
}
