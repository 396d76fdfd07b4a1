import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_FILE_COUNT } from '../../src/core/samples/index.ts';
import { foreignRequests, openApp, type AppSession } from './browser.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.xlsx': 'application/octet-stream',
};

/** A plain static host that serves dist/ under a sub-path, as a municipal web server would. */
function serveUnder(prefix: string, root: string): Promise<Server> {
  const server = createServer((req, res) => {
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

describe('privacy and hosting', () => {
  let app: AppSession;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = await serveUnder('/uo/oko/', inject('distDir'));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/uo/oko/`;
    app = await openApp(url);
    await app.page.waitForFunction(
      () => /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''),
      null,
    );
  });
  afterAll(async () => {
    await app?.close();
    server?.close();
  });

  it('the page starts on its own code and the engine — under 400 KiB gzipped; the grid, charts and SQL editor are files of their own', async () => {
    const dist = inject('distDir');
    const html = readFileSync(join(dist, 'index.html'), 'utf8');
    // what the browser must fetch before the page runs: the entry script and whatever it preloads, and the engine's worker
    const entry = [...html.matchAll(/<(?:script[^>]*\ssrc|link[^>]*rel="modulepreload"[^>]*\shref)="\.\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(entry).toHaveLength(1);
    const worker = app.requests.map((r) => new URL(r).pathname.replace('/uo/oko/', '')).filter((path) => /^assets\/worker-.*\.js$/.test(path));
    expect(worker).toHaveLength(1);
    const startup = [...entry, ...worker];
    const gzipped = startup.reduce((sum, path) => sum + gzipSync(readFileSync(join(dist, path)), { level: 9 }).length, 0);
    expect(gzipped).toBeLessThan(400 * 1024);
    // the heavy parts are not in the entry: the page fetched them as separate files when it first drew a table and a chart
    const scripts = app.requests.filter((r) => r.endsWith('.js'));
    for (const part of ['HandsontableGrid', 'embed']) expect(scripts.some((r) => r.includes(`/assets/${part}-`)), part).toBe(true);
    const entryCode = readFileSync(join(dist, entry[0]), 'utf8');
    expect(entryCode).not.toMatch(/licenseKey|Handsontable\.hooks/);
  });

  it('the built site works from a sub-path of any static host, demo included', async () => {
    expect(Number(await app.page.getAttribute('[data-testid="table-import_batch"]', 'data-count'))).toBe(DEMO_FILE_COUNT);
    expect(app.requests.some((r) => r.includes('/uo/oko/demo/manifest.json'))).toBe(true);
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

  it('made no request beyond its own origin', () => {
    expect(foreignRequests(app.requests.filter((r) => !r.startsWith('https://example.org/')), url)).toEqual([]);
    expect(app.errors.filter((e) => !e.includes('example.org') && !e.includes('Content Security Policy'))).toEqual([]);
  });
});
