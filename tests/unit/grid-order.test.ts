import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/core/db.ts';
import { CATALOGUE, SUMMARY_LEVELS } from '../../src/core/indicators/index.ts';
import { ArraySource } from '../../src/ui/grid/array-source.ts';
import { formatValue } from '../../src/ui/grid/format.ts';
import type { GridColumn } from '../../src/ui/grid/types.ts';

/** An indicator's rows as the SQL orders them: ОО by name, then the cluster, the municipality, region and РФ. */
const COLUMNS: GridColumn[] = [
  { name: 'level', label: 'Уровень', format: 'text' },
  { name: 'name', label: 'ОО / муниципалитет', format: 'text' },
  { name: 'n', label: 'Участников', format: 'int' },
  { name: 'pct_2', label: '«2», %', format: 'pct' },
];
const ROWS: SqlValue[][] = [
  ['ОО', 'Гимназия №3', 56, 1.79],
  ['ОО', 'Лицей №4', 51, 3.92],
  ['ОО', 'СОШ №5', 39, 25.64],
  ['ОО', 'ООШ д. Берёзовка', 7, null],
  ['Кластер', 'кластер «город»', 146, 8.9],
  ['Муниципалитет', 'Демонстрационный муниципальный округ', 348, 8.33],
  ['Регион', 'Демонстрационная область', 21877, 6.1],
  ['РФ', 'Российская Федерация (ФИС ОКО)', 1716950, 5.2],
];
const summary = (row: SqlValue[]) => SUMMARY_LEVELS.includes(String(row[0]));
const names = async (source: ArraySource) => (await source.fetch(0, 100)).rows.map((row) => row[1]);
const SUMMARY_BLOCK = ['кластер «город»', 'Демонстрационный муниципальный округ', 'Демонстрационная область', 'Российская Федерация (ФИС ОКО)'];

describe('sorting an indicator table', () => {
  const source = new ArraySource(COLUMNS, ROWS, 'V14', {}, { summary });

  it('orders the ОО only; the cluster, municipality, region and РФ rows stay below them in their order', async () => {
    const up = await source.withQuery({ sort: { column: 'pct_2', direction: 'asc' } });
    expect(await names(up)).toEqual(['Гимназия №3', 'Лицей №4', 'СОШ №5', 'ООШ д. Берёзовка', ...SUMMARY_BLOCK]);
    const down = await source.withQuery({ sort: { column: 'n', direction: 'desc' } });
    expect(await names(down)).toEqual(['Гимназия №3', 'Лицей №4', 'СОШ №5', 'ООШ д. Берёзовка', ...SUMMARY_BLOCK]);
    const byName = await source.withQuery({ sort: { column: 'name', direction: 'desc' } });
    expect(await names(byName)).toEqual(['СОШ №5', 'ООШ д. Берёзовка', 'Лицей №4', 'Гимназия №3', ...SUMMARY_BLOCK]);
    // the chart draws allVisibleRows: the same order
    expect(down.allVisibleRows.map((row) => row[1])).toEqual(await names(down));
  });

  it('keeps empty cells last in both directions', async () => {
    const down = await source.withQuery({ sort: { column: 'pct_2', direction: 'desc' } });
    expect(await names(down)).toEqual(['СОШ №5', 'Лицей №4', 'Гимназия №3', 'ООШ д. Берёзовка', ...SUMMARY_BLOCK]);
  });

  it('without summary rows sorts every row; without a sort keeps the result order', async () => {
    const plain = new ArraySource(COLUMNS, ROWS, 'запрос');
    const sorted = await plain.withQuery({ sort: { column: 'n', direction: 'asc' } });
    expect((await sorted.fetch(0, 3)).rows.map((row) => row[2])).toEqual([7, 39, 51]);
    const unsorted = await (await source.withQuery({ sort: { column: 'n', direction: 'asc' } })).withQuery({ sort: null });
    expect(await names(unsorted)).toEqual(ROWS.map((row) => row[1]));
  });

  it('a filter applies to every row, the summary block included', async () => {
    const big = await source.withQuery({ filters: [{ column: 'n', op: '>', value: '50' }], sort: { column: 'n', direction: 'asc' } });
    expect(await names(big)).toEqual(['Лицей №4', 'Гимназия №3', ...SUMMARY_BLOCK]);
  });
});

describe('years and codes', () => {
  it('are never digit-grouped; counts are', () => {
    expect(formatValue(2025, 'code')).toBe('2025');
    expect(formatValue(2025, undefined)).toBe('2025');
    expect(formatValue(2025, 'int').replace(/\s/g, ' ')).toBe('2 025');
    expect(formatValue(1716950, 'int').replace(/\s/g, ' ')).toBe('1 716 950');
  });

  it('every year column of the catalogue is declared as a code', () => {
    const years = CATALOGUE.flatMap((def) => def.columns.filter((c) => /(^|_)year$/.test(c.name)).map((c) => `${def.id}.${c.name}:${c.format}`));
    expect(years.length).toBeGreaterThanOrEqual(4);
    for (const year of years) expect(year).toMatch(/:code$/);
  });
});
