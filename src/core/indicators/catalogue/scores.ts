import type { IndicatorDef } from '../types.ts';
import {
  FIOKO_2026,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  LEVEL_ORDER,
  MECHANISM,
  MIN_GROUP,
  NOT_FOR_TEACHERS,
  SCHOOL_LEVEL,
  SCHOOL_NAME,
  SCALED_WORK,
  TOTAL_LEVEL,
  VPR_PARAMS,
  VPR_SCHOOL_CHOICE,
  numberParam,
  vprParams,
  vprWhere,
} from './common.ts';

/** The chosen ВПР work (one per year, subject and grade). */
const WORK =
  "SELECT a.assessment_id, a.max_primary FROM assessment a WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade";

/** Integer primary scores (a fractional score falls into the bucket of its integer part). */

/** Mark of a primary score by the stored scale (mark_scale). */
const MARK_OF = (score: string) => `(SELECT ms.mark FROM mark_scale ms
   WHERE ms.kind = 'vpr' AND ms.year = :year AND ms.subject_code = :subject AND ms.grade = :grade AND ms.level = ''
     AND ${score} BETWEEN ms.min_primary AND ms.max_primary)`;

/** Region / РФ share of participants with this score, from ФИС ОКО «Распределение первичных баллов». */
const REFERENCE = (level: string, score: string) => `(SELECT MAX(f.value) FROM fisoko_agg f JOIN work w ON w.assessment_id = f.assessment_id
   WHERE f.report = 'hist' AND f.level = '${level}' AND f.metric = 'score:' || ${score})`;

export const V12: IndicatorDef = {
  id: 'V12',
  title: 'Распределение первичных баллов',
  mechanism: MECHANISM.preparation,
  source: `ФИС ОКО, отчёт «Распределение первичных баллов»; ${FIOKO_2026}, с. 13–15`,
  formula:
    'Для каждого первичного балла от 0 до максимума: число участников с этим баллом и их доля от всех участников (%). ' +
    'Рядом — доля по муниципалитету и, если загружен отчёт ФИС ОКО, по региону и РФ. Отметка балла — по шкале перевода.',
  params: [...VPR_PARAMS, VPR_SCHOOL_CHOICE],
  sql: `WITH RECURSIVE work AS (
  ${WORK}
),
scores AS (
  SELECT g.score, g.n, CASE WHEN :school = 0 OR g.school_id = :school THEN g.n ELSE 0 END AS chosen_n
  FROM v_vpr_score g WHERE ${vprWhere('g.')}
),
top AS (
  SELECT MAX(COALESCE((SELECT MAX(max_primary) FROM work), 0), COALESCE((SELECT MAX(score) FROM scores), 0)) AS m
),
series(score) AS (
  SELECT 0 UNION ALL SELECT series.score + 1 FROM series, top WHERE series.score < top.m
),
counts AS (SELECT score, SUM(chosen_n) AS n, SUM(n) AS mun_n FROM scores GROUP BY score),
totals AS (SELECT SUM(chosen_n) AS n, SUM(n) AS mun_n FROM scores)
SELECT se.score,
       ${MARK_OF('se.score')} AS mark,
       COALESCE(c.n, 0) AS n,
       ROUND(100.0 * COALESCE(c.n, 0) / t.n, 2) AS pct,
       ROUND(100.0 * COALESCE(c.mun_n, 0) / t.mun_n, 2) AS mun_pct,
       ${REFERENCE('region', 'se.score')} AS region_pct,
       ${REFERENCE('RF', 'se.score')} AS rf_pct,
       t.n < ${MIN_GROUP} AS small
FROM series se CROSS JOIN totals t LEFT JOIN counts c ON c.score = se.score
WHERE t.mun_n > 0
ORDER BY se.score`,
  columns: [
    { name: 'score', label: 'Первичный балл', format: 'int' },
    { name: 'mark', label: 'Отметка по шкале', format: 'int' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'pct', label: 'Доля, %', format: 'pct' },
    { name: 'mun_pct', label: 'Муниципалитет, %', format: 'pct' },
    { name: 'region_pct', label: 'Регион (ФИС ОКО), %', format: 'pct' },
    { name: 'rf_pct', label: 'РФ (ФИС ОКО), %', format: 'pct' },
    { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true },
  ],
  chart: {
    layer: [
      {
        transform: [{ calculate: "datum.mark == null ? 'нет шкалы' : '«' + datum.mark + '»'", as: 'mark_label' }],
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'score', type: 'ordinal', title: 'Первичный балл', axis: { labelAngle: 0 } },
          y: { field: 'pct', type: 'quantitative', title: 'Доля участников, %' },
          color: {
            field: 'mark_label',
            type: 'nominal',
            title: 'Отметка',
            scale: { domain: ['«2»', '«3»', '«4»', '«5»', 'нет шкалы'], range: ['#d73027', '#fdae61', '#a6d96a', '#1a9850', '#9d9d9d'] },
          },
        },
      },
      {
        // a line is one graphic: its description is what a screen reader says for it
        mark: {
          type: 'line',
          color: '#222',
          strokeDash: [5, 3],
          point: { color: '#222', size: 20, aria: false },
          tooltip: true,
          description: 'Регион (ФИС ОКО): доля участников по баллам',
        },
        encoding: {
          x: { field: 'score', type: 'ordinal' },
          y: { field: 'region_pct', type: 'quantitative' },
        },
      },
    ],
  },
  interpretation:
    'Столбцы — выбранная ОО (или весь муниципалитет), цвет — отметка по шкале; пунктир — регион по отчёту ФИС ОКО. ' +
    'Ровное распределение без «ступенек» типично; резкие пики ровно на нижних границах отметок — возможный признак, ' +
    'требует анализа (см. V13), но не доказательство. ФИОКО: выборка от 50 участников информативна, 20–30 — ' +
    `приблизительный минимум, меньше 20 — ограниченная интерпретация. ${NOT_FOR_TEACHERS}`,
};

/**
 * CTEs `units(unit, score, k)` (k participants of the unit with that whole primary score) → `peaks`: for every unit (an ОО, or 0 = the municipality/all) and every
 * lower bound b of marks 3, 4, 5 (mark_scale): n(b), n(b−1), n(b−2), their ratio and the region's
 * ratio from ФИС ОКО, and the signal. `units` must be defined before; binds :year, :subject,
 * :grade, :min_n, :ratio, :excess.
 */
export const PEAK_CTES = `sizes AS (SELECT unit, SUM(k) AS n FROM units GROUP BY unit),
hist AS (SELECT unit, score, SUM(k) AS k FROM units GROUP BY unit, score),
bounds AS (
  SELECT ms.mark, ms.min_primary AS b FROM mark_scale ms
  WHERE ms.kind = 'vpr' AND ms.year = :year AND ms.subject_code = :subject AND ms.grade = :grade AND ms.level = ''
    AND ms.mark IN (3, 4, 5)
),
region AS (
  SELECT CAST(SUBSTR(f.metric, 7) AS INTEGER) AS score, MAX(f.value) AS k
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
    AND f.report = 'hist' AND f.level = 'region' AND f.metric LIKE 'score:%'
  GROUP BY 1
),
region_ratio AS (
  SELECT bd.b, r0.k / ((r1.k + r2.k) / 2.0) AS ratio
  FROM bounds bd
  JOIN region r0 ON r0.score = bd.b JOIN region r1 ON r1.score = bd.b - 1 JOIN region r2 ON r2.score = bd.b - 2
  WHERE r1.k + r2.k > 0
),
counted AS (
  SELECT sz.unit, sz.n, bd.mark, bd.b,
         COALESCE(h0.k, 0) AS n_b, COALESCE(h1.k, 0) AS n_b1, COALESCE(h2.k, 0) AS n_b2,
         (COALESCE(h1.k, 0) + COALESCE(h2.k, 0)) / 2.0 AS before,
         rr.ratio AS region_ratio
  FROM sizes sz CROSS JOIN bounds bd
  LEFT JOIN hist h0 ON h0.unit = sz.unit AND h0.score = bd.b
  LEFT JOIN hist h1 ON h1.unit = sz.unit AND h1.score = bd.b - 1
  LEFT JOIN hist h2 ON h2.unit = sz.unit AND h2.score = bd.b - 2
  LEFT JOIN region_ratio rr ON rr.b = bd.b
),
peaks AS (
  SELECT counted.*, CASE WHEN before > 0 THEN n_b / before END AS ratio,
         CASE WHEN n < :min_n THEN NULL
              ELSE n_b >= before + 1
               AND (before = 0 OR n_b / before >= :ratio)
               AND (region_ratio IS NULL OR before = 0 OR n_b / before >= region_ratio + :excess)
         END AS signal
  FROM counted
)`;

export const PEAK_PARAMS = [
  numberParam('min_n', 'Минимум участников для сигнала', 20, 'integer'),
  numberParam('ratio', 'Порог отношения n(b) / среднее n(b−1), n(b−2)', 1.5),
  numberParam('excess', 'Превышение над отношением региона', 0.5),
];

export const V13: IndicatorDef = {
  id: 'V13',
  title: 'Пики на границах отметок (сигнал)',
  mechanism: MECHANISM.objectivity,
  source:
    `${FIOKO_2026}, с. 13, 15 (пики на границах отметок — возможный маркер, требующий анализа); эвристика отношения ` +
    '1,5 — собственное правило Око, не официальный критерий',
  formula:
    'Для каждой нижней границы b отметок «3», «4», «5» (шкала перевода баллов в отметки): n(b) — участников с баллом ровно b; ' +
    'отношение = n(b) / среднее(n(b−1), n(b−2)). Сигнал, если участников не меньше заданного минимума (20), n(b) ≥ ' +
    'среднее + 1, отношение ≥ порога (1,5) и — когда загружена гистограмма региона из ФИС ОКО — отношение больше ' +
    'регионального на заданную величину (0,5). При среднем 0 отношение не определено, сигнал — по условию n(b) ≥ 1.',
  params: [...vprParams(SCALED_WORK), ...PEAK_PARAMS, HIDE_SMALL_PARAM],
  sql: `WITH units AS (
  SELECT g.school_id AS unit, g.score, g.n AS k FROM v_vpr_score g WHERE ${vprWhere('g.')}
  UNION ALL
  SELECT 0, g.score, g.n FROM v_vpr_score g WHERE ${vprWhere('g.')}
),
${PEAK_CTES},
named AS (
  SELECT CASE WHEN p.unit = 0 THEN '${TOTAL_LEVEL}' ELSE '${SCHOOL_LEVEL}' END AS level,
         CASE WHEN p.unit = 0 THEN (SELECT mu.name FROM municipality mu WHERE mu.municipality_id = :municipality)
              ELSE (SELECT ${SCHOOL_NAME} FROM school s WHERE s.school_id = p.unit) END AS name,
         p.*
  FROM peaks p
)
SELECT level, name, n, mark, b AS boundary, n_b, n_b1, n_b2,
       ROUND(ratio, 2) AS ratio, ROUND(region_ratio, 2) AS region_ratio, signal,
       n < ${MIN_GROUP} AS small
FROM named
WHERE NOT (:hide_small = 1 AND level = '${SCHOOL_LEVEL}' AND n < ${MIN_GROUP})
ORDER BY ${LEVEL_ORDER}, name, mark`,
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'mark', label: 'Отметка', format: 'int' },
    { name: 'boundary', label: 'Граница b (балл)', format: 'int' },
    { name: 'n_b', label: 'n(b)', format: 'int' },
    { name: 'n_b1', label: 'n(b−1)', format: 'int' },
    { name: 'n_b2', label: 'n(b−2)', format: 'int' },
    { name: 'ratio', label: 'Отношение', format: 'num' },
    { name: 'region_ratio', label: 'Отношение в регионе', format: 'num' },
    { name: 'signal', label: 'Сигнал (требует анализа)', format: 'int' },
    { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true },
  ],
  chart: {
    height: { step: 22 },
    transform: [
      { calculate: "'«' + datum.mark + '»'", as: 'mark_label' },
      { calculate: "datum.signal == 1 ? 'сигнал' : datum.signal == 0 ? 'нет сигнала' : 'мало данных'", as: 'signal_label' },
    ],
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: null },
      yOffset: { field: 'mark_label', type: 'nominal' },
      x: { field: 'ratio', type: 'quantitative', title: 'n(b) / среднее двух баллов ниже границы' },
      color: {
        field: 'signal_label',
        type: 'nominal',
        title: null,
        scale: { domain: ['сигнал', 'нет сигнала', 'мало данных'], range: ['#d6604d', '#92c5de', '#d9d9d9'] },
      },
    },
  },
  interpretation:
    'Сигнал — возможный признак, требует анализа: пик на границе бывает и при честной проверке (малая выборка, особенности ' +
    'работы). Рассматривайте вместе с сопоставлением с журналом (V7), выполнением заданий (V10) и официальными признаками ' +
    '(O1, O2). При числе участников меньше минимума сигнал не вычисляется (пусто). Если шкала перевода для работы не ' +
    `загружена, строк нет. ${NOT_FOR_TEACHERS}`,
};
