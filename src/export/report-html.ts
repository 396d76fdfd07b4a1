import type { ReportDoc, ReportSection } from '../core/report/types.ts';
import { isLandscape, paragraphs, paramLine, printable, printedTable, SMALL_ROWS_NOTE, titleLines, TOTAL_ROWS_NOTE } from './report-cells.ts';

/**
 * The справка as one self-contained .html file: inline CSS (with a print stylesheet), charts as
 * inline SVG, no script, no font, no image or link that reaches outside the file. Every piece of
 * text from the data or the user goes through `escape` — nothing is ever written as markup.
 * No DOM here: the same code runs in the browser and in the Node tests.
 */

/** A chart rendered as SVG markup by Vega, with its size in CSS pixels. */
export interface ChartVector {
  svg: string;
  width: number;
  height: number;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return printable(text).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const STYLE = `
:root { color-scheme: light; }
body { font-family: 'Times New Roman', 'Liberation Serif', 'DejaVu Serif', serif; font-size: 12pt; line-height: 1.4; color: #1f2430; margin: 0; background: #f5f6f8; }
main { max-width: 180mm; margin: 0 auto; background: #fff; padding: 20mm 15mm 20mm 30mm; }
.title-page { text-align: center; min-height: 240mm; display: flex; flex-direction: column; }
.title-page .organisation { font-weight: bold; font-size: 13pt; }
.title-page h1 { font-size: 18pt; margin: 70mm 0 12mm; }
.title-page .line { font-size: 14pt; margin: 0 0 3mm; }
.title-page .signature { margin-top: auto; text-align: right; }
.title-page .signature p { margin: 0; }
section.part { margin-top: 12mm; }
section.part.landscape { max-width: none; }
h2 { font-size: 14pt; margin: 0 0 3mm; break-after: avoid; }
.params { font-size: 10pt; margin: 0 0 3mm; }
.params .caption { font-style: italic; }
table { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 3mm 0 1mm; }
th, td { border: 1px solid #8a919c; padding: 1mm 1.5mm; vertical-align: top; }
th { background: #e8eef8; text-align: center; font-weight: bold; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
tr.small td { font-style: italic; }
tr.total td { font-weight: bold; }
.legend { font-size: 9pt; font-style: italic; margin: 0 0 3mm; }
figure.chart { margin: 4mm 0; text-align: center; }
figure.chart svg { max-width: 100%; height: auto; }
p.text { text-align: justify; text-indent: 12.5mm; margin: 2mm 0; }
.notes { font-size: 9pt; margin: 2mm 0 0; }
.notes p { margin: 0 0 1mm; }
@page { size: A4 portrait; margin: 20mm 15mm 20mm 30mm; @bottom-center { content: counter(page); font-size: 10pt; } }
@page wide { size: A4 landscape; margin: 20mm; }
@page :first { @bottom-center { content: none; } }
@media print {
  body { background: none; }
  main { max-width: none; margin: 0; padding: 0; }
  .title-page { min-height: 250mm; break-after: page; }
  section.part { margin-top: 0; break-before: page; }
  section.part.landscape { page: wide; }
  thead { display: table-header-group; }
  tr, figure.chart { break-inside: avoid; }
}
`;

function tableHtml(section: ReportSection): string {
  const printed = printedTable(section.table!);
  const head = printed.columns.map((c) => `<th scope="col">${escapeHtml(c.label)}</th>`).join('');
  const body = printed.rows
    .map((row) => {
      const classes = [row.small ? 'small' : '', row.total ? 'total' : ''].filter(Boolean).join(' ');
      const cells = row.cells.map((cell, c) => `<td${printed.numeric[c] ? ' class="num"' : ''}>${escapeHtml(cell)}</td>`).join('');
      return `<tr${classes ? ` class="${classes}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  const legend = [printed.hasSmall ? SMALL_ROWS_NOTE : '', printed.hasTotal ? TOTAL_ROWS_NOTE : ''].filter(Boolean).join(' ');
  return `<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${legend ? `\n<p class="legend">${escapeHtml(legend)}</p>` : ''}`;
}

function sectionHtml(section: ReportSection, index: number, charts: ReadonlyMap<string, ChartVector>): string {
  const parts = [`<h2>${index + 1}. ${escapeHtml(section.title.trim() || 'Раздел')}</h2>`];
  const params = paramLine(section);
  if (params) parts.push(`<p class="params"><span class="caption">Параметры:</span> ${escapeHtml(params)}</p>`);
  if (section.table && section.table.columns.some((c) => !c.hidden)) parts.push(tableHtml(section));
  const chart = charts.get(section.id);
  // The SVG is Vega's own markup (its text escaped by Vega), cleaned of anything active by report-charts.ts.
  if (chart) parts.push(`<figure class="chart" aria-label="Диаграмма: ${escapeHtml(section.title)}">${chart.svg}</figure>`);
  for (const p of paragraphs(section.paragraph)) parts.push(`<p class="text">${escapeHtml(p)}</p>`);
  const notes = section.notes.filter((n) => n.trim());
  if (notes.length) parts.push(`<div class="notes">${notes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</div>`);
  return `<section class="part${isLandscape(section) ? ' landscape' : ''}" data-section="${escapeHtml(section.id)}">\n${parts.join('\n')}\n</section>`;
}

export function reportHtml(doc: ReportDoc, charts: ReadonlyMap<string, ChartVector> = new Map()): string {
  const t = titleLines(doc.meta);
  const title = [
    t.organisation ? `<p class="organisation">${escapeHtml(t.organisation)}</p>` : '',
    `<h1>${escapeHtml(t.title)}</h1>`,
    ...t.lines.map((line) => `<p class="line">${escapeHtml(line)}</p>`),
    t.signature.length ? `<div class="signature">${t.signature.map((s) => `<p>${escapeHtml(s)}</p>`).join('')}</div>` : '',
  ].filter(Boolean);
  return `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Око">
<title>${escapeHtml(t.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header class="title-page">
${title.join('\n')}
</header>
${doc.sections.map((section, index) => sectionHtml(section, index, charts)).join('\n')}
</main>
</body>
</html>
`;
}

export const HTML_TYPE = 'text/html;charset=utf-8';
