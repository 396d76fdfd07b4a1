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
  /** what the page and its workers asked for: `requests` without the service worker's own fetches (its precache of the whole app) */
  pageRequests: string[];
  /** console errors and uncaught exceptions */
  errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * 'demo' (the default): «Посмотреть на демо-данных» is chosen on the start screen and the
   * demo session is open and saved when openApp returns. 'screen': the start screen, untouched.
   */
  start?: 'demo' | 'screen';
  /** runs in every page of the context before its own scripts (context.addInitScript): to record what the page does */
  initScript?: () => void;
}

/**
 * A real Chromium with a fresh profile (so IndexedDB starts empty and survives reloads
 * within the session), recording every request the page makes. By default the demo session
 * is open and saved (see OpenOptions).
 */
export async function openApp(baseUrl: string, options: OpenOptions = {}): Promise<AppSession> {
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
  const pageRequests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => {
    requests.push(request.url());
    if (!request.serviceWorker()) pageRequests.push(request.url());
  });
  // Every wait is for a state of the page; the limit only stops a hang on a loaded machine.
  context.setDefaultTimeout(180_000);
  if (options.initScript) await context.addInitScript(options.initScript);
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(baseUrl);
  await page.waitForSelector('[data-testid="start-screen"]');
  if ((options.start ?? 'demo') === 'demo') {
    await page.click('[data-testid="start-demo"]');
    await waitForSession(page, { demo: true });
  }
  return {
    context,
    page,
    requests,
    pageRequests,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Until a session is open and its database is in IndexedDB: the start screen is gone, the demo
 * badge is there (or not), and session-status says «saved».
 */
export async function waitForSession(page: Page, { demo }: { demo: boolean }): Promise<void> {
  await page.waitForFunction(
    (demo: boolean) =>
      !document.querySelector('[data-testid="start-screen"]') &&
      !!document.querySelector('[data-testid="demo-badge"]') === demo &&
      document.querySelector('[data-testid="session-status"]')?.getAttribute('data-state') === 'saved',
    demo,
  );
}

/** Until session-status says «Сохранено»: the open session's database is in IndexedDB. */
export async function waitSaved(page: Page): Promise<void> {
  await page.waitForFunction(() => /Сохранено/.test(document.querySelector('[data-testid="session-status"]')?.textContent ?? ''));
}

/** Types `sql` into the SQL console and runs it (the result is awaited by the caller). */
export async function runSql(page: Page, sql: string): Promise<void> {
  await page.getByRole('button', { name: 'SQL-консоль', exact: true }).click();
  await page.fill('[data-testid="sql-editor"]', sql);
  await page.click('[data-testid="run-sql"]');
}

/** Requests that went anywhere but the app's own origin (data: and blob: stay on the device). */
export function foreignRequests(requests: string[], baseUrl: string): string[] {
  const origin = new URL(baseUrl).origin;
  return requests.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin);
}

/**
 * The grid's rendered cell texts, row by row, from the first column on. Pinned columns are drawn
 * by an overlay (.ht_clone_inline_start) and may be missing from the main table, so cells are
 * gathered from both and placed by their aria-rowindex / aria-colindex.
 */
export async function gridRows(page: Page): Promise<string[][]> {
  return page.$$eval('[data-testid="result-grid"] :is(.ht_master, .ht_clone_inline_start) tbody tr', (trs) => {
    const rows = new Map<number, Map<number, string>>();
    trs.forEach((tr, i) => {
      const row = Number(tr.getAttribute('aria-rowindex') ?? i);
      const cells = rows.get(row) ?? new Map<number, string>();
      tr.querySelectorAll('td').forEach((td, j) => cells.set(Number(td.getAttribute('aria-colindex') ?? j), (td.textContent ?? '').trim()));
      rows.set(row, cells);
    });
    return [...rows.entries()].sort(([a], [b]) => a - b).map(([, cells]) => [...cells.entries()].sort(([a], [b]) => a - b).map(([, text]) => text));
  });
}

/** Unfolds «Данные (для SQL)» in the side panel, where the `table-<name>` entries are clicked. */
export async function openDataTables(page: Page): Promise<void> {
  const open = await page.$eval('[data-testid="data-tables"]', (details) => (details as HTMLDetailsElement).open);
  if (!open) await page.click('[data-testid="data-tables-toggle"]');
}

let answers = 0;

/**
 * The one value a query returns, read through the SQL console — for what the panel does not
 * list (the session's own oko_* tables). The answer column gets a fresh name, so an earlier
 * result on screen is never mistaken for this one.
 */
export async function sqlAnswer(page: Page, sql: string): Promise<string> {
  const column = `answer_${++answers}`;
  await page.click('[data-testid="open-sql-console"]');
  await page.fill('[data-testid="sql-editor"]', `SELECT (${sql}) AS ${column}`);
  await page.click('[data-testid="run-sql"]');
  await page.waitForFunction(
    (name) => Array.from(document.querySelectorAll('[data-testid="result-grid"] thead th')).some((th) => th.textContent?.trim() === name),
    column,
  );
  await page.waitForFunction(() => {
    const cell = document.querySelector('[data-testid="result-grid"] .ht_master tbody tr td');
    return cell !== null && cell.textContent !== '…';
  });
  return (await gridRows(page))[0][0];
}
