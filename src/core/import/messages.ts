import { MAX_QUOTED_CHARS } from './limits.ts';
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

/** Text quoted in a message, cut to MAX_QUOTED_CHARS (a 1 MB cell must not become a 1 MB message). */
export function quoted(text: string): string {
  return text.length > MAX_QUOTED_CHARS ? `${text.slice(0, MAX_QUOTED_CHARS)}… (${text.length.toLocaleString('ru-RU')} знаков)` : text;
}

export function describePlace(place: Place): string {
  const parts = [`Файл «${place.file}»`];
  if (place.sheet !== undefined) parts.push(`лист «${quoted(place.sheet)}»`);
  if (place.row !== undefined) parts.push(`строка ${place.row}`);
  if (place.column !== undefined) parts.push(`столбец «${quoted(place.column)}»`);
  return parts.join(', ');
}

/** The ImportError fields of a place, with long texts cut as in the message. */
function placeFields(place: Place): Place {
  return { ...place, ...(place.column !== undefined ? { column: quoted(place.column) } : {}) };
}

export const FIX_AND_RELOAD = 'Исправьте значение в файле и загрузите его снова.';

/** «Файл «f», лист «s», строка 12, столбец «Отметка»: значение «7» — <problem>. <advice>» */
export function invalidValue(place: Place, value: string, problem: string, advice = FIX_AND_RELOAD): ImportError {
  return new ImportError({
    code: 'invalid-value',
    message: `${describePlace(place)}: ${value === '' ? 'ячейка пуста' : `значение «${quoted(value)}»`} — ${problem}. ${advice}`,
    ...placeFields(place),
    value: quoted(value),
  });
}

export function fileError(code: ImportErrorCode, place: Place, text: string): ImportError {
  return new ImportError({ code, message: `${describePlace(place)}: ${text}`, ...placeFields(place) });
}

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * «Файл «f», лист «s», строка 8: столбец «Отметка» встречается дважды — в столбцах H и K …»:
 * a layout column the importer needs once is there twice (or more), so which one holds the
 * data cannot be told.
 */
export function duplicateColumn(place: Place & { column: string }, indexes: readonly number[]): ImportError {
  const { column, ...where } = place;
  const letters = indexes.map(columnLetter);
  const times = indexes.length === 2 ? 'дважды' : `${indexes.length} раза`;
  const list = `${letters.slice(0, -1).join(', ')} и ${letters[letters.length - 1]}`;
  return new ImportError({
    code: 'duplicate-column',
    message:
      `${describePlace(where)}: столбец «${quoted(column)}» встречается ${times} — в столбцах ${list}, и неясно, какой из них загружать. ` +
      'Удалите или переименуйте лишние столбцы и загрузите файл снова.',
    ...placeFields(place),
  });
}

export { plural } from '../plural.ts';

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
    message: `${describePlace(where)}: нет столбца «${quoted(column)}». ${advice}`,
    ...placeFields(place),
  });
}
