import type { Page } from 'playwright-core';
import initSqlJs from '../../wasm/node.ts';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEMO_MUNICIPALITY, demoSpecs } from '../../src/core/demo/index.ts';
import { readFileSync } from 'node:fs';
import { zipParts, zipText, wordText } from '../fixtures/zip.ts';
import { type AppSession, foreignRequests, openApp, waitSaved } from './browser.ts';

/**
 * The «аналитическая справка» on the demo municipality, as a methodist makes it: build «Справка по
 * результатам ВПР» for математика 4 класс 2026, add an indicator and a console result, edit a
 * paragraph, reload, print to PDF.
 *
 * Expected numbers: «Качество знаний» (V4) per ОО and for the municipality counted from demoSpecs()
 * (the generator the demo is written by) and rounded by SQLite's own ROUND; the region and РФ rows are
 * those of the demo «Статистика по отметкам» (region 41,15 + 13,42 = 54,57 %; РФ 45,87 + 22,66 = 68,53 %).
 */
const baseUrl = inject('baseUrl');
const DEMO = DEMO_MUNICIPALITY.replace(/\(.*\)$/, '');
const TITLE = 'Аналитическая справка по результатам ВПР 2026 года (математика, 4 класс)';
const EDITED = 'Качество знаний по муниципалитету выше регионального. Текст методиста: обсудить на совещании руководителей ОО.';
const NBSP = '\u00a0';

const SQL = await initSqlJs();
const sqlite = new SQL.Database();
/** ROUND(x, 2) as the app's SQLite does it, printed with two decimals and a decimal comma. */
function pct2(x: number): string {
  const rounded = sqlite.exec('SELECT ROUND(?, 2)', [x])[0].values[0][0] as number;
  return rounded.toFixed(2).replace('.', ',');
}

/** V4 of ВПР 2026 математика 4 класс from the generator: [level, name, n, with «4» and «5», quality %]. */
function expectedQuality(): string[][] {
  const spec = demoSpecs().find((s) => s.year === 2026 && s.subject === 'Математика' && s.grade === 4)!;
  const row = (level: string, name: string, marks: number[]) => {
    const good = marks.filter((m) => m >= 4).length;
    return [level, name, String(marks.length), String(good), pct2((100 * good) / marks.length)];
  };
  const schools = spec.schools.map((s) =>
    row(
      'ОО',
      s.name,
      s.participants.map((p) => Number(p.mark)),
    ),
  );
  const all = spec.schools.flatMap((s) => s.participants.map((p) => Number(p.mark)));
  return [
    ...schools,
    row('Муниципалитет', DEMO, all),
    ['Регион', 'Демонстрационная область', `21${NBSP}877`, '—', '54,57'],
    ['РФ', 'Российская Федерация (ФИС ОКО)', `1${NBSP}716${NBSP}950`, '—', '68,53'],
  ];
}

const sections = (page: Page) => page.locator('[data-testid="report-section"]');

/** The section whose title field holds `title`. */
async function sectionIndex(page: Page, title: string): Promise<number> {
  const titles = await sections(page)
    .locator('input.title-input')
    .evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
  const index = titles.indexOf(title);
  if (index < 0) throw new Error(`нет раздела «${title}»: ${titles.join(' | ')}`);
  return index;
}

/** The cell texts of a section's table, row by row. */
async function tableRows(page: Page, index: number): Promise<string[][]> {
  return sections(page)
    .nth(index)
    .locator('table.report-table tbody tr')
    .evaluateAll((trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())));
}

interface PdfPage {
  text: string;
  landscape: boolean;
  /** each run of text with its font size in points */
  runs: Array<{ str: string; size: number }>;
}

/** The text of every page of a PDF, whether the page is landscape, and the size of its text. */
async function pdfPages(bytes: Uint8Array): Promise<PdfPage[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const pdf = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const runs = content.items.flatMap((item) => ('str' in item ? [{ str: item.str, size: Math.hypot(item.transform[2], item.transform[3]) }] : []));
    const text = runs
      .map((run) => run.str)
      .join(' ')
      .replace(/\s+/g, ' ');
    const [x0, y0, x1, y1] = page.view;
    pages.push({ text, landscape: x1 - x0 > y1 - y0, runs });
  }
  await pdf.destroy();
  return pages;
}

describe('аналитическая справка', () => {
  let app: AppSession;
  beforeAll(async () => {
    app = await openApp(baseUrl);
    await waitSaved(app.page);
  });
  afterAll(async () => {
    await app?.close();
    sqlite.close();
  });

  it('builds «Справка по результатам ВПР» on the demo: the sections, and the table of a section has the indicator’s numbers', async () => {
    const { page } = app;
    await page.click('[data-testid="open-report"]');
    await page.selectOption('[data-testid="report-template"]', 'vpr-work');
    await page.selectOption('[data-testid="report-param-year"]', '2026');
    await page.selectOption('[data-testid="report-param-subject"]', 'math');
    await expect.poll(() => page.inputValue('[data-testid="report-param-subject"]')).toBe('math');
    await page.selectOption('[data-testid="report-param-grade"]', '4');
    await expect.poll(() => page.inputValue('[data-testid="report-param-grade"]')).toBe('4');
    await page.click('[data-testid="report-build"]');
    await expect.poll(() => sections(page).count()).toBe(11);
    await expect.poll(() => page.inputValue('.report-doc textarea.title')).toBe(TITLE);

    const quality = await sectionIndex(page, 'Качество знаний');
    const expected = expectedQuality();
    const rows = await tableRows(page, quality);
    // the ОО in the order of the indicator (by name), then the summary rows at the bottom
    expect(rows.slice(-3)).toEqual(expected.slice(-3));
    expect([...rows.slice(0, -3)].sort()).toEqual([...expected.slice(0, -3)].sort());
    // the small group is marked, the summary rows are bold
    const marked = await sections(page).nth(quality).locator('tbody tr.small td:nth-child(2)').allTextContents();
    expect(marked).toEqual(['МКОУ «ООШ д. Берёзовка»']);
    expect(await sections(page).nth(quality).locator('tbody tr.total').count()).toBe(3);
    // numbers right-aligned
    const align = await sections(page)
      .nth(quality)
      .locator('tbody tr:first-child td:nth-child(5)')
      .evaluate((td) => getComputedStyle(td).textAlign);
    expect(align).toBe('right');
    const paragraph = await sections(page).nth(quality).locator('[data-testid="report-paragraph"]').inputValue();
    expect(paragraph).toContain(`Качество знаний по муниципалитету составляет`);
    expect(paragraph).toContain(`регионального значения (54,6${NBSP}%)`);
    // the planned results of the demo: what task 1 checks
    const tasks = await sectionIndex(page, 'Выполнение заданий и проверяемые умения');
    expect((await tableRows(page, tasks))[0][1]).toBe('Умение выполнять арифметические действия с числами и числовыми выражениями.');
  });

  it('adds an indicator with «Добавить в справку», and an edited paragraph survives a reload', async () => {
    const { page } = app;
    await page.click('[data-testid="indicator-V5"]');
    await page.waitForSelector('section.view[data-indicator="V5"][data-state="ready"]');
    await page.click('section.view[data-indicator="V5"] [data-testid="add-to-report"]');
    await page.waitForSelector('section.view[data-indicator="V5"] [data-testid="add-to-report"][data-added="1"]');

    await page.click('[data-testid="open-report"]');
    await expect.poll(() => sections(page).count()).toBe(12);
    expect(await sectionIndex(page, 'Степень обученности (СОУ)')).toBe(11);

    const quality = await sectionIndex(page, 'Качество знаний');
    await sections(page).nth(quality).locator('[data-testid="report-paragraph"]').fill(EDITED);
    await page.waitForSelector('[data-testid="report-view"][data-state="saved"]');
    await waitSaved(page);

    await page.reload();
    await waitSaved(page);
    await expect.poll(() => sections(page).count()).toBe(12);
    expect(await sections(page).nth(quality).locator('[data-testid="report-paragraph"]').inputValue()).toBe(EDITED);
    expect(await page.inputValue('.report-doc textarea.title')).toBe(TITLE);
  });

  it('prints only the document: a title page, A4 pages with landscape ones for wide tables, the header row on every page a table runs over', async () => {
    const { page } = app;
    // a long console result: 150 rows run over several pages
    await page.click('[data-testid="open-sql-console"]');
    await page.fill(
      '[data-testid="sql-editor"]',
      `SELECT 'код ' || participant_code AS "Код участника", primary_score AS "Первичный балл", mark AS "Отметка"
FROM v_vpr WHERE year = 2026 AND subject_code = 'math' AND grade = 4 ORDER BY school_id, participant_code LIMIT 150`,
    );
    await page.click('[data-testid="run-sql"]');
    await page.waitForSelector('[data-testid="sql-status"]');
    await page.click('[data-testid="add-to-report"]');
    await page.waitForSelector('[data-testid="add-to-report"][data-added="1"]');
    await page.click('[data-testid="open-report"]');
    await expect.poll(() => sections(page).count()).toBe(13);
    await expect.poll(() => page.locator('.report-doc [data-testid="chart"] svg').count()).toBeGreaterThanOrEqual(8);

    // on paper: the sidebar, tabs and toolbars are gone; table headers repeat
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('aside.side').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(await page.locator('[data-testid="report-print"]').evaluate((el) => getComputedStyle(el).display)).toBe('none');
    expect(
      await page
        .locator('.report-doc thead')
        .first()
        .evaluate((el) => getComputedStyle(el).display),
    ).toBe('table-header-group');
    await page.emulateMedia({ media: null });

    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: false });
    const pages = await pdfPages(pdf);
    expect(pages.length).toBeGreaterThan(10);
    // nothing is shrunk to fit the page: the edited paragraph prints at its 11 pt
    const run = pages.flatMap((p) => p.runs).find((r) => r.str.startsWith(EDITED.slice(0, 20)));
    expect(run?.size).toBeCloseTo(11, 1);
    expect(pages[0].text).toContain(TITLE.replace(/\s+/g, ' ').slice(0, 40));
    expect(pages[0].text).not.toContain('Качество знаний');
    for (const sidebar of ['Загрузить файлы', 'Когорта: одна параллель ОО по годам', 'Новая сессия', 'Готовая справка']) {
      expect(
        pages.some((p) => p.text.includes(sidebar)),
        sidebar,
      ).toBe(false);
    }
    expect(pages.some((p) => p.text.includes(EDITED.slice(0, 60)))).toBe(true);
    expect(pages.some((p) => p.landscape)).toBe(true);
    expect(pages.some((p) => !p.landscape)).toBe(true);
    // the console table: every page with its rows (a code, a score, a mark) has its header row, and it runs over two pages or more
    const withRows = pages.filter((p) => /код 4\d{4} \d{1,2} [2-5]/.test(p.text));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const p of withRows) expect(p.text).toContain('Код участника Первичный балл Отметка');
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
  });

  it("downloads as Word: the title, a heading per section, the tables with the indicator's numbers, the charts as pictures", async () => {
    const { page } = app;
    await page.click('[data-testid="open-report"]');
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-export-docx"]')]);
    expect(download.suggestedFilename()).toMatch(/^Справка .*\.docx$/);
    const parts = zipParts(readFileSync(await download.path()));
    expect(zipText(parts, 'docProps/core.xml')).toContain(TITLE);
    const document = zipText(parts, 'word/document.xml');
    const text = wordText(document);
    expect(text).toContain(TITLE);
    expect(text).toContain(EDITED);
    // one Heading 1 per section
    expect(document.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(13);
    // the «Качество знаний» table: the municipality row as the view prints it
    const municipality = expectedQuality().find((row) => row[0] === 'Муниципалитет')!;
    expect(text).toContain(municipality.slice(1).join('\n')); // a cell is a paragraph
    // every chart drawn in the view is a picture in the file
    const charts = await page.locator('.report-doc [data-testid="chart"] svg').count();
    expect([...parts.keys()].filter((path) => /^word\/media\/.+\.png$/.test(path))).toHaveLength(charts);
  });

  it('downloads as one HTML file with nothing outside it, and refuses both files while a paragraph holds a verdict', async () => {
    const { page } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-export-html"]')]);
    expect(download.suggestedFilename()).toMatch(/^Справка .*\.html$/);
    const html = readFileSync(await download.path(), 'utf8');
    expect(html).toContain(EDITED);
    expect(html.match(/<svg[\s>]/g)?.length).toBe(await page.locator('.report-doc [data-testid="chart"] svg').count());
    // no address outside the file: the only http(s) strings are SVG namespaces
    const addresses = (html.match(/https?:\/\/[^\s"'<>)]+/g) ?? []).filter((url) => !/^http:\/\/www\.w3\.org\/(2000\/svg|1999\/xlink)$/.test(url));
    expect(addresses).toEqual([]);
    expect(html).not.toMatch(/<(script|link|img|iframe)\b/i);

    const quality = await sectionIndex(page, 'Качество знаний');
    await sections(page).nth(quality).locator('[data-testid="report-paragraph"]').fill(`${EDITED} Вероятно, школа завышает отметки.`);
    await page.waitForSelector('[data-testid="report-view"][data-state="saved"]');
    let downloaded = false;
    page.on('download', () => (downloaded = true));
    await page.click('[data-testid="report-export-docx"]');
    const refusal = page.locator('[data-testid="report-export-refused"]');
    await expect.poll(() => refusal.textContent()).toContain('завышение / завышает');
    expect(await refusal.textContent()).toContain('Качество знаний');
    await page.click('[data-testid="report-export-html"]');
    await expect.poll(() => refusal.textContent()).toContain('завышение / завышает');
    expect(downloaded).toBe(false);
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
  it('builds «Справка по ОО» for one school in the same sitting, and downloads it as Word', async () => {
    const { page } = app;
    const school = 'МБОУ «СОШ №1»';
    await page.click('[data-testid="open-report"]');
    await page.selectOption('[data-testid="report-template"]', 'school');
    await page.selectOption('[data-testid="report-param-year"]', '2026');
    await expect.poll(() => page.locator('[data-testid="report-param-school"] option').allTextContents()).toContain(school);
    await page.selectOption('[data-testid="report-param-school"]', { label: school });
    await expect.poll(() => page.locator('[data-testid="report-param-school"] option:checked').textContent()).toBe(school);
    await page.click('[data-testid="report-build"]');
    const title = `Аналитическая справка по результатам оценочных процедур 2026 года: ${school}`;
    await expect.poll(() => page.inputValue('.report-doc textarea.title')).toBe(title);
    await expect.poll(() => sections(page).count()).toBe(7);

    // математика 4 класс of the school, counted from the generator the demo is written by
    const spec = demoSpecs().find((s) => s.year === 2026 && s.subject === 'Математика' && s.grade === 4)!;
    const marks = spec.schools.find((s) => s.name === school)!.participants.map((p) => Number(p.mark));
    const quality = pct2((100 * marks.filter((m) => m >= 4).length) / marks.length);
    const works = await tableRows(page, await sectionIndex(page, 'ВПР: результаты ОО по работам'));
    const math4 = works.find((row) => row.includes('Математика, 4 класс'));
    expect(math4).toBeDefined();
    expect(math4).toContain(String(marks.length));
    expect(math4).toContain(quality);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="report-export-docx"]')]);
    expect(download.suggestedFilename()).toMatch(/^Справка .*\.docx$/);
    const parts = zipParts(readFileSync(await download.path()));
    const document = zipText(parts, 'word/document.xml');
    expect(wordText(document)).toContain(title);
    expect(document.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(7);
    expect(wordText(document)).toContain('Адресные рекомендации');
    expect(foreignRequests(app.requests, baseUrl)).toEqual([]);
  });
});
