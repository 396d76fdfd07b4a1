/**
 * The service worker (generated at build time by vite-plugin-pwa / Workbox, vite.config.ts)
 * keeps a copy of the app — code, WASM, the prebuilt demo — so that after the first visit Око
 * opens and works with no network, from whatever sub-path it is served. It caches only the app's
 * own files; sessions stay in IndexedDB. Only in the built app: the dev server has none.
 */
export const SERVICE_WORKER_URL = './sw.js';

export function registerServiceWorker(): void {
  // import.meta.hot exists only under the dev server (which has no service worker). Not
  // import.meta.env.PROD: a build made under vitest (NODE_ENV=test, the browser tests) has PROD false.
  if (import.meta.hot || !('serviceWorker' in navigator)) return;
  // Relative to the page: the scope is the folder the app is served from.
  navigator.serviceWorker.register(SERVICE_WORKER_URL, { scope: './' }).catch(() => {
    /* without it the app still works online; «О данных» says nothing is cached then */
  });
}
