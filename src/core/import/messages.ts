import { ImportError } from './types.ts';
import type { ImportErrorCode } from './types.ts';

/** Where in the file something is: the parts of an error message before the colon. */
export interface Place {
  file: string;
  sheet?: string;
  /** 1-based Excel row */
  row?: number;
  /** header text of the column */
  column?: string;
}

export function describePlace(place: Place): string {
  const parts = [`Файл «${place.file}»`];
  if (place.sheet !== undefined) parts.push(`лист «${place.sheet}»`);
  if (place.row !== undefined) parts.push(`строка ${place.row}`);
  if (place.column !== undefined) parts.push(`столбец «${place.column}»`);
  return parts.join(', ');
}

export const FIX_AND_RELOAD = 'Исправьте значение в файле и загрузите его снова.';

/** «Файл «f», лист «s», строка 12, столбец «Отметка»: значение «7» — <problem>. <advice>» */
export function invalidValue(place: Place, value: string, problem: string, advice = FIX_AND_RELOAD): ImportError {
  return new ImportError({
    code: 'invalid-value',
    message: `${describePlace(place)}: ${value === '' ? 'ячейка пуста' : `значение «${value}»`} — ${problem}. ${advice}`,
    ...place,
    value,
  });
}

export function fileError(code: ImportErrorCode, place: Place, text: string): ImportError {
  return new ImportError({ code, message: `${describePlace(place)}: ${text}`, ...place });
}

/** Russian plural: plural(3, 'строка', 'строки', 'строк') → 'строки'. */
export function plural(n: number, one: string, few: string, many: string): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  if (mod10 === 1 && mod100 !== 11) return one;
  if (mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14)) return few;
  return many;
}

/** «в строке 14», «в строках 12, 15, 20 и ещё 4» — where a warning applies. */
export function inRows(rows: readonly number[], shown = 5): string {
  const head = rows.slice(0, shown).join(', ');
  const rest = rows.length - shown;
  if (rows.length === 1) return `в строке ${head}`;
  return `в строках ${head}${rest > 0 ? ` и ещё ${rest}` : ''}`;
}

/** «Файл «f», лист «s», строка 8: нет столбца «Отметка». <advice>» — `column` names the missing one. */
export function missingColumn(place: Place & { column: string }, advice: string): ImportError {
  const { column, ...where } = place;
  return new ImportError({
    code: 'missing-column',
    message: `${describePlace(where)}: нет столбца «${column}». ${advice}`,
    ...place,
  });
}
