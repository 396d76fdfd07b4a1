import type { Cell } from '../../cells.ts';
import { cellText, isBlank } from '../../cells.ts';
import { invalidValue } from '../../messages.ts';
import { reportNumber } from './numbers.ts';
import type { MetricColumn, ParseContext } from './parsed.ts';
import { placeOf } from './parsed.ts';

// ФИС ОКО prints a dash or «нет данных» where a group is empty; such cells give no metric row.
const NO_DATA = /^(-|–|—|н\/д|нет данных|x|х)$/i;
// Rounded shares may add up to a hair over 100.
const PCT_TOLERANCE = 0.5;

/** A metric cell as a number; undefined for blank/no-data cells; an 'invalid-value' error otherwise. */
export function metricValue(ctx: ParseContext, cell: Cell, excelRow: number, column: MetricColumn): number | undefined {
  if (isBlank(cell) || NO_DATA.test(cellText(cell))) return undefined;
  const n = reportNumber(cell);
  const place = placeOf(ctx, excelRow, column.header);
  if (n === undefined) throw invalidValue(place, cellText(cell), 'здесь должно быть число', 'Выгрузите отчёт из ФИС ОКО заново и загрузите его.');
  if (n < 0) throw invalidValue(place, cellText(cell), 'число не может быть отрицательным', 'Выгрузите отчёт из ФИС ОКО заново и загрузите его.');
  if (column.kind === 'pct' && n > 100 + PCT_TOLERANCE) {
    throw invalidValue(place, cellText(cell), 'доля в процентах не может быть больше 100', 'Выгрузите отчёт из ФИС ОКО заново и загрузите его.');
  }
  return n;
}
