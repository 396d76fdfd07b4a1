import type { IndicatorDef, IndicatorParam } from '../types.ts';
import {
  CLUSTERS_SQL,
  CLUSTER_NOTE,
  FIOKO_2026,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  LEVEL_ORDER,
  MECHANISM,
  MIN_GROUP,
  NOT_FOR_TEACHERS,
  SCHEME_PARAM,
  SCHOOL_LEVEL,
  SCHOOL_NAME,
  DOC,
  SMALL_COLUMN,
  TOTAL_LEVEL,
  TOTAL_NOTE,
  VPR_PARAMS,
  barsWithTotalRule,
  bySchoolWithTotal,
  markMetricOf,
  numberParam,
  ruleAt,
  withLayer,
} from './common.ts';

/** An earlier year in which the same work (subject, grade) was written; the latest one first. */
const PREV_YEAR: IndicatorParam = {
  name: 'prev_year',
  label: 'Сравнить с годом',
  type: 'integer',
  options: `SELECT DISTINCT a.year AS value, a.year AS label FROM assessment a
WHERE a.kind = 'vpr' AND a.subject_code = :subject AND a.grade = :grade AND a.year < :year
  AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.assessment_id = a.assessment_id)
ORDER BY a.year DESC`,
};

/** Participants of the chosen year (`cur`) or of the year of comparison, from v_vpr_school rows. */
const sumOf = (cur: boolean, column: string) => `SUM(CASE WHEN ${cur ? '' : 'NOT '}cur THEN ${column} ELSE 0 END)`;

const share2 = (cur: boolean) => `100.0 * ${sumOf(cur, 'n_2')} / NULLIF(${sumOf(cur, 'participants')}, 0)`;

export const V14: IndicatorDef = {
  id: 'V14',
  title: 'Динамика доли «2»',
  mechanism: MECHANISM.preparation,
  source: `${FIOKO_2026}, с. 7–8 (динамика доли «2» за 3–5 лет; рост на 10 п.п. и более — негативная тенденция)`,
  formula:
    'Динамика = доля «2» в выбранном году − доля «2» в году сравнения (та же работа: предмет и класс), в процентных ' +
    'пунктах. Рост не меньше порога (по умолчанию +10 п.п.) отмечается.',
  params: [...VPR_PARAMS.slice(0, 3), PREV_YEAR, VPR_PARAMS[3], SCHEME_PARAM, HIDE_SMALL_PARAM, numberParam('rise', 'Порог роста, п.п.', 10)],
  sql: bySchoolWithTotal(
    `SELECT v.school_id, v.year = :year AS cur, v.participants, v.n_2 FROM v_vpr_school v
WHERE v.year IN (:year, :prev_year) AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality`,
    `${sumOf(true, 'participants')} AS n,
ROUND(${share2(true)}, 2) AS pct_2,
${sumOf(false, 'participants')} AS n_prev,
ROUND(${share2(false)}, 2) AS pct_2_prev,
ROUND(${share2(true)} - ${share2(false)}, 2) AS delta,
${share2(true)} - ${share2(false)} >= :rise AS rise_flag,
:rise AS rise_threshold`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'pct_2', label: '«2», %', format: 'pct' },
    { name: 'n_prev', label: 'Участников в году сравнения', format: 'int' },
    { name: 'pct_2_prev', label: '«2» в году сравнения, %', format: 'pct' },
    { name: 'delta', label: 'Динамика, п.п.', format: 'num' },
    { name: 'rise_flag', label: 'Рост не меньше порога', format: 'int' },
    { name: 'rise_threshold', label: 'Порог, п.п.', format: 'num', hidden: true },
    SMALL_COLUMN,
  ],
  chart: withLayer(barsWithTotalRule('delta', 'Изменение доли «2», п.п.'), ruleAt('rise_threshold')),
  interpretation:
    'Положительная динамика — доля «2» выросла. Красная линия — порог (по рекомендациям ФИОКО +10 п.п.). Сравнивать ' +
    'годы корректно, когда работа и шкала перевода сопоставимы; при малом числе участников одна «2» меняет долю на ' +
    `десятки процентов. Для ОО без данных одного из лет динамика пуста. ${CLUSTER_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};

const METRIC: IndicatorParam = {
  name: 'metric',
  label: 'Показатель',
  type: 'text',
  default: 'quality',
  options: `SELECT 'quality' AS value, 'качество знаний (V4)' AS label
UNION ALL SELECT 'pass', 'успеваемость (V3)'
UNION ALL SELECT 'pct2', 'доля «2» (V2)'
UNION ALL SELECT 'sou', 'СОУ (V5)'`,
};

/** The chosen metric from ФИС ОКО «Статистика по отметкам» percentages. */
const METRIC_FROM_PCT = `CASE :metric
  WHEN 'pass' THEN p3 + p4 + p5
  WHEN 'pct2' THEN p2
  WHEN 'sou' THEN (100 * p5 + 64 * p4 + 36 * p3 + 16 * p2) / 100
  ELSE p4 + p5 END`;

export const V15: IndicatorDef = {
  id: 'V15',
  title: 'Отклонение ОО от муниципалитета, кластера, региона и РФ',
  mechanism: MECHANISM.preparation,
  source: 'Сравнение ОО с муниципалитетом; эталоны региона и РФ — отчёт ФИС ОКО «Статистика по отметкам»; ' + `кластерный подход — ${DOC.severomorsk}`,
  formula:
    'Значение выбранного показателя ОО (качество знаний, успеваемость, доля «2» или СОУ) минус значение муниципалитета ' +
    '(по всем его участникам), кластера ОО (по участникам ОО того же кластера в муниципалитете), региона и РФ (из отчёта ' +
    'ФИС ОКО). z = (значение ОО − среднее значений ОО муниципалитета) / стандартное отклонение значений ОО.',
  params: [...VPR_PARAMS, METRIC, SCHEME_PARAM, HIDE_SMALL_PARAM],
  sql: `WITH base AS MATERIALIZED (
  SELECT v.school_id, v.participants, v.n_2, v.n_3, v.n_4, v.n_5 FROM v_vpr_school v
  WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade AND v.municipality_id = :municipality
),
clusters AS (
${CLUSTERS_SQL}
),
per AS (SELECT school_id, SUM(participants) AS n, ${markMetricOf()} AS value FROM base GROUP BY school_id),
mun AS (SELECT SUM(participants) AS n, ${markMetricOf()} AS value FROM base),
percl AS (SELECT c.cluster, ${markMetricOf('b.')} AS value FROM base b JOIN clusters c ON c.school_id = b.school_id GROUP BY c.cluster),
stats AS (SELECT AVG(value) AS mean, pow(MAX(AVG(value * value) - AVG(value) * AVG(value), 0), 0.5) AS sd FROM per),
ref AS (
  SELECT f.level,
         MAX(CASE f.metric WHEN 'pct_2' THEN f.value END) AS p2, MAX(CASE f.metric WHEN 'pct_3' THEN f.value END) AS p3,
         MAX(CASE f.metric WHEN 'pct_4' THEN f.value END) AS p4, MAX(CASE f.metric WHEN 'pct_5' THEN f.value END) AS p5
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
    AND f.report = 'marks' AND f.level IN ('region', 'RF')
  GROUP BY f.level
),
refs AS (
  SELECT (SELECT ${METRIC_FROM_PCT} FROM ref WHERE level = 'region') AS region,
         (SELECT ${METRIC_FROM_PCT} FROM ref WHERE level = 'RF') AS rf
),
rows AS (
  SELECT '${SCHOOL_LEVEL}' AS level, ${SCHOOL_NAME} AS name, per.n, per.value, c.cluster, percl.value AS cluster_value,
         CASE WHEN stats.sd > 0 THEN (per.value - stats.mean) / stats.sd ELSE 0 END AS z
  FROM per JOIN school s ON s.school_id = per.school_id CROSS JOIN stats
  LEFT JOIN clusters c ON c.school_id = per.school_id LEFT JOIN percl ON percl.cluster = c.cluster
  UNION ALL
  SELECT '${TOTAL_LEVEL}', (SELECT name FROM municipality WHERE municipality_id = :municipality), mun.n, mun.value, NULL, NULL, NULL
  FROM mun WHERE mun.n > 0
)
SELECT rows.level, rows.name, rows.n, ROUND(rows.value, 2) AS value,
       ROUND(mun.value, 2) AS mun_value, ROUND(rows.value - mun.value, 2) + 0.0 AS diff_mun, ROUND(rows.z, 2) + 0.0 AS z,
       rows.cluster, ROUND(rows.cluster_value, 2) AS cluster_value, ROUND(rows.value - rows.cluster_value, 2) + 0.0 AS diff_cluster,
       ROUND(refs.region, 2) AS region_value, ROUND(rows.value - refs.region, 2) + 0.0 AS diff_region,
       ROUND(refs.rf, 2) AS rf_value, ROUND(rows.value - refs.rf, 2) + 0.0 AS diff_rf,
       rows.n < ${MIN_GROUP} AS small
FROM rows CROSS JOIN mun CROSS JOIN refs
WHERE NOT (:hide_small = 1 AND rows.level = '${SCHOOL_LEVEL}' AND rows.n < ${MIN_GROUP})
ORDER BY ${LEVEL_ORDER}, rows.name`,
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'value', label: 'Значение, %', format: 'pct' },
    { name: 'mun_value', label: 'Муниципалитет, %', format: 'pct' },
    { name: 'diff_mun', label: 'Отклонение от муниципалитета, п.п.', format: 'num' },
    { name: 'z', label: 'z (среди ОО муниципалитета)', format: 'num' },
    { name: 'cluster', label: 'Кластер', format: 'text' },
    { name: 'cluster_value', label: 'Кластер, %', format: 'pct' },
    { name: 'diff_cluster', label: 'Отклонение от кластера, п.п.', format: 'num' },
    { name: 'region_value', label: 'Регион (ФИС ОКО), %', format: 'pct' },
    { name: 'diff_region', label: 'Отклонение от региона, п.п.', format: 'num' },
    { name: 'rf_value', label: 'РФ (ФИС ОКО), %', format: 'pct' },
    { name: 'diff_rf', label: 'Отклонение от РФ, п.п.', format: 'num' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('diff_mun', 'Отклонение от муниципалитета, п.п.'),
  interpretation:
    'Положительное отклонение — ОО выше эталона (для доли «2» — хуже). |z| ≥ 2 — ОО заметно выделяется среди ОО ' +
    'муниципалитета; это повод посмотреть на контекст (контингент, кластер), а не оценка. Эталоны региона и РФ есть, ' +
    `когда загружен отчёт ФИС ОКО «Статистика по отметкам» этой работы. ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};
