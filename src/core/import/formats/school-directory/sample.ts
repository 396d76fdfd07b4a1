import type { SampleCell, SheetSpec } from '../../samples/xlsx-writer.ts';

/** One school of a directory file; absent fields are written as empty cells. */
export interface DirectoryRowSpec {
  login?: string;
  rcoiCode?: string;
  name: string;
  shortName?: string;
  municipality?: string;
  settlement?: string;
  schoolType?: string;
  cluster?: string;
  contingent?: number;
  isbsh?: number | string;
  year?: number | string;
}

export const DIRECTORY_HEADERS = [
  'Логин ФИС ОКО',
  'Код ОО (РЦОИ)',
  'Наименование ОО',
  'Краткое наименование',
  'Муниципалитет',
  'Тип поселения',
  'Тип ОО',
  'Кластер',
  'Контингент',
  'ИСБШ',
  'Год',
] as const;

/** A school directory as a methodist keeps it (headers as in issue 3); `withYear: false` drops «Год». */
export function schoolDirectorySheet(rows: readonly DirectoryRowSpec[], { withYear = true, name = 'Справочник ОО' } = {}): SheetSpec {
  const headers = withYear ? [...DIRECTORY_HEADERS] : DIRECTORY_HEADERS.slice(0, -1);
  const body: SampleCell[][] = rows.map((row) => {
    const cells: SampleCell[] = [
      row.login ?? null,
      row.rcoiCode ?? null,
      row.name,
      row.shortName ?? null,
      row.municipality ?? null,
      row.settlement ?? null,
      row.schoolType ?? null,
      row.cluster ?? null,
      row.contingent ?? null,
      row.isbsh ?? null,
    ];
    if (withYear) cells.push(row.year ?? null);
    return cells;
  });
  return { name, rows: [headers, ...body] };
}
