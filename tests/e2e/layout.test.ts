import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { f1Municipal } from '../fixtures/generate.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { type AppSession, foreignRequests, gridRows, openApp, waitSaved } from './browser.ts';

/**
 * Issue 12, items 3, 5 and 10, as a methodist meets them in the demo: the panel opens with the
 * catalogue, the database tables wait folded under «Данные (для SQL)» in Russian; at 1024×768
 * nothing makes the page scroll sideways; sorting a table keeps the totals at the bottom and the
 * chart in the table's order; years read «2025»; the panel folds away and stays folded; axe-core
 * finds nothing serious or critical on the main views and the import dialogs.
 */
const baseUrl = inject('baseUrl');
const SUMMARY = ['Кластер', 'Муниципалитет', 'Регион', 'РФ'];

async function openIndicator(page: Page, id: string): Promise<void> {
  await page.click(`[data-testid="indicator-${id}"]`);
  await page.waitForSelector(`[data-indicator="${id}"][data-state="ready"]`);
  await page.waitForSelector('[data-testid="result-grid"] .ht_master tbody td');
}

/** [scrollWidth, clientWidth] of the page itself. */
function pageWidths(page: Page): Promise<[number, number]> {
  return page.evaluate(() => [document.scrollingElement!.scrollWidth, document.scrollingElement!.clientWidth] as [number, number]);
}

async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const [scroll, client] = await pageWidths(page);
  expect(scroll).toBeLessThanOrEqual(client);
}

/** Header texts of the grid's top overlay (the column headers as shown). */
function headers(page: Page, clone = 'ht_clone_top'): Promise<string[]> {
  return page.$$eval(`[data-testid="result-grid"] .${clone} thead th`, (ths) => ths.map((th) => (th.textContent ?? '').trim()));
}

/** The texts of the chart's axis labels, top to bottom. */
function chartLabels(page: Page): Promise<string[]> {
  return page.$$eval('[data-testid="chart"] svg .role-axis-label text', (texts) => texts.map((t) => (t.textContent ?? '').trim()));
}

async function expectAxeClean(page: Page, where: string, context?: string): Promise<void> {
  const violations = await axeViolations(page, { context });
  expect(describeViolations(violations), where).toEqual([]);
}

describe('layout: the catalogue first, 1024 px, order and words, accessibility', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
    await app.page.waitForSelector('[data-indicator][data-state="ready"]');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the panel leads with the catalogue; the tables wait folded under «Данные (для SQL)», in Russian, without oko_ tables', async () => {
    const { page } = app;
    const order = await page.evaluate(() => {
      const search = document.querySelector('[data-testid="catalogue-search"]')!;
      const tables = document.querySelector('[data-testid="data-tables"]')!;
      return Boolean(search.compareDocumentPosition(tables) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order).toBe(true);
    expect(await page.$eval('[data-testid="data-tables"]', (d) => (d as HTMLDetailsElement).open)).toBe(false);
    expect(await page.isVisible('[data-testid="table-result"]')).toBe(false);
    // the counts are there for whoever reads them, folded or not
    expect(Number(await page.getAttribute('[data-testid="table-school"]', 'data-count'))).toBe(8);

    await page.click('[data-testid="data-tables-toggle"]');
    expect(await page.isVisible('[data-testid="table-result"]')).toBe(true);
    const entry = (await page.textContent('[data-testid="table-result"]')) ?? '';
    expect(entry).toContain('Результаты участников');
    expect(entry).toContain('result');
    expect(await page.textContent('[data-testid="table-school"]')).toContain('Образовательные организации (ОО)');
    expect(await page.$$('[data-testid^="table-oko_"]')).toEqual([]);
    expect(await page.textContent('[data-testid="side-panel"]')).not.toMatch(/(^|[^a-z])oko_/);
  });

  it('the keyboard reaches the first indicator in a few steps; the skip link leads to the open tab', async () => {
    const { page } = app;
    // the skip link is the first thing the keyboard meets
    const first = await page.evaluate(() => {
      const focusable = document.querySelector<HTMLElement>(
        'a[href], button:not([disabled]), input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])',
      );
      return focusable?.textContent?.trim();
    });
    expect(first).toBe('Перейти к содержимому');
    await page.focus('.skip-link');
    let stops = 1;
    while (stops < 40 && (await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))) !== 'indicator-V1') {
      await page.keyboard.press('Tab');
      stops++;
    }
    // skip link, the session buttons, «Загрузить файлы…», the fold button, search, family, V1
    expect(stops).toBeLessThanOrEqual(12);

    await page.focus('.skip-link');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main');
    expect(await page.evaluate(() => location.hash)).toBe('');
  });

  it('a table from the data section names the schools beside their ids', async () => {
    const { page } = app;
    await page.click('[data-testid="table-result"]');
    await page.waitForSelector('[data-testid="result-grid"] .ht_master tbody td');
    await expect.poll(async () => (await headers(page)).slice(0, 8)).toEqual(expect.arrayContaining(['school_id', 'ОО', 'assessment_id', 'Работа']));
    const heads = await headers(page);
    expect(heads[heads.indexOf('school_id') + 1]).toBe('ОО');
    // the name shown is the one of the school with that id
    await expect.poll(async () => (await gridRows(page))[0]?.[heads.indexOf('ОО') - 1]).not.toBe('…');
    const row = (await gridRows(page))[0];
    const [id, name] = [row[heads.indexOf('school_id') - 1], row[heads.indexOf('ОО') - 1]];
    await page.click('[data-testid="open-sql-console"]');
    await page.fill('[data-testid="sql-editor"]', `SELECT COALESCE(short_name, full_name) AS name FROM school WHERE school_id = ${Number(id)}`);
    await page.click('[data-testid="run-sql"]');
    await expect.poll(async () => (await gridRows(page))[0]?.[0]).toBe(name);
    expect(name).toMatch(/[А-Яа-я]/);
  });

  it('at 1024×768 nothing scrolls the page sideways: the catalogue, V2, V14 and a wide console result', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 768 });
    await expectNoSidewaysScroll(page);
    expect(await page.$eval('[data-testid="side-panel"]', (el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    for (const id of ['V2', 'V14']) {
      await openIndicator(page, id);
      await page.waitForSelector('[data-testid="chart"] svg');
      await expectNoSidewaysScroll(page);
      // the wide table scrolls inside its own box, the school column stays in view
      expect(await page.$eval('[data-testid="result-grid"] .ht_master .wtHolder', (el) => el.scrollWidth > el.clientWidth)).toBe(true);
      expect(await headers(page, 'ht_clone_top_inline_start_corner')).toEqual(['Уровень', 'ОО / муниципалитет']);
    }

    await page.click('[data-testid="open-sql-console"]');
    await page.fill('[data-testid="sql-editor"]', 'SELECT * FROM v_vpr LIMIT 50');
    await page.click('[data-testid="run-sql"]');
    await expect.poll(async () => (await gridRows(page)).length).toBeGreaterThan(5);
    await expectNoSidewaysScroll(page);
    // the result has room for several columns, not one
    const box = await page.locator('[data-testid="result-grid"]').boundingBox();
    expect(box?.width).toBeGreaterThan(400);
    expect(await page.$eval('[data-testid="result-grid"] .ht_master .wtHolder', (el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  it('sorting an indicator orders the ОО only; the summary rows stay below, and the chart follows', async () => {
    const { page } = app;
    await openIndicator(page, 'V2');
    await page.waitForSelector('[data-testid="chart"] svg .role-axis-label text');
    const before = await gridRows(page);
    expect(before.map((r) => r[0])).toContain('Муниципалитет');

    await page.locator('[data-testid="result-grid"] .ht_clone_top th', { hasText: '«2», чел.' }).click();
    await expect.poll(async () => (await headers(page)).find((h) => h.startsWith('«2», чел.'))).toBe('«2», чел. ▲');
    const rows = await gridRows(page);
    const levels = rows.map((r) => r[0]);
    const firstSummary = levels.findIndex((level) => SUMMARY.includes(level));
    expect(firstSummary).toBeGreaterThan(0);
    expect(levels.slice(0, firstSummary).every((level) => level === 'ОО')).toBe(true);
    expect(levels.slice(firstSummary).every((level) => SUMMARY.includes(level))).toBe(true);
    // the summary block keeps its own order: municipality, then region, then РФ
    expect(levels.slice(firstSummary)).toEqual(before.map((r) => r[0]).filter((level) => SUMMARY.includes(level)));
    const twos = rows.slice(0, firstSummary).map((r) => Number(r[3]));
    expect(twos).toEqual([...twos].sort((a, b) => a - b));

    // the sort changed the order…
    const names = rows.map((r) => r[1]);
    expect(names.slice(0, firstSummary)).not.toEqual(before.map((r) => r[1]).slice(0, firstSummary));
    // …and the chart's rows, top to bottom, are the table's
    const chartOrder = async () => {
      const drawn = (await chartLabels(page)).filter((label) => names.includes(label));
      return { drawn, table: names.filter((name) => drawn.includes(name)) };
    };
    await expect
      .poll(async () => {
        const { drawn, table } = await chartOrder();
        return drawn.length > 5 && JSON.stringify(drawn) === JSON.stringify(table);
      })
      .toBe(true);
    expect((await chartOrder()).drawn.slice(0, 3)).toEqual(names.slice(0, 3));
  });

  it('years read «2025», never «2 025»', async () => {
    const { page } = app;
    await openIndicator(page, 'O1');
    const years = (await gridRows(page)).map((r) => r[0]);
    expect(years).toContain('2025');
    for (const year of years) expect(year).toMatch(/^\d{4}$/);
  });

  it('the panel folds away and stays folded after a reload, then comes back', async () => {
    const { page } = app;
    const left = async () => (await page.locator('.tab-panel').boundingBox())?.x ?? 0;
    const wide = await left();
    await page.click('[data-testid="side-panel-toggle"]');
    expect(await page.getAttribute('[data-testid="side-panel"]', 'data-state')).toBe('collapsed');
    expect(await page.isVisible('[data-testid="catalogue-search"]')).toBe(false);
    await expect.poll(left).toBeLessThan(wide - 150);

    await waitSaved(page);
    await page.reload();
    await page.waitForSelector('[data-testid="side-panel"]');
    expect(await page.getAttribute('[data-testid="side-panel"]', 'data-state')).toBe('collapsed');
    await page.click('[data-testid="side-panel-toggle"]');
    expect(await page.isVisible('[data-testid="catalogue-search"]')).toBe(true);
    await waitSaved(page);
    await page.reload();
    await page.waitForSelector('[data-testid="catalogue-search"]', { state: 'visible' });
    expect(await page.getAttribute('[data-testid="side-panel"]', 'data-state')).toBe('open');
  });

  it('axe-core finds nothing serious or critical: catalogue, an indicator, the console, a table, the import dialogs', async () => {
    const { page } = app;
    await waitSaved(page);
    await expectAxeClean(page, 'каталог');

    await openIndicator(page, 'V14');
    await page.waitForSelector('[data-testid="chart"] svg');
    await expectAxeClean(page, 'показатель V14');

    await page.click('[data-testid="open-sql-console"]');
    await page.fill('[data-testid="sql-editor"]', '');
    await expectAxeClean(page, 'консоль, пустой запрос');
    await page.fill('[data-testid="sql-editor"]', 'SELECT * FROM v_vpr LIMIT 50');
    await page.click('[data-testid="run-sql"]');
    await expect.poll(async () => (await gridRows(page)).length).toBeGreaterThan(5);
    await expectAxeClean(page, 'консоль с результатом');

    if (!(await page.isVisible('[data-testid="table-school"]'))) await page.click('[data-testid="data-tables-toggle"]');
    await page.click('[data-testid="table-school"]');
    await page.waitForSelector('[data-testid="result-grid"] .ht_master tbody td');
    await expectAxeClean(page, 'таблица school');

    // «Открыть как таблицу…»: a table of no known layout
    const clubs = ['Название;Часов', 'Шахматы;34', 'Хор;12'].join('\r\n');
    await page.setInputFiles('[data-testid="import-input"]', { name: 'кружки.csv', mimeType: 'text/csv', buffer: Buffer.from(clubs) });
    await page.click('[data-testid="open-as-table"]');
    await page.waitForSelector('[data-testid="table-preview"] tr.header');
    await expectAxeClean(page, 'диалог «Открыть как таблицу…»');
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="table-dialog"]').waitFor({ state: 'hidden' });

    // the same file twice: «Файл уже загружен»
    const file = f1Municipal();
    const upload = { name: file.name, mimeType: 'application/octet-stream', buffer: Buffer.from(file.bytes) };
    await page.setInputFiles('[data-testid="import-input"]', upload);
    await expect.poll(() => page.textContent('[data-testid="import-status"]')).toContain('ВПР 2025');
    await page.setInputFiles('[data-testid="import-input"]', upload);
    await page.locator('[data-testid="duplicate-dialog"]').waitFor({ state: 'visible' });
    await expectAxeClean(page, 'диалог повторной загрузки');
    await page.click('[data-testid="duplicate-skip"]');
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
