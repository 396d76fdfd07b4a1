import type { IndicatorDef, IndicatorParam } from '../types.ts';
import {
  CLUSTERS_SQL,
  CLUSTER_LEVEL,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MECHANISM,
  MIN_GROUP,
  NOT_FOR_TEACHERS,
  SCHEME_PARAM,
  SCHOOL_LEVEL,
  SCHOOL_NAME,
  DOC,
  SEVEROMORSK_PROBLEMS,
  SMALL_COLUMN,
  souPointsOf,
  VPR_PARAMS,
  numberParam,
  schemeLabel,
} from './common.ts';
import { GIA11, GIA9, belowMin, giaAttempts } from './gia-common.ts';

const VPR_YEAR: IndicatorParam = {
  name: 'year',
  label: 'Год',
  type: 'integer',
  options: `SELECT a.year AS value, a.year AS label FROM assessment a
WHERE a.kind = 'vpr' AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.assessment_id = a.assessment_id)
GROUP BY a.year ORDER BY a.year DESC`,
};

const MUNICIPALITY: IndicatorParam = {
  name: 'municipality',
  label: 'Муниципалитет',
  type: 'integer',
  options: 'SELECT municipality_id AS value, name AS label FROM municipality ORDER BY name',
};

const MUNICIPALITY_OR_ALL: IndicatorParam = {
  ...MUNICIPALITY,
  default: 0,
  options: `SELECT 0 AS value, 'Все муниципалитеты' AS label
UNION ALL
SELECT * FROM (SELECT municipality_id, name FROM municipality ORDER BY name)`,
};

/**
 * More ОО than this in a result (a region, a large city): a chart of one bar per ОО is a wall
 * nobody reads (and slow to draw), so the ОО are counted per interval of the value instead.
 */
const BARS_AT_MOST = 100;

/** M1's ВПР works in agg_vpr_year `vy`: русский язык and математика of the chosen classes. */
const M1_WORKS = "vy.subject_code IN ('rus', 'math') AND vy.grade BETWEEN :grade_from AND :grade_to";

/**
 * M1 reads agg_vpr_year (core/schema/vpr-years.ts), whose rows come by year and ОО: the grouping
 * by ОО and year needs no sort (from agg_result work by work, the 20,000 rows of a region's two
 * years were sorted first: two thirds of M1's time). Each sum costs a step for each of those
 * rows, so the region's ОО get only the two the place needs; the «2» are summed for the
 * municipality's ОО alone, and the rest (years in the lower share, the municipality's «2») is
 * counted from their ranked rows, not from the region's with an index built over them. The
 * region's sums and places flow into the next step (NOT MATERIALIZED) instead of being stored
 * first in a table of 2,000 rows each (~1.5 ms).
 */
export const M1: IndicatorDef = {
  id: 'M1',
  title: 'ОО с низкими результатами (отбор по типу ШНОР)',
  mechanism: MECHANISM.lowResults,
  source:
    `${DOC.sovgavan}, мероприятие 12 «Выявление школ с устойчиво низкими образовательными результатами»; ${SEVEROMORSK_PROBLEMS} ` +
    '(низкие результаты, высокая доля неудовлетворительных результатов, отрицательная динамика); отбор по нижней доле ОО ' +
    'региона или кластера — распространённая региональная практика, официальных отсечений нет, поэтому все они — параметры',
  formula:
    'Для каждой ОО и каждого года окна (последние N лет, по умолчанию 2): успеваемость по ВПР по русскому языку и ' +
    'математике в выбранных классах (4–8), посчитанная по всем участникам ОО, и её место среди всех ОО базы (или ' +
    'кластера, если выбрана схема): доля ОО с тем же или меньшим значением. Критерий А — ОО в нижних P % (по умолчанию ' +
    '10 %) во все N лет подряд. Критерий Б — доля «2» ОО в последнем году выше доли «2» муниципалитета на X п.п. (10) и ' +
    'больше. Отбор — А или Б (или А и Б, по выбору). Рядом — официальные списки ОО (например, «500+»), если они загружены.',
  params: [
    VPR_YEAR,
    MUNICIPALITY,
    numberParam('years', 'Лет подряд (окно)', 2, 'integer'),
    numberParam('pct', 'Нижняя доля ОО, %', 10),
    numberParam('gap', 'Превышение доли «2» над муниципалитетом, п.п.', 10),
    {
      name: 'rule',
      label: 'Правило отбора',
      type: 'text',
      default: 'or',
      options: `SELECT 'or' AS value, 'критерий А или Б' AS label UNION ALL SELECT 'and', 'критерии А и Б'`,
    },
    numberParam('grade_from', 'Классы с', 4, 'integer'),
    numberParam('grade_to', 'Классы по', 8, 'integer'),
    SCHEME_PARAM,
    HIDE_SMALL_PARAM,
  ],
  sql: `WITH clusters AS (
${CLUSTERS_SQL}
),
-- NOT MATERIALIZED: строки ОО региона идут сразу в расчёт мест, без промежуточной таблицы
per AS NOT MATERIALIZED (
  SELECT vy.school_id, vy.year, SUM(vy.participants) AS n, 100.0 * SUM(vy.n_3 + vy.n_4 + vy.n_5) / SUM(vy.participants) AS pass
  FROM agg_vpr_year vy
  WHERE vy.year BETWEEN :year - :years + 1 AND :year AND ${M1_WORKS}
  GROUP BY vy.year, vy.school_id
),
ranked AS NOT MATERIALIZED (
  SELECT p.*, CUME_DIST() OVER (PARTITION BY p.year, COALESCE(c.cluster, '') ORDER BY p.pass) AS pass_rank
  FROM per p LEFT JOIN clusters c ON c.school_id = p.school_id
),
-- места считаются среди всех ОО, дальше нужны только ОО муниципалитета; их «2» — по их строкам
mine AS MATERIALIZED (
  SELECT rk.*, (SELECT SUM(vy.n_2) FROM agg_vpr_year vy WHERE vy.year = rk.year AND vy.school_id = rk.school_id AND ${M1_WORKS}) AS n2
  FROM ranked rk WHERE rk.school_id IN (SELECT s.school_id FROM school s WHERE s.municipality_id = :municipality)
),
low AS (SELECT school_id, SUM(pass_rank <= :pct / 100.0) AS low_years FROM mine GROUP BY school_id),
mun AS (SELECT 100.0 * SUM(n2) / SUM(n) AS p2 FROM mine WHERE year = :year),
rows AS (
  SELECT s.school_id, ${SCHOOL_NAME} AS name, cur.n, cur.pass, cur.pass_rank, l.low_years,
         100.0 * cur.n2 / cur.n AS p2, mun.p2 AS mun_p2, c.cluster,
         l.low_years >= :years AS crit_a,
         100.0 * cur.n2 / cur.n - mun.p2 >= :gap AS crit_b
  FROM school s JOIN low l ON l.school_id = s.school_id
  LEFT JOIN mine cur ON cur.school_id = s.school_id AND cur.year = :year
  LEFT JOIN clusters c ON c.school_id = s.school_id
  CROSS JOIN mun
  WHERE s.municipality_id = :municipality
)
SELECT '${SCHOOL_LEVEL}' AS level, name, cluster, n, ROUND(pass, 2) AS pass_pct, ROUND(100 * pass_rank, 1) AS pass_rank,
       low_years, ROUND(p2, 2) AS pct_2, ROUND(mun_p2, 2) AS mun_pct_2, ROUND(p2 - mun_p2, 2) AS gap,
       COALESCE(crit_a, 0) AS crit_a, COALESCE(crit_b, 0) AS crit_b,
       CASE :rule WHEN 'and' THEN COALESCE(crit_a, 0) AND COALESCE(crit_b, 0) ELSE COALESCE(crit_a, 0) OR COALESCE(crit_b, 0) END AS selected,
       (SELECT group_concat(sl.list, ', ') FROM school_list_membership sl WHERE sl.school_id = rows.school_id AND sl.year = :year) AS official,
       COALESCE(n, 0) < ${MIN_GROUP} AS small
FROM rows
WHERE NOT (:hide_small = 1 AND COALESCE(n, 0) < ${MIN_GROUP})
ORDER BY name`,
  columns: [
    ...HEAD_COLUMNS,
    { name: 'cluster', label: 'Кластер', format: 'text' },
    { name: 'n', label: 'Участников ВПР (РУ, МА) в последнем году', format: 'int' },
    { name: 'pass_pct', label: 'Успеваемость, %', format: 'pct' },
    { name: 'pass_rank', label: 'Место: доля ОО не выше, %', format: 'num' },
    { name: 'low_years', label: 'Лет в нижней доле', format: 'int' },
    { name: 'pct_2', label: '«2», %', format: 'pct' },
    { name: 'mun_pct_2', label: '«2» в муниципалитете, %', format: 'pct' },
    { name: 'gap', label: 'Превышение доли «2», п.п.', format: 'num' },
    { name: 'crit_a', label: 'Критерий А (устойчиво низкая успеваемость)', format: 'int' },
    { name: 'crit_b', label: 'Критерий Б (высокая доля «2»)', format: 'int' },
    { name: 'selected', label: 'Отобрана', format: 'int' },
    { name: 'official', label: 'Официальные списки', format: 'text' },
    SMALL_COLUMN,
  ],
  chart: {
    height: { step: 22 },
    transform: [{ calculate: "datum.selected == 1 ? 'отобрана' : 'не отобрана'", as: 'selected_label' }],
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: null },
      x: { field: 'pass_pct', type: 'quantitative', title: 'Успеваемость по ВПР (РУ, МА), %', scale: { domain: [0, 100] } },
      color: { field: 'selected_label', type: 'nominal', title: null, scale: { domain: ['отобрана', 'не отобрана'], range: ['#d6604d', '#92c5de'] } },
      opacity: { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 },
    },
  },
  interpretation:
    'Это прозрачный отбор для адресной поддержки, а не официальный список: официальный алгоритм отбора ШНОР (и «500+») ' +
    'не опубликован, поэтому все отсечения — параметры, а официальные списки показаны рядом. Место ОО считается среди ' +
    'всех ОО, загруженных в базу (обычно это муниципалитет или регион). Перед решением смотрите контекст ОО: социальные ' +
    `условия, контингент, кадры. ${NOT_FOR_TEACHERS}`,
};

const M2_METRIC: IndicatorParam = {
  name: 'metric',
  label: 'Показатель',
  type: 'text',
  default: 'quality',
  options: `SELECT 'quality' AS value, 'качество знаний (V4)' AS label
UNION ALL SELECT 'pass', 'успеваемость (V3)'
UNION ALL SELECT 'sou', 'СОУ (V5)'
UNION ALL SELECT 'score_pct', 'средний % от максимума (V6)'
UNION ALL SELECT 'pct2', 'доля «2» (V2), меньше — лучше'`,
};

/**
 * What the chosen metric counts in an ОО's row of the work (`part`) and out of how many (`whole`).
 * M2 sums them per ОО, the ОО's sums per cluster, and divides once (m2Value): the work's rows are
 * read once, and each adds two numbers instead of every metric's sums (a CASE over aggregates
 * steps all of them). Sums of sums are the sums of the marks and scores themselves, so the values
 * are those of the formula over the work's rows.
 */
const M2_PART = `CASE :metric
           WHEN 'pass' THEN g.n_3 + g.n_4 + g.n_5
           WHEN 'sou' THEN ${souPointsOf('g.')}
           WHEN 'score_pct' THEN g.score_sum
           WHEN 'pct2' THEN g.n_2
           ELSE g.n_4 + g.n_5 END`;
const M2_WHOLE = "CASE :metric WHEN 'score_pct' THEN g.scored_n ELSE g.participants END";

/** The chosen metric of summed `part`, `whole` and the work's maximum, weighted by participants. */
const m2Value = (part: string, whole: string, max: string) => `CASE :metric
           WHEN 'sou' THEN 1.0 * ${part} / ${whole}
           WHEN 'score_pct' THEN 100.0 * ${part} / ${max} / ${whole}
           ELSE 100.0 * ${part} / ${whole} END`;

/**
 * M2 reads the work's rows through agg_result's key, not ОО by ОО as v_vpr_school does: every ОО
 * of the region is ranked in its cluster even when one municipality is shown. The cluster rows
 * come from the ОО's sums (percl, with the ОО outside any cluster as cluster NULL: ranked among
 * themselves, with no cluster value), and one window ranks the ОО.
 */
export const M2: IndicatorDef = {
  id: 'M2',
  title: 'Кластерное сравнение ОО по результатам ВПР',
  mechanism: MECHANISM.preparation,
  source:
    `${DOC.severomorsk}, раздел о системе оценки качества подготовки обучающихся («проводить комплексный анализ результатов ` +
    'оценочных процедур МСОКО на основе кластерного подхода»); сравнение внутри кластера — принцип РСОКО ' +
    'Санкт-Петербурга (критерии применяются внутри кластеров ОО)',
  formula:
    'Кластеры — из справочника ОО или загруженной таблицы кластеров, схема выбирается (город/село, размер, квартиль ИСБШ…; берётся разбиение ' +
    'последнего года не позже выбранного). Для каждой ОО — выбранный показатель по работе ВПР, значение её кластера (по ' +
    'всем участникам ОО кластера в базе), отклонение от кластера и место ОО в кластере (1 — лучшее; для доли «2» лучшее — ' +
    'наименьшее).',
  params: [
    {
      name: 'scheme',
      label: 'Схема кластеров',
      type: 'text',
      options: `SELECT DISTINCT scheme AS value, ${schemeLabel('scheme')} AS label FROM cluster_assignment ORDER BY scheme`,
    },
    ...VPR_PARAMS.slice(0, 3),
    MUNICIPALITY_OR_ALL,
    M2_METRIC,
    HIDE_SMALL_PARAM,
  ],
  sql: `WITH clusters AS (
${CLUSTERS_SQL}
),
base AS (
  -- part — что считает показатель (для СОУ — 100, 64, 36 и 16 баллов за «5», «4», «3» и «2»), whole — из скольких
  SELECT g.school_id, s.municipality_id, c.cluster, g.participants AS n, a.max_primary,
         ${M2_PART} AS part,
         ${M2_WHOLE} AS whole
  FROM assessment a JOIN agg_result g ON g.assessment_id = a.assessment_id JOIN school s ON s.school_id = g.school_id
  LEFT JOIN clusters c ON c.school_id = g.school_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade AND g.participants > 0
),
per AS (
  SELECT school_id, municipality_id, cluster, SUM(n) AS n, SUM(part) AS part, SUM(whole) AS whole, MAX(max_primary) AS max_primary
  FROM base GROUP BY school_id
),
-- ОО вне кластеров — тоже группа (cluster NULL): места среди них, значения кластера нет
percl AS (
  SELECT cluster, COUNT(*) AS size, SUM(n) AS n,
         ${m2Value('SUM(part)', 'SUM(whole)', 'MAX(max_primary)')} AS value
  FROM per GROUP BY cluster
),
ranked AS (
  SELECT v.*, RANK() OVER (PARTITION BY cluster ORDER BY CASE WHEN :metric = 'pct2' THEN -value ELSE value END DESC) AS rank
  FROM (SELECT school_id, municipality_id, cluster, n, ${m2Value('part', 'whole', 'max_primary')} AS value FROM per) v
),
rows AS (
  SELECT '${SCHOOL_LEVEL}' AS level, ${SCHOOL_NAME} AS name, rk.cluster, rk.n, rk.value,
         CASE WHEN pc.cluster IS NOT NULL THEN pc.value END AS cluster_value, rk.rank, pc.size AS cluster_size
  FROM ranked rk JOIN school s ON s.school_id = rk.school_id JOIN percl pc ON pc.cluster IS NOT DISTINCT FROM rk.cluster
  WHERE :municipality = 0 OR rk.municipality_id = :municipality
  UNION ALL
  SELECT '${CLUSTER_LEVEL}', 'кластер «' || pc.cluster || '»', pc.cluster, pc.n, pc.value, pc.value, NULL, pc.size
  FROM percl pc WHERE pc.cluster IS NOT NULL
)
SELECT level, name, COALESCE(cluster, 'вне кластеров') AS cluster, n, ROUND(value, 2) AS value, ROUND(cluster_value, 2) AS cluster_value,
       ROUND(value - cluster_value, 2) AS diff, rank, cluster_size, n < ${MIN_GROUP} AS small
FROM rows
WHERE NOT (:hide_small = 1 AND level = '${SCHOOL_LEVEL}' AND n < ${MIN_GROUP})
ORDER BY rows.cluster IS NULL, rows.cluster, level = '${SCHOOL_LEVEL}', rank, name`,
  columns: [
    ...HEAD_COLUMNS,
    { name: 'cluster', label: 'Кластер', format: 'text' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'value', label: 'Значение', format: 'num' },
    { name: 'cluster_value', label: 'Значение кластера', format: 'num' },
    { name: 'diff', label: 'Отклонение от кластера', format: 'num' },
    { name: 'rank', label: 'Место в кластере', format: 'int' },
    { name: 'cluster_size', label: 'ОО в кластере', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: {
    height: { step: 22 },
    layer: [
      {
        transform: [{ filter: `datum.level == '${SCHOOL_LEVEL}'` }],
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: { field: 'name', type: 'nominal', sort: null, title: null },
          x: { field: 'value', type: 'quantitative', title: 'Значение показателя' },
          color: { field: 'cluster', type: 'nominal', title: 'Кластер' },
          opacity: { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 },
        },
      },
      {
        transform: [{ filter: `datum.level == '${SCHOOL_LEVEL}'` }],
        mark: { type: 'tick', color: '#222', thickness: 2, tooltip: true },
        encoding: {
          y: { field: 'name', type: 'nominal', sort: null },
          x: { field: 'cluster_value', type: 'quantitative' },
        },
      },
    ],
  },
  chartDistribution: {
    above: BARS_AT_MOST,
    level: SCHOOL_LEVEL,
    field: 'value',
    title: 'Значение показателя',
    by: 'cluster',
    byTitle: 'Кластер',
    reference: CLUSTER_LEVEL,
  },
  interpretation:
    'ОО сравнивается с ОО, работающими в похожих условиях: чёрная черта — значение её кластера. Строки кластеров ' +
    'посчитаны по всем ОО кластера в базе (и из других муниципалитетов, если они загружены); фильтр муниципалитета ' +
    `ограничивает только список ОО. Место в кластере при малом числе участников неустойчиво (отмечено). ${NOT_FOR_TEACHERS}`,
};

/** Population z-score of a column over the ОО that have it; 0 when all values are equal, NULL when missing. */
const z = (col: string) => `CASE WHEN ${col} IS NULL THEN NULL WHEN st.sd_${col} > 0 THEN (${col} - st.mean_${col}) / st.sd_${col} ELSE 0 END`;
const stat = (col: string) => `AVG(${col}) AS mean_${col}, pow(MAX(AVG(${col} * ${col}) - AVG(${col}) * AVG(${col}), 0), 0.5) AS sd_${col}`;

/**
 * M3's ВПР works of the year (русский язык and математика, 4–8 classes), of `t` (agg_vpr_year or
 * v_vpr_school). Over the whole region their rows are read from agg_vpr_year, ОО after ОО, so the
 * grouping by ОО needs no sort; a municipality's through v_vpr_school, ОО by ОО.
 */
const m3VprWorks = (t: string) => `${t}.year = :year AND ${t}.subject_code IN ('rus', 'math') AND ${t}.grade BETWEEN 4 AND 8`;

/** M3's ВПР columns of a group of rows of `t` (agg_vpr_year or v_vpr_school). */
const m3Vpr = (t: string) => `${t}.school_id, SUM(${t}.participants) AS n, 100.0 * SUM(${t}.n_3 + ${t}.n_4 + ${t}.n_5) / SUM(${t}.participants) AS pass,
         100.0 * SUM(${t}.n_4 + ${t}.n_5) / SUM(${t}.participants) AS quality`;

/**
 * The whole region: each participant's first sittings of the year at a level, summed in
 * agg_gia_person (core/schema/attempts.ts) — one row a person instead of grouping every sitting
 * of the year by person — and read by the index on (year, level, ОО), so the grouping by ОО needs
 * no sort. A municipality's sittings are grouped as they are read (giaAttempts): a filter by
 * municipality may keep only some of a person's sittings. Each branch groups its own rows: a
 * grouping over both would sort them.
 */
const REGION_PERSONS = (gia: 9 | 11, school: string, value: string) =>
  `SELECT p.${school} AS school_id, ${value} FROM agg_gia_person p WHERE :municipality = 0 AND p.year = :year AND p.gia = ${gia} GROUP BY p.${school}`;

/**
 * The z-scores are computed once into zs (inlined, each z was computed again in the index and in
 * each output column), and the rows are ordered by the index itself, the order of its rank, not
 * by the rank: a region's 1,000 ОО, 2–4 ms of the final SELECT in Node.
 */
export const M3: IndicatorDef = {
  id: 'M3',
  title: 'Комплексный индекс ОО (прозрачный, веса задаются)',
  mechanism: MECHANISM.preparation,
  source:
    `${DOC.sovgavan}, таблица «Показатели оценки муниципальной системы подготовки обучающихся» (ВПР, ГИА-9, ГИА-11); ` +
    'сводный индекс из z-оценок — собственная прозрачная методика Око, не официальный показатель',
  formula:
    'Четыре составляющие года для каждой ОО: успеваемость и качество знаний по ВПР (русский язык и математика, 4–8 классы, ' +
    'по всем участникам); доля выпускников 9 классов без «2» без учёта пересдач (G1); доля участников ГИА-11 с результатом ' +
    'ниже минимального порога (E1, чем меньше, тем лучше — знак z обращён). Каждая переводится в z-оценку среди ' +
    'показанных ОО: z = (значение − среднее) / стандартное отклонение. Индекс = Σ вес × z / Σ весов по имеющимся у ОО ' +
    'составляющим. Веса — параметры и выводятся в результате. Рядом — число официальных признаков ФИОКО за год.',
  params: [
    {
      name: 'year',
      label: 'Год',
      type: 'integer',
      options: `SELECT a.year AS value, a.year AS label FROM assessment a
WHERE EXISTS (SELECT 1 FROM result r WHERE r.assessment_id = a.assessment_id) GROUP BY a.year ORDER BY a.year DESC`,
    },
    MUNICIPALITY_OR_ALL,
    numberParam('w_pass', 'Вес: успеваемость ВПР', 1),
    numberParam('w_quality', 'Вес: качество знаний ВПР', 1),
    numberParam('w_oge', 'Вес: ГИА-9 без «2»', 1),
    numberParam('w_ege', 'Вес: ГИА-11 не ниже порога', 1),
    HIDE_SMALL_PARAM,
  ],
  sql: `WITH vpr AS MATERIALIZED (
  SELECT ${m3Vpr('vy')}
  FROM agg_vpr_year vy
  WHERE :municipality = 0 AND ${m3VprWorks('vy')}
  GROUP BY vy.school_id
  UNION ALL
  SELECT ${m3Vpr('v')}
  FROM v_vpr_school v
  WHERE :municipality <> 0 AND ${m3VprWorks('v')} AND v.municipality_id = :municipality
  GROUP BY v.school_id
),
oge_tries AS (
  ${giaAttempts(GIA9, 'a.year = :year AND (:municipality = 0 OR s.municipality_id = :municipality)')}
),
oge AS MATERIALIZED (
  ${REGION_PERSONS(9, 'school_id', '100.0 * SUM(p.first_mark_min >= 3) / COUNT(*) AS oge')}
  UNION ALL
  SELECT school_id, 100.0 * SUM(first_min >= 3) / COUNT(*)
  FROM (SELECT MIN(school_id) AS school_id, MIN(CASE WHEN try_first = 1 THEN mark END) AS first_min
        FROM oge_tries WHERE :municipality <> 0 AND student_id IS NOT NULL GROUP BY student_id)
  GROUP BY school_id
),
ege_tries AS (
  ${giaAttempts(GIA11, 'a.year = :year AND (:municipality = 0 OR s.municipality_id = :municipality)')}
),
ege AS MATERIALIZED (
  ${REGION_PERSONS(11, 'first_school_id', '100.0 * SUM(p.first_below) / COUNT(*) AS ege')}
  UNION ALL
  SELECT school_id, 100.0 * SUM(any_below) / COUNT(*)
  FROM (SELECT MIN(t.school_id) AS school_id, MAX(${belowMin('t', 'th')}) AS any_below
        FROM ege_tries t LEFT JOIN ege_threshold th ON th.year = t.year AND th.subject_code = t.subject_code
        WHERE :municipality <> 0 AND t.try_first = 1 AND t.student_id IS NOT NULL GROUP BY t.student_id)
  GROUP BY school_id
),
comp AS MATERIALIZED (
  SELECT sc.school_id, vpr.n, vpr.pass, vpr.quality, oge.oge, ege.ege
  FROM (SELECT school_id FROM vpr UNION SELECT school_id FROM oge UNION SELECT school_id FROM ege) sc
  LEFT JOIN vpr ON vpr.school_id = sc.school_id
  LEFT JOIN oge ON oge.school_id = sc.school_id
  LEFT JOIN ege ON ege.school_id = sc.school_id
),
st AS (SELECT ${stat('pass')}, ${stat('quality')}, ${stat('oge')}, ${stat('ege')} FROM comp),
zs AS MATERIALIZED (
  SELECT comp.*, ${z('pass')} AS z_pass, ${z('quality')} AS z_quality, ${z('oge')} AS z_oge, 0.0 - (${z('ege')}) AS z_ege
  FROM comp CROSS JOIN st
),
indexed AS (
  SELECT zs.*,
         (:w_pass * COALESCE(z_pass, 0) + :w_quality * COALESCE(z_quality, 0) + :w_oge * COALESCE(z_oge, 0) + :w_ege * COALESCE(z_ege, 0))
         / NULLIF(:w_pass * (z_pass IS NOT NULL) + :w_quality * (z_quality IS NOT NULL) + :w_oge * (z_oge IS NOT NULL) + :w_ege * (z_ege IS NOT NULL), 0)
         AS idx
  FROM zs
)
SELECT '${SCHOOL_LEVEL}' AS level, ${SCHOOL_NAME} AS name, i.n,
       ROUND(i.pass, 2) AS pass_pct, ROUND(i.z_pass, 2) AS z_pass,
       ROUND(i.quality, 2) AS quality_pct, ROUND(i.z_quality, 2) AS z_quality,
       ROUND(i.oge, 2) AS oge_pct, ROUND(i.z_oge, 2) AS z_oge,
       ROUND(i.ege, 2) AS ege_below_pct, ROUND(i.z_ege, 2) AS z_ege,
       :w_pass AS w_pass, :w_quality AS w_quality, :w_oge AS w_oge, :w_ege AS w_ege,
       ROUND(i.idx, 2) AS idx,
       RANK() OVER (ORDER BY i.idx IS NULL, i.idx DESC) AS rank,
       COALESCE(f.n, 0) AS official_flags,
       COALESCE(i.n, 0) < ${MIN_GROUP} AS small
FROM indexed i JOIN school s ON s.school_id = i.school_id
LEFT JOIN (SELECT school_id, COUNT(*) AS n FROM objectivity_flag WHERE year = :year AND flagged = 1 GROUP BY school_id) f ON f.school_id = i.school_id
WHERE NOT (:hide_small = 1 AND COALESCE(i.n, 0) < ${MIN_GROUP})
ORDER BY i.idx IS NULL, i.idx DESC, name`,
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников ВПР (РУ, МА, 4–8)', format: 'int' },
    { name: 'pass_pct', label: 'ВПР: успеваемость, %', format: 'pct' },
    { name: 'z_pass', label: 'z: успеваемость', format: 'num' },
    { name: 'quality_pct', label: 'ВПР: качество, %', format: 'pct' },
    { name: 'z_quality', label: 'z: качество', format: 'num' },
    { name: 'oge_pct', label: 'ГИА-9 без «2» (без пересдач), %', format: 'pct' },
    { name: 'z_oge', label: 'z: ГИА-9', format: 'num' },
    { name: 'ege_below_pct', label: 'ГИА-11 ниже порога, % участников', format: 'pct' },
    { name: 'z_ege', label: 'z: ГИА-11 (знак обращён)', format: 'num' },
    { name: 'w_pass', label: 'Вес: успеваемость', format: 'num' },
    { name: 'w_quality', label: 'Вес: качество', format: 'num' },
    { name: 'w_oge', label: 'Вес: ГИА-9', format: 'num' },
    { name: 'w_ege', label: 'Вес: ГИА-11', format: 'num' },
    { name: 'idx', label: 'Индекс', format: 'num' },
    { name: 'rank', label: 'Место', format: 'int' },
    { name: 'official_flags', label: 'Официальных признаков ФИОКО за год', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: {
    height: { step: 22 },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      y: { field: 'name', type: 'nominal', sort: null, title: null },
      x: { field: 'idx', type: 'quantitative', title: 'Индекс (взвешенное среднее z-оценок)' },
      color: { condition: { test: 'datum.idx < 0', value: '#d6604d' }, value: '#4393c3' },
      opacity: { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 },
    },
  },
  chartDistribution: { above: BARS_AT_MOST, level: SCHOOL_LEVEL, field: 'idx', title: 'Индекс (взвешенное среднее z-оценок)' },
  interpretation:
    'Индекс 0 — средний уровень показанных ОО, +1 — на одно стандартное отклонение выше. Состав и веса видны в ' +
    'результате; у ОО без ОГЭ или ЕГЭ индекс считается по имеющимся составляющим, поэтому ОО разных типов (НОШ, ООШ, ' +
    'СОШ) сравнивайте осторожно. Индекс — инструмент для обсуждения, а не рейтинг для управленческих санкций. ' +
    `${NOT_FOR_TEACHERS}`,
};
