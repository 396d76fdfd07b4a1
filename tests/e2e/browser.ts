import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface AppSession {
  context: BrowserContext;
  page: Page;
  /** every URL the page asked for, in order */
  requests: string[];
  /** console errors and uncaught exceptions */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A real Chromium with a fresh profile (so IndexedDB starts empty and survives reloads
 * within the session), recording every request the page makes.
 */
export async function openApp(baseUrl: string): Promise<AppSession> {
  const profile = mkdtempSync(join(tmpdir(), 'oko-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 768 },
    acceptDownloads: true,
    locale: 'ru-RU',
  });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  // Every wait is for a state of the page; the limit only stops a hang on a loaded machine.
  context.setDefaultTimeout(180_000);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(baseUrl);
  return {
    context,
    page,
    requests,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Requests that went anywhere but the app's own origin (data: and blob: stay on the device). */
export function foreignRequests(requests: string[], baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  return requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
}

/** The grid's visible cell texts, row by row (Handsontable renders rows as <tr>). */
export async function gridRows(page: Page): Promise<string[][]> {
  return page.$$eval('[data-testid="result-grid"] .ht_master tbody tr', (trs) =>
    trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
  );
}
