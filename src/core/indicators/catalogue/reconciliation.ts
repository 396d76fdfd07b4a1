import type { IndicatorDef } from '../types.ts';
import { LEVEL_ORDER, MECHANISM, NOT_FOR_TEACHERS, SCHOOL_LEVEL, SCHOOL_NAME, TOTAL_LEVEL, VPR_PARAMS, numberParam, vprWhere } from './common.ts';

/** [report, metric, Russian label]: what R1 compares, in display order (fisoko_agg metric names, docs/formats.md «Сводные отчёты ФИС ОКО»). */
const METRICS: Array<[string, string, string]> = [
  ['marks', 'n', 'Участников'],
  ['marks', 'pct_2', '«2», %'],
  ['marks', 'pct_3', '«3», %'],
  ['marks', 'pct_4', '«4», %'],
  ['marks', 'pct_5', '«5», %'],
  ['journal', 'n', 'Участников в сравнении с журналом'],
  ['journal', 'lowered_pct', 'Понизили, %'],
  ['journal', 'confirmed_pct', 'Подтвердили, %'],
  ['journal', 'raised_pct', 'Повысили, %'],
];

const VALUE_OF = `CASE m.report || ':' || m.metric
    WHEN 'marks:n' THEN w.n
    WHEN 'marks:pct_2' THEN w.pct_2 WHEN 'marks:pct_3' THEN w.pct_3 WHEN 'marks:pct_4' THEN w.pct_4 WHEN 'marks:pct_5' THEN w.pct_5
    WHEN 'journal:n' THEN w.n_j
    WHEN 'journal:lowered_pct' THEN w.lowered WHEN 'journal:confirmed_pct' THEN w.confirmed WHEN 'journal:raised_pct' THEN w.raised
  END`;

/** Participants, and those with a journal mark, of an entity's rows of v_vpr_school: 0 for an ОО of the report without any. */
const N = 'COALESCE(SUM(b.participants), 0)';
const N_JOURNAL = 'COALESCE(SUM(b.journal_n), 0)';

export const R1: IndicatorDef = {
  id: 'R1',
  title: 'Сверка с отчётами ФИС ОКО (V2, V7)',
  mechanism: MECHANISM.preparation,
  source:
    'ФИС ОКО, отчёты «Статистика по отметкам» и «Сравнение отметок с отметками по журналу» (загруженные сводные ' +
    'отчёты); сверка рассчитанных Око V2 и V7 с отчётами ФИС ОКО',
  formula:
    'Для ОО (по логину ФИС ОКО) и муниципалитета (по коду муниципалитета в ФИС ОКО), которые есть в загруженном отчёте по выбранной ' +
    'работе: значение, рассчитанное Око по индивидуальным результатам (V2 — доли отметок; V7 — понизили / подтвердили / ' +
    'повысили от участников с отметкой по журналу), значение из отчёта и разность. Расхождение отмечается, если ' +
    '|разность| больше допуска (0,05 п.п.; для числа участников — любое различие) или Око не нашло данных.',
  params: [...VPR_PARAMS, numberParam('tolerance', 'Допуск, п.п.', 0.05)],
  sql: `WITH work AS (
  SELECT assessment_id FROM assessment WHERE kind = 'vpr' AND year = :year AND subject_code = :subject AND grade = :grade
),
base AS MATERIALIZED (
  SELECT v.school_id, v.participants, v.n_2, v.n_3, v.n_4, v.n_5, v.journal_n, v.lowered_n, v.confirmed_n, v.raised_n
  FROM v_vpr_school v WHERE ${vprWhere('v.')}
),
entities AS (
  SELECT '${SCHOOL_LEVEL}' AS level, 'school' AS agg_level, s.school_id, s.fisoko_login AS entity, ${SCHOOL_NAME} AS name
  FROM school s WHERE s.municipality_id = :municipality AND s.fisoko_login IS NOT NULL
  UNION ALL
  SELECT '${TOTAL_LEVEL}', 'municipality', NULL, m.fisoko_code, m.name
  FROM municipality m WHERE m.municipality_id = :municipality AND m.fisoko_code IS NOT NULL
),
wide AS (
  SELECT e.level, e.agg_level, e.entity, e.name,
         ${N} AS n,
         100.0 * SUM(b.n_2) / NULLIF(${N}, 0) AS pct_2,
         100.0 * SUM(b.n_3) / NULLIF(${N}, 0) AS pct_3,
         100.0 * SUM(b.n_4) / NULLIF(${N}, 0) AS pct_4,
         100.0 * SUM(b.n_5) / NULLIF(${N}, 0) AS pct_5,
         ${N_JOURNAL} AS n_j,
         100.0 * SUM(b.lowered_n) / NULLIF(${N_JOURNAL}, 0) AS lowered,
         100.0 * SUM(b.confirmed_n) / NULLIF(${N_JOURNAL}, 0) AS confirmed,
         100.0 * SUM(b.raised_n) / NULLIF(${N_JOURNAL}, 0) AS raised
  FROM entities e LEFT JOIN base b ON e.school_id IS NULL OR b.school_id = e.school_id
  GROUP BY e.level, e.agg_level, e.entity, e.name
),
metrics(report, metric, label, ord) AS (
  VALUES ${METRICS.map(([report, metric, label], i) => `('${report}', '${metric}', '${label}', ${i})`).join(',\n         ')}
),
compared AS (
  SELECT w.level, w.name, w.entity, m.report, m.label, m.ord, ${VALUE_OF} AS computed, f.value AS fisoko
  FROM wide w CROSS JOIN metrics m
  JOIN fisoko_agg f ON f.assessment_id IN (SELECT assessment_id FROM work) AND f.report = m.report
   AND f.level = w.agg_level AND f.entity = w.entity AND f.metric = m.metric
)
SELECT level, name, entity,
       CASE report WHEN 'marks' THEN 'Статистика по отметкам' ELSE 'Сравнение с журналом' END AS report,
       label AS metric, name || ' — ' || label AS row_label,
       ROUND(computed, 2) AS computed, fisoko, ROUND(computed - fisoko, 2) + 0.0 AS diff,
       CASE WHEN computed IS NULL THEN 1 ELSE ABS(computed - fisoko) > :tolerance END AS mismatch
FROM compared
ORDER BY ${LEVEL_ORDER}, name, ord`,
  columns: [
    { name: 'level', label: 'Уровень', format: 'text' },
    { name: 'name', label: 'ОО / муниципалитет', format: 'text' },
    { name: 'entity', label: 'Код ФИС ОКО', format: 'text' },
    { name: 'report', label: 'Отчёт', format: 'text' },
    { name: 'metric', label: 'Показатель', format: 'text' },
    { name: 'row_label', label: 'Строка', format: 'text', hidden: true },
    { name: 'computed', label: 'Рассчитано Око', format: 'num' },
    { name: 'fisoko', label: 'В отчёте ФИС ОКО', format: 'num' },
    { name: 'diff', label: 'Разность', format: 'num' },
    { name: 'mismatch', label: 'Расхождение', format: 'int', highlight: true },
  ],
  chart: {
    height: { step: 16 },
    transform: [{ calculate: "datum.mismatch == 1 ? 'расхождение' : 'совпадает'", as: 'status' }],
    mark: { type: 'point', filled: true, size: 60, tooltip: true },
    encoding: {
      y: { field: 'row_label', type: 'nominal', sort: null, title: null },
      x: { field: 'diff', type: 'quantitative', title: 'Рассчитано Око − ФИС ОКО' },
      color: { field: 'status', type: 'nominal', title: null, scale: { domain: ['расхождение', 'совпадает'], range: ['#d6604d', '#4393c3'] } },
    },
  },
  interpretation:
    'Расхождения обычно означают, что загружены не все протоколы (или загружены лишние), что отметки пересчитаны по ' +
    'другой шкале или что в отчёте ФИС ОКО учтены участники без отметки по журналу. Разность до 0,01–0,02 — округление. ' +
    'Показываются только ОО и муниципалитет, которые есть в загруженном отчёте; ОО из отчёта, которой нет в базе, сюда не ' +
    `попадает (проверьте справочник ОО). ${NOT_FOR_TEACHERS}`,
};
