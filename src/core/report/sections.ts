import { buildChartSpec, defaultChartSpec, isChartTemplate, type ChartSpec, type ChartTemplate } from '../charts/chart-spec.ts';
import { indicatorChartSpec } from '../charts/distribution.ts';
import type { Database, SqlValue } from '../db.ts';
import { queryValue } from '../db.ts';
import { CLUSTER_LEVEL, MIN_GROUP, NOT_FOR_TEACHERS, REGION_LEVEL, RF_LEVEL, SCHOOL_LEVEL, SCHOOL_NAME, TOTAL_LEVEL } from '../indicators/catalogue/common.ts';
import { bindingsFor, paramOptions, resolveParams, type ParamOption } from '../indicators/params.ts';
import { runIndicator } from '../indicators/run.ts';
import { readOnlyProblems } from '../indicators/sql-guard.ts';
import type { IndicatorColumn, IndicatorDef } from '../indicators/types.ts';
import { draftParagraph } from './draft/index.ts';
import type { Tabular } from './draft/rows.ts';
import type { ReportSection, ReportTable } from './types.ts';

/** Levels printed bold after the ОО: they summarise the rows above them. */
const TOTAL_LEVELS = new Set([CLUSTER_LEVEL, TOTAL_LEVEL, REGION_LEVEL, RF_LEVEL]);

/** A table with more columns than this is printed on a landscape page (A4 portrait holds about 7 at 8 pt). */
export const PORTRAIT_COLUMNS = 7;

/** A console result is a snapshot of at most this many rows: a справка is read, not scrolled. */
export const QUERY_ROW_LIMIT = 500;

export const SMALL_ROWS_NOTE = `Курсивом отмечены строки, где менее ${MIN_GROUP} участников (минимальная группа по рекомендациям ФИОКО): проценты по ним неустойчивы.`;
const REFERENCE_ROWS_NOTE = 'Строки «Регион» и «РФ» — значения из отчёта ФИС ОКО по той же работе.';
const TOTAL_ROW_NOTE = 'Строка муниципалитета посчитана по всем его участникам (взвешенно), а не как среднее процентов ОО.';

/**
 * The catalogue's sources, as a reader of the справка sees them: the documents and pages, without
 * the references to our own notes (methodology sections, working marks, table names).
 */
export function readerSource(source: string): string {
  let text = source
    .replace(/\s*\[(?:R|I)\]/g, '')
    .replace(/\s*\(seed \d{3}\)/g, '')
    .replace(/\s*\((?:[^()]|\([^()]*\))*domain\.md(?:[^()]|\([^()]*\))*\)/g, '')
    .replace(/[Фф]ормулы domain\.md §[\d.]+/g, (found) => (found[0] === 'Ф' ? 'Общепринятые формулы' : 'общепринятые формулы'))
    .replace(/\s*—\s*domain\.md §[\d.]+(?:\s*\([^)]*\))?,?\s*(?:таблица [a-z_]+)?/g, ' — ')
    .replace(/,\s*domain\.md §[\d.]+(?:\s*\([^)]*\))?/g, '')
    .replace(/\s*\((?:загруженные агрегаты, )?таблица [a-z_]+\)/g, '');
  text = text
    .split(';')
    .map((part) => part.trim())
    .filter((part) => part && !/^domain\.md/.test(part))
    .join('; ')
    .replace(/\s+—\s*$/, '')
    .replace(/ — — /g, ' — ');
  return text;
}

/** The parameters in words, in definition order: «Год: 2026», «Предмет: Математика». */
export function paramText(
  def: Pick<IndicatorDef, 'params'>,
  values: Record<string, SqlValue>,
  options: Record<string, ParamOption[]>,
): Array<{ label: string; value: string }> {
  return def.params.map((param) => {
    const value = values[param.name];
    const option = options[param.name]?.find((o) => String(o.value) === String(value));
    const shown = option ? option.label : value === null || value === undefined || value === '' ? '—' : String(value).replace('.', ',');
    return { label: param.label, value: shown };
  });
}

/** The table of a section: every column (hidden ones stay for the chart), small and summary rows marked. */
export function reportTable(declared: readonly IndicatorColumn[], result: Tabular): ReportTable {
  const byName = new Map(declared.map((column) => [column.name, column]));
  const columns = result.columns.map((name): IndicatorColumn => {
    const column = byName.get(name);
    // the small-group flag is shown by marking the row, not as a column
    if (column) return name === 'small' ? { ...column, hidden: true } : { ...column };
    return { name, label: name, format: inferFormat(result, name), ...(declared.length || name === 'small' ? { hidden: true } : {}) };
  });
  const small = result.columns.indexOf('small');
  const level = result.columns.indexOf('level');
  const kind = result.columns.indexOf('row_kind');
  const smallRows: number[] = [];
  const totalRows: number[] = [];
  result.rows.forEach((row, i) => {
    if (small >= 0 && Number(row[small]) === 1) smallRows.push(i);
    if ((level >= 0 && TOTAL_LEVELS.has(String(row[level]))) || (kind >= 0 && row[kind] === 'persons')) totalRows.push(i);
  });
  return { columns, rows: result.rows.map((row) => [...row]), smallRows, totalRows };
}

function inferFormat(result: Tabular, name: string): IndicatorColumn['format'] {
  const i = result.columns.indexOf(name);
  const values = result.rows.map((row) => row[i]).filter((v) => v !== null);
  if (!values.length || values.some((v) => typeof v !== 'number')) return 'text';
  return values.every((v) => Number.isInteger(v)) ? 'int' : 'num';
}

const visibleColumns = (table: ReportTable) => table.columns.filter((column) => !column.hidden).length;

/** True when the table needs a landscape page. */
export const isWide = (table: ReportTable) => visibleColumns(table) > PORTRAIT_COLUMNS;

/** The name an ОО has in every result (SCHOOL_NAME), for reading one ОО out of a per-ОО result. */
export function schoolName(db: Database, schoolId: number): string {
  return String(queryValue(db, `SELECT ${SCHOOL_NAME} FROM school s WHERE s.school_id = ?`, [schoolId]) ?? '');
}

/** Only the ОО in focus and the summary rows (municipality, region, РФ): «Справка по ОО». */
export function focusRows(result: Tabular, name: string): Tabular {
  const level = result.columns.indexOf('level');
  const at = result.columns.indexOf('name');
  if (level < 0 || at < 0) return result;
  return {
    columns: result.columns,
    rows: result.rows.filter((row) => (row[level] === SCHOOL_LEVEL ? row[at] === name : row[level] !== CLUSTER_LEVEL)),
  };
}

/**
 * Parameters of the same indicator for the latest earlier year that has the same work: the year
 * list is the indicator's own, and every other parameter must resolve to what it is now.
 */
export function previousYearParams(db: Database, def: IndicatorDef, params: Record<string, SqlValue>): Record<string, SqlValue> | null {
  if (!def.params.some((p) => p.name === 'year') || typeof params.year !== 'number') return null;
  const years = (paramOptions(db, def, params).year ?? []).map((o) => Number(o.value)).filter((y) => y < Number(params.year));
  if (!years.length) return null;
  const earlier = resolveParams(db, def, { ...params, year: Math.max(...years) });
  const same = def.params.every((p) => p.name === 'year' || p.name === 'prev_year' || String(earlier[p.name]) === String(params[p.name]));
  return same ? earlier : null;
}

export interface IndicatorSectionOptions {
  id: string;
  title?: string;
  /** compare with the latest earlier year that has the same work */
  compareYear?: boolean;
  /** the ОО in focus: only its row and the summary rows are kept */
  focusSchool?: number | null;
  /** extra columns computed from the data (e.g. the planned results of the tasks) */
  enrich?: (result: Tabular, params: Record<string, SqlValue>) => { result: Tabular; columns: IndicatorColumn[] };
  /** sentences added after the drafted ones */
  extraText?: (result: Tabular, params: Record<string, SqlValue>) => string[];
  notes?: string[];
}

/** The notes under an indicator's table: the source, small groups, where the reference rows come from. */
function notesFor(def: IndicatorDef, table: ReportTable, levels: Set<string>): string[] {
  const notes = [`Источник: ${readerSource(def.source)}.`];
  if (table.smallRows.length) notes.push(SMALL_ROWS_NOTE);
  if (levels.has(REGION_LEVEL) || levels.has(RF_LEVEL)) notes.push(REFERENCE_ROWS_NOTE);
  if (levels.has(TOTAL_LEVEL) && levels.has(SCHOOL_LEVEL)) notes.push(TOTAL_ROW_NOTE);
  if (/^[VOM]/.test(def.id)) notes.push(NOT_FOR_TEACHERS);
  return notes;
}

/** A section from a catalogue (or the session's own) indicator: its table, chart, drafted text and notes. */
export function indicatorSection(db: Database, def: IndicatorDef, given: Record<string, SqlValue>, options: IndicatorSectionOptions): ReportSection {
  const params = resolveParams(db, def, given);
  const choices = paramOptions(db, def, params);
  const run = runIndicator(db, def, params);
  let result: Tabular = { columns: run.columns, rows: run.rows };
  let columns = def.columns;
  const focus = options.focusSchool ? schoolName(db, options.focusSchool) : undefined;
  if (focus) result = focusRows(result, focus);
  if (options.enrich) ({ result, columns } = options.enrich(result, params));

  let previous: { year: number; result: Tabular } | undefined;
  if (options.compareYear) {
    const earlier = previousYearParams(db, def, params);
    if (earlier) {
      const before = runIndicator(db, def, earlier);
      previous = { year: Number(earlier.year), result: { columns: before.columns, rows: before.rows } };
    }
  }

  const table = reportTable(columns, result);
  const chart: ChartSpec | null = isChartTemplate(def.chart)
    ? indicatorChartSpec(def.chart, result, { distribution: def.chartDistribution })
    : defaultChartSpec(result.columns, result.rows);
  const drafted = [draftParagraph({ indicatorId: def.id, columns, result, params, previous, focus }), ...(options.extraText?.(result, params) ?? [])]
    .filter(Boolean)
    .join(' ');
  const levels = new Set(result.rows.map((row) => String(row[result.columns.indexOf('level')])));
  return {
    id: options.id,
    kind: 'indicator',
    title: options.title ?? def.title,
    indicatorId: def.id,
    params,
    paramText: paramText(def, params, choices),
    table,
    chart,
    paragraph: drafted,
    drafted,
    notes: [...notesFor(def, table, levels), ...(options.notes ?? [])],
    ...(isWide(table) ? { landscape: true } : {}),
  };
}

export interface QuerySectionRequest {
  sql: string;
  params?: Record<string, SqlValue>;
  /** the console's chart without data (choiceChart), or null */
  chart?: ChartTemplate | null;
  title?: string;
}

/**
 * A section from a console result: the statement is run again here, read-only, for at most
 * QUERY_ROW_LIMIT rows; the chart the user chose is kept with the data.
 */
export function querySection(db: Database, request: QuerySectionRequest, id: string): ReportSection {
  const sql = request.sql.trim().replace(/;\s*$/, '');
  const problems = readOnlyProblems(sql, db, 'Запрос');
  if (problems.length) throw new Error(`В справку добавляется только результат запроса на чтение. ${problems[0]}.`);
  const stmt = db.prepare(sql);
  let result: Tabular;
  let more = false;
  try {
    const bound = bindingsFor(sql, request.params ?? {});
    if (bound) stmt.bind(bound);
    const columns = stmt.getColumnNames();
    const rows: SqlValue[][] = [];
    while (stmt.step()) {
      if (rows.length === QUERY_ROW_LIMIT) {
        more = true;
        break;
      }
      rows.push(stmt.get());
    }
    result = { columns, rows };
  } finally {
    stmt.free();
  }
  const table = reportTable([], result);
  const paramList = Object.entries(request.params ?? {}).map(([name, value]) => ({ label: `:${name}`, value: value === null ? '—' : String(value) }));
  const drafted = draftParagraph({ indicatorId: '', columns: table.columns, result, params: request.params ?? {} });
  return {
    id,
    kind: 'query',
    title: request.title?.trim() || 'Результат запроса',
    sql,
    params: request.params ?? {},
    paramText: paramList,
    table,
    chart: request.chart ? buildChartSpec(request.chart, result) : null,
    paragraph: drafted,
    drafted,
    notes: [
      'Источник: запрос к данным сессии (SQL-консоль Око); текст запроса сохранён в справке.',
      ...(more ? [`Показаны первые ${QUERY_ROW_LIMIT} строк результата.`] : []),
    ],
    ...(isWide(table) ? { landscape: true } : {}),
  };
}
