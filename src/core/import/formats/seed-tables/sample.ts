/**
 * Sample files of the catalogue's small tables (docs/formats.md, «Таблицы для показателей»):
 * ВсОШ protocol, additional education coverage, teaching staff, medal candidates, term marks.
 * Headers are the templates' (layouts.ts); `headers` swaps in other accepted spellings, `omit`
 * drops columns, `title` puts a title line and an empty row above the header. Deterministic:
 * the same specs give the same bytes (writeWorkbook / writeCsv).
 */
import { ADDITIONAL_EDUCATION_LAYOUT, MEDAL_LAYOUT, OLYMPIAD_LAYOUT, STAFF_LAYOUT, TERM_MARK_LAYOUT } from './layouts.ts';
import type { TableLayout } from './layouts.ts';
import type { Random } from '../../samples/prng.ts';
import { createRandom } from '../../samples/prng.ts';
import type { SampleCell, SheetSpec } from '../../samples/xlsx-writer.ts';

export interface SeedSheetOptions {
  /** sheet name (XLSX) */
  name?: string;
  /** a title line above the header (then an empty row) */
  title?: string;
  /** header text per target column, instead of the template's */
  headers?: Record<string, string>;
  /** target columns left out of the file */
  omit?: string[];
  /** target columns written (in this order) instead of the layout's full list */
  only?: string[];
}

/** One sheet of a layout: header row of the template headers, then one row per record. */
export function layoutSheet(layout: TableLayout, records: ReadonlyArray<Record<string, SampleCell | undefined>>, options: SeedSheetOptions = {}): SheetSpec {
  const wanted = options.only ?? layout.columns.map((column) => column.column);
  const columns = wanted
    .filter((key) => !(options.omit ?? []).includes(key))
    .map((key) => {
      const column = layout.columns.find((c) => c.column === key);
      if (!column) throw new Error(`в раскладке «${layout.title}» нет столбца ${key}`);
      return column;
    });
  const header: SampleCell[] = columns.map((column) => options.headers?.[column.column] ?? column.header);
  const body: SampleCell[][] = records.map((record) => columns.map((column) => record[column.column] ?? null));
  const title: SampleCell[][] = options.title ? [[options.title], []] : [];
  return { name: options.name ?? 'Лист1', rows: [...title, header, ...body] };
}

// ───────────── ВсОШ ─────────────

export interface OlympiadRowSpec {
  year: number | string;
  stage: string;
  subject: string;
  /** login, РЦОИ code or name */
  school: string | number;
  participant: string;
  grade?: number | null;
  status: string;
  score?: number | string | null;
}

export function olympiadSheet(rows: readonly OlympiadRowSpec[], options: SeedSheetOptions = {}): SheetSpec {
  return layoutSheet(
    OLYMPIAD_LAYOUT,
    rows.map((r) => ({
      year: r.year,
      stage: r.stage,
      subject: r.subject,
      school: r.school,
      participant_key: r.participant,
      grade: r.grade,
      status: r.status,
      score: r.score,
    })),
    { name: 'Протокол', ...options },
  );
}

// ───────────── Дополнительное образование ─────────────

export interface AdditionalEducationRowSpec {
  school: string | number;
  year: number | string;
  total: number | string;
  covered: number | string;
}

export function additionalEducationSheet(rows: readonly AdditionalEducationRowSpec[], options: SeedSheetOptions = {}): SheetSpec {
  return layoutSheet(
    ADDITIONAL_EDUCATION_LAYOUT,
    rows.map((r) => ({ school: r.school, year: r.year, students_total: r.total, students_covered: r.covered })),
    { name: 'Охват', ...options },
  );
}

// ───────────── Педагогические работники ─────────────

export interface StaffRowSpec {
  school: string | number;
  year: number | string;
  teacher: string;
  higher?: number | string | null;
  category?: string | null;
  refresher?: number | string | null;
  birthYear?: number | string | null;
  age?: number | string | null;
}

export function staffSheet(rows: readonly StaffRowSpec[], options: SeedSheetOptions = {}): SheetSpec {
  return layoutSheet(
    STAFF_LAYOUT,
    rows.map((r) => ({
      school: r.school,
      year: r.year,
      teacher_key: r.teacher,
      higher_education: r.higher,
      category: r.category,
      refresher_valid: r.refresher,
      birth_year: r.birthYear,
      age: r.age,
    })),
    { name: 'Педагоги', ...options },
  );
}

// ───────────── Претенденты на медаль и отметки за период ─────────────

interface PersonSpec {
  /** «Фамилия Имя Отчество» in one cell (column «ФИО») */
  fullName?: string;
  surname?: string;
  name?: string;
  patronymic?: string;
  document?: string;
  series?: string;
  number?: string;
}

export interface MedalRowSpec extends PersonSpec {
  school: string | number;
  year: number | string;
  degree: number | string;
  klass?: string;
}

function personCells(r: PersonSpec): Record<string, SampleCell | undefined> {
  return { full_name: r.fullName, surname: r.surname, name: r.name, patronymic: r.patronymic, document: r.document, series: r.series, number: r.number };
}

/** Default columns: ОО, Год, ФИО, Документ, Степень медали, Класс (`only` picks others, e.g. Фамилия/Имя/Отчество). */
export const MEDAL_COLUMNS = ['school', 'year', 'full_name', 'document', 'degree', 'class_label'];

export function medalCandidatesSheet(rows: readonly MedalRowSpec[], options: SeedSheetOptions = {}): SheetSpec {
  return layoutSheet(
    MEDAL_LAYOUT,
    rows.map((r) => ({ school: r.school, year: r.year, ...personCells(r), degree: r.degree, class_label: r.klass })),
    { name: 'Претенденты', only: MEDAL_COLUMNS, ...options },
  );
}

export interface TermMarkRowSpec extends PersonSpec {
  school: string | number;
  year: number | string;
  klass?: string;
  subject: string;
  period?: string;
  mark: number | string;
}

/** Default columns: ОО, Год, Класс, ФИО, Предмет, Период, Отметка. */
export const TERM_MARK_COLUMNS = ['school', 'year', 'class_label', 'full_name', 'subject', 'period', 'mark'];

export function termMarksSheet(rows: readonly TermMarkRowSpec[], options: SeedSheetOptions = {}): SheetSpec {
  return layoutSheet(
    TERM_MARK_LAYOUT,
    rows.map((r) => ({ school: r.school, year: r.year, class_label: r.klass, ...personCells(r), subject: r.subject, period: r.period, mark: r.mark })),
    { name: 'Отметки', only: TERM_MARK_COLUMNS, ...options },
  );
}

// ───────────── A generated staff list (bigger files, fixed seed) ─────────────

const CATEGORIES = ['высшая', 'первая', 'соответствие', 'нет'] as const;

/** `perSchool` teachers in each ОО: codes t-001…, flags and ages drawn from a seed of the ОО and year. */
export function generatedStaffRows(schools: readonly string[], year: number, perSchool: number): StaffRowSpec[] {
  return schools.flatMap((school) => {
    const random: Random = createRandom(`staff|${school}|${year}`);
    return Array.from({ length: perSchool }, (_, i): StaffRowSpec => ({
      school,
      year,
      teacher: `t-${String(i + 1).padStart(3, '0')}`,
      higher: random.chance(0.85) ? 1 : 0,
      category: CATEGORIES[Math.min(3, Math.floor(random.next() * 4))],
      refresher: random.chance(0.7) ? 1 : 0,
      birthYear: year - random.int(23, 66),
    }));
  });
}
