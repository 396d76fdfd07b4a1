import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { demoDataPlugin } from './scripts/vite-demo-plugin.ts';
import { SECURITY_HEADERS } from './scripts/security-headers.ts';

// Handsontable licence key: a build-time setting (see README, «Лицензия Handsontable»).
const handsontableKey = process.env.OKO_HANDSONTABLE_KEY ?? 'non-commercial-and-evaluation';
// 'sheetjs': a build whose big XLSX sheets go through SheetJS as before (npm run bench compares the two).
const xlsxReader = process.env.OKO_XLSX_READER === 'sheetjs' ? 'sheetjs' : 'auto';

export default defineConfig({
  // Relative base: the built site works from any static host and any sub-path.
  base: './',
  plugins: [svelte({ configFile: false }), demoDataPlugin()],
  define: {
    __HANDSONTABLE_KEY__: JSON.stringify(handsontableKey),
    __OKO_XLSX_READER__: JSON.stringify(xlsxReader),
  },
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  assetsInclude: ['**/*.wasm'],
  // what a host should send (docs/hosting.md); the browser tests run against the preview server
  preview: { headers: SECURITY_HEADERS },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/e2e/global-setup.ts'],
          // Waits are on states the page reports; these limits only stop a hang. CI machines run at
          // load 10–20 on 2 cores, so they are generous (see docs/architecture.md, «Тесты»).
          testTimeout: 600_000,
          hookTimeout: 600_000,
          expect: { poll: { timeout: 120_000, interval: 100 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
