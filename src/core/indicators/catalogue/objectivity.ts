import type { IndicatorDef, IndicatorParam } from '../types.ts';
import {
  CLUSTER_NOTE,
  FIOKO_2026,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MECHANISM,
  MIN_GROUP,
  NOT_FOR_TEACHERS,
  SCHEME_PARAM,
  SCHOOL_LEVEL,
  SCHOOL_NAME,
  DOC,
  SMALL_COLUMN,
  TOTAL_NOTE,
  VPR_PARAMS,
  barsWithTotalRule,
  bySchoolWithTotal,
  numberParam,
  vprMunicipalityParam,
  vprWhere,
} from './common.ts';
import { giaAttempts } from './gia-common.ts';
import { PEAK_CTES, PEAK_PARAMS } from './scores.ts';

/** The one sentence every objectivity output carries (docs/methodology.md, «Объективность и школы с низкими результатами», «Правила формулировок»). */
export const SIGNAL_NOT_VERDICT = 'Это возможный признак, требует анализа: показатель не является выводом о проведении или проверке работ в ОО.';

/** Official flags (objectivity_flag) come from ФИОКО/ФИС ОКО; computed signals are Oko's own and shown beside them. */
const OFFICIAL_NOTE =
  'Официальные признаки ФИОКО загружаются перечнем ОО с признаками необъективности (ВПР 4 и 5 классов, русский язык и математика) и ' +
  'показываются рядом с вычисленными сигналами, не смешиваясь с ними.';

const ALL_MUNICIPALITIES: IndicatorParam = {
  name: 'municipality',
  label: 'Муниципалитет',
  type: 'integer',
  default: 0,
  options: `SELECT 0 AS value, 'Все муниципалитеты' AS label
UNION ALL
SELECT * FROM (SELECT municipality_id, name FROM municipality ORDER BY name)`,
};

export const O1: IndicatorDef = {
  id: 'O1',
  title: 'Доля ОО с официальными признаками необъективности результатов ВПР',
  mechanism: MECHANISM.objectivity,
  source:
    `${DOC.pyatigorsk}, п. 1.3 (изучение перечня ОО, демонстрирующих признаки необъективности, по данным Рособрнадзора); ` +
    'перечень ОО с признаками необъективности ФИОКО по ВПР 4 и 5 классов (ФИС ОКО); знаменатель — как в региональных мониторингах: ОО, ' +
    'писавшие ВПР по русскому языку в 4 классе',
  formula:
    'Для каждого года: число ОО, у которых в перечне ФИОКО отмечен хотя бы один признак, ' +
    'делённое на число ОО, писавших ВПР по русскому языку в 4 классе в том же году, × 100. Отдельно — число ОО с признаком ' +
    'по каждой работе (РУ-4, МА-4, РУ-5, МА-5) и общее число признаков.',
  params: [ALL_MUNICIPALITIES],
  sql: `WITH scope AS (
  SELECT school_id FROM school WHERE :municipality = 0 OR municipality_id = :municipality
),
years AS (SELECT DISTINCT year FROM objectivity_flag),
wrote AS (
  SELECT DISTINCT g.year, g.school_id FROM v_vpr_school g
  WHERE g.subject_code = 'rus' AND g.grade = 4 AND (:municipality = 0 OR g.municipality_id = :municipality)
),
flags AS (SELECT * FROM objectivity_flag WHERE school_id IN (SELECT school_id FROM scope))
SELECT y.year,
       (SELECT COUNT(*) FROM wrote w WHERE w.year = y.year) AS n_oo,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged IS NOT NULL) AS analysed_oo,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1) AS flagged_oo,
       ROUND(100.0 * (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1)
             / NULLIF((SELECT COUNT(*) FROM wrote w WHERE w.year = y.year), 0), 2) AS flagged_pct,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1 AND f.work = 'РУ4') AS ru4_n,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1 AND f.work = 'МА4') AS ma4_n,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1 AND f.work = 'РУ5') AS ru5_n,
       (SELECT COUNT(DISTINCT school_id) FROM flags f WHERE f.year = y.year AND f.flagged = 1 AND f.work = 'МА5') AS ma5_n,
       (SELECT COUNT(*) FROM flags f WHERE f.year = y.year AND f.flagged = 1) AS markers_n
FROM years y
ORDER BY y.year`,
  columns: [
    { name: 'year', label: 'Год', format: 'code' },
    { name: 'n_oo', label: 'ОО, писавших ВПР по русскому языку в 4 классе', format: 'int' },
    { name: 'analysed_oo', label: 'ОО в перечне ФИОКО (проанализированы)', format: 'int' },
    { name: 'flagged_oo', label: 'ОО с официальным признаком', format: 'int' },
    { name: 'flagged_pct', label: 'Доля ОО с официальным признаком, %', format: 'pct' },
    { name: 'ru4_n', label: 'Признак по РУ-4, ОО', format: 'int' },
    { name: 'ma4_n', label: 'Признак по МА-4, ОО', format: 'int' },
    { name: 'ru5_n', label: 'Признак по РУ-5, ОО', format: 'int' },
    { name: 'ma5_n', label: 'Признак по МА-5, ОО', format: 'int' },
    { name: 'markers_n', label: 'Признаков всего', format: 'int' },
  ],
  chart: {
    layer: [
      {
        mark: { type: 'bar', tooltip: true, color: '#d6604d' },
        encoding: {
          x: { field: 'year', type: 'ordinal', title: 'Год', axis: { labelAngle: 0 } },
          y: { field: 'flagged_pct', type: 'quantitative', title: 'Доля ОО с официальным признаком, %' },
        },
      },
      {
        mark: { type: 'text', dy: -6, fontSize: 11 },
        encoding: {
          x: { field: 'year', type: 'ordinal' },
          y: { field: 'flagged_pct', type: 'quantitative' },
          text: { field: 'flagged_oo', type: 'quantitative' },
        },
      },
    ],
  },
  interpretation:
    `Официальный признак — ${SIGNAL_NOT_VERDICT.charAt(0).toLowerCase()}${SIGNAL_NOT_VERDICT.slice(1)} Если в году ОО не ` +
    'писали ВПР по русскому языку в 4 классе (или эти результаты не загружены), доля пуста. ОО с признаком, не писавшая ' +
    `РУ-4, входит в числитель, но не в знаменатель. ${OFFICIAL_NOTE} ${NOT_FOR_TEACHERS}`,
};

export const O2: IndicatorDef = {
  id: 'O2',
  title: 'Сводный сигнал риска необъективности по работе ВПР (число сигналов)',
  mechanism: MECHANISM.objectivity,
  source:
    `${DOC.pyatigorsk}, п. 2.2, 2.5 (выявление причин, сопоставление внешней и внутренней оценки); ${DOC.sosnovka}, раздел ` +
    `«${MECHANISM.objectivity}» («организация анализа и мониторинга результатов оценочных процедур с целью выявления признаков необъективных результатов на основе данных анализа»); ${FIOKO_2026}, ` +
    'с. 11–15; набор сигналов — собственная прозрачная методика Око, не официальный перечень',
  formula:
    'Для каждой ОО по выбранной работе считается, сколько из пяти сигналов сработало: (1) пик на границе отметки (V13); ' +
    '(2) журнал: доля «повысили» в верхних 10 % ОО базы при «повысили» > 0, или «подтвердили» не меньше 95 %; ' +
    '(3) инверсия сложности: задания П/В выполнены не хуже заданий Б (V10); (4) спад когорты: качество ОО в верхней ' +
    'четверти ОО базы, а через год (класс + 1) ниже на 20 п.п. и больше (V16); (5) для 8 класса: качество ВПР выше ' +
    'качества ОГЭ той же ОО через год на 20 п.п. и больше (O3). Сигнал вычисляется только для групп не меньше заданного ' +
    'минимума участников (пусто — «нет данных»). Рядом — официальный признак ФИОКО по той же работе.',
  params: [
    ...VPR_PARAMS,
    ...PEAK_PARAMS,
    numberParam('raised_top', 'Верхняя доля ОО по «повысили», %', 10),
    numberParam('confirmed', '«Подтвердили» не меньше, %', 95),
    numberParam('drop', 'Спад качества когорты, п.п.', 20),
    numberParam('gap', 'Превышение ВПР-8 над ОГЭ, п.п.', 20),
    HIDE_SMALL_PARAM,
  ],
  sql: `WITH base AS (
  SELECT g.* FROM v_vpr_school g WHERE g.year = :year AND g.subject_code = :subject AND g.grade = :grade
),
units AS (
  SELECT g.school_id AS unit, g.score, g.n AS k FROM v_vpr_score g WHERE ${vprWhere('g.')}
),
${PEAK_CTES},
peak AS (SELECT unit AS school_id, MAX(signal) AS signal FROM peaks GROUP BY unit),
per AS (
  SELECT school_id, municipality_id, SUM(participants) AS n,
         100.0 * SUM(raised_n) / NULLIF(SUM(journal_n), 0) AS raised,
         100.0 * SUM(confirmed_n) / NULLIF(SUM(journal_n), 0) AS confirmed,
         100.0 * SUM(n_4 + n_5) / SUM(participants) AS quality
  FROM base GROUP BY school_id
),
ranked AS (
  SELECT per.*,
         CASE WHEN raised IS NOT NULL THEN CUME_DIST() OVER (PARTITION BY raised IS NULL ORDER BY raised) END AS raised_rank,
         CUME_DIST() OVER (ORDER BY quality) AS quality_rank
  FROM per WHERE n >= :min_n
),
levels AS (
  SELECT g.school_id,
         100.0 * TOTAL(CASE WHEN t.difficulty = 'Б' THEN g.score_sum END) / SUM(CASE WHEN t.difficulty = 'Б' THEN t.max_score * g.n END) AS basic,
         100.0 * TOTAL(CASE WHEN t.difficulty IN ('П', 'В') THEN g.score_sum END) / SUM(CASE WHEN t.difficulty IN ('П', 'В') THEN t.max_score * g.n END) AS advanced
  FROM v_vpr_task g
  JOIN assessment_task t ON t.assessment_id = g.assessment_id AND t.task_code = g.task_code
  WHERE ${vprWhere('g.')}
  GROUP BY g.school_id
),
next AS (
  SELECT g.school_id, SUM(g.participants) AS n, 100.0 * SUM(g.n_4 + g.n_5) / SUM(g.participants) AS quality
  FROM v_vpr_school g WHERE g.year = :year + 1 AND g.grade = :grade + 1 AND g.subject_code = :subject AND g.municipality_id = :municipality
  GROUP BY g.school_id
),
oge AS (
  SELECT t.school_id, COUNT(*) AS n, 100.0 * SUM(t.mark >= 4) / COUNT(*) AS quality
  FROM (${giaAttempts("'oge'", 'a.year = :year + 1 AND a.subject_code = :subject AND s.municipality_id = :municipality')}) t
  WHERE t.try_first = 1 AND :grade = 8
  GROUP BY t.school_id
),
signals AS (
  SELECT p.school_id, p.n,
         CASE WHEN p.n >= :min_n THEN pk.signal END AS s_peak,
         CASE WHEN p.n >= :min_n AND p.raised IS NOT NULL
              THEN (rk.raised_rank >= 1 - :raised_top / 100.0 AND p.raised > 0) OR p.confirmed >= :confirmed END AS s_journal,
         CASE WHEN p.n >= :min_n AND lv.basic IS NOT NULL AND lv.advanced IS NOT NULL THEN lv.advanced >= lv.basic END AS s_inversion,
         CASE WHEN p.n >= :min_n AND nx.n >= :min_n THEN rk.quality_rank >= 0.75 AND nx.quality - p.quality <= -:drop END AS s_cohort,
         CASE WHEN p.n >= :min_n AND og.n >= :min_n THEN p.quality - og.quality >= :gap END AS s_oge,
         (SELECT MAX(f.flagged) FROM objectivity_flag f JOIN subject sb ON sb.subject_code = :subject
          WHERE f.school_id = p.school_id AND f.year = :year AND f.work = sb.vpr_abbr || :grade) AS official
  FROM per p
  LEFT JOIN ranked rk ON rk.school_id = p.school_id
  LEFT JOIN peak pk ON pk.school_id = p.school_id
  LEFT JOIN levels lv ON lv.school_id = p.school_id
  LEFT JOIN next nx ON nx.school_id = p.school_id
  LEFT JOIN oge og ON og.school_id = p.school_id
  WHERE p.municipality_id = :municipality
)
SELECT '${SCHOOL_LEVEL}' AS level, ${SCHOOL_NAME} AS name, sg.n,
       sg.s_peak, sg.s_journal, sg.s_inversion, sg.s_cohort, sg.s_oge,
       COALESCE(sg.s_peak, 0) + COALESCE(sg.s_journal, 0) + COALESCE(sg.s_inversion, 0) + COALESCE(sg.s_cohort, 0) + COALESCE(sg.s_oge, 0) AS signals,
       (sg.s_peak IS NOT NULL) + (sg.s_journal IS NOT NULL) + (sg.s_inversion IS NOT NULL) + (sg.s_cohort IS NOT NULL) + (sg.s_oge IS NOT NULL) AS checked,
       sg.official,
       sg.n < ${MIN_GROUP} AS small
FROM signals sg JOIN school s ON s.school_id = sg.school_id
WHERE NOT (:hide_small = 1 AND sg.n < ${MIN_GROUP})
ORDER BY name`,
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 's_peak', label: 'Пик на границе отметки (V13)', format: 'int' },
    { name: 's_journal', label: 'Журнал: «повысили» / «подтвердили» (V7)', format: 'int' },
    { name: 's_inversion', label: 'Инверсия сложности (V10)', format: 'int' },
    { name: 's_cohort', label: 'Спад когорты через год (V16)', format: 'int' },
    { name: 's_oge', label: 'ВПР-8 выше ОГЭ (O3)', format: 'int' },
    { name: 'signals', label: 'Сработало сигналов', format: 'int' },
    { name: 'checked', label: 'Проверено сигналов', format: 'int' },
    { name: 'official', label: 'Официальный признак ФИОКО по работе', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: {
    height: { step: 22 },
    transform: [
      {
        calculate: "datum.official == 1 ? 'есть официальный признак' : datum.official == 0 ? 'официального признака нет' : 'нет в перечне ФИОКО'",
        as: 'official_label',
      },
    ],
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: null },
      x: { field: 'signals', type: 'quantitative', title: 'Сработало сигналов (из проверенных)', scale: { domain: [0, 5] }, axis: { tickMinStep: 1 } },
      color: {
        field: 'official_label',
        type: 'nominal',
        title: null,
        scale: { domain: ['есть официальный признак', 'официального признака нет', 'нет в перечне ФИОКО'], range: ['#b2182b', '#4393c3', '#bababa'] },
      },
      opacity: { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 },
    },
  },
  interpretation:
    `Число сработавших сигналов — не оценка и не вывод. ${SIGNAL_NOT_VERDICT} Сигналы — собственная прозрачная методика ` +
    'Око (пороги — параметры), официальный алгоритм ФИОКО не опубликован. Несколько сигналов сразу — повод начать с этой ' +
    'ОО анализ: посмотреть работы, протоколы, условия проведения (дорожная карта, п. 2.2). ' +
    OFFICIAL_NOTE +
    ` ${NOT_FOR_TEACHERS}`,
};

/** ОГЭ years that have ВПР-8 a year earlier, and the subjects both have. */
const O3_PARAMS: IndicatorParam[] = [
  {
    name: 'year',
    label: 'Год ОГЭ',
    type: 'integer',
    options: `SELECT DISTINCT a.year AS value, a.year AS label FROM assessment a
WHERE a.kind = 'oge' AND EXISTS (SELECT 1 FROM assessment b WHERE b.kind = 'vpr' AND b.grade = 8 AND b.year = a.year - 1 AND b.subject_code = a.subject_code)
ORDER BY a.year DESC`,
  },
  {
    name: 'subject',
    label: 'Предмет',
    type: 'text',
    options: `SELECT DISTINCT a.subject_code AS value, COALESCE(sb.name, a.subject_code) AS label
FROM assessment a LEFT JOIN subject sb ON sb.subject_code = a.subject_code
WHERE a.kind = 'oge' AND a.year = :year
  AND EXISTS (SELECT 1 FROM assessment b WHERE b.kind = 'vpr' AND b.grade = 8 AND b.year = a.year - 1 AND b.subject_code = a.subject_code)
ORDER BY label`,
  },
  vprMunicipalityParam('v.year = :year - 1 AND v.grade = 8 AND v.subject_code = :subject'),
  SCHEME_PARAM,
  HIDE_SMALL_PARAM,
  numberParam('gap', 'Превышение качества ВПР над ОГЭ, п.п.', 20),
];

/** A count of the rows of one procedure: ВПР rows are ОО of v_vpr_school with their counts, ОГЭ rows are sittings (1 each). */
const countOf = (src: 'vpr' | 'oge', column: string) => `SUM(CASE WHEN src = '${src}' THEN ${column} ELSE 0 END)`;
const share = (src: 'vpr' | 'oge', column: string) => `100.0 * ${countOf(src, column)} / NULLIF(${countOf(src, 'n')}, 0)`;
const QUALITY_GAP = `${share('vpr', 'n_quality')} - ${share('oge', 'n_quality')}`;

export const O3: IndicatorDef = {
  id: 'O3',
  title: 'Согласованность ВПР в 8 классе и ОГЭ через год',
  mechanism: MECHANISM.objectivity,
  source:
    `${DOC.pyatigorsk}, п. 2.5 (сопоставление результатов оценочных процедур у одних и тех же обучающихся); ` +
    'сигнал «высокие результаты ВПР не подтверждены другой процедурой» — собственное правило Око, порог задаётся параметром',
  formula:
    'Одна ОО: качество знаний и успеваемость по ВПР в 8 классе года y−1 и по ОГЭ (первые сдачи) того же предмета в году y — ' +
    'это та же параллель через год. Разрыв = показатель ВПР − показатель ОГЭ, п.п. Сигнал — разрыв по качеству не меньше ' +
    'заданного (20 п.п.).',
  params: O3_PARAMS,
  sql: bySchoolWithTotal(
    `SELECT v.school_id, 'vpr' AS src, v.participants AS n, v.n_4 + v.n_5 AS n_quality, v.n_3 + v.n_4 + v.n_5 AS n_pass FROM v_vpr_school v
WHERE v.year = :year - 1 AND v.grade = 8 AND v.subject_code = :subject AND v.municipality_id = :municipality
UNION ALL
SELECT t.school_id, 'oge', 1, t.mark >= 4, t.mark >= 3 FROM (
  ${giaAttempts("'oge'", 'a.year = :year AND a.subject_code = :subject AND s.municipality_id = :municipality')}
) t WHERE t.try_first = 1`,
    `MIN(${countOf('vpr', 'n')}, ${countOf('oge', 'n')}) AS n,
${countOf('vpr', 'n')} AS n_vpr,
ROUND(${share('vpr', 'n_quality')}, 2) AS vpr_quality,
ROUND(${share('vpr', 'n_pass')}, 2) AS vpr_pass,
${countOf('oge', 'n')} AS n_oge,
ROUND(${share('oge', 'n_quality')}, 2) AS oge_quality,
ROUND(${share('oge', 'n_pass')}, 2) AS oge_pass,
ROUND(${QUALITY_GAP}, 2) AS quality_gap,
ROUND(${share('vpr', 'n_pass')} - ${share('oge', 'n_pass')}, 2) AS pass_gap,
${QUALITY_GAP} >= :gap AS signal`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Меньшая из двух групп', format: 'int', hidden: true },
    { name: 'n_vpr', label: 'Участников ВПР-8', format: 'int' },
    { name: 'vpr_quality', label: 'ВПР-8: качество, %', format: 'pct' },
    { name: 'vpr_pass', label: 'ВПР-8: успеваемость, %', format: 'pct' },
    { name: 'n_oge', label: 'Участников ОГЭ', format: 'int' },
    { name: 'oge_quality', label: 'ОГЭ: качество, %', format: 'pct' },
    { name: 'oge_pass', label: 'ОГЭ: успеваемость, %', format: 'pct' },
    { name: 'quality_gap', label: 'Разрыв по качеству, п.п.', format: 'num' },
    { name: 'pass_gap', label: 'Разрыв по успеваемости, п.п.', format: 'num' },
    { name: 'signal', label: 'Сигнал (требует анализа)', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('quality_gap', 'ВПР-8 минус ОГЭ, качество знаний, п.п.'),
  interpretation:
    'Положительный разрыв — ВПР в 8 классе выше, чем ОГЭ той же параллели через год. Большой разрыв — ' +
    `${SIGNAL_NOT_VERDICT.charAt(0).toLowerCase()}${SIGNAL_NOT_VERDICT.slice(1)} Состав участников различается ` +
    '(ОГЭ сдают выпускники, ВПР пишет вся параллель), поэтому строки с малым числом участников (отмечены) ' +
    `интерпретируются осторожно. ${OFFICIAL_NOTE} ${CLUSTER_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};
