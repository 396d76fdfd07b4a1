import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openApp, type AppSession } from './browser.ts';

/**
 * With the headers of docs/hosting.md (sent by `vite preview`, which these tests run against),
 * the engine's worker is under the same policy as the page — it can neither reach another
 * origin nor compile code — and no other site can frame the app.
 */
const baseUrl = inject('baseUrl');

describe('hosting headers', () => {
  let app: AppSession;
  let other: Server;
  let otherUrl: string;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await app.page.waitForFunction(() => /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''));
    // another origin (another port) with a page that frames the app
    other = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><title>чужой сайт</title><iframe id="f" src="${baseUrl}" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', () => done()));
    otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await app?.close();
    other?.close();
  });

  it('the engine worker is under the policy: it cannot connect to another origin', async () => {
    const worker = app.page.workers().find((w) => /worker/i.test(w.url()));
    expect(
      worker,
      app.page
        .workers()
        .map((w) => w.url())
        .join(', '),
    ).toBeDefined();
    const outcome = await worker!.evaluate(async () => {
      const violations: string[] = [];
      self.addEventListener('securitypolicyviolation', (e) => violations.push((e as SecurityPolicyViolationEvent).effectiveDirective));
      const fetched = await fetch('https://example.org/collect', { method: 'POST', body: 'x' }).then(
        () => 'sent',
        () => 'blocked',
      );
      // the report is queued as a task when the request is refused: let the queued tasks run (a count, not a time)
      for (let tick = 0; tick < 100 && !violations.length; tick++) await new Promise((r) => setTimeout(r, 0));
      return { fetched, violations };
    });
    // refused by the worker's own policy (not merely by a closed network)
    expect(outcome).toEqual({ fetched: 'blocked', violations: ['connect-src'] });
    // and that policy allows no compiling of strings (DevTools' evaluate itself bypasses it, so the header is read)
    const script = await app.page.request.get(worker!.url());
    const policy = script.headers()['content-security-policy'];
    expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(policy).not.toContain("'unsafe-eval'");
  });

  it('another site cannot show the app inside a frame', async () => {
    const page = await app.context.newPage();
    const messages: string[] = [];
    page.on('console', (m) => messages.push(m.text()));
    // 'load' waits for the frame too, whether it shows the app or the browser's refusal
    await page.goto(otherUrl, { waitUntil: 'load' });
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    expect(await frame!.$('#app').catch(() => null)).toBeNull();
    expect(messages.join('\n')).toMatch(/frame-ancestors 'none'.*blocked/s);
    await page.close();
  });

  it('every response carries the headers', async () => {
    const response = await app.page.request.get(baseUrl);
    expect(response.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers()['x-content-type-options']).toBe('nosniff');
    expect(response.headers()['referrer-policy']).toBe('no-referrer');
  });
});
