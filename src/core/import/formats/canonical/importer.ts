/**
 * «Открыть как таблицу…» → «в таблицу Око»: the rows of any sheet appended to a table of Око
 * (targets.ts lists which, with their columns) through a mapping the user confirmed:
 * target column ← a source column of the sheet, or one value for every row.
 *
 * Every value is checked by its column's kind and the schema's rules (validate-cell.ts, the same
 * rules the grid applies); a school is found by login, РЦОИ code or name. Any bad value throws an
 * ImportError naming file, sheet, row (as Excel shows it), column (its header in the file) and the
 * value, and the database is then unchanged: all rows go in one savepoint, logged in import_batch
 * as 'mapped:<table>'. Rows already in the table are upserted on its primary key (each target's
 * `upsert` says how). The mapping is remembered for files of the same shape (user-table/mapping-store.ts).
 */
import type { Database, SqlValue } from '../../../db.ts';
import { queryAll, queryObjects, queryValue, quoteIdent } from '../../../db.ts';
import { validateCell } from '../../../edit/validate-cell.ts';
import { SCHEMA_DESCRIPTIONS } from '../../../schema/descriptions.ts';
import type { Cell } from '../../cells.ts';
import { cellText, isBlank } from '../../cells.ts';
import type { CanonicalTarget, TargetColumn } from './targets.ts';
import { CANONICAL_TARGETS, defaultOf, findTarget, KIND_LABELS } from './targets.ts';
import { isPlaceholder, mergeSchool } from '../../schools/crosswalk.ts';
import { yearOf } from '../../dates.ts';
import type { Place } from '../../messages.ts';
import { columnLetter, describePlace, fileError, FIX_AND_RELOAD, quoted } from '../../messages.ts';
import type { StoredCanonical } from '../user-table/mapping-store.ts';
import { readStoredMapping, storeMapping } from '../user-table/mapping-store.ts';
import type { BatchWrite, Written } from '../../pipeline/envelope.ts';
import { importInEnvelope } from '../../pipeline/envelope.ts';
import type { DescribeBatches } from '../../pipeline/batches.ts';
import { nameSimilarity, normaliseSchoolName, schoolNumbers } from '../../schools/match.ts';
import { findSubjectCode } from '../../subjects.ts';
import type { ImportFile, ImportSummary } from '../../types.ts';
import { ImportError } from '../../types.ts';
import { PREVIEW_ROWS, shapeKey } from '../user-table/importer.ts';
import type { SheetGrid } from '../../read/workbook.ts';
import { readWorkbook } from '../../read/workbook.ts';
import { findSchool, insertSchool, recordAlias, schoolByRcoiCode, updateSchool, upsertMunicipality } from '../../schools/write.ts';

export type { CanonicalTarget, TargetColumn, TargetKind } from './targets.ts';
export { CANONICAL_TARGETS, suggestTargetColumns } from './targets.ts';

const PROGRESS_EVERY = 5000;
const LOGIN = /^(edu|sch)\d{4,8}$/i;
// A РЦОИ code: digits, maybe with a dash or dot («200101», «01-005»); a name has letters.
const CODE = /^[\d][\d\-./]*$/;

export interface CanonicalColumn {
  /** target column */
  target: string;
  /** 0-based column of the sheet */
  source: number;
}

export interface CanonicalMapping {
  sheet: string;
  /** 0-based index of the header row */
  headerRow: number;
  table: string;
  columns: CanonicalColumn[];
  /** one value for every row, for target columns the file has no column for («год», «схема») */
  values?: Record<string, string>;
}

export interface CanonicalOptions {
  now?: string;
  /** the same bytes imported before: that import is deleted first, in the same savepoint */
  replaceDuplicate?: boolean;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

/** A target with the Russian titles the dialog shows (schema/descriptions.ts). */
export interface CanonicalTargetInfo {
  table: string;
  title: string;
  upsert: string;
  columns: Array<{ name: string; description: string; kind: string; kindLabel: string; required: boolean; default?: string }>;
}

export function canonicalTargetInfos(now = new Date().toISOString()): CanonicalTargetInfo[] {
  return CANONICAL_TARGETS.map((target) => {
    const description = SCHEMA_DESCRIPTIONS[target.table];
    return {
      table: target.table,
      title: description?.title ?? target.table,
      upsert: target.upsert,
      columns: target.columns.map((column) => ({
        name: column.name,
        description: description?.columns[column.name] ?? column.name,
        kind: column.kind,
        kindLabel: KIND_LABELS[column.kind],
        required: column.required ?? false,
        ...(defaultOf(column, now) !== undefined ? { default: defaultOf(column, now) } : {}),
      })),
    };
  });
}

function titleOf(table: string): string {
  return SCHEMA_DESCRIPTIONS[table]?.title ?? table;
}

const MAPPED = 'mapped:';

/** What a file loaded into a table of Око is called, at the import and in the list of loaded files. */
function mappedLabel(table: string): string {
  return `Таблица Око «${titleOf(table)}»`;
}

/** Files loaded «в таблицу Око» are named by the table they went into. */
export const describeMappedBatches: DescribeBatches = (_db, batches) =>
  new Map(batches.filter((batch) => batch.format.startsWith(MAPPED)).map((batch) => [batch.batchId, mappedLabel(batch.format.slice(MAPPED.length))]));

// ---------- values ----------

type Checked = { ok: true; value: SqlValue } | { ok: false; problem: string; advice?: string };

function sqlValueOf(cell: Cell): SqlValue {
  if (cell === null || cell === undefined) return null;
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  return cellText(cell);
}

const EXAM_KINDS: Record<string, string> = {
  vpr: 'vpr',
  впр: 'vpr',
  oge: 'oge',
  огэ: 'oge',
  gve9: 'gve9',
  'гвэ-9': 'gve9',
  гвэ9: 'gve9',
  ege: 'ege',
  егэ: 'ege',
  gve11: 'gve11',
  'гвэ-11': 'gve11',
  гвэ11: 'gve11',
};

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** validate-cell.ts's verdict as a problem: «Значение «x» не принято — в этом столбце целые числа.» → «в этом столбце целые числа». */
function checkedByGrid(db: Database, table: string, column: string, type: string, value: SqlValue): Checked {
  const check = validateCell(db, table, column, type, null, value);
  if (check.ok) return check;
  const problem = check.message.replace(/^.*?не принято — /, '').replace(/\.$/, '');
  return { ok: false, problem: lowerFirst(problem) };
}

interface SchoolIndex {
  /** normalised name → school ids */
  byName: Map<string, Set<number>>;
  names: Array<{ id: number; name: string }>;
}

/** Resolves what a row says about a school; answers are cached per text for the whole file. */
class SchoolResolver {
  private readonly cache = new Map<string, Checked>();
  private index: SchoolIndex | null = null;

  constructor(private readonly db: Database) {}

  resolve(text: string): Checked {
    let known = this.cache.get(text);
    if (!known) {
      known = this.find(text);
      this.cache.set(text, known);
    }
    return known;
  }

  private find(text: string): Checked {
    if (LOGIN.test(text)) {
      const id = findSchool(this.db, text.toLowerCase());
      return id !== null
        ? { ok: true, value: id }
        : { ok: false, problem: 'ОО с таким логином ФИС ОКО в базе нет', advice: 'Загрузите сначала справочник ОО (или отчёт ФИС ОКО с этой ОО) и повторите.' };
    }
    if (CODE.test(text)) {
      const id = schoolByRcoiCode(this.db, text);
      return id !== null
        ? { ok: true, value: id }
        : {
            ok: false,
            problem: 'ОО с таким кодом РЦОИ в базе нет',
            advice: 'Загрузите сначала справочник ОО с кодами РЦОИ (или протокол РЦОИ этой ОО) и повторите.',
          };
    }
    const index = this.nameIndex();
    const ids = index.byName.get(normaliseSchoolName(text));
    if (ids && ids.size === 1) return { ok: true, value: [...ids][0] };
    if (ids && ids.size > 1) {
      return {
        ok: false,
        problem: `так названы ${ids.size} разные ОО в базе`,
        advice: 'Укажите в этом столбце логин ФИС ОКО или код РЦОИ вместо наименования.',
      };
    }
    const numbers = schoolNumbers(text).join(' ');
    let best: { name: string; score: number } | null = null;
    for (const school of index.names) {
      if (schoolNumbers(school.name).join(' ') !== numbers) continue;
      const score = nameSimilarity(text, school.name);
      if (score >= 0.6 && (!best || score > best.score)) best = { name: school.name, score };
    }
    const hint = best ? ` Похожая ОО в базе: «${quoted(best.name)}».` : '';
    return {
      ok: false,
      problem: 'ОО с таким наименованием в базе нет',
      advice: `Напишите наименование как в справочнике ОО или укажите логин ФИС ОКО / код РЦОИ.${hint}`,
    };
  }

  private nameIndex(): SchoolIndex {
    if (this.index) return this.index;
    const rows = queryObjects<{ school_id: number; name: string }>(
      this.db,
      `SELECT school_id, full_name AS name FROM school WHERE full_name IS NOT NULL
       UNION SELECT school_id, short_name FROM school WHERE short_name IS NOT NULL
       UNION SELECT school_id, name_seen FROM school_code_alias WHERE name_seen IS NOT NULL`,
    );
    const byName = new Map<string, Set<number>>();
    for (const row of rows) {
      const key = normaliseSchoolName(row.name);
      if (!key) continue;
      if (!byName.has(key)) byName.set(key, new Set());
      byName.get(key)!.add(row.school_id);
    }
    this.index = { byName, names: rows.map((row) => ({ id: row.school_id, name: row.name })) };
    return this.index;
  }
}

/** One value of a target column, read and checked; blank → null (the caller decides if that is allowed). */
function checkValue(db: Database, table: string, column: TargetColumn, raw: Cell, schools: SchoolResolver): Checked {
  if (isBlank(raw)) return { ok: true, value: null };
  const text = cellText(raw);
  switch (column.kind) {
    case 'text':
    case 'municipality':
      return { ok: true, value: text };
    case 'login':
      return LOGIN.test(text) ? { ok: true, value: text.toLowerCase() } : { ok: false, problem: 'нужен логин ФИС ОКО: «edu» и шесть цифр, например edu203389' };
    case 'integer':
    case 'count':
    case 'year':
    case 'mark': {
      const value = column.kind === 'year' && typeof raw === 'string' ? (yearOf(raw) ?? sqlValueOf(raw)) : sqlValueOf(raw);
      const checked = checkedByGrid(db, table, column.name, 'INTEGER', value);
      if (!checked.ok) return checked;
      const n = checked.value as number;
      if (column.kind === 'count' && n < 0) return { ok: false, problem: 'нужно целое число не меньше 0' };
      if (column.kind === 'year' && (n < 1990 || n > 2100)) return { ok: false, problem: 'нужен год, например 2026 или 2025/2026' };
      if (column.kind === 'mark' && (n < 2 || n > 5)) return { ok: false, problem: 'отметка должна быть целым числом от 2 до 5' };
      return checked;
    }
    case 'flag': {
      const folded = text.toLowerCase();
      const value = ['да', 'есть', 'true'].includes(folded) ? 1 : ['нет', 'false'].includes(folded) ? 0 : sqlValueOf(raw);
      return checkedByGrid(db, table, column.name, 'INTEGER', value);
    }
    case 'exam-kind': {
      const kind = EXAM_KINDS[text.toLowerCase().replace(/\s+/g, '')];
      return kind ? { ok: true, value: kind } : { ok: false, problem: 'нужен вид работы: ВПР, ОГЭ, ГВЭ-9, ЕГЭ или ГВЭ-11 (vpr, oge, gve9, ege, gve11)' };
    }
    case 'subject': {
      const code = findSubjectCode(db, text);
      return code
        ? { ok: true, value: code }
        : {
            ok: false,
            problem: 'такого предмета нет в справочнике',
            advice: 'Напишите код (rus, math, …) или название как в таблице subject, либо добавьте написание в таблицу subject_code_alias и загрузите снова.',
          };
    }
    case 'school':
      return schools.resolve(text);
  }
}

function valueError(place: Place, value: string, problem: string, advice = FIX_AND_RELOAD): ImportError {
  return new ImportError({
    code: 'invalid-value',
    message: `${describePlace(place)}: ${value === '' ? 'ячейка пуста' : `значение «${quoted(value)}»`} — ${problem}. ${advice}`,
    ...place,
    ...(place.column !== undefined ? { column: quoted(place.column) } : {}),
    value: quoted(value),
  });
}

// ---------- the mapping ----------

/** Where each target column's value comes from. */
type Source = { kind: 'column'; index: number; header: string } | { kind: 'value'; value: SqlValue } | { kind: 'none' };

function constantPlace(file: string, column: TargetColumn): Place {
  return { file, column: `${column.name} (одно значение для всех строк)` };
}

function resolveSources(
  db: Database,
  file: string,
  sheet: SheetGrid,
  target: CanonicalTarget,
  mapping: CanonicalMapping,
  now: string,
  schools: SchoolResolver,
): Map<string, Source> {
  const header = sheet.rows[mapping.headerRow] ?? [];
  const sources = new Map<string, Source>();
  const seen = new Set<string>();
  for (const { target: name, source } of mapping.columns) {
    const column = target.columns.find((c) => c.name === name);
    if (!column) throw fileError('invalid-value', { file }, `в таблице ${target.table} нет столбца «${name}». Выберите столбцы из списка.`);
    if (seen.has(name)) throw fileError('invalid-value', { file }, `столбцу ${target.table}.${name} выбрано несколько столбцов файла. Оставьте один.`);
    if (!Number.isInteger(source) || source < 0)
      throw fileError('invalid-value', { file }, `для столбца ${target.table}.${name} выбран несуществующий столбец файла.`);
    seen.add(name);
    sources.set(name, { kind: 'column', index: source, header: cellText(header[source]) || columnLetter(source) });
  }
  for (const column of target.columns) {
    if (sources.has(column.name)) continue;
    const given = mapping.values?.[column.name];
    const text = given !== undefined && given.trim() !== '' ? given : defaultOf(column, now);
    if (text === undefined) {
      sources.set(column.name, { kind: 'none' });
      continue;
    }
    const checked = text === '' ? ({ ok: true, value: '' } as Checked) : checkValue(db, target.table, column, text, schools);
    if (!checked.ok) throw valueError(constantPlace(file, column), text, checked.problem, checked.advice ?? 'Исправьте значение в окне загрузки.');
    sources.set(column.name, { kind: 'value', value: checked.value });
  }
  const missing = target.columns.filter((c) => c.required && sources.get(c.name)?.kind === 'none');
  if (missing.length) {
    const names = missing.map((c) => `«${c.name}» (${SCHEMA_DESCRIPTIONS[target.table]?.columns[c.name] ?? c.name})`).join(', ');
    throw fileError(
      'missing-column',
      { file, sheet: sheet.name },
      `для таблицы ${target.table} не выбран столбец файла и не задано значение: ${names}. Выберите столбец или введите одно значение для всех строк.`,
    );
  }
  if (target.table === 'school' && !['fisoko_login', 'gia_code'].some((name) => sources.get(name)?.kind === 'column')) {
    throw fileError(
      'missing-column',
      { file, sheet: sheet.name },
      'для таблицы school нужен столбец с логином ФИС ОКО или с кодом РЦОИ: по ним ОО ищется в базе.',
    );
  }
  return sources;
}

// ---------- writing ----------

function tableColumns(db: Database, table: string): Set<string> {
  return new Set(queryAll(db, `PRAGMA table_info(${quoteIdent(table)})`).rows.map((row) => String(row[1])));
}

interface RowValues {
  values: Map<string, SqlValue>;
  excelRow: number;
}

interface Writer {
  write(row: RowValues): number;
  finish(): void;
}

/** INSERT … ON CONFLICT (primary key) DO UPDATE for every table but school. */
function upsertWriter(db: Database, target: CanonicalTarget, sources: Map<string, Source>, batchId: number): Writer {
  const columns = target.columns.filter((c) => sources.get(c.name)?.kind !== 'none').map((c) => c.name);
  const stamped = tableColumns(db, target.table).has('import_batch_id');
  const names = [...columns, ...(stamped ? ['import_batch_id'] : [])];
  const updates = names.filter((name) => !target.key.includes(name));
  const sql =
    `INSERT INTO ${quoteIdent(target.table)} (${names.map(quoteIdent).join(', ')}) VALUES (${names.map(() => '?').join(', ')}) ` +
    `ON CONFLICT (${target.key.map(quoteIdent).join(', ')}) DO ` +
    (updates.length ? `UPDATE SET ${updates.map((name) => `${quoteIdent(name)} = excluded.${quoteIdent(name)}`).join(', ')}` : 'NOTHING');
  const insert = db.prepare(sql);
  return {
    write({ values }) {
      insert.run([...columns.map((name) => values.get(name) ?? null), ...(stamped ? [batchId] : [])]);
      const id = values.get('school_id');
      return typeof id === 'number' ? id : -1;
    },
    finish: () => insert.free(),
  };
}

const SCHOOL_TEXT = ['full_name', 'short_name', 'settlement_type', 'school_type', 'ownership', 'is_active'] as const;

/** school: found by login, then by РЦОИ code, else added; filled cells overwrite, blank ones keep. */
function schoolWriter(db: Database, file: string, sheetName: string, sources: Map<string, Source>): Writer {
  const headerOf = (name: string): string | undefined => {
    const source = sources.get(name);
    return source?.kind === 'column' ? source.header : undefined;
  };
  return {
    write({ values, excelRow }) {
      const login = values.get('fisoko_login') as string | null;
      const code = values.get('gia_code') as string | null;
      const name = (values.get('full_name') ?? values.get('short_name') ?? null) as string | null;
      const byLogin = login ? findSchool(db, login) : null;
      let byCode = code ? schoolByRcoiCode(db, code) : null;
      if (byLogin !== null && byCode !== null && byLogin !== byCode) {
        if (!isPlaceholder(db, byCode)) {
          throw valueError(
            { file, sheet: sheetName, row: excelRow, column: headerOf('gia_code') },
            code!,
            `этот код РЦОИ в базе принадлежит другой ОО, а не ${login}`,
            'Исправьте код в файле или сопоставление ОО и загрузите снова.',
          );
        }
        mergeSchool(db, byCode, byLogin);
        byCode = byLogin;
      }
      if (byLogin === null && byCode !== null && login) {
        const known = queryValue(db, 'SELECT fisoko_login FROM school WHERE school_id = ?', [byCode]);
        if (typeof known === 'string' && known !== login) {
          throw valueError(
            { file, sheet: sheetName, row: excelRow, column: headerOf('gia_code') },
            code!,
            `этот код РЦОИ в базе принадлежит ОО ${known}, а не ${login}`,
            'Исправьте логин или код в файле и загрузите снова.',
          );
        }
      }
      const id = byLogin ?? byCode ?? insertSchool(db, { login, name });
      const set: Record<string, SqlValue> = {};
      if (login) set.fisoko_login = login;
      if (code) set.gia_code = code;
      for (const column of SCHOOL_TEXT) set[column] = values.get(column) ?? null;
      const municipality = values.get('municipality_id');
      if (typeof municipality === 'string' && municipality) set.municipality_id = upsertMunicipality(db, municipality, login ?? '');
      updateSchool(db, id, set, { keepUserEdits: false });
      if (login) recordAlias(db, 'fisoko', login, name, id);
      if (code) recordAlias(db, 'rcoi', code, name, id);
      // A school of the methodist's own list: no longer a protocol placeholder (crosswalk.ts).
      recordAlias(db, 'directory', (login ?? code)!, name, id);
      return id;
    },
    finish: () => undefined,
  };
}

// ---------- the import ----------

function findSheet(file: ImportFile, name: string): SheetGrid {
  const sheet = readWorkbook(file).find((grid) => grid.name === name);
  if (!sheet) throw fileError('invalid-value', { file: file.name }, `в файле нет листа «${name}». Выберите лист из списка.`);
  return sheet;
}

/**
 * Appends the rows of one sheet to a table of Око, all or none, logged in import_batch as
 * 'mapped:<table>', and remembers the mapping for files of the same shape.
 */
export async function importMapped(db: Database, file: ImportFile, mapping: CanonicalMapping, options: CanonicalOptions = {}): Promise<ImportSummary> {
  const target = findTarget(mapping.table);
  if (!target) {
    throw fileError('invalid-value', { file: file.name }, `в таблицу «${mapping.table}» загружать нельзя. Выберите таблицу Око из списка.`);
  }
  return importInEnvelope(db, file, { now: options.now, replaceDuplicate: options.replaceDuplicate }, () => {
    const sheet = findSheet(file, mapping.sheet);
    return {
      format: `${MAPPED}${target.table}`,
      label: mappedLabel(target.table),
      write: (batch) => writeMapped(db, file, sheet, target, mapping, options, batch),
    };
  });
}

function writeMapped(
  db: Database,
  file: ImportFile,
  sheet: SheetGrid,
  target: CanonicalTarget,
  mapping: CanonicalMapping,
  options: CanonicalOptions,
  { batchId, importedAt }: BatchWrite,
): Written {
  const header = sheet.rows[mapping.headerRow] ?? [];
  const schools = new SchoolResolver(db);
  const sources = resolveSources(db, file.name, sheet, target, mapping, importedAt, schools);
  const writer = target.table === 'school' ? schoolWriter(db, file.name, sheet.name, sources) : upsertWriter(db, target, sources, batchId);
  const mapped = target.columns.filter((c) => sources.get(c.name)?.kind === 'column');
  const keyColumns = target.table === 'school' ? [] : target.key;
  const firstRowOfKey = new Map<string, number>();
  const schoolIds = new Set<number>();
  const total = sheet.rows.length - mapping.headerRow - 1;
  let written = 0;
  try {
    for (let r = mapping.headerRow + 1; r < sheet.rows.length; r++) {
      const row = sheet.rows[r] ?? [];
      if (mapped.every((c) => isBlank(row[(sources.get(c.name) as { index: number }).index]))) continue;
      const excelRow = r + 1;
      const values = new Map<string, SqlValue>();
      for (const column of target.columns) {
        const source = sources.get(column.name)!;
        if (source.kind === 'none') continue;
        if (source.kind === 'value') {
          values.set(column.name, source.value);
          continue;
        }
        const raw = row[source.index];
        const place: Place = { file: file.name, sheet: sheet.name, row: excelRow, column: source.header };
        const checked = checkValue(db, target.table, column, raw, schools);
        if (!checked.ok) throw valueError(place, cellText(raw), checked.problem, checked.advice);
        let value = checked.value;
        if (value === null && column.default !== undefined) value = defaultOf(column, importedAt) ?? null;
        if (value === null && column.required) {
          throw valueError(
            place,
            '',
            `столбец ${target.table}.${column.name} обязателен (${KIND_LABELS[column.kind]})`,
            'Заполните ячейку или удалите строку и загрузите файл снова.',
          );
        }
        values.set(column.name, value);
      }
      if (target.table === 'subject_code_alias' && values.get('name_seen') === null) values.set('name_seen', values.get('code') ?? null);
      if (target.table === 'school' && values.get('fisoko_login') == null && values.get('gia_code') == null) {
        const column = sources.get('fisoko_login')?.kind === 'column' ? 'fisoko_login' : 'gia_code';
        throw valueError(
          { file: file.name, sheet: sheet.name, row: excelRow, column: (sources.get(column) as { header: string }).header },
          '',
          'у ОО нет ни логина ФИС ОКО, ни кода РЦОИ — по ним ОО ищется в базе',
          'Заполните логин или код и загрузите файл снова.',
        );
      }
      const key =
        target.table === 'school'
          ? values.get('fisoko_login') != null
            ? `login\u0000${String(values.get('fisoko_login'))}`
            : `code\u0000${String(values.get('gia_code'))}`
          : keyColumns.map((name) => String(values.get(name))).join('\u0000');
      const first = firstRowOfKey.get(key);
      if (first !== undefined) {
        const keyColumn = (target.table === 'school' ? ['fisoko_login', 'gia_code'] : keyColumns)
          .map((name) => ({ name, source: sources.get(name) }))
          .find((k) => k.source?.kind === 'column');
        const source = keyColumn?.source as { index: number; header: string } | undefined;
        throw valueError(
          { file: file.name, sheet: sheet.name, row: excelRow, ...(source ? { column: source.header } : {}) },
          source ? cellText(row[source.index]) : '',
          `такая же запись (${(target.table === 'school' ? ['логин или код РЦОИ'] : keyColumns).join(', ')}) уже есть в строке ${first}`,
          'Оставьте одну строку и загрузите файл снова.',
        );
      }
      firstRowOfKey.set(key, excelRow);
      const schoolId = writer.write({ values, excelRow });
      if (schoolId >= 0) schoolIds.add(schoolId);
      written++;
      if (written % PROGRESS_EVERY === 0) options.onProgress?.(r - mapping.headerRow, total);
    }
  } finally {
    writer.finish();
  }
  if (written === 0) {
    throw fileError(
      'empty',
      { file: file.name, sheet: sheet.name },
      `под строкой заголовков (строка ${mapping.headerRow + 1}) нет ни одной строки с данными в выбранных столбцах.`,
    );
  }
  options.onProgress?.(total, total);
  const stored: StoredCanonical = {
    target: 'canonical',
    table: target.table,
    sheet: sheet.name,
    headerRow: mapping.headerRow,
    columns: Object.fromEntries(mapping.columns.map((c) => [String(c.source), c.target])),
    ...(mapping.values && Object.keys(mapping.values).length ? { values: { ...mapping.values } } : {}),
  };
  storeMapping(db, shapeKey(header), { canonical: stored, target: 'canonical' }, importedAt);
  return { rows: written, taskScores: 0, schools: schoolIds.size, assessments: [], warnings: [...(sheet.warnings ?? [])] };
}

// ---------- the remembered mapping ----------

export interface RememberedCanonical extends CanonicalMapping {
  /** the last import of this shape went to a table of Око (not to a user table) */
  last: boolean;
}

/** The canonical mapping the user confirmed for a file of this shape (header found in any of the first rows). */
export function rememberedCanonical(db: Database, file: ImportFile, sheets?: readonly SheetGrid[]): RememberedCanonical | null {
  for (const sheet of sheets ?? readWorkbook(file, { maxRows: PREVIEW_ROWS })) {
    for (let r = 0; r < Math.min(sheet.rows.length, PREVIEW_ROWS); r++) {
      const row = sheet.rows[r] ?? [];
      if (row.every(isBlank)) continue;
      const stored = readStoredMapping(db, shapeKey(row));
      const canonical = stored?.canonical;
      if (!canonical || canonical.target !== 'canonical') continue;
      const target = findTarget(canonical.table);
      if (!target) continue;
      const columns = Object.entries(canonical.columns ?? {})
        .map(([source, name]) => ({ source: Number(source), target: name }))
        .filter((c) => Number.isInteger(c.source) && target.columns.some((t) => t.name === c.target));
      const values = Object.fromEntries(Object.entries(canonical.values ?? {}).filter(([name]) => target.columns.some((t) => t.name === name)));
      return {
        sheet: sheet.name,
        headerRow: r,
        table: target.table,
        columns,
        ...(Object.keys(values).length ? { values } : {}),
        last: stored?.target === 'canonical',
      };
    }
  }
  return null;
}
