import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { demoDataPlugin } from './scripts/vite-demo-plugin.ts';
import { SECURITY_HEADERS } from './scripts/security-headers.ts';

// Handsontable licence key: a build-time setting (see README, «Лицензия Handsontable»).
const handsontableKey = process.env.OKO_HANDSONTABLE_KEY ?? 'non-commercial-and-evaluation';
// 'sheetjs': a build whose big XLSX sheets go through SheetJS as before (npm run bench compares the two).
const xlsxReader = process.env.OKO_XLSX_READER === 'sheetjs' ? 'sheetjs' : 'auto';

export default defineConfig({
  // Relative base: the built site works from any static host and any sub-path.
  base: './',
  plugins: [
    svelte({ configFile: false }),
    demoDataPlugin(),
    // Offline and installable: a Workbox service worker precaches the built app (src/store/offline.ts
    // registers it). Relative URLs throughout, so it works from any sub-path like the rest of the build.
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      includeAssets: ['icons/icon.svg'],
      manifest: {
        name: 'Око — анализ результатов ВПР и ГИА',
        short_name: 'Око',
        description: 'Показатели ВПР, ОГЭ и ЕГЭ для муниципальной системы оценки качества образования. Данные не покидают компьютер.',
        lang: 'ru',
        start_url: './',
        scope: './',
        display: 'standalone',
        background_color: '#f5f6f8',
        theme_color: '#2f5fa7',
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The app and the prebuilt demo; the 22 demo source files are not needed to run it.
        globPatterns: ['**/*.{html,js,css,wasm,svg,png,webmanifest}', 'demo/demo.sqlite.gz'],
        // The main bundle and the demo are several MB; the default limit (2 MiB) would leave them out.
        maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // The first visit's page is controlled at once, so the code it loads later is served from the cache too;
        // a new version takes over on the next reload.
        skipWaiting: true,
        clientsClaim: true,
        navigateFallback: null,
      },
    }),
  ],
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
          // SheetJS loads on first use (src/core/import/sheetjs-lib.ts); tests call the readers directly
          setupFiles: ['tests/unit/setup.ts'],
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
