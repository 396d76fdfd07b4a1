import type { ChartLayer, ChartTemplate, LayeredChart } from '../../charts/chart-spec.ts';
import type { IndicatorColumn, IndicatorParam } from '../types.ts';

/**
 * МСОКО systems exactly as named in «Концепция развития муниципальных механизмов управления
 * качеством образования» of Сосновский район (docs/methodology.md, «Документы, на которые ссылается
 * Око»): four systems of «управление качеством образовательных результатов» and five of
 * «управление качеством образовательной деятельности».
 */
export const MECHANISM = {
  preparation: 'Система оценки качества подготовки обучающихся',
  lowResults: 'Система работы со школами с низкими результатами обучения и/или школами, функционирующими в неблагоприятных социальных условиях',
  talents: 'Система выявления, поддержки и развития способностей и талантов у детей и молодёжи',
  careers: 'Система работы по самоопределению и профессиональной ориентации обучающихся',
  objectivity: 'Система объективности процедур оценки качества образования и олимпиад школьников',
  leaders: 'Система мониторинга эффективности руководителей всех образовательных организаций района',
  teacherTraining: 'Система мониторинга качества дополнительного профессионального образования педагогических работников',
  methodical: 'Система методической работы',
  upbringing: 'Система организации воспитания и социализации обучающихся',
  // not one of the nine above: the Новоалександровск concept's section 4.8 (monitoring forms)
  preschool: 'Система мониторинга качества дошкольного образования',
} as const;

/**
 * The five municipal documents the catalogue is built on, as a reader would look them up: title,
 * who approved it and when. Sources cite them with a section, item or table (the texts have no pages).
 */
export const DOC = {
  novoaleksandrovsk:
    'Концепция по развитию муниципальной системы оценки качества образования и муниципальных механизмов управления ' +
    'качеством образования в Новоалександровском городском округе Ставропольского края на 2020–2025 годы ' +
    '(приказ управления образования от 23.08.2020 № 530)',
  pyatigorsk:
    '«Дорожная карта» по обеспечению объективности процедур оценки качества образования в г. Пятигорске на 2021–2024 годы ' +
    '(приказ управления образования от 22.09.2021 № 1082)',
  sovgavan: 'Муниципальная программа повышения качества образования Советско-Гаванского муниципального района Хабаровского края на 2021–2024 годы',
  sosnovka:
    'Концепция развития муниципальных механизмов управления качеством образования, Сосновский район Тамбовской области ' +
    '(приказ отдела образования от 08.04.2011 № 71)',
  // The text carries no date; the latest documents it cites are of 2021.
  severomorsk: 'Концепция муниципальной системы оценки качества образования в ЗАТО г. Североморск (2021 г. или позже)',
} as const;

/** The Советско-Гаванский programme's table «Показатели оценки муниципальной системы подготовки обучающихся», row n. */
export const sovgavanRow = (n: number | string) => `${DOC.sovgavan}, таблица «Показатели оценки муниципальной системы подготовки обучающихся», № ${n}`;

/** The Североморск concept, section «Характеристика проблем, на решение которых направлена Концепция». */
export const SEVEROMORSK_PROBLEMS = `${DOC.severomorsk}, раздел «Характеристика проблем, на решение которых направлена Концепция»`;

export const FIOKO_2026 = 'ФИОКО, «Рекомендации по проведению анализа результатов ВПР», 2026';

/** ФИОКО minimum group size (docs/methodology.md, «Формулы»): rows with fewer participants get `small` = 1. */
export const MIN_GROUP = 10;

export const TOTAL_LEVEL = 'Муниципалитет';
export const SCHOOL_LEVEL = 'ОО';
export const CLUSTER_LEVEL = 'Кластер';
export const REGION_LEVEL = 'Регион';
export const RF_LEVEL = 'РФ';

/** Levels of the rows that sum up the ОО rows or set them against a reference: kept as a block under the ОО. */
export const SUMMARY_LEVELS: readonly string[] = [CLUSTER_LEVEL, TOTAL_LEVEL, REGION_LEVEL, RF_LEVEL];

/** Row order of every per-ОО result: ОО by name, clusters, the municipality, then region and РФ references. */
export const LEVEL_ORDER = `CASE level WHEN '${SCHOOL_LEVEL}' THEN 0 WHEN '${CLUSTER_LEVEL}' THEN 1 WHEN '${TOTAL_LEVEL}' THEN 2 WHEN '${REGION_LEVEL}' THEN 3 ELSE 4 END`;

export const SCHOOL_NAME = 'COALESCE(s.short_name, s.full_name, s.fisoko_login)';

/** An assessment some participant wrote; EXISTS stops at the first row (index on result.assessment_id). */
const WRITTEN = "a.kind = 'vpr' AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.assessment_id = a.assessment_id)";

/**
 * The municipalities whose ВПР rows (v_vpr v) pass `filter`. Asked per municipality (EXISTS stops
 * at its first school with a row of the work, ix_result_school) rather than as DISTINCT over every
 * result of the work: 1 ms instead of 0.1–1 s on a 1,000,000-result region. (An index on
 * school.municipality_id would serve it too, but made V7S read results by school alone.)
 */
export const vprMunicipalityParam = (filter = 'v.year = :year AND v.subject_code = :subject AND v.grade = :grade'): IndicatorParam => ({
  name: 'municipality',
  label: 'Муниципалитет',
  type: 'integer',
  options: `SELECT m.municipality_id AS value, m.name AS label
FROM municipality m
WHERE EXISTS (SELECT 1 FROM v_vpr v WHERE v.municipality_id = m.municipality_id AND ${filter})
ORDER BY m.name`,
});

/**
 * «ОО» with 0 = «Все ОО» (the municipality as a whole) first: the schools (`s`) of `from` that
 * pass `where`.
 */
export const schoolChoiceParam = (from: string, where: string): IndicatorParam => ({
  name: 'school',
  label: 'ОО',
  type: 'integer',
  default: 0,
  options: `SELECT 0 AS value, 'Все ОО' AS label
UNION ALL
SELECT * FROM (
  SELECT DISTINCT s.school_id, ${SCHOOL_NAME}
  FROM ${from}
  WHERE ${where}
  ORDER BY 2
)`,
});

/**
 * The work is chosen by year → subject → grade → municipality; each list offers only what
 * the data hold for the choices made before it (options may use earlier `:names` only);
 * `only` narrows the works further (an SQL condition on assessment `a`).
 */
export const vprParams = (only = ''): IndicatorParam[] => {
  const written = only ? `${WRITTEN} AND ${only}` : WRITTEN;
  return [
    {
      name: 'year',
      label: 'Год',
      type: 'integer',
      // GROUP BY, not DISTINCT: with DISTINCT SQLite turns the EXISTS into a join over every result
      options: `SELECT a.year AS value, a.year AS label
FROM assessment a WHERE ${written}
GROUP BY a.year ORDER BY a.year DESC`,
    },
    {
      name: 'subject',
      label: 'Предмет',
      type: 'text',
      options: `SELECT DISTINCT a.subject_code AS value, COALESCE(sb.name, a.subject_code) AS label
FROM assessment a LEFT JOIN subject sb ON sb.subject_code = a.subject_code
WHERE a.year = :year AND ${written}
ORDER BY label`,
    },
    {
      name: 'grade',
      label: 'Класс',
      type: 'integer',
      options: `SELECT DISTINCT a.grade AS value, a.grade || ' класс' AS label
FROM assessment a WHERE a.year = :year AND a.subject_code = :subject AND ${written}
ORDER BY a.grade`,
    },
    vprMunicipalityParam(),
  ];
};

export const VPR_PARAMS: IndicatorParam[] = vprParams();

/** Only works with a ВПР scale in mark_scale: boundary signals mean nothing without one. */
export const SCALED_WORK =
  "EXISTS (SELECT 1 FROM mark_scale m WHERE m.kind = 'vpr' AND m.year = a.year AND m.subject_code = a.subject_code AND m.grade = a.grade)";

/**
 * How a cluster scheme reads in a list: the school directory's «Кластер» column is scheme
 * 'directory' («Кластер (размер)» → 'directory:размер'); any other scheme is the name the user gave.
 */
export const schemeLabel = (scheme: string) =>
  `CASE WHEN ${scheme} = 'directory' THEN 'Кластеры по справочнику ОО'
     WHEN ${scheme} LIKE 'directory:%' THEN 'Кластеры по справочнику ОО: ' || substr(${scheme}, 11)
     ELSE 'Кластеры «' || ${scheme} || '»' END`;

/**
 * Cluster rows beside the ОО (docs/methodology.md, «Кластерное сравнение»): the scheme is
 * the user's choice among those loaded into `cluster_assignment`; '' adds no cluster rows.
 */
export const SCHEME_PARAM: IndicatorParam = {
  name: 'scheme',
  label: 'Кластеры',
  type: 'text',
  default: '',
  options: `SELECT '' AS value, 'без кластеров' AS label
UNION ALL
SELECT * FROM (SELECT DISTINCT scheme, ${schemeLabel('scheme')} FROM cluster_assignment WHERE scheme IS NOT NULL ORDER BY 1)`,
};

/** Rows of ОО with fewer than MIN_GROUP participants: marked (`small`) by default, hidden on request. */
export const HIDE_SMALL_PARAM: IndicatorParam = {
  name: 'hide_small',
  label: `ОО, где менее ${MIN_GROUP} участников`,
  type: 'integer',
  default: 0,
  options: `SELECT 0 AS value, 'показывать (отмечены)' AS label UNION ALL SELECT 1, 'скрыть'`,
};

/** ВПР work, municipality, cluster scheme and small-group switch: the parameters of per-ОО ВПР indicators. */
export const VPR_SCHOOL_PARAMS: IndicatorParam[] = [...VPR_PARAMS, SCHEME_PARAM, HIDE_SMALL_PARAM];

/**
 * `school_id, cluster` of scheme :scheme: the assignment of the latest year not after :year
 * (clusters are revised rarely), else the earliest one loaded.
 */
export const CLUSTERS_SQL = `SELECT ca.school_id, ca.cluster FROM cluster_assignment ca
WHERE ca.scheme = :scheme
  AND ca.year = (SELECT COALESCE(MAX(CASE WHEN y.year <= :year THEN y.year END), MIN(y.year))
                 FROM cluster_assignment y WHERE y.scheme = :scheme)`;

/** Filter of v_vpr (participants present and with a mark) to the chosen work and municipality. */
export const vprWhere = (alias = '') =>
  [
    ['year', 'year'],
    ['subject_code', 'subject'],
    ['grade', 'grade'],
    ['municipality_id', 'municipality'],
  ]
    .map(([column, param]) => `${alias}${column} = :${param}`)
    .join(' AND ');

/**
 * One ОО of the chosen municipality, or 0 = «Все ОО» (the municipality as a whole): its schools
 * with a row of the work, each found through the indexes (not DISTINCT over the work's results).
 */
export const VPR_SCHOOL_CHOICE: IndicatorParam = schoolChoiceParam(
  'school s',
  `s.municipality_id = :municipality AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.school_id = s.school_id AND ${vprWhere('v.')})`,
);

/** A free numeric parameter (a cut-off or a weight) the user edits; the value is echoed where charts need it. */
export const numberParam = (name: string, label: string, value: number, type: 'integer' | 'real' = 'real'): IndicatorParam => ({
  name,
  label,
  type,
  default: value,
});

const indent = (text: string, pad: string) =>
  text
    .trim()
    .split('\n')
    .map((l) => pad + l.trim())
    .join('\n');

/**
 * One row per ОО, per cluster of the chosen scheme (when :scheme is not ''), plus the
 * municipality total, all computed from the same `metrics` over participants — weighted, never
 * an average of school percentages. `base` must output `school_id` and whatever the metrics
 * read; `metrics` must define `n`, the denominator of the percentages, which also sets `small`.
 * `references`, when given, is a SELECT of extra rows (level 'Регион'/'РФ', name, then the same
 * columns as `metrics`), e.g. from ФИС ОКО aggregates. Binds :municipality, :scheme, :year and
 * :hide_small (1 hides ОО rows with n < MIN_GROUP; the totals still count them). `base` is
 * MATERIALIZED: it is read by three branches and must be computed once.
 */
export function bySchoolWithTotal(base: string, metrics: string, references?: string): string {
  const m = indent(metrics, '         ');
  return `WITH base AS MATERIALIZED (
${indent(base, '  ')}
),
clusters AS (
${indent(CLUSTERS_SQL, '  ')}
),
grouped AS (
  SELECT '${SCHOOL_LEVEL}' AS level, ${SCHOOL_NAME} AS name,
${m}
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT '${CLUSTER_LEVEL}' AS level, 'кластер «' || c.cluster || '»' AS name,
${m}
  FROM base JOIN clusters c ON c.school_id = base.school_id
  GROUP BY c.cluster
  UNION ALL
  SELECT '${TOTAL_LEVEL}' AS level, mu.name AS name,
${m}
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id${references ? `\n  UNION ALL\n${indent(references, '  ')}` : ''}
)
SELECT *, CASE WHEN level IN ('${REGION_LEVEL}', '${RF_LEVEL}') THEN 0 ELSE COALESCE(n, 0) < ${MIN_GROUP} END AS small
FROM grouped
WHERE NOT (:hide_small = 1 AND level = '${SCHOOL_LEVEL}' AND COALESCE(n, 0) < ${MIN_GROUP})
ORDER BY ${LEVEL_ORDER}, name`;
}

/** Metric names of ФИС ОКО aggregates (`fisoko_agg.metric`, docs/formats.md «Сводные отчёты ФИС ОКО») pivoted to columns `m_<metric>`. */
const FISOKO_METRICS = ['n', 'pct_2', 'pct_3', 'pct_4', 'pct_5', 'lowered_pct', 'confirmed_pct', 'raised_pct', 'lowered_n', 'confirmed_n', 'raised_n'];

/**
 * Region and РФ rows of the chosen ВПР work from the imported ФИС ОКО report (`marks` =
 * «Статистика по отметкам», `journal` = «Сравнение отметок с отметками по журналу»). `columns`
 * are SQL expressions over `m_n`, `m_pct_2`, … in the order of the indicator's metrics.
 */
export function fisokoReferences(report: 'marks' | 'journal', columns: string[]): string {
  return `SELECT CASE p.level WHEN 'region' THEN '${REGION_LEVEL}' ELSE '${RF_LEVEL}' END AS level,
CASE p.level WHEN 'region' THEN p.entity ELSE 'Российская Федерация (ФИС ОКО)' END AS name,
${columns.join(',\n')}
FROM (
  SELECT f.level, f.entity,
  ${FISOKO_METRICS.map((k) => `MAX(CASE f.metric WHEN '${k}' THEN f.value END) AS m_${k}`).join(',\n  ')}
  FROM fisoko_agg f JOIN assessment a ON a.assessment_id = f.assessment_id
  WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
    AND f.report = '${report}' AND f.level IN ('region', 'RF')
  GROUP BY f.level, f.entity
) p`;
}

export const pct = (numerator: string, denominator = 'COUNT(*)') => `ROUND(100.0 * ${numerator} / ${denominator}, 2)`;

export const HEAD_COLUMNS: IndicatorColumn[] = [
  { name: 'level', label: 'Уровень', format: 'text' },
  { name: 'name', label: 'ОО / муниципалитет', format: 'text' },
];

export const SMALL_COLUMN: IndicatorColumn = { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true };

/** Shares of the marks «2» … «5» over `mark`, as pct_2 … pct_5 (MARK_PCT_COLUMNS). */
export const MARK_PCT_SQL = `${pct('SUM(mark = 2)')} AS pct_2,
${pct('SUM(mark = 3)')} AS pct_3,
${pct('SUM(mark = 4)')} AS pct_4,
${pct('SUM(mark = 5)')} AS pct_5`;

/**
 * The same shares from the aggregates (v_vpr_school: one row per ОО and work, counts n_2 … n_5 of
 * its participants): summed first, then divided — weighted by participants.
 */
export const MARK_SHARES_SQL = `${pct('SUM(n_2)', 'SUM(participants)')} AS pct_2,
${pct('SUM(n_3)', 'SUM(participants)')} AS pct_3,
${pct('SUM(n_4)', 'SUM(participants)')} AS pct_4,
${pct('SUM(n_5)', 'SUM(participants)')} AS pct_5`;

/** СОУ from the mark counts of v_vpr_school rows (alias `g`): (100·n5 + 64·n4 + 36·n3 + 16·n2) / N, the mean of each participant's weight. */
export const souOf = (g = '') => `(100.0 * SUM(${g}n_5) + 64 * SUM(${g}n_4) + 36 * SUM(${g}n_3) + 16 * SUM(${g}n_2)) / SUM(${g}participants)`;
export const SOU_SQL = souOf();

/** The same weights summed within one row (alias `g`): the СОУ points of its participants, an integer. */
export const souPointsOf = (g = '') => `100 * ${g}n_5 + 64 * ${g}n_4 + 36 * ${g}n_3 + 16 * ${g}n_2`;

/**
 * The metric chosen in :metric ('pass', 'pct2', 'sou', else quality) from the mark counts of
 * v_vpr_school rows (alias `g`), unrounded: sums over participants, never a mean of ОО values.
 */
export const markMetricOf = (g = '') => `CASE :metric
  WHEN 'pass' THEN 100.0 * SUM(${g}n_3 + ${g}n_4 + ${g}n_5) / SUM(${g}participants)
  WHEN 'pct2' THEN 100.0 * SUM(${g}n_2) / SUM(${g}participants)
  WHEN 'sou' THEN ${souOf(g)}
  ELSE 100.0 * SUM(${g}n_4 + ${g}n_5) / SUM(${g}participants) END`;

/** Shares of the marks «2» … «5», columns pct_2 … pct_5. */
export const MARK_PCT_COLUMNS: IndicatorColumn[] = [
  { name: 'pct_2', label: '«2», %', format: 'pct' },
  { name: 'pct_3', label: '«3», %', format: 'pct' },
  { name: 'pct_4', label: '«4», %', format: 'pct' },
  { name: 'pct_5', label: '«5», %', format: 'pct' },
];

/** The marks «2» … «5» of each row as one stacked bar of shares. */
export function markSharesChart(): ChartTemplate {
  return stackedBars(
    [
      ['pct_2', '«2»', '#d73027'],
      ['pct_3', '«3»', '#fdae61'],
      ['pct_4', '«4»', '#a6d96a'],
      ['pct_5', '«5»', '#1a9850'],
    ],
    'Доля участников',
  );
}

/**
 * Lowered / confirmed / raised: the procedure's `mark` against `reference`, another mark of the
 * same pupil (the journal's, the term's); counts and shares of COUNT(*).
 */
export const shiftMetrics = (reference: string) => `COUNT(*) AS n,
SUM(mark < ${reference}) AS lowered_n,
${pct(`SUM(mark < ${reference})`)} AS lowered_pct,
SUM(mark = ${reference}) AS confirmed_n,
${pct(`SUM(mark = ${reference})`)} AS confirmed_pct,
SUM(mark > ${reference}) AS raised_n,
${pct(`SUM(mark > ${reference})`)} AS raised_pct`;

/** shiftMetrics from the journal counts of v_vpr_school (participants with a journal mark). */
export const JOURNAL_SHIFT_SQL = `SUM(journal_n) AS n,
SUM(lowered_n) AS lowered_n,
${pct('SUM(lowered_n)', 'SUM(journal_n)')} AS lowered_pct,
SUM(confirmed_n) AS confirmed_n,
${pct('SUM(confirmed_n)', 'SUM(journal_n)')} AS confirmed_pct,
SUM(raised_n) AS raised_n,
${pct('SUM(raised_n)', 'SUM(journal_n)')} AS raised_pct`;

/** The columns of shiftMetrics; `participants` names n. */
export const shiftColumns = (participants: string): IndicatorColumn[] => [
  { name: 'n', label: participants, format: 'int' },
  { name: 'lowered_n', label: 'Понизили, чел.', format: 'int' },
  { name: 'lowered_pct', label: 'Понизили, %', format: 'pct' },
  { name: 'confirmed_n', label: 'Подтвердили, чел.', format: 'int' },
  { name: 'confirmed_pct', label: 'Подтвердили, %', format: 'pct' },
  { name: 'raised_n', label: 'Повысили, чел.', format: 'int' },
  { name: 'raised_pct', label: 'Повысили, %', format: 'pct' },
];

/** The shares of shiftMetrics as one stacked bar a row. */
export function shiftChart(title: string): ChartTemplate {
  return stackedBars(
    [
      ['lowered_pct', 'Понизили', '#f46d43'],
      ['confirmed_pct', 'Подтвердили', '#74add1'],
      ['raised_pct', 'Повысили', '#fee090'],
    ],
    title,
  );
}

export const SMALL_GROUP_NOTE = `Строки с числом участников меньше ${MIN_GROUP} (минимальный размер группы по рекомендациям ФИОКО) отмечены: проценты по ним неустойчивы, распределения при N < 20 интерпретируются осторожно.`;

export const NOT_FOR_TEACHERS = 'Результаты ВПР не используются для оценки деятельности педагогических работников.';

export const REFERENCE_NOTE = 'Строки «Регион» и «РФ» появляются, когда загружен отчёт ФИС ОКО той же работы: это значения из отчёта, а не пересчёт.';

export const CLUSTER_NOTE = 'При выборе схемы кластеров добавляются строки кластеров: они посчитаны по участникам ОО кластера в выбранном муниципалитете.';

export const TOTAL_NOTE = 'Строка «Муниципалитет» посчитана по всем участникам муниципалитета (взвешенно), а не как среднее процентов ОО.';

// ── chart parts: Vega-Lite fragments, fields are the SQL column names ──

export const IS_TOTAL = `datum.level == '${TOTAL_LEVEL}'`;
export const IS_SCHOOL = `datum.level == '${SCHOOL_LEVEL}'`;
const IS_CLUSTER = `datum.level == '${CLUSTER_LEVEL}'`;
const IS_REGION = `datum.level == '${REGION_LEVEL}'`;

export const Y_NAME = { field: 'name', type: 'nominal', sort: null, title: null } as const;

/** Small groups are drawn paler, the same rows the grid marks. */
export const SMALL_OPACITY = { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 };

/** ОО bars blue, cluster bars grey. */
const BAR_COLOR = { condition: { test: IS_CLUSTER, value: '#9d9d9d' }, value: '#4c78a8' };

/**
 * Horizontal bars per ОО (and cluster) with a dashed rule at the municipality value of the same
 * field and, when ФИС ОКО aggregates are loaded, a dotted rule at the region's value.
 */
export function barsWithTotalRule(field: string, title: string, domain?: [number, number]): LayeredChart {
  const x = { field, type: 'quantitative', title, ...(domain ? { scale: { domain } } : {}) } as const;
  const rule = (filter: string, label: string, color: string, dash: number[], dy: number): ChartLayer[] => [
    {
      transform: [{ filter }],
      // aria: false — a reference line repeats a row of the table; an empty one (no region
      // loaded) would otherwise be an unlabelled graphic for screen readers
      mark: { type: 'rule', color, strokeDash: dash, strokeWidth: 2, tooltip: true, aria: false },
      encoding: { x: { field, type: 'quantitative' } },
    },
    {
      transform: [{ filter }],
      // above the plot, so it never covers a bar or gets cut at 100 %
      mark: { type: 'text', align: 'center', baseline: 'bottom', dy, fontSize: 11, color, aria: false },
      encoding: { x: { field, type: 'quantitative' }, y: { value: 0 }, text: { value: label } },
    },
  ];
  return {
    height: { step: 22 },
    layer: [
      {
        transform: [{ filter: `${IS_SCHOOL} || ${IS_CLUSTER}` }],
        mark: { type: 'bar', tooltip: true },
        encoding: { y: Y_NAME, x, color: BAR_COLOR, opacity: SMALL_OPACITY },
      },
      ...rule(IS_TOTAL, 'муниципалитет', '#222', [5, 3], -3),
      ...rule(IS_REGION, 'регион', '#b2182b', [2, 2], -16),
    ],
  };
}

/** The chart with extra layers appended to its `layer` list. */
export function withLayer(chart: LayeredChart, ...layers: ChartLayer[]): LayeredChart {
  return { ...chart, layer: [...chart.layer, ...layers] };
}

/** A vertical rule at a value carried by a result column (e.g. a threshold parameter echoed by the SQL). */
export function ruleAt(field: string, color = '#b2182b'): ChartLayer {
  return {
    mark: { type: 'rule', color, strokeDash: [6, 3], strokeWidth: 1.5, aria: false },
    encoding: { x: { aggregate: 'max', field, type: 'quantitative' } },
  };
}

/**
 * Lines over years (x = `year`), one per series: `parts` lists [field, legend label, colour].
 * Rows of other levels can be filtered with `filter`.
 */
export function linesByYear(parts: Array<[field: string, label: string, color: string]>, title: string, domain?: [number, number]): ChartTemplate {
  const label = parts.reduceRight((rest, [field, text]) => `datum.key == '${field}' ? '${text}' : ${rest}`, "''");
  return {
    transform: [
      { fold: parts.map(([field]) => field), as: ['key', 'value'] },
      { calculate: label, as: 'series' },
    ],
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'year', type: 'ordinal', title: 'Год', axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title, ...(domain ? { scale: { domain } } : {}) },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        scale: { domain: parts.map(([, text]) => text), range: parts.map(([, , color]) => color) },
      },
    },
  };
}

/**
 * Grouped horizontal bars: per row of the result, one bar per field of `parts`
 * ([field, legend label, colour]) side by side; `extra` layers (e.g. threshold rules) on top.
 */
export function groupedBars(
  parts: Array<[field: string, label: string, color: string]>,
  title: string,
  options: { domain?: [number, number]; extra?: ChartLayer[]; filter?: string } = {},
): LayeredChart {
  const label = parts.reduceRight((rest, [field, text]) => `datum.key == '${field}' ? '${text}' : ${rest}`, "''");
  const x = { field: 'value', type: 'quantitative', title, ...(options.domain ? { scale: { domain: options.domain } } : {}) } as const;
  return {
    height: { step: 10 * parts.length + 8 },
    layer: [
      {
        transform: [
          ...(options.filter ? [{ filter: options.filter }] : []),
          { fold: parts.map(([field]) => field), as: ['key', 'value'] },
          { calculate: label, as: 'series' },
        ],
        mark: { type: 'bar', tooltip: true },
        encoding: {
          y: Y_NAME,
          yOffset: { field: 'series', type: 'nominal', sort: parts.map(([, text]) => text) },
          x,
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            scale: { domain: parts.map(([, text]) => text), range: parts.map(([, , color]) => color) },
          },
          opacity: SMALL_OPACITY,
        },
      },
      ...(options.extra ?? []),
    ],
  };
}

/**
 * Stacked horizontal bars of the given fields per row: shares (normalised to 100 %, the
 * total row outlined) or counts (schools only, since the total would dwarf them).
 * `parts` lists [field, legend label, colour] in stacking order.
 */
export function stackedBars(parts: Array<[field: string, label: string, color: string]>, title: string, kind: 'shares' | 'counts' = 'shares'): ChartTemplate {
  // nested ternaries: plain expressions the vega-interpreter evaluates without eval
  const label = parts.reduceRight((rest, [field, text]) => `datum.key == '${field}' ? '${text}' : ${rest}`, "''");
  const order = parts.reduceRight((rest, [field], i) => `datum.key == '${field}' ? ${i} : ${rest}`, '-1');
  const shares = kind === 'shares';
  return {
    height: { step: 22 },
    transform: [
      ...(shares ? [] : [{ filter: IS_SCHOOL }]),
      { fold: parts.map(([field]) => field), as: ['key', 'value'] },
      { calculate: label, as: 'part' },
      { calculate: order, as: 'part_order' },
    ],
    mark: { type: 'bar', tooltip: true, stroke: '#222' },
    encoding: {
      y: Y_NAME,
      x: shares
        ? { field: 'value', type: 'quantitative', stack: 'normalize', title, axis: { format: '%' } }
        : { field: 'value', type: 'quantitative', stack: 'zero', title },
      color: {
        field: 'part',
        type: 'nominal',
        title: null,
        scale: { domain: parts.map(([, text]) => text), range: parts.map(([, , color]) => color) },
      },
      order: { field: 'part_order', type: 'quantitative' },
      strokeWidth: { condition: { test: IS_TOTAL, value: 2 }, value: 0 },
      opacity: SMALL_OPACITY,
    },
  };
}
