import { buildChartSpec, type ChartTemplate } from '../../charts/chart-spec.ts';
import type { Database, SqlValue } from '../../db.ts';
import { queryObjects } from '../../db.ts';
import { MIN_GROUP, NOT_FOR_TEACHERS, groupedBars } from '../../indicators/catalogue/common.ts';
import { paramOptions, resolveParams } from '../../indicators/params.ts';
import { runIndicator } from '../../indicators/run.ts';
import type { IndicatorColumn } from '../../indicators/types.ts';
import { draftParagraph } from '../draft/index.ts';
import { SIGNAL_CAUTION } from '../draft/phrases.ts';
import type { Row, Tabular } from '../draft/rows.ts';
import { byLevel, nameOf, num, records, text } from '../draft/rows.ts';
import { decimal, lowerFirst, participants, percent, round } from '../format.ts';
import { isWide, readerSource, reportTable, schoolName, SMALL_ROWS_NOTE } from '../sections.ts';
import type { ReportSection } from '../types.ts';
import type { BuildContext, SectionBuilder } from '../templates/types.ts';
import { adviceFor, schoolFacts } from './recommendations.ts';
import { catalogue } from './tasks.ts';

interface Work {
  subject: string;
  grade: number;
  /** «Математика, 4 класс» */
  label: string;
}

/** The ВПР works the ОО wrote in the year. */
export function schoolWorks(db: Database, year: SqlValue, schoolId: SqlValue): Work[] {
  return queryObjects<{ subject: string; grade: number; name: string }>(
    db,
    `SELECT DISTINCT v.subject_code AS subject, v.grade, COALESCE(sb.name, v.subject_code) AS name
     FROM v_vpr v LEFT JOIN subject sb ON sb.subject_code = v.subject_code
     WHERE v.year = ? AND v.school_id = ?
     ORDER BY v.grade, name`,
    [year, schoolId],
  ).map((w) => ({ subject: w.subject, grade: w.grade, label: `${w.name}, ${w.grade} класс` }));
}

/** Runs a catalogue indicator and reads it by level. */
function levelsOf(db: Database, id: string, given: Record<string, SqlValue>) {
  const def = catalogue(id);
  return byLevel(records(runIndicator(db, def, resolveParams(db, def, given))));
}

const workParams = (ctx: BuildContext, work: Work) => ({
  year: ctx.params.year,
  subject: work.subject,
  grade: work.grade,
  municipality: ctx.params.municipality,
});

const focusName = (ctx: BuildContext) => schoolName(ctx.db, Number(ctx.params.school));

/** A section assembled from several indicators, one row per work or exam of the ОО. */
function assembled(
  ctx: BuildContext,
  title: string,
  columns: IndicatorColumn[],
  rows: SqlValue[][],
  paragraphs: string[],
  notes: string[],
  chart: ChartTemplate | null,
): ReportSection {
  const result: Tabular = { columns: columns.map((c) => c.name), rows };
  const table = reportTable(columns, result);
  const drafted = paragraphs.filter(Boolean).join('\n\n') || 'Данных по этой ОО за выбранный год нет.';
  return {
    id: ctx.nextId(),
    kind: 'indicator',
    title,
    params: { ...ctx.params },
    paramText: [
      { label: 'Год', value: text(ctx.params.year) },
      { label: 'ОО', value: ctx.labels.school ?? '' },
    ],
    table,
    chart: rows.length && chart ? buildChartSpec(chart, result) : null,
    paragraph: drafted,
    drafted,
    notes: [...notes, ...(table.smallRows.length ? [SMALL_ROWS_NOTE] : [])],
    ...(isWide(table) ? { landscape: true } : {}),
  };
}

const SMALL: IndicatorColumn = { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true };

/** «ВПР: результаты ОО по работам» — marks, success and quality against the municipality, region and РФ. */
export const schoolVpr: SectionBuilder = (ctx, _bound, title) => {
  const focus = focusName(ctx);
  const rows: SqlValue[][] = [];
  const paragraphs: string[] = [];
  for (const work of schoolWorks(ctx.db, ctx.params.year, ctx.params.school)) {
    const params = workParams(ctx, work);
    const marks = levelsOf(ctx.db, 'V2', params);
    const pass = levelsOf(ctx.db, 'V3', params);
    const quality = levelsOf(ctx.db, 'V4', params);
    const mine = (levels: ReturnType<typeof levelsOf>) => levels.schools.find((row) => nameOf(row) === focus);
    const own = mine(quality);
    if (!own) continue;
    const value = num(own.quality_pct);
    const municipality = num(quality.total?.quality_pct);
    rows.push([
      work.label,
      num(own.n),
      num(mine(marks)?.pct_2),
      num(mine(pass)?.pass_pct),
      value,
      municipality,
      num(quality.region?.quality_pct),
      num(quality.rf?.quality_pct),
      value !== null && municipality !== null ? round(value - municipality, 2) : null,
      num(own.n)! < MIN_GROUP ? 1 : 0,
    ]);
    const def = catalogue('V4');
    const v4 = runIndicator(ctx.db, def, resolveParams(ctx.db, def, params));
    paragraphs.push(
      `${work.label}: ${lowerFirst(draftParagraph({ indicatorId: 'V4', columns: def.columns, result: v4, params, focus }))} ` +
        `Доля «2» — ${percent(num(mine(marks)?.pct_2) ?? 0)} (по муниципалитету — ${percent(num(marks.total?.pct_2) ?? 0)}).`,
    );
  }
  const columns: IndicatorColumn[] = [
    { name: 'name', label: 'Работа', format: 'text' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'pct_2', label: '«2», %', format: 'pct' },
    { name: 'pass_pct', label: 'Успеваемость, %', format: 'pct' },
    { name: 'quality_pct', label: 'Качество знаний, %', format: 'pct' },
    { name: 'mun_quality', label: 'Качество: муниципалитет, %', format: 'pct' },
    { name: 'region_quality', label: 'Качество: регион, %', format: 'pct' },
    { name: 'rf_quality', label: 'Качество: РФ, %', format: 'pct' },
    { name: 'diff_mun', label: 'Отклонение от муниципалитета, п.п.', format: 'num' },
    SMALL,
  ];
  const chart = groupedBars(
    [
      ['quality_pct', 'ОО', '#4c78a8'],
      ['mun_quality', 'муниципалитет', '#9d9d9d'],
    ],
    'Качество знаний, %',
    { domain: [0, 100] },
  );
  return [
    assembled(
      ctx,
      title,
      columns,
      rows,
      paragraphs,
      [`Источник: ${readerSource(catalogue('V4').source)}.`, 'Регион и РФ — из отчёта ФИС ОКО «Статистика по отметкам», когда он загружен.', NOT_FOR_TEACHERS],
      chart,
    ),
  ];
};

/** «ВПР: задания базового и повышенного уровня» — V10 of the ОО in each work. */
export const schoolLevels: SectionBuilder = (ctx, _bound, title) => {
  const focus = focusName(ctx);
  const rows: SqlValue[][] = [];
  const paragraphs: string[] = [];
  const def = catalogue('V10');
  for (const work of schoolWorks(ctx.db, ctx.params.year, ctx.params.school)) {
    const params = resolveParams(ctx.db, def, workParams(ctx, work));
    const result = runIndicator(ctx.db, def, params);
    const levels = byLevel(records(result));
    const own = levels.schools.find((row) => nameOf(row) === focus);
    if (!own || (num(own.basic_pct) === null && num(own.advanced_pct) === null)) continue;
    rows.push([
      work.label,
      num(own.n),
      num(own.basic_pct),
      text(own.basic_status) || null,
      num(own.advanced_pct),
      text(own.advanced_status) || null,
      num(levels.total?.basic_pct),
      num(levels.total?.advanced_pct),
      num(own.n)! < MIN_GROUP ? 1 : 0,
    ]);
    paragraphs.push(`${work.label}: ${lowerFirst(draftParagraph({ indicatorId: 'V10', columns: def.columns, result, params, focus }))}`);
  }
  const columns: IndicatorColumn[] = [
    { name: 'name', label: 'Работа', format: 'text' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'basic_pct', label: 'Задания Б, %', format: 'pct' },
    { name: 'basic_status', label: 'Задания Б: статус', format: 'text' },
    { name: 'advanced_pct', label: 'Задания П/В, %', format: 'pct' },
    { name: 'advanced_status', label: 'Задания П/В: статус', format: 'text' },
    { name: 'mun_basic', label: 'Б: муниципалитет, %', format: 'pct' },
    { name: 'mun_advanced', label: 'П/В: муниципалитет, %', format: 'pct' },
    SMALL,
  ];
  return [assembled(ctx, title, columns, rows, paragraphs, [`Источник: ${readerSource(def.source)}.`, NOT_FOR_TEACHERS], null)];
};

const SIGNALS: Array<[string, string]> = [
  ['s_peak', 'пик на границе'],
  ['s_journal', 'журнал'],
  ['s_inversion', 'инверсия сложности'],
  ['s_cohort', 'спад когорты'],
  ['s_oge', 'ВПР-8 выше ОГЭ'],
];

/** «Сигналы и официальные признаки ФИОКО» — O2 of the ОО in each work. */
export const schoolSignals: SectionBuilder = (ctx, _bound, title) => {
  const focus = focusName(ctx);
  const rows: SqlValue[][] = [];
  const paragraphs: string[] = [];
  const def = catalogue('O2');
  for (const work of schoolWorks(ctx.db, ctx.params.year, ctx.params.school)) {
    const params = resolveParams(ctx.db, def, workParams(ctx, work));
    const result = runIndicator(ctx.db, def, params);
    const own = records(result).find((row) => nameOf(row) === focus);
    if (!own) continue;
    const fired = SIGNALS.filter(([column]) => Number(own[column]) === 1).map(([, name]) => name);
    rows.push([work.label, num(own.n), num(own.signals), num(own.checked), fired.join(', ') || null, official(own), num(own.n)! < MIN_GROUP ? 1 : 0]);
    paragraphs.push(
      `${work.label}: ${lowerFirst(draftParagraph({ indicatorId: 'O2', columns: def.columns, result, params, focus }))}`.replace(` ${SIGNAL_CAUTION}`, ''),
    );
  }
  if (rows.some((row) => Number(row[2]) > 0 || row[5] === 'есть')) paragraphs.push(SIGNAL_CAUTION);
  const columns: IndicatorColumn[] = [
    { name: 'name', label: 'Работа', format: 'text' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'signals', label: 'Сработало сигналов', format: 'int' },
    { name: 'checked', label: 'Проверено сигналов', format: 'int' },
    { name: 'which', label: 'Какие сигналы', format: 'text' },
    { name: 'official', label: 'Официальный признак ФИОКО', format: 'text' },
    SMALL,
  ];
  return [assembled(ctx, title, columns, rows, paragraphs, [`Источник: ${readerSource(def.source)}.`, NOT_FOR_TEACHERS], null)];
};

function official(row: Row): string {
  return row.official === null || row.official === undefined ? 'нет в перечне' : Number(row.official) === 1 ? 'есть' : 'нет';
}

/** «ОГЭ» — each exam the ОО sat: its figures against the municipality. */
export const schoolOge: SectionBuilder = (ctx, _bound, title) => {
  const focus = focusName(ctx);
  const def = catalogue('G2');
  const rows: SqlValue[][] = [];
  const paragraphs: string[] = [];
  const base = resolveParams(ctx.db, def, { year: ctx.params.year, municipality: ctx.params.municipality });
  for (const kind of paramOptions(ctx.db, def, base).kind ?? []) {
    const byKind = resolveParams(ctx.db, def, { ...base, kind: kind.value });
    if (String(byKind.kind) !== String(kind.value) || String(byKind.year) !== String(ctx.params.year)) continue;
    for (const subject of paramOptions(ctx.db, def, byKind).subject ?? []) {
      const params = resolveParams(ctx.db, def, { ...byKind, subject: subject.value, municipality: ctx.params.municipality });
      if (String(params.municipality) !== String(ctx.params.municipality)) continue;
      const levels = byLevel(records(runIndicator(ctx.db, def, params)));
      const own = levels.schools.find((row) => nameOf(row) === focus);
      if (!own) continue;
      const exam = `${kind.label}: ${subject.label.toLowerCase()}`;
      rows.push([
        exam,
        num(own.n),
        num(own.pass_pct),
        num(own.quality_pct),
        num(own.mean_mark),
        num(levels.total?.pass_pct),
        num(levels.total?.quality_pct),
        num(own.n)! < MIN_GROUP ? 1 : 0,
      ]);
      paragraphs.push(
        `${exam}: успеваемость ${percent(num(own.pass_pct) ?? 0)}, качество знаний ${percent(num(own.quality_pct) ?? 0)} (${participants(num(own.n) ?? 0)}); ` +
          `по муниципалитету — ${percent(num(levels.total?.pass_pct) ?? 0)} и ${percent(num(levels.total?.quality_pct) ?? 0)}.`,
      );
    }
  }
  const columns: IndicatorColumn[] = [
    { name: 'name', label: 'Экзамен', format: 'text' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'pass_pct', label: 'Успеваемость, %', format: 'pct' },
    { name: 'quality_pct', label: 'Качество знаний, %', format: 'pct' },
    { name: 'mean_mark', label: 'Средняя отметка', format: 'num' },
    { name: 'mun_pass', label: 'Успеваемость: муниципалитет, %', format: 'pct' },
    { name: 'mun_quality', label: 'Качество: муниципалитет, %', format: 'pct' },
    SMALL,
  ];
  if (!rows.length) paragraphs.push('Результатов ОГЭ и ГВЭ-9 этой ОО за выбранный год нет.');
  return [assembled(ctx, title, columns, rows, paragraphs, [`Источник: ${readerSource(def.source)}; первые сдачи, без учёта пересдач.`], null)];
};

/** «ЕГЭ» — each exam of the ОО: mean score and results below the minimum, against the municipality. */
export const schoolEge: SectionBuilder = (ctx, _bound, title) => {
  const e3 = catalogue('E3');
  const e1 = catalogue('E1');
  const given = { year: ctx.params.year, municipality: ctx.params.municipality };
  const run = (def: typeof e3, school: SqlValue) => {
    const params = resolveParams(ctx.db, def, { ...given, school });
    return String(params.year) === String(ctx.params.year) && String(params.school) === String(school) ? records(runIndicator(ctx.db, def, params)) : [];
  };
  const own = run(e3, ctx.params.school);
  const all = run(e3, 0);
  const ownBelow = run(e1, ctx.params.school);
  const allBelow = run(e1, 0);
  const byExam = (rows: Row[], exam: string) => rows.find((row) => text(row.exam) === exam);
  const rows = own.map((row) => {
    const exam = text(row.exam);
    return [
      exam,
      num(row.n),
      num(row.mean_score),
      num(byExam(all, exam)?.mean_score),
      num(byExam(ownBelow, exam)?.below_pct),
      num(byExam(allBelow, exam)?.below_pct),
      num(row.n)! < MIN_GROUP ? 1 : 0,
    ];
  });
  const paragraphs = own.map((row) => {
    const municipal = num(byExam(all, text(row.exam))?.mean_score);
    return (
      `${text(row.exam)}: средний тестовый балл ${decimal(num(row.mean_score)!, 2)} (${participants(num(row.n) ?? 0)})` +
      (municipal !== null ? `, по муниципалитету — ${decimal(municipal, 2)}` : '') +
      '.'
    );
  });
  if (!rows.length) paragraphs.push('Результатов ЕГЭ этой ОО за выбранный год нет.');
  const columns: IndicatorColumn[] = [
    { name: 'name', label: 'Экзамен', format: 'text' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'mean_score', label: 'Средний тестовый балл', format: 'num' },
    { name: 'mun_mean_score', label: 'Средний балл: муниципалитет', format: 'num' },
    { name: 'below_pct', label: 'Ниже минимума, %', format: 'pct' },
    { name: 'mun_below_pct', label: 'Ниже минимума: муниципалитет, %', format: 'pct' },
    SMALL,
  ];
  return [assembled(ctx, title, columns, rows, paragraphs, [`Источник: ${readerSource(e3.source)}; первые сдачи.`], null)];
};

/** «Адресные рекомендации» for the ОО, one paragraph per ВПР work. */
export const schoolRecommendations: SectionBuilder = (ctx, _bound, title) => {
  const rows: SqlValue[][] = [];
  const paragraphs: string[] = [];
  for (const work of schoolWorks(ctx.db, ctx.params.year, ctx.params.school)) {
    const [facts] = schoolFacts(ctx.db, workParams(ctx, work), Number(ctx.params.school));
    if (!facts) continue;
    rows.push([
      work.label,
      facts.n,
      facts.pct2,
      facts.lowered,
      facts.tasksBelow.length,
      facts.tasksBelow.map((row) => text(row.task)).join(', ') || null,
      facts.n < MIN_GROUP ? 1 : 0,
    ]);
    paragraphs.push(adviceFor({ ...facts, name: work.label }));
  }
  const columns: IndicatorColumn[] = [
    { name: 'name', label: 'Работа', format: 'text' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'pct_2', label: '«2», %', format: 'pct' },
    { name: 'lowered_pct', label: 'Понизили отметку журнала, %', format: 'pct' },
    { name: 'tasks_below', label: 'Заданий ниже порога ФИОКО', format: 'int' },
    { name: 'tasks_list', label: 'Задания ниже порога', format: 'text' },
    SMALL,
  ];
  return [assembled(ctx, title, columns, rows, paragraphs, ['Рекомендации составлены по числам ОО и требуют правки методистом.', NOT_FOR_TEACHERS], null)];
};
