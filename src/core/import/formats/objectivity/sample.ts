import type { SampleCell, SheetSpec } from '../../samples/xlsx-writer.ts';

export interface ObjectivityRowSpec {
  year: number;
  login: string;
  municipality: string;
  school: string;
  /** 4 РУ, 4 МА, 5 РУ, 5 МА: 1, 0 or null (not analysed) */
  flags: [SampleCell, SampleCell, SampleCell, SampleCell];
  /** default: the number of 1s */
  markers?: SampleCell;
}

/** The ФИОКО per-ОО «признаки необъективности» table, as ФИОКО sends it (docs/methodology.md, «Откуда берутся файлы»). */
export function objectivityListSheet(rows: readonly ObjectivityRowSpec[], name = 'Лист1'): SheetSpec {
  return {
    name,
    rows: [
      ['Год', 'Логин ОО', 'Муниципалитет', 'ОО', '4 РУ', '4 МА', '5 РУ', '5 МА', 'Количество маркеров'],
      ...rows.map((row) => [
        row.year,
        row.login,
        row.municipality,
        row.school,
        ...row.flags,
        row.markers === undefined ? row.flags.filter((flag) => flag === 1).length : row.markers,
      ]),
    ],
  };
}
