import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { ReportDoc, ReportSection } from '../core/report/types.ts';
import { isLandscape, paragraphs, paramLine, printable, printedTable, SMALL_ROWS_NOTE, titleLines, TOTAL_ROWS_NOTE } from './report-cells.ts';

/**
 * The справка as a Word document (docx, MIT): built from the ReportDoc and the charts already
 * rendered to PNG. No DOM here — the same code runs in the browser and in the Node tests.
 *
 * Layout: A4, margins of Russian official papers (left 30 mm, right 15 mm, top and bottom 20 mm);
 * a title page; each section of the справка under a «Заголовок 1»; real Word tables whose header
 * row repeats on every page and whose rows never split; numbers right-aligned with a decimal
 * comma; small groups in italics and totals in bold, with a note; charts as PNG at 3× their
 * screen size (≈ 290 dpi); page numbers in the footer; wide tables on landscape pages.
 */

/** A chart rendered for print: PNG bytes and its size in CSS pixels (96 per inch). */
export interface ChartPicture {
  png: Uint8Array;
  width: number;
  height: number;
}

const mm = (value: number) => Math.round((value * 1440) / 25.4);
const A4 = { width: mm(210), height: mm(297) };
const PORTRAIT_MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), header: mm(10), footer: mm(10) };
const LANDSCAPE_MARGIN = { top: mm(20), bottom: mm(20), left: mm(20), right: mm(20), header: mm(10), footer: mm(10) };
/** twips between the margins */
const contentWidth = (landscape: boolean) =>
  landscape ? A4.height - LANDSCAPE_MARGIN.left - LANDSCAPE_MARGIN.right : A4.width - PORTRAIT_MARGIN.left - PORTRAIT_MARGIN.right;
const twipsToPx = (twips: number) => (twips / 1440) * 96;

const FONT = 'Times New Roman';
const BODY_SIZE = 24; // half-points: 12 pt
const TABLE_SIZE = 20; // 10 pt
const NOTE_SIZE = 18; // 9 pt

function text(value: string, options: { bold?: boolean; italics?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: value, ...options });
}

function pageFooter(): Footer {
  return new Footer({
    children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: NOTE_SIZE + 2 })] })],
  });
}

function titlePage(doc: ReportDoc): Paragraph[] {
  const t = titleLines(doc.meta);
  const centered = (value: string, size: number, bold = false, before = 0) =>
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before, after: 120 }, children: [text(value, { size, bold })] });
  const out: Paragraph[] = [];
  if (t.organisation) out.push(centered(t.organisation, BODY_SIZE + 2, true));
  out.push(new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 3600, after: 480 }, children: [text(t.title)] }));
  for (const line of t.lines) out.push(centered(line, BODY_SIZE + 4));
  t.signature.forEach((line, i) =>
    out.push(new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: i === 0 ? 3600 : 0 }, children: [text(line)] })),
  );
  return out;
}

/** Column widths in twips: names and other text wider than numbers. */
function columnWidths(numeric: boolean[], width: number): number[] {
  const weights = numeric.map((n, i) => (n ? 1 : i === 1 || numeric.length === 1 ? 3 : 1.6));
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor((w / sum) * width));
}

function wordTable(section: ReportSection, landscape: boolean): Array<Table | Paragraph> {
  const printed = printedTable(section.table!);
  const widths = columnWidths(printed.numeric, contentWidth(landscape));
  const cell = (value: string, c: number, style: { bold?: boolean; italics?: boolean; header?: boolean }) =>
    new TableCell({
      width: { size: widths[c], type: WidthType.DXA },
      margins: { left: 60, right: 60, top: 20, bottom: 20 },
      shading: style.header ? { fill: 'E8EEF8' } : undefined,
      children: [
        new Paragraph({
          alignment: style.header ? AlignmentType.CENTER : printed.numeric[c] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          children: [text(value, { bold: style.bold, italics: style.italics, size: TABLE_SIZE })],
        }),
      ],
    });
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: printed.columns.map((column, c) => cell(printable(column.label), c, { bold: true, header: true })),
  });
  const rows = printed.rows.map(
    (row) => new TableRow({ cantSplit: true, children: row.cells.map((value, c) => cell(value, c, { bold: row.total, italics: row.small })) }),
  );
  const out: Array<Table | Paragraph> = [
    // keeps the heading and the parameters with the table's first rows
    new Paragraph({ spacing: { before: 120 }, keepNext: true }),
    new Table({ rows: [header, ...rows], width: { size: contentWidth(landscape), type: WidthType.DXA }, columnWidths: widths }),
  ];
  const legend = [printed.hasSmall ? SMALL_ROWS_NOTE : '', printed.hasTotal ? TOTAL_ROWS_NOTE : ''].filter(Boolean).join(' ');
  if (legend) out.push(new Paragraph({ spacing: { before: 60 }, children: [text(legend, { italics: true, size: NOTE_SIZE })] }));
  return out;
}

function chartImage(picture: ChartPicture, landscape: boolean, title: string): Paragraph {
  const room = twipsToPx(contentWidth(landscape));
  const scale = Math.min(1, room / picture.width);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 200, after: 120 },
    keepNext: false,
    children: [
      new ImageRun({
        type: 'png',
        data: picture.png,
        transformation: { width: Math.round(picture.width * scale), height: Math.round(picture.height * scale) },
        altText: { name: 'Диаграмма', title: printable(title), description: `Диаграмма: ${printable(title)}` },
      }),
    ],
  });
}

function sectionBody(section: ReportSection, index: number, landscape: boolean, charts: ReadonlyMap<string, ChartPicture>): Array<Paragraph | Table> {
  const out: Array<Paragraph | Table> = [
    new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, children: [text(`${index + 1}. ${printable(section.title.trim() || 'Раздел')}`)] }),
  ];
  const params = paramLine(section);
  if (params)
    out.push(new Paragraph({ keepNext: true, children: [text('Параметры: ', { italics: true, size: TABLE_SIZE }), text(params, { size: TABLE_SIZE })] }));
  if (section.table && section.table.columns.some((c) => !c.hidden)) out.push(...wordTable(section, landscape));
  const picture = charts.get(section.id);
  if (picture) out.push(chartImage(picture, landscape, section.title));
  for (const p of paragraphs(section.paragraph)) {
    out.push(new Paragraph({ alignment: AlignmentType.JUSTIFIED, indent: { firstLine: mm(12.5) }, spacing: { before: 120 }, children: [text(p)] }));
  }
  for (const note of section.notes) {
    if (note.trim()) out.push(new Paragraph({ spacing: { before: 60 }, children: [text(printable(note), { size: NOTE_SIZE })] }));
  }
  return out;
}

/** Sections of the справка grouped into Word sections: a new one wherever the orientation changes. */
function wordSections(doc: ReportDoc, charts: ReadonlyMap<string, ChartPicture>): ISectionOptions[] {
  const groups: Array<{ landscape: boolean; children: Array<Paragraph | Table> }> = [];
  doc.sections.forEach((section, index) => {
    const landscape = isLandscape(section);
    let group = groups.at(-1);
    if (!group || group.landscape !== landscape) groups.push((group = { landscape, children: [] }));
    group.children.push(...sectionBody(section, index, landscape, charts));
  });
  return groups.map((group) => ({
    properties: {
      type: SectionType.NEXT_PAGE,
      page: {
        size: { width: A4.width, height: A4.height, orientation: group.landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: group.landscape ? LANDSCAPE_MARGIN : PORTRAIT_MARGIN,
      },
    },
    footers: { default: pageFooter() },
    children: group.children,
  }));
}

export function reportDocument(doc: ReportDoc, charts: ReadonlyMap<string, ChartPicture> = new Map()): Document {
  const heading = (size: number, before: number) => ({
    run: { font: FONT, size, bold: true, color: '1F2430' },
    paragraph: { spacing: { before, after: 120 }, keepNext: true },
  });
  return new Document({
    title: printable(doc.meta.title),
    creator: printable(doc.meta.author) || 'Око',
    description: 'Аналитическая справка, подготовленная в Око',
    styles: {
      default: {
        document: { run: { font: FONT, size: BODY_SIZE, language: { value: 'ru-RU' } }, paragraph: { spacing: { line: 276, lineRule: LineRuleType.AUTO } } },
        title: { run: { font: FONT, size: 36, bold: true, color: '1F2430' }, paragraph: { alignment: AlignmentType.CENTER } },
        heading1: heading(28, 360),
        heading2: heading(26, 240),
      },
    },
    sections: [
      {
        properties: { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.PORTRAIT }, margin: PORTRAIT_MARGIN } },
        children: titlePage(doc),
      },
      ...wordSections(doc, charts),
    ],
  });
}

/** The .docx bytes (a zip). */
export async function reportDocxBytes(doc: ReportDoc, charts: ReadonlyMap<string, ChartPicture> = new Map()): Promise<Uint8Array> {
  return Packer.pack(reportDocument(doc, charts), 'uint8array');
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
