import type { Database, SqlValue } from '../../db.ts';
import { MIN_GROUP, NOT_FOR_TEACHERS } from '../../indicators/catalogue/common.ts';
import { paramOptions, resolveParams } from '../../indicators/params.ts';
import { runIndicator } from '../../indicators/run.ts';
import type { IndicatorColumn } from '../../indicators/types.ts';
import type { Row } from '../draft/rows.ts';
import { byLevel, nameOf, num, records, text } from '../draft/rows.ts';
import { INSUFFICIENT, THRESHOLDS, taskText } from '../draft/vpr.ts';
import { participants, percent, points, round, shortPercent } from '../format.ts';
import { PLANNED_REPORT, hasSkills, withPlannedResults } from '../planned.ts';
import { paramText, reportTable } from '../sections.ts';
import type { ReportSection } from '../types.ts';
import type { BuildContext, SectionBuilder } from '../templates/types.ts';
import { catalogue } from './tasks.ts';

/** The share of «2» this much above the municipality calls for a recommendation (ФИОКО's +10 п.п. of V14, M1's default). */
export const TWOS_GAP = 10;
/** «Понизили» (ВПР below the journal) this much above the municipality calls for a recommendation. */
export const LOWERED_GAP = 10;
/** At most this many tasks are named in one recommendation; the rest are counted. */
const TASKS_NAMED = 4;

/** What the recommendations of one ОО are drafted from. */
export interface SchoolFacts {
  name: string;
  n: number;
  pct2: number | null;
  municipalityPct2: number | null;
  lowered: number | null;
  municipalityLowered: number | null;
  /** the ОО's tasks below the ФИОКО «недостаточно» line, with what they check when loaded */
  tasksBelow: Row[];
  skills: boolean;
}

/**
 * Addressed recommendations for one ОО, from its numbers, in careful wording: tasks below the ФИОКО
 * thresholds (with the skills they check), a share of «2» well above the municipality, ВПР marks
 * below the journal's more often than in the municipality. Drafts for the methodist to edit.
 */
export function adviceFor(facts: SchoolFacts): string {
  const items: string[] = [];
  if (facts.tasksBelow.length) {
    const named = facts.tasksBelow.slice(0, TASKS_NAMED).map((row) => taskText(row));
    const rest = facts.tasksBelow.length - named.length;
    items.push(
      `${facts.skills ? 'Уделить внимание умениям, задания на которые выполнены' : 'Проанализировать задания, выполненные'} ниже порога ФИОКО: ` +
        `${named.join('; ')}${rest > 0 ? ` и ещё ${rest}` : ''}.`,
    );
  }
  if (facts.pct2 !== null && facts.municipalityPct2 !== null && facts.pct2 - facts.municipalityPct2 >= TWOS_GAP) {
    items.push(
      `Доля «2» (${percent(facts.pct2)}) выше муниципальной (${percent(facts.municipalityPct2)}) на ${points(facts.pct2 - facts.municipalityPct2)}: ` +
        'рекомендуется спланировать индивидуальную работу с обучающимися, получившими «2», и повторную диагностику.',
    );
  }
  if (facts.lowered !== null && facts.municipalityLowered !== null && facts.lowered - facts.municipalityLowered >= LOWERED_GAP) {
    items.push(
      `У ${percent(facts.lowered)} участников отметка ВПР ниже отметки по журналу (по муниципалитету — ${percent(facts.municipalityLowered)}): ` +
        'рекомендуется сопоставить систему текущего оценивания с результатами ВПР.',
    );
  }
  if (!items.length)
    items.push(
      'Заданий ниже порогов ФИОКО нет, доля «2» и сопоставление с журналом — без заметных отклонений от муниципальных значений: рекомендуется сохранить применяемые подходы.',
    );
  const caution = facts.n < MIN_GROUP ? ` Участников меньше ${MIN_GROUP}: выводы предварительные.` : '';
  return `${facts.name} (${participants(facts.n)}).${caution} ${items.map((item, i) => `${i + 1}) ${item}`).join(' ')}`;
}

/** Facts of every ОО that wrote the work (or only of `schoolId`). */
export function schoolFacts(db: Database, work: Record<string, SqlValue>, schoolId?: number): SchoolFacts[] {
  const v2 = catalogue('V2');
  const v7 = catalogue('V7');
  const v9 = catalogue('V9');
  const marks = byLevel(records(runIndicator(db, v2, resolveParams(db, v2, work))));
  const journal = byLevel(records(runIndicator(db, v7, resolveParams(db, v7, work))));
  const base = resolveParams(db, v9, { ...work, school: 0 });
  const schools = (paramOptions(db, v9, base).school ?? []).filter((o) => Number(o.value) !== 0 && (schoolId === undefined || Number(o.value) === schoolId));
  const enrich = withPlannedResults(db, v9.columns);
  const skills = hasSkills(db, base);
  return schools.map((school) => {
    const params = resolveParams(db, v9, { ...work, school: school.value });
    const run = runIndicator(db, v9, params);
    const tasks = records(enrich({ columns: run.columns, rows: run.rows }, params).result);
    const marksRow = marks.schools.find((row) => nameOf(row) === school.label);
    const journalRow = journal.schools.find((row) => nameOf(row) === school.label);
    return {
      name: school.label,
      n: num(marksRow?.n) ?? num(tasks[0]?.n) ?? 0,
      pct2: num(marksRow?.pct_2),
      municipalityPct2: num(marks.total?.pct_2),
      lowered: num(journalRow?.lowered_pct),
      municipalityLowered: num(journal.total?.lowered_pct),
      tasksBelow: tasks.filter((row) => row.status === 'недостаточно').sort((a, b) => num(a.pct)! - num(b.pct)!),
      skills,
    };
  });
}

const COLUMNS: IndicatorColumn[] = [
  { name: 'name', label: 'ОО', format: 'text' },
  { name: 'n', label: 'Участников', format: 'int' },
  { name: 'pct_2', label: '«2», %', format: 'pct' },
  { name: 'pct_2_gap', label: '«2»: отклонение от муниципалитета, п.п.', format: 'num' },
  { name: 'lowered_pct', label: 'Понизили отметку журнала, %', format: 'pct' },
  { name: 'tasks_below', label: 'Заданий ниже порога ФИОКО', format: 'int' },
  { name: 'tasks_list', label: 'Задания ниже порога', format: 'text' },
  { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true },
];

function factsRow(facts: SchoolFacts): SqlValue[] {
  const gap = facts.pct2 !== null && facts.municipalityPct2 !== null ? round(facts.pct2 - facts.municipalityPct2, 2) : null;
  return [
    facts.name,
    facts.n,
    facts.pct2,
    gap,
    facts.lowered,
    facts.tasksBelow.length,
    facts.tasksBelow.map((row) => text(row.task)).join(', '),
    facts.n < MIN_GROUP ? 1 : 0,
  ];
}

/** One section: the table of every ОО's facts and a paragraph of recommendations, one ОО a paragraph. */
export function recommendationsSection(ctx: BuildContext, work: Record<string, SqlValue>, title: string, schoolId?: number): ReportSection {
  const facts = schoolFacts(ctx.db, work, schoolId);
  const table = reportTable(COLUMNS, { columns: COLUMNS.map((c) => c.name), rows: facts.map(factsRow) });
  const drafted = facts.length ? facts.map(adviceFor).join('\n\n') : 'Участников ВПР по этой работе нет.';
  const v9 = catalogue('V9');
  const params = resolveParams(ctx.db, v9, { ...work, school: schoolId ?? 0 });
  return {
    id: ctx.nextId(),
    kind: 'indicator',
    title,
    indicatorId: 'V9',
    params,
    paramText: paramText({ params: v9.params.filter((p) => p.name !== 'school') }, params, paramOptions(ctx.db, v9, params)),
    table,
    chart: null,
    paragraph: drafted,
    drafted,
    notes: [
      `Рекомендации составлены по числам ОО и требуют правки методистом: задания ниже порога ФИОКО (${shortPercent(INSUFFICIENT * THRESHOLDS.basic)} — базовый уровень, ` +
        `${shortPercent(INSUFFICIENT * THRESHOLDS.advanced)} — повышенный и высокий), доля «2» выше муниципальной на ${TWOS_GAP} п.п. и более, ` +
        `доля понизивших отметку журнала выше муниципальной на ${LOWERED_GAP} п.п. и более. Проверяемые умения — из отчёта ФИС ОКО ${PLANNED_REPORT}, когда он загружен.`,
      NOT_FOR_TEACHERS,
    ],
    landscape: true,
  };
}

export const recommendations: SectionBuilder = (ctx, bound, title) => [recommendationsSection(ctx, bound, title)];
