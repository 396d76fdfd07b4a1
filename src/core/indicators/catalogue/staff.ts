import type { IndicatorDef, IndicatorParam } from '../types.ts';
import {
  CLUSTER_NOTE,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MECHANISM,
  MIN_GROUP,
  SCHEME_PARAM,
  DOC,
  SMALL_COLUMN,
  TOTAL_NOTE,
  barsWithTotalRule,
  bySchoolWithTotal,
  numberParam,
  pct,
  stackedBars,
} from './common.ts';

/** Year and municipality choices offered by the rows of one of the catalogue's own tables. */
export function tableParams(table: string, label = 'Год'): IndicatorParam[] {
  return [
    {
      name: 'year',
      label,
      type: 'integer',
      options: `SELECT DISTINCT year AS value, year AS label FROM ${table} ORDER BY year DESC`,
    },
    {
      name: 'municipality',
      label: 'Муниципалитет',
      type: 'integer',
      options: `SELECT DISTINCT m.municipality_id AS value, m.name AS label
FROM ${table} t JOIN school s ON s.school_id = t.school_id JOIN municipality m ON m.municipality_id = s.municipality_id
WHERE t.year = :year ORDER BY m.name`,
    },
  ];
}

const STAFF = `SELECT t.school_id, t.higher_education, t.category, t.refresher_valid,
       COALESCE(t.age, t.year - t.birth_year) AS age
FROM teaching_staff t JOIN school s ON s.school_id = t.school_id
WHERE t.year = :year AND s.municipality_id = :municipality`;

const STAFF_SOURCE =
  `${DOC.sovgavan}, «Пояснительная записка» (основные показатели качества педагогических кадров: педагоги с высшим ` +
  'образованием — 87,5 %; с высшей и первой категорией — 38,3 %; средний возраст — 45,3 года; с действующими курсами ' +
  'повышения квалификации — 71,1 %)';

const STAFF_NOTE =
  `Педагоги — строки загруженной таблицы педагогических кадров за учебный год (одна строка на педагога и ОО; совместитель учитывается в ` +
  `каждой ОО). ОО, где педагогов меньше ${MIN_GROUP}, отмечены: одна строка меняет долю на 10 п.п. и больше. ` +
  'Показатели описывают кадровые условия, а не эффективность работы педагогов.';

const STAFF_PARAMS = [...tableParams('teaching_staff', 'Учебный год (год окончания)'), SCHEME_PARAM, HIDE_SMALL_PARAM];

export const K1: IndicatorDef = {
  id: 'K1',
  title: 'Доля педагогов с высшим образованием',
  mechanism: MECHANISM.teacherTraining,
  source: STAFF_SOURCE,
  formula: 'Доля = педагоги с высшим образованием / педагоги с известным образованием × 100.',
  params: STAFF_PARAMS,
  sql: bySchoolWithTotal(
    STAFF,
    `COUNT(*) AS n,
SUM(higher_education = 1) AS higher_n,
${pct('SUM(higher_education = 1)', 'COUNT(higher_education)')} AS higher_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Педагогов', format: 'int' },
    { name: 'higher_n', label: 'С высшим образованием', format: 'int' },
    { name: 'higher_pct', label: 'С высшим образованием, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('higher_pct', 'Педагоги с высшим образованием, %', [0, 100]),
  interpretation: `${STAFF_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const K2: IndicatorDef = {
  id: 'K2',
  title: 'Доля педагогов с высшей и первой квалификационной категорией',
  mechanism: MECHANISM.teacherTraining,
  source: STAFF_SOURCE,
  formula:
    'Доля = педагоги с высшей или первой квалификационной категорией / педагоги с известной категорией × 100; отдельно — ' +
    'высшая, первая, соответствие занимаемой должности, без категории.',
  params: STAFF_PARAMS,
  sql: bySchoolWithTotal(
    STAFF,
    `COUNT(*) AS n,
SUM(category IN ('высшая', 'первая')) AS top_n,
${pct("SUM(category IN ('высшая', 'первая'))", 'COUNT(category)')} AS top_pct,
${pct("SUM(category = 'высшая')", 'COUNT(category)')} AS highest_pct,
${pct("SUM(category = 'первая')", 'COUNT(category)')} AS first_pct,
${pct("SUM(category = 'соответствие')", 'COUNT(category)')} AS fit_pct,
${pct("SUM(category = 'нет')", 'COUNT(category)')} AS none_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Педагогов', format: 'int' },
    { name: 'top_n', label: 'С высшей или первой категорией', format: 'int' },
    { name: 'top_pct', label: 'С высшей или первой категорией, %', format: 'pct' },
    { name: 'highest_pct', label: 'Высшая, %', format: 'pct' },
    { name: 'first_pct', label: 'Первая, %', format: 'pct' },
    { name: 'fit_pct', label: 'Соответствие должности, %', format: 'pct' },
    { name: 'none_pct', label: 'Без категории, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: stackedBars(
    [
      ['highest_pct', 'высшая', '#1a9850'],
      ['first_pct', 'первая', '#a6d96a'],
      ['fit_pct', 'соответствие', '#fee08b'],
      ['none_pct', 'без категории', '#d9d9d9'],
    ],
    'Доля педагогов',
  ),
  interpretation: `${STAFF_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const K3: IndicatorDef = {
  id: 'K3',
  title: 'Доля педагогов с действующими курсами повышения квалификации',
  mechanism: MECHANISM.teacherTraining,
  source: STAFF_SOURCE,
  formula:
    'Доля = педагоги, у которых курсы повышения квалификации действуют на отчётную дату (отметка в таблице), / ' + 'педагоги с заполненной отметкой × 100.',
  params: STAFF_PARAMS,
  sql: bySchoolWithTotal(
    STAFF,
    `COUNT(*) AS n,
SUM(refresher_valid = 1) AS refresher_n,
${pct('SUM(refresher_valid = 1)', 'COUNT(refresher_valid)')} AS refresher_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Педагогов', format: 'int' },
    { name: 'refresher_n', label: 'С действующими курсами ПК', format: 'int' },
    { name: 'refresher_pct', label: 'С действующими курсами ПК, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('refresher_pct', 'Педагоги с действующими курсами ПК, %', [0, 100]),
  interpretation:
    'Срок действия курсов (обычно раз в три года) определяет ОО при заполнении таблицы; Око его не вычисляет. ' + `${STAFF_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};

export const K4: IndicatorDef = {
  id: 'K4',
  title: 'Средний возраст педагогов',
  mechanism: MECHANISM.teacherTraining,
  source: STAFF_SOURCE,
  formula:
    'Возраст педагога — из таблицы, а если не указан — год таблицы минус год рождения. Средний возраст = Σ возрастов / ' +
    'число педагогов с известным возрастом; доля молодых — моложе заданного возраста (по умолчанию 35 лет).',
  params: [...STAFF_PARAMS, numberParam('young', 'Молодые педагоги: моложе, лет', 35, 'integer')],
  sql: bySchoolWithTotal(
    STAFF,
    `COUNT(*) AS n,
ROUND(AVG(age), 1) AS mean_age,
SUM(age < :young) AS young_n,
${pct('SUM(age < :young)', 'COUNT(age)')} AS young_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Педагогов', format: 'int' },
    { name: 'mean_age', label: 'Средний возраст, лет', format: 'num' },
    { name: 'young_n', label: 'Молодых педагогов', format: 'int' },
    { name: 'young_pct', label: 'Молодых педагогов, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('mean_age', 'Средний возраст педагогов, лет'),
  interpretation: `${STAFF_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};
