import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MENTORING } from '../../src/core/monitoring/forms/index.ts';
import { fillWithSheetJs } from '../fixtures/monitoring.ts';
import { axeViolations, describeViolations } from './axe.ts';
import { type AppSession, foreignRequests, gridRows, openApp, waitSaved } from './browser.ts';

/**
 * Issue 11 through the UI, on the demo: the demo's cycles (2025/2026: «СОШ №5» late, «СОШ №8» with
 * «35%» in a count), the list of schools without an accepted form, then a full round trip — a new
 * cycle generated and downloaded, one school's form filled in Node with SheetJS, dropped back through
 * import-input, seen on the status board and in indicator N1 (7 of 10 young teachers = 70 %).
 */
const baseUrl = inject('baseUrl');

async function bytesOf(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync((await download.path())!));
}

async function downloadOf(page: Page, testid: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testid}"]`)]);
  return { name: file.suggestedFilename(), bytes: await bytesOf(file) };
}

async function statuses(page: Page): Promise<Array<[string, string]>> {
  return page.$$eval('[data-testid="monitoring-status-row"]', (rows) =>
    rows.map((r) => [r.getAttribute('data-school') ?? '', r.getAttribute('data-status') ?? ''] as [string, string]),
  );
}

async function openCycle(page: Page, form: string, year: number): Promise<void> {
  await page.click(`[data-testid="monitoring-cycle"][data-form="${form}"][data-year="${year}"] [data-testid="monitoring-open-cycle"]`);
  await page.waitForSelector(`[data-testid="monitoring-board"][data-form="${form}"][data-year="${year}"]`);
}

describe('monitoring forms: the demo cycles and a round trip', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('shows the demo cycles: in 2025/2026 СОШ №5 returned late and СОШ №8 must fix «35%»; the list of schools owing a form downloads', async () => {
    const { page } = app;
    await page.click('[data-testid="open-monitoring"]');
    await page.waitForSelector('[data-testid="monitoring-cycle"][data-form="careers"][data-year="2026"]');
    expect(await page.$$eval('[data-testid="monitoring-cycle"]', (rows) => rows.length)).toBe(10);
    await openCycle(page, 'careers', 2026);
    expect((await statuses(page)).sort()).toEqual([
      ['edu990001', 'accepted'],
      ['edu990002', 'accepted'],
      ['edu990003', 'accepted'],
      ['edu990004', 'accepted'],
      ['edu990005', 'late'],
      ['edu990006', 'accepted'],
      ['edu990007', 'accepted'],
      ['edu990008', 'refused'],
    ]);
    expect(await page.textContent('[data-testid="monitoring-status-row"][data-school="edu990008"] [data-testid="monitoring-problems"]')).toContain(
      'лист «Форма», ячейка D12 («из них прошли профессиональные пробы»): значение «35%» — можно вписать: целое число от 0 до 5000',
    );
    // nothing serious or critical for a screen reader or a keyboard in the tab and its board
    expect(describeViolations(await axeViolations(page, { context: '[data-testid="monitoring"]' }))).toEqual([]);
    const missing = await downloadOf(page, 'monitoring-missing');
    expect(missing.name).toMatch(/^Профориентация и самоопределение обучающихся 2025-2026 — не сдали на \d\d\.\d\d\.\d{4}\.xlsx$/);
    const list = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(missing.bytes, { type: 'array' }).Sheets['Не сдали'], { header: 1 });
    expect(list.slice(4).map((r) => r.slice(1, 4))).toEqual([['МБОУ «СОШ №8»', 'edu990008', 'не принята: есть ошибки']]);
  });

  it('another cycle opened: its board never shows the rows of the cycle open before', async () => {
    const { page } = app;
    // every state of the board the page shows, as the DOM changes: the cycle in its title and its rows
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { boardStates: string[] }).boardStates = seen;
      const board = () => document.querySelector('[data-testid="monitoring-board"]');
      new MutationObserver(() => {
        const shown = board();
        if (!shown) return;
        const rows = [...shown.querySelectorAll('[data-testid="monitoring-status-row"]')].map(
          (r) => `${r.getAttribute('data-school')}:${r.getAttribute('data-status')}`,
        );
        seen.push(`${shown.getAttribute('data-form')} ${shown.getAttribute('data-year')} | ${rows.sort().join(' ')}`);
      }).observe(document.querySelector('[data-testid="monitoring"]')!, { subtree: true, childList: true, attributes: true });
    });
    await openCycle(page, 'careers', 2025);
    const rows2025 = (await statuses(page)).map(([school, status]) => `${school}:${status}`).sort();
    expect(rows2025).toHaveLength(8);
    expect(rows2025).not.toContain('edu990005:late');
    const states = await page.evaluate(() => (window as unknown as { boardStates: string[] }).boardStates);
    const of2025 = [...new Set(states.filter((s) => s.startsWith('careers 2025 ')))];
    expect(of2025).toEqual([`careers 2025 | ${rows2025.join(' ')}`]);
  });

  it("generates a cycle, takes one school's form back filled with SheetJS, and shows it on the board and in N1", async () => {
    const { page } = app;
    await page.selectOption('[data-testid="monitoring-form"]', 'mentoring');
    await page.fill('[data-testid="monitoring-year"]', '2027');
    await page.fill('[data-testid="monitoring-deadline"]', '2027-05-28');
    const zip = await downloadOf(page, 'monitoring-generate');
    expect(zip.name).toBe('Профессиональное развитие педагогов и наставничество 2026-2027 — формы ОО.zip');
    const forms = unzipSync(zip.bytes);
    expect(Object.keys(forms)).toHaveLength(8);
    const gymnasium = 'Профессиональное развитие педагогов и наставничество 2026-2027 — МАОУ «Гимназия №3».xlsx';
    expect(Object.keys(forms)).toContain(gymnasium);
    const summary = await downloadOf(page, 'monitoring-summary');
    expect(summary.name).toBe('Профессиональное развитие педагогов и наставничество 2026-2027 — сводка муниципалитета.xlsx');

    // the cycle is on the board before anything comes back: 8 schools, none returned
    // (waiting or overdue, as today's date is before or after the deadline)
    await page.waitForSelector('[data-testid="monitoring-board"][data-form="mentoring"][data-year="2027"]');
    const notReturned = (list: Array<[string, string]>) => list.filter(([, s]) => s === 'waiting' || s === 'overdue');
    expect(notReturned(await statuses(page))).toHaveLength(8);

    const filled = fillWithSheetJs(forms[gymnasium], MENTORING, {
      date: '20.05.2027',
      answers: { teachers: 50, young: 10, young_mentored: 7, diagnosed: 30, routes: 15, contests: 5, mentoring_rules: 'да' },
    });
    await page.setInputFiles('[data-testid="import-input"]', {
      name: 'Гимназия 3 наставничество.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(filled),
    });
    await page.waitForFunction(() => /форма ОО «МАОУ «Гимназия №3»» принята/.test(document.querySelector('[data-testid="import-status"]')?.textContent ?? ''));
    await page.waitForSelector('[data-testid="monitoring-status-row"][data-school="edu990003"][data-status="accepted"]');
    expect(notReturned(await statuses(page))).toHaveLength(7);

    await page.click('[data-testid="monitoring-indicator-N1"]');
    await page.waitForSelector('section.view[data-indicator="N1"][data-state="ready"]');
    expect(await page.inputValue('section.view[data-indicator="N1"] [data-testid="param-year"]')).toBe('2027');
    await expect
      .poll(async () => (await gridRows(page)).map((r) => r.slice(0, 5)))
      .toEqual([
        ['ОО', 'МАОУ «Гимназия №3»', '10', '7', '70,00'],
        ['Муниципалитет', 'Демонстрационный муниципальный округ', '10', '7', '70,00'],
      ]);
    // the chart is drawn after the table: wait for its picture rather than look at an empty box
    await page.waitForSelector('section.view[data-indicator="N1"] [data-testid="chart"] svg');
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
