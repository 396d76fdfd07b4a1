import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { F1Spec } from '../../src/core/import/formats/vpr-results/sample-f1.ts';
import { writeFisokoF1 } from '../../src/core/import/formats/vpr-results/sample-f1.ts';
import { createRandom } from '../../src/core/import/samples/prng.ts';

const TASKS = [
  ['1', 2],
  ['2', 1],
  ['3', 2],
  ['4', 3],
  ['5', 2],
  ['6', 1],
  ['7', 1],
  ['8', 2],
  ['9.1', 1],
  ['9.2', 2],
  ['10.1', 1],
  ['10.2', 2],
  ['11', 1],
  ['12.1', 2],
  ['12.2', 1],
] as const;

/** A municipal-scale Ф1 (ВПР 2026 русский язык 4 класс) with `rows` participants over schools of 250. */
export function largeF1Spec(rows: number): F1Spec {
  const random = createRandom(20260420);
  const perSchool = 250;
  const schools = Math.ceil(rows / perSchool);
  return {
    year: 2026,
    subject: 'Русский язык',
    grade: 4,
    examDate: '2026-04-20',
    tasks: TASKS.map(([code, max], i) => ({ code, max, difficulty: i % 5 === 4 ? 'П' : 'Б' })),
    schools: Array.from({ length: schools }, (_, s) => ({
      login: `edu88${String(s + 1).padStart(4, '0')}`,
      name: `МБОУ «СОШ №${s + 1}»`,
      municipality: 'Нагрузочный муниципальный район(reg88_m001)',
      participants: Array.from({ length: Math.min(perSchool, rows - s * perSchool) }, (_, p) => {
        const ability = random.next();
        const scores = TASKS.map(([, max]) => Math.min(max, Math.floor((ability + random.next() * 0.6) * (max + 0.5))));
        const total = scores.reduce((a, b) => a + b, 0);
        const mark = total >= 21 ? 5 : total >= 16 ? 4 : total >= 10 ? 3 : 2;
        const journal = Math.min(5, Math.max(2, mark + (random.chance(0.3) ? 1 : 0) - (random.chance(0.1) ? 1 : 0)));
        return { code: 40000 + p + 1, classOrdinal: 1 + (p % 3), variant: 1 + (p % 2), scores, mark, journal };
      }),
    })),
  };
}

export function largeF1(rows: number): Uint8Array {
  return writeFisokoF1(largeF1Spec(rows));
}

/** The header of the big CSV: a regional monitoring table that is no layout Око knows (→ a table of the user's own). */
export const LARGE_CSV_HEADER = ['Номер записи', 'Школа', 'Класс', 'Ученик', 'Показатель', 'Значение', 'Доля', 'Дата замера'];

const INDICATORS = [
  'Читательская грамотность',
  'Математическая грамотность',
  'Естественнонаучная грамотность',
  'Финансовая грамотность',
  'Глобальные компетенции',
  'Креативное мышление',
];

/**
 * A regional monitoring table as Russian Excel saves «CSV UTF-8» (BOM, ';', CRLF): `rows` rows
 * of 8 columns — integer, school login, class, pupil code, indicator (text with spaces), value,
 * share with a decimal comma, date — 76 MB at 1,000,000 rows. Deterministic (seeded).
 */
export function largeCsv(rows: number): Uint8Array {
  const random = createRandom(20261126);
  const encoder = new TextEncoder();
  const parts: Uint8Array[] = [encoder.encode(`\ufeff${LARGE_CSV_HEADER.join(';')}\r\n`)];
  let lines: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const school = 1 + Math.floor(random.next() * 600);
    const value = Math.floor(random.next() * 31);
    const day = 1 + ((i * 7) % 28);
    lines.push(
      `${i};edu88${String(school).padStart(4, '0')};${5 + (i % 5)}${'АБВГ'[i % 4]};${100000 + ((i * 7919) % 900000)};` +
        `${INDICATORS[i % INDICATORS.length]};${value};${(value / 30).toFixed(2).replace('.', ',')};${String(day).padStart(2, '0')}.03.2026`,
    );
    if (lines.length === 10_000 || i === rows) {
      parts.push(encoder.encode(`${lines.join('\r\n')}\r\n`));
      lines = [];
    }
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** A generated file, cached in .bench/ (the generators are deterministic). */
export function cachedFile(name: string, make: () => Uint8Array): Uint8Array {
  const path = `.bench/${name}`;
  if (existsSync(path)) return new Uint8Array(readFileSync(path));
  mkdirSync('.bench', { recursive: true });
  const bytes = make();
  writeFileSync(path, bytes);
  return bytes;
}

export const cachedLargeF1 = (rows: number) => cachedFile(`f1-${rows}.xlsx`, () => largeF1(rows));
export const cachedLargeCsv = (rows: number) => cachedFile(`table-${rows}.csv`, () => largeCsv(rows));

/**
 * A plain workbook of `rows` × 24 columns (8 text columns from a shared-strings table of 1,000
 * strings, 16 numbers), shaped like Excel writes it, ~0.8 KB of sheet XML a row; no layout
 * Око knows. For probing how much SheetJS can parse in a tab (limits.ts).
 */
export async function syntheticXlsx(rows: number): Promise<{ bytes: Uint8Array; xmlBytes: number }> {
  const { zipArchive } = await import('../../tests/fixtures/hostile.ts');
  const encoder = new TextEncoder();
  const strings = Array.from({ length: 1000 }, (_, i) => `Значение ${i} — текст ячейки`);
  const sst = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;
  const letters = Array.from({ length: 24 }, (_, c) => String.fromCharCode(65 + c));
  const chunks: Uint8Array[] = [
    encoder.encode(
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    ),
  ];
  let lines: string[] = [];
  for (let r = 1; r <= rows; r++) {
    let row = `<row r="${r}">`;
    for (let c = 0; c < 24; c++) {
      const ref = `${letters[c]}${r}`;
      row += c < 8 ? `<c r="${ref}" t="s"><v>${(r * 7 + c * 131) % 1000}</v></c>` : `<c r="${ref}"><v>${(r * 13 + c * 977) % 100000}</v></c>`;
    }
    lines.push(`${row}</row>`);
    if (lines.length === 10_000 || r === rows) {
      chunks.push(encoder.encode(lines.join('')));
      lines = [];
    }
  }
  chunks.push(encoder.encode('</sheetData></worksheet>'));
  const sheet = new Uint8Array(chunks.reduce((sum, c) => sum + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    sheet.set(c, at);
    at += c.length;
  }
  const text = (s: string) => encoder.encode(s);
  const bytes = zipArchive([
    {
      name: '[Content_Types].xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Данные" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: text(
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
      ),
    },
    { name: 'xl/sharedStrings.xml', data: text(sst) },
    { name: 'xl/worksheets/sheet1.xml', data: sheet },
  ]);
  return { bytes, xmlBytes: sheet.length };
}
