import type { IndicatorDef, IndicatorParam } from '../types.ts';
import {
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MARK_PCT_COLUMNS,
  MECHANISM,
  MIN_GROUP,
  NOT_FOR_TEACHERS,
  SCHOOL_LEVEL,
  SCHOOL_NAME,
  DOC,
  TOTAL_LEVEL,
  numberParam,
  vprMunicipalityParam,
} from './common.ts';

const WRITTEN = "a.kind = 'vpr' AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.assessment_id = a.assessment_id)";

/**
 * The starting work: year, subject and grade that continue in later years (grade + 1 in year + 1).
 * Only works with a continuation are offered.
 */
const COHORT_PARAMS: IndicatorParam[] = [
  {
    name: 'year',
    label: 'Начальный год',
    type: 'integer',
    options: `SELECT DISTINCT a.year AS value, a.year AS label FROM assessment a
WHERE ${WRITTEN} AND EXISTS (SELECT 1 FROM assessment b WHERE b.kind = 'vpr' AND b.year = a.year + 1 AND b.grade = a.grade + 1 AND b.subject_code = a.subject_code)
ORDER BY a.year DESC`,
  },
  {
    name: 'subject',
    label: 'Предмет',
    type: 'text',
    options: `SELECT DISTINCT a.subject_code AS value, COALESCE(sb.name, a.subject_code) AS label
FROM assessment a LEFT JOIN subject sb ON sb.subject_code = a.subject_code
WHERE a.year = :year AND ${WRITTEN}
  AND EXISTS (SELECT 1 FROM assessment b WHERE b.kind = 'vpr' AND b.year = a.year + 1 AND b.grade = a.grade + 1 AND b.subject_code = a.subject_code)
ORDER BY label`,
  },
  {
    name: 'grade',
    label: 'Начальный класс',
    type: 'integer',
    options: `SELECT DISTINCT a.grade AS value, a.grade || ' класс' AS label FROM assessment a
WHERE a.year = :year AND a.subject_code = :subject AND ${WRITTEN}
  AND EXISTS (SELECT 1 FROM assessment b WHERE b.kind = 'vpr' AND b.year = a.year + 1 AND b.grade = a.grade + 1 AND b.subject_code = a.subject_code)
ORDER BY a.grade`,
  },
  vprMunicipalityParam(),
  numberParam('steps', 'Сколько лет вперёд', 2, 'integer'),
  numberParam('drop', 'Спад качества для сигнала, п.п.', 20),
  HIDE_SMALL_PARAM,
];

/** One cell of the table from the sums of agg_result rows (one work, one maximum): counts, mean mark, % of the maximum. */
const CELL = `SUM(participants) AS n, SUM(n_2) AS n2, SUM(n_3) AS n3, SUM(n_4) AS n4, SUM(n_5) AS n5,
         (2.0 * SUM(n_2) + 3 * SUM(n_3) + 4 * SUM(n_4) + 5 * SUM(n_5)) / SUM(participants) AS mean_mark,
         100.0 * SUM(score_sum) / MAX(max_primary) / SUM(scored_n) AS score_pct`;

/**
 * Aggregates first, then windows: every (ОО, step) and (municipality, step) is one row of
 * `cells`; the year-to-year change is LAG over the steps. Each step's work is found through
 * `assessment` and its ОО through the (assessment_id, school_id) key of agg_result — one row per
 * ОО, not every participant of the region. CROSS JOIN fixes the loop order (steps → assessment →
 * agg_result): otherwise SQLite may scan every ОО row and test the steps inside the loop
 * (tests/unit/catalogue-plan.test.ts).
 *
 * The table needs only the municipality's ОО (`rows`). The region's ОО serve only the place by
 * quality, and the place only the drop signal of the step after it: it is counted for the steps
 * that a work follows, and kept for the municipality's ОО alone, so that `measured` joins a
 * handful of rows instead of building an index over the region's. The region's rows of every
 * step, kept whole for both, were half of V16's time (1,000,000 results: 13 → 6.5 ms in Node).
 */
const SQL = `WITH RECURSIVE steps(k) AS (
  SELECT 0 UNION ALL SELECT k + 1 FROM steps WHERE k < :steps
),
works AS (
  SELECT st.k, a.assessment_id, a.year, a.grade, a.max_primary
  FROM steps st CROSS JOIN assessment a
    ON a.kind = 'vpr' AND a.subject_code = :subject AND a.year = :year + st.k AND a.grade = :grade + st.k
),
-- строки ОО муниципалитета: из них таблица
rows AS MATERIALIZED (
  SELECT w.k, g.school_id, g.participants, g.n_2, g.n_3, g.n_4, g.n_5, g.scored_n, g.score_sum, w.max_primary
  FROM works w
  CROSS JOIN agg_result g ON g.assessment_id = w.assessment_id
  JOIN school s ON s.school_id = g.school_id
  WHERE g.participants > 0 AND s.municipality_id = :municipality
),
-- место ОО по качеству среди всех ОО базы нужно только для сигнала спада в следующем году:
-- считается для шагов, за которыми есть работа, и остаётся только у ОО муниципалитета
region AS MATERIALIZED (
  SELECT k, school_id, quality_rank FROM (
    SELECT w.k, g.school_id, s.municipality_id,
           CUME_DIST() OVER (PARTITION BY w.k ORDER BY 100.0 * SUM(g.n_4 + g.n_5) / SUM(g.participants)) AS quality_rank
    FROM works w
    CROSS JOIN agg_result g ON g.assessment_id = w.assessment_id
    JOIN school s ON s.school_id = g.school_id
    WHERE g.participants > 0 AND w.k + 1 IN (SELECT k FROM works)
    GROUP BY w.k, g.school_id
  ) WHERE municipality_id = :municipality
),
cells AS (
  SELECT '${SCHOOL_LEVEL}' AS level, school_id AS unit, k, ${CELL}
  FROM rows GROUP BY school_id, k
  UNION ALL
  SELECT '${TOTAL_LEVEL}', 0, k, ${CELL}
  FROM rows GROUP BY k
),
measured AS (
  SELECT c.*, 100.0 * (n3 + n4 + n5) / n AS pass, 100.0 * (n4 + n5) / n AS quality, rg.quality_rank
  FROM cells c LEFT JOIN region rg ON c.level = '${SCHOOL_LEVEL}' AND rg.k = c.k AND rg.school_id = c.unit
),
changes AS (
  SELECT m.*,
         quality - LAG(quality) OVER (PARTITION BY level, unit ORDER BY k) AS delta_quality,
         pass - LAG(pass) OVER (PARTITION BY level, unit ORDER BY k) AS delta_pass,
         LAG(quality_rank) OVER (PARTITION BY level, unit ORDER BY k) AS prev_rank,
         LAG(k) OVER (PARTITION BY level, unit ORDER BY k) AS prev_k
  FROM measured m
)
SELECT ch.level,
       CASE WHEN ch.unit = 0 THEN (SELECT mu.name FROM municipality mu WHERE mu.municipality_id = :municipality)
            ELSE (SELECT ${SCHOOL_NAME} FROM school s WHERE s.school_id = ch.unit) END AS name,
       ch.k AS step, :year + ch.k AS year, :grade + ch.k AS grade, ch.n,
       ROUND(100.0 * ch.n2 / ch.n, 2) AS pct_2, ROUND(100.0 * ch.n3 / ch.n, 2) AS pct_3,
       ROUND(100.0 * ch.n4 / ch.n, 2) AS pct_4, ROUND(100.0 * ch.n5 / ch.n, 2) AS pct_5,
       ROUND(ch.pass, 2) AS pass_pct, ROUND(ch.quality, 2) AS quality_pct,
       ROUND(ch.mean_mark, 2) AS mean_mark, ROUND(ch.score_pct, 2) AS score_pct,
       ROUND(ch.delta_pass, 2) AS delta_pass, ROUND(ch.delta_quality, 2) AS delta_quality,
       CASE WHEN ch.level = '${SCHOOL_LEVEL}' AND ch.prev_k = ch.k - 1 AND ch.prev_rank IS NOT NULL
            THEN ch.prev_rank >= 0.75 AND ch.delta_quality <= -:drop END AS drop_signal,
       ch.n < ${MIN_GROUP} AS small
FROM changes ch
WHERE NOT (:hide_small = 1 AND ch.level = '${SCHOOL_LEVEL}' AND ch.n < ${MIN_GROUP})
ORDER BY ch.level = '${TOTAL_LEVEL}', name, ch.k`;

export const V16: IndicatorDef = {
  id: 'V16',
  title: 'Когорта: одна параллель ОО по годам',
  mechanism: MECHANISM.preparation,
  source:
    `${DOC.sovgavan}, «Пояснительная записка», диаграммы «Процент учащихся, справившихся с ВПР (одни и те же обучающиеся)» ` +
    '(4 класс 2017 → 5 класс 2018 → 6 класс 2019); сигнал спада — собственное правило Око (порог задаётся параметром), не официальный критерий',
  formula:
    'Одна и та же ОО: работа по предмету в классе g года y, затем класс g+1 в году y+1 и т. д. (по умолчанию три года). ' +
    'Для каждого года — распределение отметок, успеваемость, качество знаний, средняя отметка, средний % от максимума ' +
    'и изменение к предыдущему году (п.п.). Сигнал спада: в предыдущем году качество ОО было в верхней четверти среди всех ' +
    'ОО базы, писавших ту работу, а затем упало на заданную величину (20 п.п.) и больше.',
  params: COHORT_PARAMS,
  sql: SQL,
  columns: [
    ...HEAD_COLUMNS,
    { name: 'step', label: 'Шаг', format: 'int', hidden: true },
    { name: 'year', label: 'Год', format: 'code' },
    { name: 'grade', label: 'Класс', format: 'int' },
    { name: 'n', label: 'Участников', format: 'int' },
    ...MARK_PCT_COLUMNS,
    { name: 'pass_pct', label: 'Успеваемость, %', format: 'pct' },
    { name: 'quality_pct', label: 'Качество знаний, %', format: 'pct' },
    { name: 'mean_mark', label: 'Средняя отметка', format: 'num' },
    { name: 'score_pct', label: '% от максимума', format: 'pct' },
    { name: 'delta_pass', label: 'Изменение успеваемости, п.п.', format: 'num' },
    { name: 'delta_quality', label: 'Изменение качества, п.п.', format: 'num' },
    { name: 'drop_signal', label: 'Сигнал спада (требует анализа)', format: 'int' },
    { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true },
  ],
  chart: {
    transform: [{ calculate: "datum.year + ' (' + datum.grade + ' кл.)'", as: 'step_label' }],
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'step_label', type: 'ordinal', sort: null, title: 'Год (класс)', axis: { labelAngle: 0 } },
      y: { field: 'quality_pct', type: 'quantitative', title: 'Качество знаний, %', scale: { domain: [0, 100] } },
      color: { field: 'name', type: 'nominal', title: null },
      strokeDash: {
        field: 'level',
        type: 'nominal',
        title: null,
        scale: {
          domain: ['ОО', 'Муниципалитет'],
          range: [
            [1, 0],
            [6, 3],
          ],
        },
      },
    },
  },
  interpretation:
    'Это сравнение на уровне ОО и параллели: в ВПР нет сквозного кода обучающегося, поэтому состав параллели может ' +
    'меняться (прибытие, выбытие, отсутствующие). Сигнал спада — возможный признак, требует анализа: резкое падение ' +
    'после очень высокого результата бывает и при смене шкалы или состава. Для сравнения нужны работы одного предмета ' +
    `в соседних классах соседних лет. ${NOT_FOR_TEACHERS}`,
};
