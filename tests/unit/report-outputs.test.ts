import { describe, expect, it } from 'vitest';
import { reportDocxBytes } from '../../src/export/report-docx.ts';
import { refusalFor, reportFileBase } from '../../src/export/report-files.ts';
import { reportHtml } from '../../src/export/report-html.ts';
import { HOSTILE_FORMULA, HOSTILE_MARKUP, MARKS_SECTION, PNG_STAND_IN, reportFixture, SVG_STAND_IN } from '../fixtures/report-doc.ts';
import { wordText, zipParts, zipText } from '../fixtures/zip.ts';

/**
 * The справка's Word and HTML files from the fixed ReportDoc of tests/fixtures/report-doc.ts:
 * the same figures as the fixture, formatted as a Russian reader expects.
 */
const charts = new Map([[MARKS_SECTION, { png: PNG_STAND_IN, width: 600, height: 300 }]]);

/** The cell texts of every <w:tr> of the n-th <w:tbl>. */
function tableRows(documentXml: string, n: number): string[][] {
  const table = documentXml.split('<w:tbl>')[n + 1].split('</w:tbl>')[0];
  return table
    .split('</w:tr>')
    .filter((tr) => tr.includes('<w:tc>'))
    .map((tr) =>
      tr
        .split('</w:tc>')
        .filter((tc) => tc.includes('<w:t'))
        .map((tc) => wordText(tc).trim()),
    );
}

/** The paragraph properties of the run that shows `text` in a table cell. */
function cellXml(documentXml: string, text: string): string {
  const at = documentXml.indexOf(`>${text}</w:t>`, documentXml.indexOf('<w:tbl>'));
  return documentXml.slice(documentXml.lastIndexOf('<w:tc>', at), at);
}

describe('the справка in Word (.docx)', async () => {
  const bytes = await reportDocxBytes(reportFixture(), charts);
  const parts = zipParts(bytes);
  const document = zipText(parts, 'word/document.xml');
  const text = wordText(document);

  it('is a Word package of a few kilobytes with the document, styles, a footer and the chart image', () => {
    expect(bytes[0]).toBe(0x50); // «PK»: a zip
    expect(bytes[1]).toBe(0x4b);
    expect(bytes.length).toBeGreaterThan(8_000);
    expect(bytes.length).toBeLessThan(40_000);
    expect(zipText(parts, '[Content_Types].xml')).toContain('image/png');
    expect([...parts.keys()].filter((p) => p.startsWith('word/media/'))).toEqual(['word/media/image1.png']);
    expect(parts.get('word/media/image1.png')).toEqual(PNG_STAND_IN);
    expect(zipText(parts, 'word/_rels/document.xml.rels')).toMatch(/Target="media\/image1\.png"/);
    expect(zipText(parts, 'docProps/core.xml')).toContain('<dc:title>Аналитическая справка по результатам ВПР 2026 года (математика, 5 класс)</dc:title>');
  });

  it('opens with a title page from the title block', () => {
    const lines = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    expect(lines.slice(0, 6)).toEqual([
      'Управление образования администрации Тестового района',
      'Аналитическая справка по результатам ВПР 2026 года (математика, 5 класс)',
      'Тестовый муниципальный район',
      'ВПР, 2026',
      'Иванова И. И., методист МКУ ИМЦ',
      '20.05.2026',
    ]);
    expect(document).toMatch(/<w:pStyle w:val="Title"\/>.*Аналитическая справка/);
  });

  it('gives each section a «Heading 1» and its parameters in words', () => {
    const headings = [...document.matchAll(/<w:pStyle w:val="Heading1"\/>.*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(headings).toEqual(['1. Распределение отметок', '2. Подтверждение отметок журналом', '3. Рекомендации']);
    expect(text).toContain('Параметры: Год — 2026; Предмет — Математика; Класс — 5 класс');
    const styles = zipText(parts, 'word/styles.xml');
    expect(styles).toMatch(/w:styleId="Heading1"/);
    // LibreOffice reads a line spacing without a rule as exact: lines of the title would overlap
    expect(styles).toContain('<w:spacing w:line="276" w:lineRule="auto"/>');
    expect(styles).toContain('<w:lang w:val="ru-RU"/>');
  });

  it('writes real Word tables: the header row repeats, rows never split, decimal commas, hidden columns left out', () => {
    expect(tableRows(document, 0)).toEqual([
      ['Уровень', 'ОО / муниципалитет', 'Участников', '«2», %', '«3», %', '«4», %', '«5», %'],
      ['ОО', 'МБОУ «СОШ №1»', '25', '8,00', '36,00', '40,00', '16,00'],
      ['ОО', 'МКОУ «ООШ с. Луговое»', '7', '14,29', '42,86', '28,57', '14,29'],
      ['ОО', 'МАОУ «Лицей №2»', '28', '3,57', '25,00', '46,43', '25,00'],
      ['Муниципалитет', 'Тестовый муниципальный район', '60', '6,67', '31,67', '43,33', '18,33'],
    ]);
    const header = document.split('<w:tbl>')[1].split('</w:tr>')[0];
    expect(header).toContain('<w:tblHeader/>');
    expect(
      document
        .split('<w:tbl>')[1]
        .split('</w:tbl>')[0]
        .match(/<w:cantSplit\/>/g),
    ).toHaveLength(5);
    expect(document).not.toContain('Менее 10 участников</w:t>');
    // as the report view prints it: four digits stay together, thousands grouped from 10 000 (Russian typography)
    expect(tableRows(document, 1)[1][1]).toBe('1234');
  });

  it('right-aligns numbers, italicises the small group, bolds the total, and says so under the table', () => {
    expect(cellXml(document, '14,29')).toContain('<w:jc w:val="right"/>');
    expect(cellXml(document, 'МБОУ «СОШ №1»')).toContain('<w:jc w:val="left"/>');
    expect(cellXml(document, 'МКОУ «ООШ с. Луговое»')).toMatch(/<w:i\/>/);
    expect(cellXml(document, 'МБОУ «СОШ №1»')).toMatch(/<w:i w:val="false"\/>/);
    expect(cellXml(document, 'Тестовый муниципальный район')).toMatch(/<w:b\/>/);
    expect(text).toContain('Курсивом — группы менее 10 участников: проценты по ним неустойчивы, интерпретировать с осторожностью.');
    expect(text).toContain('Жирным — итоговые строки (муниципалитет, кластер, регион, РФ).');
  });

  it('places the chart as an inline picture at its size, within the text width', () => {
    // 600 × 300 CSS px → 5 715 000 × 2 857 500 EMU (9 525 EMU a pixel)
    expect(document).toContain('<wp:extent cx="5715000" cy="2857500"/>');
    expect(document).toMatch(/<a:blip r:embed="rId\d+"/);
  });

  it('numbers the pages in the footer with a PAGE field', () => {
    const footers = [...parts.keys()].filter((p) => /^word\/footer\d+\.xml$/.test(p));
    expect(footers.length).toBe(3);
    for (const footer of footers) expect(zipText(parts, footer)).toMatch(/<w:fldChar w:fldCharType="begin"\/>.*<w:instrText[^>]*>PAGE<\/w:instrText>/);
  });

  it('is A4 portrait with the wide section on a landscape page of its own', () => {
    const sections = [...document.matchAll(/<w:pgSz w:w="(\d+)" w:h="(\d+)" w:orient="(\w+)"\/>/g)].map((m) => m.slice(1).join(' '));
    expect(sections).toEqual(['11906 16838 portrait', '11906 16838 portrait', '16838 11906 landscape', '11906 16838 portrait']);
    // the landscape section ends right after the journal section's text
    const landscapeEnd = document.indexOf('w:orient="landscape"');
    expect(document.lastIndexOf('2. Подтверждение отметок журналом', landscapeEnd)).toBeGreaterThan(document.lastIndexOf('w:orient="portrait"', landscapeEnd));
  });

  it('keeps markup and spreadsheet formulas from the data as plain text', () => {
    expect(tableRows(document, 1).map((r) => r[5])).toEqual(['Комментарий', HOSTILE_MARKUP, HOSTILE_FORMULA]);
    expect(document).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(document).not.toContain('<img');
    // one field in the whole package: the page number; no data became a field code
    const instructions = [...parts.keys()].flatMap((p) => [...zipText(parts, p).matchAll(/<w:instrText[^>]*>([^<]*)</g)].map((m) => m[1]));
    expect(new Set(instructions)).toEqual(new Set(['PAGE']));
    expect(document).not.toContain('fldSimple');
  });

  it('drops characters XML forbids instead of writing a file Word refuses', async () => {
    const doc = reportFixture();
    doc.sections[1].table!.rows[0][0] = 'СОШ\u0001 №1\u0000';
    const xml = zipText(zipParts(await reportDocxBytes(doc)), 'word/document.xml');
    expect(xml).toContain('>СОШ №1</w:t>');
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
  });
});

describe('the справка as one self-contained HTML file', () => {
  const html = reportHtml(reportFixture(), new Map([[MARKS_SECTION, { svg: SVG_STAND_IN, width: 300, height: 120 }]]));

  it('has the title page, headings, parameters and the tables with formatted numbers', () => {
    expect(html).toContain('<title>Аналитическая справка по результатам ВПР 2026 года (математика, 5 класс)</title>');
    expect(html).toContain('<h1>Аналитическая справка по результатам ВПР 2026 года (математика, 5 класс)</h1>');
    expect([...html.matchAll(/<h2>([^<]*)<\/h2>/g)].map((m) => m[1])).toEqual([
      '1. Распределение отметок',
      '2. Подтверждение отметок журналом',
      '3. Рекомендации',
    ]);
    expect(html).toContain('<thead><tr><th scope="col">Уровень</th><th scope="col">ОО / муниципалитет</th><th scope="col">Участников</th>');
    expect(html).toContain('<tr class="small"><td>ОО</td><td>МКОУ «ООШ с. Луговое»</td><td class="num">7</td><td class="num">14,29</td>');
    expect(html).toContain('<tr class="total"><td>Муниципалитет</td><td>Тестовый муниципальный район</td><td class="num">60</td><td class="num">6,67</td>');
    expect(html).toContain('<p class="text">В МКОУ «ООШ с. Луговое» работу писали 7 участников: проценты неустойчивы.</p>');
    expect(html).toContain('<section class="part landscape" data-section="sec-journal">');
  });

  it('inlines the chart as SVG and prints: A4, landscape pages, repeating table headers, page numbers', () => {
    expect(html).toContain(`<figure class="chart" aria-label="Диаграмма: Распределение отметок">${SVG_STAND_IN}</figure>`);
    expect(html).toContain('@page { size: A4 portrait;');
    expect(html).toContain('@page wide { size: A4 landscape;');
    expect(html).toContain('thead { display: table-header-group; }');
    expect(html).toContain('content: counter(page)');
  });

  it('reaches nothing outside the file', () => {
    // The rule: no tag has a src/href/srcset/action/poster attribute, no url() or @import, no
    // <script>/<link>/<img>/<iframe>, and the only http(s):// text is an XML namespace declaration
    // of the inline SVG (xmlns="…", xmlns:xlink="…").
    const tags = html.match(/<[a-zA-Z][^>]*>/g) ?? [];
    expect(tags.filter((tag) => /\s(?:src|href|xlink:href|srcset|action|poster)\s*=/i.test(tag))).toEqual([]);
    expect(html).not.toMatch(/url\(|@import/i);
    expect(html).not.toMatch(/<(?:script|link|img|iframe|object|embed|base)\b/i);
    const urls = [...html.matchAll(/(?:(xmlns(?::\w+)?)=")?(https?:\/\/[^\s"'<>)]*)/g)].map((m) => [m[1] ?? 'не пространство имён', m[2]]);
    expect(urls).toEqual([
      ['xmlns', 'http://www.w3.org/2000/svg'],
      ['xmlns:xlink', 'http://www.w3.org/1999/xlink'],
    ]);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`);
  });

  it('writes data as text: markup in a cell stays visible characters, formulas stay as typed', () => {
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('<td>=cmd|&#39; /C calc&#39;!A0</td>');
    const doc = reportFixture();
    doc.meta.title = '</title><script>alert(1)</script>';
    doc.sections[0].paragraph = '<b onmouseover="x">жирно?</b>';
    const hostile = reportHtml(doc);
    expect(hostile).toContain('<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>');
    expect(hostile).toContain('<p class="text">&lt;b onmouseover=&quot;x&quot;&gt;жирно?&lt;/b&gt;</p>');
    expect(hostile).not.toMatch(/<script|<b /);
  });
});

describe('a справка with a forbidden verdict is refused', () => {
  it('names the phrase, the section and the words around it', () => {
    const doc = reportFixture();
    expect(refusalFor(doc)).toBeNull();
    doc.sections[0].paragraph = 'По данным ВПР школа завышает отметки по журналу.';
    expect(refusalFor(doc)).toBe(
      'Справка не выгружена: в тексте есть формулировки, которые в справке не допускаются ' +
        '(вывод о школе или педагоге вместо «возможный признак, требует анализа»): ' +
        'в разделе «Распределение отметок» — «завышение / завышает» («По данным ВПР школа завышает отметки по журналу.»). ' +
        'Исправьте текст и выгрузите снова.',
    );
  });

  it('checks the title page and table cells too', () => {
    const doc = reportFixture();
    doc.meta.title = 'Необъективная школа';
    doc.sections[1].table!.rows[0][5] = 'списывание';
    const message = refusalFor(doc)!;
    expect(message).toContain('в разделе «Титульный лист» — «необъективный (как вывод о школе или результате)»');
    expect(message).toContain('в разделе «Подтверждение отметок журналом» — «списывание»');
  });

  it('names the file after the document', () => {
    expect(reportFileBase(reportFixture())).toBe('Справка по результатам ВПР 2026 года (математика, 5 класс)');
  });
});
