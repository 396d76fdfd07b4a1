import type { Database } from '../../../db.ts';
import { queryValue } from '../../../db.ts';
import type { Cell } from '../../cells.ts';
import { cellNumber, cellText, isBlank, normalizeHeader } from '../../cells.ts';
import type { ColumnRef } from '../../columns.ts';
import { yearOf } from '../../dates.ts';
import { mapColumns, refuseDuplicateColumns } from '../../columns.ts';
import { isPlaceholder, mergeSchool } from '../../schools/crosswalk.ts';
import type { DirectoryColumn } from './columns.ts';
import { CLUSTER_HEADER, DIRECTORY_COLUMNS } from './columns.ts';
import { fileError, inRows, invalidValue } from '../../messages.ts';
import type { Detected, Importer, RunContext, RunOutcome } from '../../pipeline/registry.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import { findSchool, insertSchool, recordAlias, schoolByRcoiCode, setMsuCode, updateSchool, upsertMunicipality } from '../../schools/write.ts';

const HEADER_SCAN_ROWS = 30;
const LOGIN = /^(edu|sch)\d{4,8}$/i;
// Participant tables and protocols also name schools; a directory has none of these columns.
const NOT_A_DIRECTORY = /^(код участника|фамилия|вариант|отметка|оценка|первичный балл|тестовый балл|балл|\d+\s*(ру|ма))$/;

type Columns = Partial<Record<DirectoryColumn, ColumnRef>>;

interface DirectoryTable {
  sheet: SheetGrid;
  headerRow: number;
  columns: Columns;
  clusters: Array<ColumnRef & { scheme: string }>;
  attributes: Array<ColumnRef & { attr: string }>;
}

function findTable(sheets: readonly SheetGrid[]): DirectoryTable | null {
  for (const sheet of sheets) {
    for (let r = 0; r < Math.min(sheet.rows.length, HEADER_SCAN_ROWS); r++) {
      const header = sheet.rows[r] ?? [];
      const folded = header.map(normalizeHeader);
      if (folded.some((text) => NOT_A_DIRECTORY.test(text))) continue;
      const columns = mapColumns(header, DIRECTORY_COLUMNS);
      if ((columns.login || columns.rcoiCode) && (columns.fullName || columns.shortName)) {
        return { sheet, headerRow: r, columns, ...otherColumns(sheet, r, columns) };
      }
    }
  }
  return null;
}

/** Cluster columns, and any other column whose filled cells are all numbers (→ school_year_attr). */
function otherColumns(sheet: SheetGrid, headerRow: number, columns: Columns): Pick<DirectoryTable, 'clusters' | 'attributes'> {
  const known = new Set(Object.values(columns).map((column) => column!.index));
  const header = sheet.rows[headerRow] ?? [];
  const clusters: DirectoryTable['clusters'] = [];
  const attributes: DirectoryTable['attributes'] = [];
  header.forEach((cell, index) => {
    const folded = normalizeHeader(cell);
    if (known.has(index) || folded === '') return;
    const cluster = CLUSTER_HEADER.exec(folded);
    if (cluster) {
      clusters.push({ index, header: cellText(cell), scheme: cluster[1] ? `directory:${cluster[1]}` : 'directory' });
      return;
    }
    const cells = sheet.rows
      .slice(headerRow + 1)
      .map((row) => row?.[index])
      .filter((value) => !isBlank(value));
    if (cells.length > 0 && cells.every((value) => cellNumber(value) !== undefined)) attributes.push({ index, header: cellText(cell), attr: folded });
  });
  return { clusters, attributes };
}

function activeOf(value: Cell): number | null {
  const text = normalizeHeader(value);
  if (text === '') return null;
  if (['1', 'да', 'действует', 'активна', 'работает'].includes(text)) return 1;
  if (['0', 'нет', 'закрыта', 'ликвидирована', 'не действует'].includes(text)) return 0;
  return null;
}

interface RowFacts {
  excelRow: number;
  login: string | null;
  code: string | null;
  name: string | null;
}

/** Upsert by login, else by РЦОИ code, else new; a placeholder found by code is merged into the login's school. */
function resolveSchool(db: Database, facts: RowFacts, warnings: string[]): { id: number; codeOwner: number | null } {
  const byLogin = facts.login ? findSchool(db, facts.login) : null;
  const byCode = facts.code ? schoolByRcoiCode(db, facts.code) : null;
  if (byLogin !== null && byCode !== null && byLogin !== byCode) {
    if (isPlaceholder(db, byCode)) {
      const outcome = mergeSchool(db, byCode, byLogin);
      const results = outcome.moved.result ?? 0;
      warnings.push(
        `Строка ${facts.excelRow}: ОО с кодом РЦОИ ${facts.code} объединена с ОО ${facts.login}${results ? ` (перенесено результатов: ${results})` : ''}.`,
      );
      return { id: byLogin, codeOwner: byLogin };
    }
    warnings.push(`Строка ${facts.excelRow}: код РЦОИ ${facts.code} в базе принадлежит другой ОО, а не ${facts.login}; привязка кода не изменена.`);
    return { id: byLogin, codeOwner: byCode };
  }
  if (byLogin !== null) return { id: byLogin, codeOwner: byCode ?? (facts.code ? byLogin : null) };
  if (byCode !== null) {
    const login = queryValue(db, 'SELECT fisoko_login FROM school WHERE school_id = ?', [byCode]);
    if (facts.login && typeof login === 'string' && login !== facts.login) {
      warnings.push(`Строка ${facts.excelRow}: код РЦОИ ${facts.code} в базе принадлежит ОО ${login}, а не ${facts.login}; ${facts.login} добавлена отдельно.`);
    } else {
      if (facts.login) updateSchool(db, byCode, { fisoko_login: facts.login }, { keepUserEdits: false });
      return { id: byCode, codeOwner: byCode };
    }
  }
  const id = insertSchool(db, { login: facts.login, name: facts.name });
  return { id, codeOwner: byCode ?? (facts.code ? id : null) };
}

function runDirectory(db: Database, table: DirectoryTable, ctx: RunContext): RunOutcome {
  const { sheet, headerRow, columns, clusters, attributes } = table;
  const file = ctx.fileName;
  refuseDuplicateColumns(sheet.rows[headerRow] ?? [], DIRECTORY_COLUMNS, { file, sheet: sheet.name, row: headerRow + 1 });
  const text = (row: readonly Cell[], key: DirectoryColumn): string | null => {
    const column = columns[key];
    return column ? cellText(row[column.index]) || null : null;
  };
  const defaultYear = ctx.options.context?.year ?? Number(ctx.importedAt.slice(0, 4));
  const warnings: string[] = [];
  const seen = new Map<string, number>();
  const skipped: number[] = [];
  const schools = new Set<number>();
  for (let r = headerRow + 1; r < sheet.rows.length; r++) {
    const row = sheet.rows[r] ?? [];
    const excelRow = r + 1;
    if (row.every(isBlank)) continue;
    const login = text(row, 'login')?.toLowerCase() ?? null;
    if (login !== null && !LOGIN.test(login)) {
      throw invalidValue(
        { file, sheet: sheet.name, row: excelRow, column: columns.login!.header },
        login,
        'нужен логин ФИС ОКО: «edu» и шесть цифр, например edu203389',
      );
    }
    const code = columns.rcoiCode ? cellText(row[columns.rcoiCode.index]) || null : null;
    if (login === null && code === null) {
      skipped.push(excelRow);
      continue;
    }
    let year = defaultYear;
    if (columns.year && !isBlank(row[columns.year.index])) {
      const stated = yearOf(row[columns.year.index]);
      if (stated === undefined) {
        throw invalidValue(
          { file, sheet: sheet.name, row: excelRow, column: columns.year.header },
          cellText(row[columns.year.index]),
          'нужен год, например 2026 или 2025/2026',
        );
      }
      year = stated;
    }
    const key = `${year}\u0000${login ?? `код ${code}`}`;
    const first = seen.get(key);
    if (first !== undefined) {
      const column = login ? columns.login! : columns.rcoiCode!;
      throw invalidValue(
        { file, sheet: sheet.name, row: excelRow, column: column.header },
        login ?? code!,
        `эта ОО уже описана в строке ${first}`,
        'Оставьте одну строку на ОО и загрузите файл снова.',
      );
    }
    seen.set(key, excelRow);
    const name = text(row, 'fullName') ?? text(row, 'shortName');
    const { id, codeOwner } = resolveSchool(db, { excelRow, login, code, name }, warnings);
    schools.add(id);
    const municipalityText = text(row, 'municipality');
    const municipalityId = municipalityText ? upsertMunicipality(db, municipalityText, login ?? '') : null;
    const msu = text(row, 'msuCode');
    if (municipalityId !== null && msu) setMsuCode(db, municipalityId, msu);
    updateSchool(
      db,
      id,
      {
        full_name: text(row, 'fullName'),
        short_name: text(row, 'shortName'),
        municipality_id: municipalityId,
        settlement_type: text(row, 'settlement'),
        school_type: text(row, 'schoolType'),
        ownership: text(row, 'ownership'),
        gia_code: codeOwner === id ? code : null,
        is_active: columns.active ? activeOf(row[columns.active.index]) : null,
      },
      { keepUserEdits: true },
    );
    if (login) recordAlias(db, 'fisoko', login, name, id);
    if (code && codeOwner === id) recordAlias(db, 'rcoi', code, name, id);
    // Marks the school as known to the methodist's directory: no longer a protocol placeholder (crosswalk.ts).
    recordAlias(db, 'directory', login ?? code!, name, id);
    for (const cluster of clusters) {
      const value = cellText(row[cluster.index]);
      if (!value) continue;
      db.run(
        `INSERT INTO cluster_assignment (scheme, year, school_id, cluster) VALUES (?, ?, ?, ?)
         ON CONFLICT (scheme, year, school_id) DO UPDATE SET cluster = excluded.cluster`,
        [cluster.scheme, year, id, value],
      );
    }
    for (const attribute of attributes) {
      const value = cellNumber(row[attribute.index]);
      if (value === undefined) continue;
      db.run(
        `INSERT INTO school_year_attr (school_id, year, attr, value) VALUES (?, ?, ?, ?)
         ON CONFLICT (school_id, year, attr) DO UPDATE SET value = excluded.value`,
        [id, year, attribute.attr, String(value)],
      );
    }
  }
  if (seen.size === 0) {
    throw fileError(
      'empty',
      { file, sheet: sheet.name },
      'в справочнике нет ни одной ОО с логином ФИС ОКО или кодом РЦОИ. Заполните эти столбцы и загрузите файл снова.',
    );
  }
  if (skipped.length) warnings.push(`Лист «${sheet.name}»: ${inRows(skipped)} нет ни логина ФИС ОКО, ни кода РЦОИ — эти строки пропущены.`);
  return { rows: seen.size, taskScores: 0, schools: schools.size, assessments: [], warnings };
}

// Login/code and name columns are what many tables have; specific layouts outrank a directory.
const CONFIDENCE = 0.7;

/** A school directory (CSV/XLSX) → school, school_code_alias, cluster_assignment, school_year_attr. */
const LABEL = 'Справочник ОО';

export const directoryImporter: Importer = {
  id: 'school-directory',
  labels: { school_directory: LABEL },
  supported:
    'справочник ОО (столбцы «Логин ФИС ОКО» и/или «Код ОО (РЦОИ)» и «Наименование ОО»; по желанию «Муниципалитет», «Тип поселения», «Тип ОО», «Кластер», «Год» и числовые показатели)',
  detect(_fileName, sheets): Detected | null {
    const table = findTable(sheets);
    if (!table) return null;
    return { format: 'school_directory', label: LABEL, confidence: CONFIDENCE, run: (db, ctx) => runDirectory(db, table, ctx) };
  },
};
