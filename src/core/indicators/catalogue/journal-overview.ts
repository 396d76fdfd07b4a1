import type { IndicatorDef, IndicatorParam } from '../types.ts';
import {
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MECHANISM,
  MIN_GROUP,
  NOT_FOR_TEACHERS,
  SCHOOL_LEVEL,
  SCHOOL_NAME,
  TOTAL_LEVEL,
  sovgavanRow,
  vprMunicipalityParam,
} from './common.ts';

const PARAMS: IndicatorParam[] = [
  {
    name: 'year',
    label: 'Год',
    type: 'integer',
    options: `SELECT a.year AS value, a.year AS label FROM assessment a
WHERE a.kind = 'vpr' AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.assessment_id = a.assessment_id)
GROUP BY a.year ORDER BY a.year DESC`,
  },
  vprMunicipalityParam('v.year = :year'),
  HIDE_SMALL_PARAM,
];

const WORK = "COALESCE(sb.vpr_abbr, sb.name, b.subject_code) || '-' || b.grade";
const ALL_WORKS = 'все работы';

/** Summed over the v_vpr_school rows of a group; with no journal mark at all «подтвердили» is empty, not 0. */
const metrics = `SUM(participants) AS n_all, SUM(journal_n) AS n, CASE WHEN SUM(journal_n) > 0 THEN SUM(confirmed_n) END AS confirmed_n`;

/** V7S: indicator №1 of the Советско-Гаванский programme at a glance — the «подтвердили» share of every ВПР work of the year, per ОО. */
export const V7S: IndicatorDef = {
  id: 'V7S',
  title: 'Подтверждение отметок ВПР по предметам и классам (сводная)',
  mechanism: MECHANISM.preparation,
  source: `${sovgavanRow(1)} «Процент обучающихся, подтвердивших текущую успеваемость результатами ВПР»; ФИС ОКО, отчёт «Сравнение отметок с отметками по журналу»`,
  formula:
    'Для каждой ОО и каждой работы года (предмет-класс) и по всем работам ОО вместе: подтвердили = участники, у которых ' +
    'отметка ВПР равна отметке по журналу. Две доли: от участников с отметкой по журналу (как в ФИС ОКО) и от всех ' +
    'участников ВПР (как в программе Советско-Гаванского района, №1).',
  params: PARAMS,
  sql: `WITH base AS (
  SELECT v.school_id, v.subject_code, v.grade, v.participants, v.journal_n, v.confirmed_n FROM v_vpr_school v
  WHERE v.year = :year AND v.municipality_id = :municipality
),
grouped AS (
  SELECT '${SCHOOL_LEVEL}' AS level, ${SCHOOL_NAME} AS name, ${WORK} AS work, b.grade AS work_grade, COALESCE(sb.name, b.subject_code) AS work_subject, ${metrics}
  FROM base b JOIN school s ON s.school_id = b.school_id LEFT JOIN subject sb ON sb.subject_code = b.subject_code
  GROUP BY s.school_id, b.subject_code, b.grade
  UNION ALL
  SELECT '${SCHOOL_LEVEL}', ${SCHOOL_NAME}, '${ALL_WORKS}', 99, '', ${metrics}
  FROM base b JOIN school s ON s.school_id = b.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT '${TOTAL_LEVEL}', mu.name, ${WORK}, b.grade, COALESCE(sb.name, b.subject_code), ${metrics}
  FROM base b JOIN municipality mu ON mu.municipality_id = :municipality LEFT JOIN subject sb ON sb.subject_code = b.subject_code
  GROUP BY b.subject_code, b.grade
  UNION ALL
  SELECT '${TOTAL_LEVEL}', mu.name, '${ALL_WORKS}', 99, '', ${metrics}
  FROM base b JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT level, name, work, n_all, n, confirmed_n,
       ROUND(100.0 * confirmed_n / n, 2) AS confirmed_pct,
       ROUND(100.0 * confirmed_n / n_all, 2) AS confirmed_all_pct,
       n < ${MIN_GROUP} AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = '${SCHOOL_LEVEL}' AND n < ${MIN_GROUP})
ORDER BY level = '${TOTAL_LEVEL}', name, work_grade, work_subject`,
  columns: [
    ...HEAD_COLUMNS,
    { name: 'work', label: 'Работа', format: 'text' },
    { name: 'n_all', label: 'Участников ВПР', format: 'int' },
    { name: 'n', label: 'С отметкой по журналу', format: 'int' },
    { name: 'confirmed_n', label: 'Подтвердили, чел.', format: 'int' },
    { name: 'confirmed_pct', label: 'Подтвердили, % (от имеющих отметку по журналу)', format: 'pct' },
    { name: 'confirmed_all_pct', label: 'Подтвердили, % (от всех участников)', format: 'pct' },
    { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true },
  ],
  chart: {
    mark: { type: 'rect', tooltip: true },
    encoding: {
      x: { field: 'work', type: 'nominal', sort: null, title: 'Работа', axis: { labelAngle: 0 } },
      y: { field: 'name', type: 'nominal', sort: null, title: null },
      color: { field: 'confirmed_pct', type: 'quantitative', title: 'Подтвердили, %', scale: { domain: [0, 100], scheme: 'blues' } },
      opacity: { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 },
    },
  },
  interpretation:
    'Сводная по всем работам года: в каждой клетке — доля подтвердивших отметку по журналу. Очень низкая доля говорит о ' +
    'расхождении текущего оценивания и ВПР; доля, близкая к 100 % при большом числе участников, — о возможной ' +
    'необъективности проведения или проверки; и то и другое — возможный признак, требует анализа (подробно по работе — ' +
    `V7, V8). Группы меньше ${MIN_GROUP} участников отмечены. ${NOT_FOR_TEACHERS}`,
};
