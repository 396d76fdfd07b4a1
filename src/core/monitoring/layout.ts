/**
 * Where everything sits in a generated form, shared by the generator and the collector: the
 * collector recognises a file by its hidden sheet, then checks the locked cells against what
 * this layout says they held when the form was made, and reads the answers from the same cells.
 *
 * Sheet «Форма»: title (row 1); header block B2:D6 (учебный год, ОО, код ОО, срок сдачи, дата
 * заполнения); a note (row 7); the table header (row 8); one row per field from row 9: № | Показатель
 * | Единица | Значение | Что можно вписать. Only D6 and the «Значение» cells are unlocked.
 */
import type { FormField, MonitoringForm } from './types.ts';

export const FORM_SHEET = 'Форма';
export const SUMMARY_SHEET = 'Сводка';
/** The very hidden sheet that says what the file is. */
export const META_SHEET = 'oko';
export const META_MARKER = 'Око: форма мониторинга';

/** 0-based rows of the header block and the table */
export const ROW = { title: 0, year: 1, school: 2, code: 3, deadline: 4, filled: 5, note: 6, header: 7, firstField: 8 } as const;
/** 0-based columns: labels in B, values in D */
export const COL = { number: 0, label: 1, unit: 2, value: 3, allowed: 4 } as const;

export const HEADER_LABELS = {
  year: 'Учебный год',
  school: 'Образовательная организация',
  code: 'Код ОО (логин ФИС ОКО)',
  deadline: 'Срок сдачи формы',
  filled: 'Дата заполнения',
} as const;

export const TABLE_HEADER = ['№', 'Показатель', 'Единица', 'Значение', 'Что можно вписать'] as const;

/** Summary layout: row 1 title, row 2 the school year, row 4 headers, from row 5 one row per school. */
export const SUMMARY = { title: 0, year: 1, header: 3, firstSchool: 4, fixedColumns: 4 } as const;
export const SUMMARY_HEADER = ['№', 'Образовательная организация', 'Код ОО', 'Дата заполнения'] as const;

/** The column header of a field in the summary: «Обучающихся 6–11 классов, всего, чел.» */
export const summaryColumnHeader = (field: FormField) => `${field.label}, ${field.unit}`;

export const FILL_NOTE =
  'Заполните жёлтые ячейки: дату заполнения и столбец «Значение». Остальные ячейки защищены: по ним Око узнаёт форму, ' +
  'поэтому не меняйте их, не вставляйте и не удаляйте строки. Подсказка к каждому показателю — в примечании к его названию.';

/** «2025/2026» for the school year that ends in 2026. */
export const schoolYear = (year: number) => `${year - 1}/${year}`;

/** '2026-05-29' → '29.05.2026' */
export const russianDate = (iso: string) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
};

/** What may be written in a field, in the words the form and the error messages use. */
export function allowedText(field: FormField, fields: readonly FormField[]): string {
  switch (field.kind) {
    case 'count': {
      const whole = fields.find((f) => f.code === field.partOf);
      const part = whole ? `, не больше строки ${fields.indexOf(whole) + 1}` : '';
      return `целое число от ${field.min ?? 0} до ${field.max ?? 100000}${part}`;
    }
    case 'score':
      return `целое число от ${field.min} до ${field.max}`;
    case 'yesno':
      return '«да» или «нет»';
    case 'choice':
      return (field.choices ?? []).map((c) => `«${c}»`).join(', ');
  }
}

/** The fields of a version of a form, as rows of the sheet: code, label and unit (older versions keep theirs). */
export function versionRows(form: MonitoringForm, version: number): ReadonlyArray<{ code: string; label: string; unit: string; field?: FormField }> {
  if (version === form.version) return form.fields.map((field) => ({ code: field.code, label: field.label, unit: field.unit, field }));
  const older = form.history.find((h) => h.version === version);
  return older ? older.fields : [];
}

/** The hidden sheet's keys (column A), in Russian in case someone opens it. */
export const META_KEYS = {
  form: 'форма',
  version: 'версия',
  kind: 'вид',
  year: 'учебный год',
  school: 'ОО',
  deadline: 'срок',
  addressees: 'адресаты',
  created: 'создана',
} as const;

export type FileKind = 'school' | 'summary';
export const KIND_WORDS: Record<FileKind, string> = { school: 'форма ОО', summary: 'сводка муниципалитета' };
