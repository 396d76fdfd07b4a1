import type { Database } from '../../../db.ts';
import type { ColumnRef } from '../../columns.ts';
import type { FormatId } from '../../formats.ts';
import { fileError } from '../../messages.ts';
import type { Detected, Importer, RunContext, RunOutcome } from '../../pipeline/registry.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import type { LayoutColumn, TableLayout } from './layouts.ts';
import type { LocatedTable, ReadOptions, TableRow } from './table.ts';
import { checkRange, locate, missingRequired, readRows, sheetNameFor } from './table.ts';

/**
 * A header row with every required column of a seed layout, including its own columns («Этап» +
 * «Статус», «Код педагога», «Охвачено…», «Степень медали», «Предмет» + «Отметка» + ФИО): above the
 * 0.9 of a ВПР participant table and the 0.85 of a bare РЦОИ header, which share «ОО», «Код
 * участника», «Код ОО», «Отметка».
 */
export const TABLE_CONFIDENCE = 0.95;
/** The layout's own columns are there but a required one is missing: claimed only to explain it. */
export const BROKEN_CONFIDENCE = 0.2;

export interface SeedRun {
  db: Database;
  ctx: RunContext;
  table: LocatedTable;
  sheetName: string | undefined;
  /** the rows, typed and checked by the layout */
  rows: TableRow[];
}

export interface SeedImporterSpec {
  id: string;
  supported: string;
  format: FormatId;
  label: string;
  layout: TableLayout;
  /** columns that make a header this layout's even when a required one is missing */
  marker: string[];
  /** a column a complete header needs beyond the required ones (e.g. «ФИО» or «Фамилия»), or null */
  alsoNeeded?: (columns: Map<string, ColumnRef>) => LayoutColumn | null;
  custom?: ReadOptions['custom'];
  run(run: SeedRun): RunOutcome;
}

/** An Importer for one seed layout: detect by header, read and type the rows, then `spec.run`. */
export function seedImporter(spec: SeedImporterSpec): Importer {
  return {
    id: spec.id,
    supported: spec.supported,
    labels: { [spec.format]: spec.label },
    detect(fileName: string, sheets: readonly SheetGrid[]): Detected | null {
      const table = locate(spec.layout, sheets, spec.marker, spec.alsoNeeded);
      if (!table) return null;
      const sheetName = sheetNameFor(fileName, sheets, table.sheet);
      if (table.missing.length > 0) {
        return {
          format: spec.format,
          label: spec.label,
          confidence: BROKEN_CONFIDENCE,
          run: () => {
            throw missingRequired(table, fileName, sheetName);
          },
        };
      }
      return {
        format: spec.format,
        label: spec.label,
        confidence: TABLE_CONFIDENCE,
        run: (db, ctx) => {
          const rows = readRows(table, { fileName: ctx.fileName, sheetName, custom: spec.custom });
          if (rows.length === 0) {
            throw fileError(
              'empty',
              { file: ctx.fileName, sheet: sheetName },
              `под строкой заголовков таблицы «${spec.layout.title}» нет ни одной строки. Проверьте, что выбран заполненный файл.`,
            );
          }
          for (const row of rows) checkRange(row, 'year', 2000, 2100, 'нужен год окончания учебного года, например 2025 или 2024/2025');
          const outcome = spec.run({ db, ctx, table, sheetName, rows });
          ctx.onProgress?.(rows.length, rows.length);
          return outcome;
        },
      };
    },
  };
}

/** «2025», «2024 и 2025» — years of the rows, for warnings. */
export function yearsOf(rows: readonly TableRow[]): string {
  const years = [...new Set(rows.map((row) => Number(row.values.year)))].sort();
  return years.length === 1 ? String(years[0]) : `${years.slice(0, -1).join(', ')} и ${years[years.length - 1]}`;
}
