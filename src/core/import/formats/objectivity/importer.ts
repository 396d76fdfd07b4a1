import type { Database } from '../../../db.ts';
import type { Cell } from '../../cells.ts';
import { cellInteger, cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { ColumnRef } from '../../columns.ts';
import { mapColumns, refuseDuplicateColumns } from '../../columns.ts';
import { fileError, inRows, invalidValue } from '../../messages.ts';
import type { Detected, Importer, RunContext, RunOutcome } from '../../pipeline/registry.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import { upsertSchool } from '../../schools/write.ts';

/** «4 РУ», «5 МА» (TIKI bias.xlsx); «РУ 4», «РУ-4» are accepted too [I]. */
const WORK_HEADER = [/^(\d{1,2})\s*-?\s*([а-я]{2})$/, /^([а-я]{2})\s*-?\s*(\d{1,2})$/];
const LOGIN = /^(edu|sch)\d{4,8}$/i;
const HEADER_SCAN_ROWS = 30;

const COLUMNS = {
  year: ['год'],
  login: ['логин оо', 'логин', 'логин фис око'],
  municipality: ['муниципалитет', 'муниципальное образование'],
  name: ['оо', 'наименование оо', 'название оо'],
  markers: ['количество маркеров', 'кол-во маркеров'],
};

interface WorkColumn extends ColumnRef {
  /** objectivity_flag.work: 'РУ4' */
  work: string;
}

function workColumns(header: readonly Cell[]): WorkColumn[] {
  const columns: WorkColumn[] = [];
  header.forEach((cell, index) => {
    const folded = normalizeHeader(cell);
    const [byGrade, bySubject] = WORK_HEADER.map((pattern) => pattern.exec(folded));
    const grade = byGrade?.[1] ?? bySubject?.[2];
    const abbr = byGrade?.[2] ?? bySubject?.[1];
    if (grade && abbr) columns.push({ index, header: cellText(cell), work: `${abbr.toUpperCase()}${Number(grade)}` });
  });
  return columns;
}

interface ObjectivityTable {
  sheet: SheetGrid;
  headerRow: number;
  columns: Partial<Record<keyof typeof COLUMNS, ColumnRef>>;
  works: WorkColumn[];
}

function findTable(sheets: readonly SheetGrid[]): ObjectivityTable | null {
  for (const sheet of sheets) {
    for (let r = 0; r < Math.min(sheet.rows.length, HEADER_SCAN_ROWS); r++) {
      const header = sheet.rows[r] ?? [];
      const columns = mapColumns(header, COLUMNS);
      const works = workColumns(header);
      if (columns.login && works.length > 0) return { sheet, headerRow: r, columns, works };
    }
  }
  return null;
}

const REEXPORT = 'Исправьте значение в файле и загрузите его снова.';

function flagOf(file: string, sheet: string, row: number, column: WorkColumn, cell: Cell): number | null {
  if (isBlank(cell)) return null;
  const n = cellInteger(cell);
  if (n === 0 || n === 1) return n;
  throw invalidValue(
    { file, sheet, row, column: column.header },
    cellText(cell),
    'признак должен быть 1 (есть), 0 (нет) или пустой ячейкой (работа не анализировалась)',
    REEXPORT,
  );
}

function runObjectivity(db: Database, table: ObjectivityTable, ctx: RunContext): RunOutcome {
  const { sheet, headerRow, columns, works } = table;
  const file = ctx.fileName;
  refuseDuplicateColumns(sheet.rows[headerRow] ?? [], COLUMNS, { file, sheet: sheet.name, row: headerRow + 1 });
  const place = (row: number, column?: ColumnRef) => ({ file, sheet: sheet.name, row, column: column?.header });
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  const markerMismatch: number[] = [];
  const schools = new Set<number>();
  let flags = 0;
  let changed = 0;
  const upsert = db.prepare(
    `INSERT INTO objectivity_flag (year, school_id, work, flagged, source) VALUES (?, ?, ?, ?, 'fioko')
     ON CONFLICT (year, school_id, work, source) DO UPDATE SET flagged = excluded.flagged`,
  );
  try {
    for (let r = headerRow + 1; r < sheet.rows.length; r++) {
      const row = sheet.rows[r] ?? [];
      const excelRow = r + 1;
      if (row.every(isBlank)) continue;
      const loginCell = row[columns.login!.index];
      const login = cellText(loginCell).toLowerCase();
      if (!LOGIN.test(login)) {
        throw invalidValue(place(excelRow, columns.login), cellText(loginCell), 'нужен логин ОО ФИС ОКО: «edu» и шесть цифр, например edu053001', REEXPORT);
      }
      const year = columns.year ? cellInteger(row[columns.year.index]) : ctx.options.context?.year;
      if (year === undefined || year < 2000 || year > 2100) {
        if (!columns.year)
          throw fileError(
            'missing-column',
            { file, sheet: sheet.name, row: headerRow + 1 },
            'нет столбца «Год». Добавьте его (год проведения ВПР) и загрузите файл снова.',
          );
        throw invalidValue(place(excelRow, columns.year), cellText(row[columns.year.index]), 'нужен год проведения ВПР, например 2024', REEXPORT);
      }
      const key = `${year}\u0000${login}`;
      const first = seen.get(key);
      if (first !== undefined) {
        throw invalidValue(
          place(excelRow, columns.login),
          login,
          `эта ОО за ${year} год уже есть в строке ${first}`,
          'Оставьте одну строку на ОО и год и загрузите файл снова.',
        );
      }
      seen.set(key, excelRow);
      const name = columns.name ? cellText(row[columns.name.index]) || null : null;
      const municipality = columns.municipality ? cellText(row[columns.municipality.index]) || null : null;
      const schoolId = upsertSchool(db, { login, name, municipality, rows: 1 }, warnings);
      schools.add(schoolId);
      const values = works.map((work) => flagOf(file, sheet.name, excelRow, work, row[work.index]));
      if (columns.markers) {
        const stated = cellInteger(row[columns.markers.index]);
        const counted = values.filter((value) => value === 1).length;
        if (stated !== undefined && stated !== counted) markerMismatch.push(excelRow);
      }
      works.forEach((work, i) => {
        const before = db.exec('SELECT flagged FROM objectivity_flag WHERE year = ? AND school_id = ? AND work = ? AND source = ?', [
          year,
          schoolId,
          work.work,
          'fioko',
        ]);
        if (before.length && before[0].values[0][0] !== values[i]) changed++;
        upsert.run([year, schoolId, work.work, values[i]]);
        flags++;
      });
    }
  } finally {
    upsert.free();
  }
  if (seen.size === 0) {
    throw fileError(
      'empty',
      { file, sheet: sheet.name },
      'под строкой заголовков нет ни одной ОО. Проверьте, что выбран заполненный файл, и загрузите его снова.',
    );
  }
  if (markerMismatch.length) {
    warnings.push(
      `Лист «${sheet.name}»: «Количество маркеров» не равно числу единиц в столбцах работ ${inRows(markerMismatch)}. Загружены признаки по работам; проверьте файл.`,
    );
  }
  if (changed) warnings.push(`Признаки необъективности: ${changed} из загруженных ранее значений заменены значениями этого файла.`);
  return { rows: flags, taskScores: 0, schools: schools.size, assessments: [], warnings };
}

// A login column beside «4 РУ»-style work columns is specific to this list.
const CONFIDENCE = 0.95;

/** The ФИОКО per-ОО list of objectivity markers → objectivity_flag (docs/methodology.md, «Откуда берутся файлы»; docs/formats.md). */
const LABEL = 'ФИОКО: признаки необъективности ВПР';

export const objectivityImporter: Importer = {
  id: 'fioko-objectivity',
  labels: { fioko_bias: LABEL },
  supported: 'список ФИОКО «Признаки необъективности» (Год | Логин ОО | Муниципалитет | ОО | 4 РУ | 4 МА | 5 РУ | 5 МА | Количество маркеров)',
  detect(_fileName, sheets): Detected | null {
    const table = findTable(sheets);
    if (!table) return null;
    return { format: 'fioko_bias', label: LABEL, confidence: CONFIDENCE, run: (db, ctx) => runObjectivity(db, table, ctx) };
  },
};
