import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AppSession, foreignRequests, gridRows, openApp, waitSaved, runSql } from './browser.ts';

/**
 * One session in two tabs of the same browser: the second tab says the session is open elsewhere
 * and saves nothing; «Работать здесь» hands it over — the first tab saves what it had and stops —
 * and no change of either tab is lost without a word.
 */
const baseUrl = inject('baseUrl');

/** Runs a query in the console and waits until the grid shows `expected` (cells still loading show «…»). */
async function expectRows(page: Page, sql: string, expected: string[][]): Promise<void> {
  await runSql(page, sql);
  await expect.poll(() => gridRows(page)).toEqual(expected);
}

const dbSaves = (page: Page) => page.getAttribute('[data-testid="session-status"]', 'data-db-saves');

describe('one session, two tabs', () => {
  let app: AppSession;
  let second: Page;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
    second = await app.page.context().newPage();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the second tab says the session is open elsewhere, and saves nothing', async () => {
    await second.goto(baseUrl);
    await second.waitForSelector('[data-testid="session-locked"][data-state="elsewhere"]');
    expect(await second.textContent('[data-testid="session-locked"]')).toContain('Сессия открыта в другой вкладке');
    // the first tab works on, unaware
    expect(await app.page.locator('[data-testid="session-locked"]').count()).toBe(0);
  });

  it('«Работать здесь»: the first tab saves its change and stops; the second opens with it', async () => {
    const first = app.page;
    // a change in the first tab, handed over before its own autosave would have run
    await runSql(first, "CREATE TABLE tab_notes AS SELECT 'из первой вкладки' AS note");
    await first.waitForSelector('[data-testid="table-tab_notes"]', { state: 'attached' });
    await second.click('[data-testid="session-locked"] button');
    await first.waitForSelector('[data-testid="session-locked"][data-state="handed-over"]');
    await second.waitForSelector('[data-testid="session-locked"]', { state: 'detached' });
    await waitSaved(second);
    await expectRows(second, 'SELECT note FROM tab_notes ORDER BY note', [['из первой вкладки']]);
  });

  it("the second tab's change is saved; the first, taking the session back, has it — nothing lost either way", async () => {
    const first = app.page;
    const firstSaves = await dbSaves(first);
    const before = Number(await dbSaves(second));
    await runSql(second, "INSERT INTO tab_notes VALUES ('из второй вкладки')");
    await expect.poll(async () => Number(await dbSaves(second))).toBeGreaterThan(before);
    await waitSaved(second);
    // the first tab wrote nothing meanwhile
    expect(await dbSaves(first)).toBe(firstSaves);

    await first.click('[data-testid="session-locked"] button');
    await second.waitForSelector('[data-testid="session-locked"][data-state="handed-over"]');
    await first.waitForSelector('[data-testid="session-locked"]', { state: 'detached' });
    await waitSaved(first);
    await expectRows(first, 'SELECT note FROM tab_notes ORDER BY note', [['из второй вкладки'], ['из первой вкладки']]);
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
  });
});
