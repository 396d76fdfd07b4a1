import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/core/db.ts';
import { findIndicator, paramOptions, resolveParams } from '../../src/core/indicators/index.ts';
import { runIndicator } from '../../src/core/indicators/run.ts';
import type { IndicatorDef, IndicatorResult } from '../../src/core/indicators/types.ts';
import { toCsv } from '../../src/export/csv.ts';
import { collectRows } from '../../src/export/rows.ts';
import { indicatorFileName, indicatorMeta, SMALL_GROUP_EXPORT_NOTE } from '../../src/export/table-meta.ts';
import { xlsxBytes } from '../../src/export/xlsx.ts';
import { ArraySource } from '../../src/ui/grid/array-source.ts';
import { indicatorFixture, MAIN } from './indicator-fixture.ts';

/**
 * Item 6 of the справка issue: an exported table says what it is. V2 on the hand-made fixture
 * (ВПР 2026, русский язык, 4 класс; «МКОУ ООШ с. Малое» has 4 writers, a small group; two
 * municipalities, so the municipality is a real choice and goes into the file name).
 */
const db = indicatorFixture();
const v2 = findIndicator('V2')!;
const EXPORTED_AT = new Date(2026, 10, 26, 14, 32);

/** The grid's source as IndicatorTab builds it: the `small` flag is a hidden column. */
function gridSource(def: IndicatorDef, result: IndicatorResult): ArraySource {
  const declared = new Map(def.columns.map((c) => [c.name, c]));
  const columns = result.columns.map((name) => {
    const c = declared.get(name);
    return { name, label: c?.label ?? name, format: c?.format, hidden: !c || c.hidden || name === 'small' };
  });
  return new ArraySource(columns, result.rows, def.id);
}

function exportOf(hideSmall: 0 | 1) {
  const params = resolveParams(db, v2, { ...MAIN, hide_small: hideSmall });
  const options = paramOptions(db, v2, params);
  const result = runIndicator(db, v2, params);
  return { params, options, source: gridSource(v2, result) };
}

const SMALL = 'МКОУ ООШ с. Малое';

describe('exported indicator tables carry their title, parameters and the small-group mark', () => {
  it('names the file in Russian with the chosen values, the municipality when there are several, no switch at rest', () => {
    const { params, options } = exportOf(0);
    expect(options.scheme.map((o) => o.label)).toEqual(['без кластеров']);
    expect(indicatorFileName(v2, params, options)).toBe('V2 Распределение отметок — 2026, русский язык, 4 класс, Тестовый муниципальный район');
    const hidden = exportOf(1);
    expect(indicatorFileName(v2, hidden.params, hidden.options)).toBe(
      'V2 Распределение отметок — 2026, русский язык, 4 класс, Тестовый муниципальный район, без ОО менее 10 участников',
    );
  });

  it('collects the small-group flag as a readable last column «Менее 10 участников»', async () => {
    const table = await collectRows(exportOf(0).source);
    expect(table.columns.map((c) => c.label)).toEqual([
      'Уровень',
      'ОО / муниципалитет',
      'Участников',
      '«2», чел.',
      '«3», чел.',
      '«4», чел.',
      '«5», чел.',
      '«2», %',
      '«3», %',
      '«4», %',
      '«5», %',
      'Менее 10 участников',
    ]);
    expect(table.rows.map((r) => [r[1], r[2], r.at(-1)])).toEqual([
      ['Гимназия №2', 10, null],
      [SMALL, 4, 'да'],
      ['СОШ №1', 12, null],
      ['Тестовый муниципальный район', 26, null],
    ]);
  });

  it('drops the small groups from the file when the user hid them (hide_small = 1)', async () => {
    const table = await collectRows(exportOf(1).source);
    expect(table.rows.map((r) => r[1])).toEqual(['Гимназия №2', 'СОШ №1', 'Тестовый муниципальный район']);
    // the total still counts the hidden school's writers
    expect(table.rows.at(-1)![2]).toBe(26);
  });

  it('CSV: the header row first (machine-readable), the mark column, decimal commas', async () => {
    const table = await collectRows(exportOf(0).source);
    const csv = toCsv(table.columns, table.rows);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Уровень;ОО / муниципалитет;Участников;«2», чел.;«3», чел.;«4», чел.;«5», чел.;«2», %;«3», %;«4», %;«5», %;Менее 10 участников');
    expect(lines[2]).toBe(`ОО;${SMALL};4;2;2;0;0;50;50;0;0;да`);
    expect(lines[4]).toBe('Муниципалитет;Тестовый муниципальный район;26;3;8;9;6;11,54;30,77;34,62;23,08;');
  });

  it('XLSX: title and parameters above the table, a «Параметры» sheet, numbers as numbers', async () => {
    const { params, options, source } = exportOf(0);
    const meta = indicatorMeta(v2, params, options, EXPORTED_AT);
    const book = XLSX.read(new Uint8Array(await xlsxBytes(await collectRows(source), 'V2', meta)), { type: 'array', cellNF: true });
    expect(book.SheetNames).toEqual(['V2', 'Параметры']);
    const rows = XLSX.utils.sheet_to_json<SqlValue[]>(book.Sheets.V2, { header: 1, blankrows: true, defval: null });
    expect(rows.slice(0, 8).map((r) => r[0])).toEqual([
      'V2. Распределение отметок',
      'Год: 2026',
      'Предмет: Русский язык',
      'Класс: 4 класс',
      'Муниципалитет: Тестовый муниципальный район',
      'Кластеры: без кластеров',
      'ОО, где менее 10 участников: показывать (отмечены)',
      'Выгружено: 26.11.2026, 14:32',
    ]);
    expect(rows[8].every((v) => v === null)).toBe(true);
    expect(rows[9][0]).toBe('Уровень');
    expect(rows[9][11]).toBe('Менее 10 участников');
    expect(rows[11]).toEqual(['ОО', SMALL, 4, 2, 2, 0, 0, 50, 50, 0, 0, 'да']);
    expect(rows[13]).toEqual(['Муниципалитет', 'Тестовый муниципальный район', 26, 3, 8, 9, 6, 11.54, 30.77, 34.62, 23.08, null]);
    expect(book.Sheets.V2.H14.z).toBe('0.00');

    const described = XLSX.utils.sheet_to_json<string[]>(book.Sheets['Параметры'], { header: 1 });
    expect(described.map((r) => r[0])).toEqual([
      'Показатель',
      'Год',
      'Предмет',
      'Класс',
      'Муниципалитет',
      'Кластеры',
      'ОО, где менее 10 участников',
      'Источник',
      'Формула',
      'Дата выгрузки',
      'Малые группы',
    ]);
    expect(described[0][1]).toBe('V2. Распределение отметок');
    expect(described[2][1]).toBe('Русский язык');
    expect(described[7][1]).toBe(v2.source);
    expect(described[8][1]).toBe(v2.formula);
    expect(described[9][1]).toBe('26.11.2026, 14:32');
    expect(described[10][1]).toBe(SMALL_GROUP_EXPORT_NOTE);
  });

  it('formula-like text stays inert: a text cell in XLSX, an apostrophe in CSV', async () => {
    const columns = [
      { name: 'name', label: 'ОО' },
      { name: 'n', label: 'Участников', format: 'int' as const },
    ];
    const rows: SqlValue[][] = [
      ['=HYPERLINK("http://example.invalid","x")', 3],
      ['@SUM(A1)', -5],
      ['-12', 1],
    ];
    const csv = toCsv(columns, rows).split('\r\n');
    expect(csv.slice(1, 4)).toEqual(['"\'=HYPERLINK(""http://example.invalid"",""x"")";3', "'@SUM(A1);-5", '-12;1']);
    const meta = { title: '=1+1', params: [{ label: 'Год', value: '+7' }], exportedAt: EXPORTED_AT };
    const book = XLSX.read(new Uint8Array(await xlsxBytes({ columns, rows }, 'Лист', meta)), { type: 'array', cellFormula: true });
    const sheet = book.Sheets['Лист'];
    for (const ref of ['A1', 'A2', 'A6', 'A7']) {
      expect(sheet[ref].t).toBe('s');
      expect(sheet[ref].f).toBeUndefined();
    }
    expect(sheet.A6.v).toBe('=HYPERLINK("http://example.invalid","x")');
    expect(sheet.A1.v).toBe('=1+1');
  });
});

describe('readable file names', () => {
  it('keeps spaces, «», — and commas; turns what a system refuses into a space; cuts long names at a word', async () => {
    const { readableFileName } = await import('../../src/export/filename.ts');
    expect(readableFileName('V7 Отметки: ВПР / журнал — 2026, «СОШ №1»?')).toBe('V7 Отметки ВПР журнал — 2026, «СОШ №1»');
    expect(readableFileName(' .. ', 'V2')).toBe('V2');
    const long = readableFileName(`M3 ${'очень длинное название '.repeat(10)}`);
    expect(long.length).toBeLessThanOrEqual(120);
    expect(long.endsWith('название')).toBe(true);
  });
});
