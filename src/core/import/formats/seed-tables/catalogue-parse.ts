import { ADDITIONAL_EDUCATION_LAYOUT, OLYMPIAD_LAYOUT, STAFF_LAYOUT } from './catalogue-layouts.ts';
import type { LayoutColumn, TableLayout } from './catalogue-layouts.ts';

export type TableValue = string | number | null;

export interface ParsedTable<T> {
  /** one record per data row; `school` is the ОО reference as written (resolved on import) */
  records: T[];
  /** Russian messages naming the row (1-based, as in the spreadsheet) and the column */
  errors: string[];
  /** 0-based index of the header row in the input */
  headerRow: number;
}

export interface OlympiadRecord {
  year: number;
  stage: string;
  subject: string;
  school: string;
  participant_key: string;
  grade: number | null;
  status: string;
  score: number | null;
}
export interface AdditionalEducationRecord {
  school: string;
  year: number;
  students_total: number;
  students_covered: number;
}
export interface StaffRecord {
  school: string;
  year: number;
  teacher_key: string;
  higher_education: number | null;
  category: string | null;
  refresher_valid: number | null;
  birth_year: number | null;
  age: number | null;
}

const norm = (v: unknown) =>
  String(v ?? '')
    .trim()
    .toLowerCase()
    .replace(/ё/g, 'е')
    .replace(/\s+/g, ' ');

function headerMatches(column: LayoutColumn, cell: unknown): boolean {
  const text = norm(cell);
  return text !== '' && [column.header, ...column.synonyms].some((h) => norm(h) === text);
}

/** '2024/2025' and '2024-2025' mean the school year ending in 2025. */
function readInteger(raw: unknown, column: LayoutColumn): number | null | 'bad' {
  if (raw === null || raw === undefined || String(raw).trim() === '') return null;
  if (typeof raw === 'number') return Number.isInteger(raw) ? raw : 'bad';
  const text = String(raw).trim();
  const span = column.column === 'year' ? /^(\d{4})\s*[/-]\s*(\d{2,4})$/.exec(text) : null;
  if (span) return Number(span[2].length === 2 ? span[1].slice(0, 2) + span[2] : span[2]);
  const number = Number(text.replace(/\s/g, '').replace(',', '.'));
  return Number.isInteger(number) ? number : 'bad';
}

function readFlag(raw: unknown): number | null | 'bad' {
  const text = norm(raw);
  if (text === '') return null;
  if (['1', 'да', 'есть', 'имеется', 'true', '+'].includes(text)) return 1;
  if (['0', 'нет', 'false', '-'].includes(text)) return 0;
  return 'bad';
}

function readChoice(raw: unknown, column: LayoutColumn): string | null | 'bad' {
  const text = norm(raw);
  if (text === '') return null;
  for (const [value, spellings] of Object.entries(column.choices ?? {})) {
    if (spellings.some((s) => norm(s) === text) || norm(value) === text) return value;
  }
  return 'bad';
}

/**
 * Rows of a sheet (arrays of cells, as SheetJS `sheet_to_json(ws, {header: 1})` gives) → records
 * of the layout. The header row is the first of the first 20 rows that holds every required
 * header; empty rows are skipped. Pure: no database, no school lookup.
 */
export function parseTableRows(layout: TableLayout, rows: unknown[][]): ParsedTable<Record<string, TableValue>> {
  const required = layout.columns.filter((c) => c.required);
  const headerRow = rows.slice(0, 20).findIndex((row) => required.every((c) => (row ?? []).some((cell) => headerMatches(c, cell))));
  if (headerRow < 0) {
    return {
      records: [],
      errors: [`Не найдена строка заголовков таблицы «${layout.title}»: нужны столбцы ${required.map((c) => `«${c.header}»`).join(', ')}.`],
      headerRow: -1,
    };
  }
  const header = rows[headerRow] ?? [];
  const at = new Map(layout.columns.map((c) => [c, header.findIndex((cell) => headerMatches(c, cell))]));
  const records: Record<string, TableValue>[] = [];
  const errors: string[] = [];
  for (let r = headerRow + 1; r < rows.length; r++) {
    const row = rows[r] ?? [];
    if (row.every((cell) => String(cell ?? '').trim() === '')) continue;
    const record: Record<string, TableValue> = {};
    let ok = true;
    for (const column of layout.columns) {
      const i = at.get(column)!;
      const raw = i >= 0 ? row[i] : undefined;
      let value: TableValue | 'bad';
      if (column.kind === 'integer') value = readInteger(raw, column);
      else if (column.kind === 'flag') value = readFlag(raw);
      else if (column.kind === 'choice') value = readChoice(raw, column);
      else value = raw === null || raw === undefined || String(raw).trim() === '' ? null : String(raw).trim();
      const where = `строка ${r + 1}, столбец «${column.header}»`;
      if (value === 'bad') {
        errors.push(`${where}: значение «${String(raw)}» не подходит (${column.description}).`);
        ok = false;
      } else if (value === null && column.required) {
        errors.push(`${where}: пусто, а столбец обязателен.`);
        ok = false;
      } else {
        record[column.column] = value;
      }
    }
    if (ok) records.push(record);
  }
  return { records, errors, headerRow };
}

export function parseOlympiadRows(rows: unknown[][]): ParsedTable<OlympiadRecord> {
  const parsed = parseTableRows(OLYMPIAD_LAYOUT, rows);
  const records = parsed.records.map((r) => {
    const score = r.score === null || r.score === undefined ? null : Number(String(r.score).replace(',', '.'));
    return { ...r, grade: r.grade ?? null, score: Number.isFinite(score) ? score : null } as OlympiadRecord;
  });
  return { ...parsed, records };
}

export function parseAdditionalEducationRows(rows: unknown[][]): ParsedTable<AdditionalEducationRecord> {
  const parsed = parseTableRows(ADDITIONAL_EDUCATION_LAYOUT, rows);
  const errors = [...parsed.errors];
  const records = parsed.records.filter((r, i) => {
    if (Number(r.students_covered) <= Number(r.students_total)) return true;
    errors.push(`запись ${i + 1} (ОО «${r.school}»): охвачено ${r.students_covered} больше, чем обучающихся ${r.students_total}.`);
    return false;
  }) as unknown as AdditionalEducationRecord[];
  return { ...parsed, records, errors };
}

export function parseStaffRows(rows: unknown[][]): ParsedTable<StaffRecord> {
  const parsed = parseTableRows(STAFF_LAYOUT, rows);
  const records = parsed.records.map((r) => ({
    higher_education: null,
    category: null,
    refresher_valid: null,
    birth_year: null,
    age: null,
    ...r,
  })) as unknown as StaffRecord[];
  return { ...parsed, records };
}
