import { buildChartSpec, isChartTemplate } from '../../charts/chart-spec.ts';
import { findIndicator } from '../../indicators/index.ts';
import { paramOptions, resolveParams } from '../../indicators/params.ts';
import { runIndicator } from '../../indicators/run.ts';
import type { IndicatorDef } from '../../indicators/types.ts';
import type { Row } from '../draft/rows.ts';
import { num, records, text } from '../draft/rows.ts';
import { INSUFFICIENT, THRESHOLDS, taskText } from '../draft/vpr.ts';
import { NBSP, counted, shortPercent } from '../format.ts';
import { PLANNED_MISSING, PLANNED_REPORT, hasSkills, withPlannedResults } from '../planned.ts';
import { indicatorSection, paramText, readerSource, reportTable } from '../sections.ts';
import type { SectionBuilder } from '../templates/types.ts';

export function catalogue(id: string): IndicatorDef {
  const def = findIndicator(id);
  if (!def) throw new Error(`Показатель «${id}» не найден в каталоге.`);
  return def;
}

/** «Выполнение заданий» for the whole municipality, with what each task checks when that is loaded. */
export const tasks: SectionBuilder = (ctx, bound, title) => {
  const def = catalogue('V9');
  return [
    indicatorSection(
      ctx.db,
      def,
      { ...bound, school: 0 },
      {
        id: ctx.nextId(),
        title,
        enrich: withPlannedResults(ctx.db, def.columns),
        extraText: (_, params) => (hasSkills(ctx.db, params) ? [] : [PLANNED_MISSING]),
      },
    ),
  ];
};

const THRESHOLD_WORDS =
  `ниже ${shortPercent(INSUFFICIENT * THRESHOLDS.basic)} для заданий базового уровня и ниже ${shortPercent(INSUFFICIENT * THRESHOLDS.advanced)} ` +
  'для заданий повышенного и высокого уровня';

/** The «затруднения» paragraph: the tasks (and the skills they check) below the ФИОКО thresholds. */
export function difficultiesText(rows: readonly Row[], skills: boolean): string {
  const below = rows.filter((row) => row.status === 'недостаточно');
  const zone = rows.filter((row) => row.status === 'зона неопределённости');
  const sentences: string[] = [];
  if (!below.length && !zone.length) {
    sentences.push(
      `Все задания работы по муниципалитету выполнены не ниже порогов ФИОКО (${shortPercent(THRESHOLDS.basic)} для заданий базового уровня, ` +
        `${shortPercent(THRESHOLDS.advanced)} — повышенного и высокого): затруднений на уровне муниципалитета по заданиям нет.`,
    );
  }
  if (below.length) {
    sentences.push(
      `Затруднения (выполнение ${THRESHOLD_WORDS}) вызвали ${counted(below.length, 'задание', 'задания', 'заданий')}: ${below.map((row) => taskText(row)).join('; ')}.`,
    );
    const belowRegion = below.filter((row) => num(row.region_pct) !== null && num(row.pct)! < num(row.region_pct)!);
    if (belowRegion.length) sentences.push(`Из них ниже регионального значения — ${belowRegion.map((row) => text(row.task)).join(', ')}.`);
  }
  if (zone.length) {
    sentences.push(`В зоне неопределённости (от 95${NBSP}% порога до порога) — ${zone.map((row) => taskText(row)).join('; ')}.`);
  }
  if (!skills && (below.length || zone.length)) {
    sentences.push(`Чтобы назвать проверяемые умения, загрузите отчёт ФИС ОКО ${PLANNED_REPORT} по этой работе.`);
  }
  return sentences.join(' ');
}

/** «Затруднения»: the tasks below the ФИОКО thresholds for the municipality, named by what they check. */
export const difficulties: SectionBuilder = (ctx, bound, title) => {
  const def = catalogue('V9');
  const params = resolveParams(ctx.db, def, { ...bound, school: 0 });
  const run = runIndicator(ctx.db, def, params);
  const { result, columns } = withPlannedResults(ctx.db, def.columns)({ columns: run.columns, rows: run.rows }, params);
  const status = result.columns.indexOf('status');
  const hard = { columns: result.columns, rows: result.rows.filter((row) => row[status] === 'недостаточно' || row[status] === 'зона неопределённости') };
  const drafted = run.rows.length
    ? difficultiesText(records(hard), hasSkills(ctx.db, params))
    : 'Баллов за задания по этой работе нет: затруднения по заданиям определить нельзя.';
  return [
    {
      id: ctx.nextId(),
      kind: 'indicator',
      title,
      indicatorId: def.id,
      params,
      paramText: paramText(def, params, paramOptions(ctx.db, def, params)),
      table: reportTable(columns, hard),
      chart: hard.rows.length && isChartTemplate(def.chart) ? buildChartSpec(def.chart, hard) : null,
      paragraph: drafted,
      drafted,
      notes: [
        `Пороги ФИОКО: задание базового уровня освоено при выполнении от ${shortPercent(THRESHOLDS.basic)} (ниже ${shortPercent(INSUFFICIENT * THRESHOLDS.basic)} — недостаточно), ` +
          `повышенного и высокого — от ${shortPercent(THRESHOLDS.advanced)} (ниже ${shortPercent(INSUFFICIENT * THRESHOLDS.advanced)} — недостаточно).`,
        `Источник: ${readerSource(def.source)}; проверяемые умения — отчёт ФИС ОКО ${PLANNED_REPORT}.`,
      ],
    },
  ];
};
