import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import initSqlJs from '../../wasm/node.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_FILE_COUNT } from '../../src/core/demo/index.ts';
import { buildDemoSession, packDemoSession } from '../../src/engine/demo-session.ts';
import { foreignRequests, openApp, waitForSession, type AppSession } from './browser.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.xlsx': 'application/octet-stream',
  '.sqlite': 'application/vnd.sqlite3',
  '.gz': 'application/gzip',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

/** While false the host answers 503 to everything: the network is gone, only the service worker can serve. */
let hostUp = true;

/** A plain static host that serves dist/ under a sub-path, as a municipal web server would. */
function serveUnder(prefix: string, root: string): Promise<Server> {
  const server = createServer((req, res) => {
    if (!hostUp) return void res.writeHead(503).end();
    const path = decodeURIComponent((req.url ?? '/').split('?')[0]);
    if (!path.startsWith(prefix)) return void res.writeHead(404).end();
    const rel = normalize(path.slice(prefix.length) || 'index.html');
    const file = resolve(join(root, rel.endsWith('/') ? `${rel}index.html` : rel));
    if (!file.startsWith(resolve(root)) || !existsSync(file) || statSync(file).isDirectory()) return void res.writeHead(404).end();
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => done(server)));
}

/** `files` and every chunk they import statically (`from"./x.js"`), as paths under `dist`. */
function staticClosure(dist: string, files: string[]): string[] {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    for (const m of readFileSync(join(dist, path), 'utf8').matchAll(/from"\.\/([^"]+\.js)"/g)) visit(dir + m[1]);
  };
  files.forEach(visit);
  return [...seen];
}
describe('privacy and hosting', () => {
  let app: AppSession;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = await serveUnder('/uo/oko/', inject('distDir'));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/uo/oko/`;
    app = await openApp(url);
    await app.page.waitForFunction(() => /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''), null);
  });
  afterAll(async () => {
    await app?.close();
    server?.close();
  });

  it('the page starts on its own code and the engine — under 400 KiB gzipped; the grid, charts, SQL console, справка and import dialogs are files of their own', async () => {
    const { page } = app;
    const dist = inject('distDir');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    // what the browser must fetch before the page runs: the entry script and what it imports (the chunks it preloads), and the engine's worker
    const entry = [...html.matchAll(/<script[^>]*\ssrc="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(entry).toHaveLength(1);
    const preloaded = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*\shref="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
    // the page's own requests: the service worker fetches every file of the app for its cache
    const worker = app.pageRequests.map((r) => new URL(r).pathname.replace('/uo/oko/', '')).filter((path) => /^assets\/worker-.*\.js$/.test(path));
    expect(worker).toHaveLength(1);
    // the worker's entry loads the engine at once (beside the wasm): counted with everything both import
    const engine = [...readFileSync(join(dist, worker[0]), 'utf8').matchAll(/import\(`\.\/(engine-[^`]+\.js)`\)/g)].map((m) => `assets/${m[1]}`);
    expect(engine).toHaveLength(1);
    // what the engine's chunk imports, the worker's entry asks for beside it: one round trip, not two after each other
    const asked = [...readFileSync(join(dist, worker[0]), 'utf8').matchAll(/import\(`\.\/([^`]+\.js)`\)/g)].map((m) => `assets/${m[1]}`);
    const engineImports = [...readFileSync(join(dist, engine[0]), 'utf8').matchAll(/from"\.\/([^"]+\.js)"/g)].map((m) => `assets/${m[1]}`);
    expect(engineImports.length).toBeGreaterThan(0);
    // the bundler's own runtime helper (a few hundred bytes, shared with the page's chunks) is no module of ours to ask for by name
    const runtime = (path: string) => /^assets\/rolldown-runtime-[^/]+\.js$/.test(path);
    expect(engineImports.filter((path) => path !== worker[0] && !runtime(path) && !asked.includes(path))).toEqual([]);
    const startup = staticClosure(dist, [...entry, ...worker, ...engine]);
    // a preloaded chunk is one the entry imports: counted above
    expect(preloaded.filter((path) => !startup.includes(path))).toEqual([]);
    expect(startup.filter((path) => /(HandsontableGrid|embed|codemirror)-/.test(path))).toEqual([]);
    // nor the dialogs of importing, the console, the справка, a table's tab: loaded when first opened
    expect(startup.filter((path) => /(Dialog|SqlTab|ReportTab|TableTab|MonitoringTab)-/.test(path))).toEqual([]);
    const gzipped = startup.reduce((sum, path) => sum + gzipSync(readFileSync(join(dist, path)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(400 * 1024);
    // the heavy parts are not in the entry: the page fetches them as separate files when it first draws a table and a chart
    await page.waitForSelector('section.view[data-indicator][data-state="ready"] [data-testid="result-grid"] .ht_master tbody tr td');
    await page.waitForSelector('section.view[data-indicator][data-state="ready"] [data-testid="chart"] svg');
    // the chart comes first as a picture from the chart worker; its live view (vega-embed) when the page is idle or the pointer comes to it
    await page.hover('section.view[data-indicator][data-state="ready"] [data-testid="chart"]');
    await page.waitForSelector('section.view[data-indicator][data-state="ready"] [data-testid="chart"][data-drawn="live"] svg');
    const scripts = app.pageRequests.filter((r) => r.endsWith('.js'));
    for (const part of ['HandsontableGrid', 'embed'])
      expect(
        scripts.some((r) => r.includes(`/assets/${part}-`)),
        part,
      ).toBe(true);
    const entryCode = readFileSync(join(dist, entry[0]), 'utf8');
    expect(entryCode).not.toMatch(/licenseKey|Handsontable\.hooks/);
  });

  it('the built site works from a sub-path of any static host, demo included', async () => {
    expect(Number(await app.page.getAttribute('[data-testid="table-import_batch"]', 'data-count'))).toBe(DEMO_FILE_COUNT);
    expect(app.requests.some((r) => r.includes('/uo/oko/demo/demo.sqlite.gz'))).toBe(true);
    // the prebuilt demo is opened, not imported: none of the source files was fetched
    expect(app.requests.filter((r) => /\/demo\/.*\.(xlsx|csv)$/.test(decodeURI(r)))).toEqual([]);
  });

  it('ships the demo as the same bytes this process builds (deterministic across builds) and its source files', async () => {
    const dist = inject('distDir');
    const shipped = readFileSync(join(dist, 'demo', 'demo.sqlite.gz'));
    const session = await buildDemoSession(await initSqlJs());
    expect(shipped.equals(Buffer.from(packDemoSession(session)))).toBe(true);
    expect(gunzipSync(shipped).equals(Buffer.from(session))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dist, 'demo', 'manifest.json'), 'utf8')) as { files: string[] };
    expect(manifest.files).toHaveLength(DEMO_FILE_COUNT);
    for (const name of manifest.files) expect(existsSync(join(dist, 'demo', name))).toBe(true);
  });

  it('is installable: a web app manifest with our icons, relative to the sub-path', async () => {
    const { page } = app;
    const href = await page.getAttribute('link[rel="manifest"]', 'href');
    expect(href).toBe('./manifest.webmanifest');
    const manifest = await page.evaluate(async (url) => (await fetch(url)).json(), href!);
    expect(manifest).toMatchObject({
      name: 'Око — анализ результатов ВПР и ГИА',
      short_name: 'Око',
      lang: 'ru',
      start_url: './',
      scope: './',
      display: 'standalone',
    });
    const sizes = (manifest.icons as Array<{ src: string; sizes: string }>).map((icon) => icon.sizes);
    expect(sizes).toEqual(['192x192', '512x512', 'any']);
    for (const icon of manifest.icons as Array<{ src: string; type: string }>) {
      const type = await page.evaluate(async (src) => (await fetch(src)).headers.get('content-type'), icon.src);
      expect(type).toBe(icon.type);
    }
  });

  it('after the first visit it opens and works with no network, from the sub-path (service worker)', async () => {
    const { page, context } = app;
    // the service worker has cached the app and controls the page
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
    expect(scope).toBe(url);
    await page.waitForFunction(() => !!navigator.serviceWorker.controller);
    hostUp = false;
    await context.setOffline(true);
    try {
      await page.reload();
      await waitForSession(page, { demo: true });
      expect(Number(await page.getAttribute('[data-testid="table-import_batch"]', 'data-count'))).toBe(DEMO_FILE_COUNT);
      // an indicator runs and draws (the chart code is loaded lazily, from the cache)
      await page.click('[data-testid="indicator-V2"]');
      await page.waitForSelector(
        'section.view[data-indicator="V2"][data-state="ready"] [data-testid="chart"] svg, section.view[data-indicator="V2"][data-state="ready"] [data-testid="chart"] canvas',
      );
      // and a new demo session opens offline too: the prebuilt file is cached
      await page.click('[data-testid="session-menu"]');
      await page.click('[data-testid="session-new-demo"]');
      await expect.poll(() => page.textContent('[data-testid="session-menu"] .name')).toBe('Демо-муниципалитет 2');
      await waitForSession(page, { demo: true });
      await page.click('[data-testid="session-menu"]');
      expect(await page.$$eval('[data-testid="session-item"]', (items) => items.map((i) => i.getAttribute('data-name')).sort())).toEqual([
        'Демо-муниципалитет',
        'Демо-муниципалитет 2',
      ]);
      await page.keyboard.press('Escape');
    } finally {
      await context.setOffline(false);
      hostUp = true;
    }
  });

  it('the Content-Security-Policy forbids eval and any outside connection', async () => {
    const csp = await app.page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("default-src 'self'");
    expect(csp).not.toMatch(/'unsafe-eval'/);
    const blocked = await app.page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
      const fetched = await fetch('https://example.org/collect', { method: 'POST', body: 'x' }).then(
        () => 'sent',
        () => 'blocked',
      );
      const img = await new Promise<string>((done) => {
        const el = new Image();
        el.onload = () => done('loaded');
        el.onerror = () => done('blocked');
        el.src = 'https://example.org/pixel.png';
      });
      let evaluated = 'blocked';
      try {
        evaluated = String(new Function('return "ran"')());
      } catch {
        /* CSP refused it */
      }
      // violation reports arrive as events after the refusals: wait for both, however long it takes
      await new Promise<void>((done) => {
        const check = () => (['connect-src', 'img-src'].every((d) => violations.includes(d)) ? done() : requestAnimationFrame(check));
        check();
      });
      return { fetched, img, evaluated, violations };
    });
    expect(blocked).toMatchObject({ fetched: 'blocked', img: 'blocked', evaluated: 'blocked' });
    expect(blocked.violations).toEqual(expect.arrayContaining(['connect-src', 'img-src']));
  });

  it('«Удалить все данные» leaves nothing: no IndexedDB, no caches, no service worker; the next visit is a first one', async () => {
    const { page } = app;
    const before = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).length,
      caches: (await caches.keys()).length,
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      // the mark that lets a first visit show the start screen without reading IndexedDB
      marked: localStorage.getItem('oko:has-sessions'),
    }));
    expect(before).toEqual({ databases: 1, caches: 1, workers: 1, marked: '1' });
    await page.click('[data-testid="about-data"]');
    await page.click('[data-testid="delete-all-data"]');
    await page.click('[data-testid="delete-all-data-confirm"]');
    await page.waitForSelector('[data-testid="start-screen"]');
    const after = await page.evaluate(async () => ({
      databases: await indexedDB.databases(),
      caches: await caches.keys(),
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      local: Object.keys(localStorage),
    }));
    expect(after).toEqual({ databases: [], caches: [], workers: 0, local: [] });
    expect(await page.$('[data-testid="demo-badge"]')).toBeNull();
    expect(await page.textContent('[data-testid="session-menu"] .name')).toBe('не открыта');

    await page.reload();
    await page.waitForSelector('[data-testid="start-screen"]');
    await page.click('[data-testid="session-menu"]');
    expect(await page.$$('[data-testid="session-item"]')).toEqual([]);
  });

  it('made no request beyond its own origin', () => {
    expect(
      foreignRequests(
        app.requests.filter((r) => !r.startsWith('https://example.org/')),
        url,
      ),
    ).toEqual([]);
    expect(app.errors.filter((e) => !e.includes('example.org') && !e.includes('Content Security Policy'))).toEqual([]);
  });
});
