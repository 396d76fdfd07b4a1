/**
 * A small XLSX writer for monitoring forms: what SheetJS's community edition does not write —
 * data-validation lists and ranges, unlocked input cells under sheet protection, cell styles — plus
 * notes (comments) and very hidden sheets. One workbook = a few XML parts zipped with fflate.
 * The output is byte-deterministic (no timestamps; ZIP entries dated 1980-01-01 local time), so
 * the demo's returned forms are the same on every build.
 *
 * Parts and element order follow ECMA-376 Part 1 (SpreadsheetML): §18.3.1.99 worksheet,
 * §18.3.1.32 dataValidation, §18.3.1.85 sheetProtection, §18.7 comments (shown through the legacy
 * VML drawing Excel still requires).
 */
import { zipSync } from 'fflate';
import { cellRef } from './cell-ref.ts';

export type CellStyle = 'plain' | 'title' | 'header' | 'label' | 'input' | 'date-input' | 'note' | 'bold';

/** style name → cellXfs index (see STYLES_XML) */
const XF: Record<CellStyle, number> = { plain: 0, title: 1, header: 2, label: 3, input: 4, 'date-input': 5, note: 6, bold: 7 };

export interface XCell {
  value: string | number | null;
  style?: CellStyle;
}

export interface XValidation {
  /** e.g. 'D9' or 'D9:D20' */
  ref: string;
  type: 'list' | 'whole' | 'decimal' | 'date';
  /** list items (joined with commas: an item may not contain one) */
  items?: string[];
  min?: number;
  max?: number;
  /** shown when the cell is selected (Excel: at most 32 / 255 characters) */
  promptTitle?: string;
  prompt?: string;
  /** shown when a value is refused */
  error?: string;
}

export interface XSheet {
  name: string;
  /** rows[r][c]: Excel row r+1, column c+1; holes are empty cells */
  rows: Array<Array<XCell | null | undefined> | undefined>;
  /** column widths in characters */
  widths?: number[];
  validations?: XValidation[];
  /** notes: cell reference → text */
  notes?: Array<{ ref: string; text: string }>;
  /** protect the sheet: only cells styled 'input' / 'date-input' can be changed */
  protect?: boolean;
  /** 'veryHidden': not listed by Excel's «Показать…»; readers still see it */
  state?: 'visible' | 'veryHidden';
  /** e.g. 'A1:E1' */
  merges?: string[];
  /** rows to keep visible above the scroll (the header block) */
  freezeRows?: number;
  /** row heights in points by 0-based row (wrapped text: spreadsheet programs do not grow merged or written rows themselves) */
  heights?: Record<number, number>;
  /** print on landscape pages, all columns on one page width */
  landscape?: boolean;
}

const escapeXml = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // characters XML 1.0 does not allow
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

function parseRef(ref: string): { row: number; column: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) throw new Error(`bad cell reference ${ref}`);
  let column = 0;
  for (const ch of m[1]) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, column: column - 1 };
}

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function cellXml(ref: string, cell: XCell): string {
  const s = cell.style && cell.style !== 'plain' ? ` s="${XF[cell.style]}"` : '';
  if (cell.value === null || cell.value === '') return `<c r="${ref}"${s}/>`;
  if (typeof cell.value === 'number') return `<c r="${ref}"${s}><v>${cell.value}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell.value)}</t></is></c>`;
}

function validationXml(v: XValidation): string {
  const attrs = [
    `type="${v.type}"`,
    v.type === 'list' ? '' : 'operator="between"',
    'allowBlank="1"',
    'showInputMessage="1"',
    'showErrorMessage="1"',
    v.error ? `errorTitle="Недопустимое значение" error="${escapeXml(clip(v.error, 225))}"` : '',
    v.promptTitle ? `promptTitle="${escapeXml(clip(v.promptTitle, 32))}"` : '',
    v.prompt ? `prompt="${escapeXml(clip(v.prompt, 255))}"` : '',
    `sqref="${v.ref}"`,
  ].filter(Boolean);
  const formulas =
    v.type === 'list'
      ? `<formula1>"${escapeXml((v.items ?? []).join(','))}"</formula1>`
      : `<formula1>${v.min ?? 0}</formula1><formula2>${v.max ?? 0}</formula2>`;
  return `<dataValidation ${attrs.join(' ')}>${formulas}</dataValidation>`;
}

function sheetXml(sheet: XSheet, hasNotes: boolean): string {
  const rows: string[] = [];
  let maxCol = 0;
  sheet.rows.forEach((row, r) => {
    if (!row) return;
    const cells: string[] = [];
    row.forEach((cell, c) => {
      if (!cell) return;
      cells.push(cellXml(cellRef(r, c), cell));
      maxCol = Math.max(maxCol, c);
    });
    const height = sheet.heights?.[r];
    const ht = height ? ` ht="${height}" customHeight="1"` : '';
    if (cells.length) rows.push(`<row r="${r + 1}"${ht}>${cells.join('')}</row>`);
  });
  const lastRow = Math.max(1, sheet.rows.length);
  const dimension = `A1:${cellRef(lastRow - 1, maxCol)}`;
  const freeze = sheet.freezeRows ? `<pane ySplit="${sheet.freezeRows}" topLeftCell="A${sheet.freezeRows + 1}" activePane="bottomLeft" state="frozen"/>` : '';
  const parts = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    sheet.landscape ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : '',
    `<dimension ref="${dimension}"/>`,
    `<sheetViews><sheetView workbookViewId="0">${freeze}</sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
  ];
  if (sheet.widths?.length) {
    parts.push(`<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`);
  }
  parts.push(rows.length ? `<sheetData>${rows.join('')}</sheetData>` : '<sheetData/>');
  // formatColumns/formatRows = 0: widths and heights stay adjustable under protection
  if (sheet.protect) parts.push('<sheetProtection sheet="1" objects="1" scenarios="1" formatColumns="0" formatRows="0"/>');
  if (sheet.merges?.length)
    parts.push(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
  if (sheet.validations?.length) {
    parts.push(`<dataValidations count="${sheet.validations.length}">${sheet.validations.map(validationXml).join('')}</dataValidations>`);
  }
  parts.push('<pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>');
  if (sheet.landscape) parts.push('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>');
  if (hasNotes) parts.push('<legacyDrawing r:id="rId2"/>');
  parts.push('</worksheet>');
  return parts.join('');
}

function commentsXml(notes: NonNullable<XSheet['notes']>): string {
  const list = notes.map((n) => `<comment ref="${n.ref}" authorId="0"><text><r><t xml:space="preserve">${escapeXml(n.text)}</t></r></text></comment>`).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    `<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>Око</author></authors><commentList>${list}</commentList></comments>`
  );
}

function vmlXml(notes: NonNullable<XSheet['notes']>, sheetIndex: number): string {
  const shapes = notes.map((n, i) => {
    const { row, column } = parseRef(n.ref);
    return (
      `<v:shape id="_x0000_s${sheetIndex * 1024 + 1025 + i}" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:260pt;height:110pt;z-index:${i + 1};visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">` +
      '<v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/>' +
      '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>' +
      `<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:Anchor>${column + 1}, 15, ${row}, 2, ${column + 5}, 15, ${row + 6}, 2</x:Anchor>` +
      `<x:AutoFill>False</x:AutoFill><x:Row>${row}</x:Row><x:Column>${column}</x:Column></x:ClientData></v:shape>`
    );
  });
  return (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">' +
    `<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="${sheetIndex + 1}"/></o:shapelayout>` +
    '<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>' +
    `${shapes.join('')}</xml>`
  );
}

/**
 * Fonts: 0 normal, 1 bold 14 (title), 2 bold, 3 italic grey. Fills: 2 grey (header), 3 light
 * yellow (input). Border 1: thin all round. Every xf but 4 and 5 is locked (Excel's default).
 */
const STYLES_XML =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>' +
  '<fonts count="4"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
  '<font><i/><sz val="10"/><color rgb="FF595959"/><name val="Calibri"/><family val="2"/></font></fonts>' +
  '<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFE7E6E6"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFFFF5CC"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="8">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="3" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>' +
  '<xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '</cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** ZIP entries dated 1980-01-01 00:00 in local time: DOS dates are local, so the bytes do not depend on the time zone. */
const FIXED_TIME = new Date(1980, 0, 1, 0, 0, 0);

const utf8 = (text: string) => new TextEncoder().encode(text);

/** Zips named byte arrays, deterministically (used for the workbook parts and for a ZIP of forms). */
export function zipFiles(files: ReadonlyArray<{ name: string; bytes: Uint8Array }>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const file of files) entries[file.name] = [file.bytes, { mtime: FIXED_TIME }];
  return zipSync(entries, { level: 6, mtime: FIXED_TIME });
}

/** The workbook as .xlsx bytes. Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function writeXlsx(sheets: readonly XSheet[]): Uint8Array {
  const files: Array<{ name: string; bytes: Uint8Array }> = [];
  const add = (name: string, text: string) => files.push({ name, bytes: utf8(text) });
  const overrides: string[] = [
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>',
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>',
  ];
  const workbookRels: string[] = [];
  const sheetEntries: string[] = [];
  sheets.forEach((sheet, i) => {
    const n = i + 1;
    const notes = sheet.notes ?? [];
    add(`xl/worksheets/sheet${n}.xml`, sheetXml(sheet, notes.length > 0));
    overrides.push(
      `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
    );
    workbookRels.push(
      `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`,
    );
    const state = sheet.state === 'veryHidden' ? ' state="veryHidden"' : '';
    sheetEntries.push(`<sheet name="${escapeXml(sheet.name)}" sheetId="${n}"${state} r:id="rId${n}"/>`);
    if (notes.length) {
      add(`xl/comments${n}.xml`, commentsXml(notes));
      add(`xl/drawings/vmlDrawing${n}.vml`, vmlXml(notes, i));
      overrides.push(`<Override PartName="/xl/comments${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>`);
      add(
        `xl/worksheets/_rels/sheet${n}.xml.rels`,
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
          `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments${n}.xml"/>` +
          `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing${n}.vml"/>` +
          '</Relationships>',
      );
    }
  });
  const stylesId = sheets.length + 1;
  workbookRels.push(
    `<Relationship Id="rId${stylesId}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>`,
  );
  add(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>' +
      `${overrides.join('')}</Types>`,
  );
  add(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
  );
  add(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetEntries.join('')}</sheets></workbook>`,
  );
  add(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${workbookRels.join('')}</Relationships>`,
  );
  add('xl/styles.xml', STYLES_XML);
  // [Content_Types].xml first, as Office writes it
  files.sort((a, b) => (a.name === '[Content_Types].xml' ? -1 : b.name === '[Content_Types].xml' ? 1 : 0));
  return zipFiles(files);
}
