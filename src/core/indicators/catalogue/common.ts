import type { IndicatorColumn, IndicatorParam } from '../types.ts';

/** МСОКО systems as named in the seed documents (seed 003, «девять систем»). */
export const MECHANISM = {
  preparation: 'Система оценки качества подготовки обучающихся',
  objectivity: 'Система объективности процедур оценки качества образования и олимпиад школьников',
} as const;

export const FIOKO_2026 = 'ФИОКО, «Рекомендации по проведению анализа результатов ВПР», 2026';

/** ФИОКО minimum group size (domain.md §2.1): rows with fewer participants get `small` = 1. */
export const MIN_GROUP = 10;

export const TOTAL_LEVEL = 'Муниципалитет';
export const SCHOOL_LEVEL = 'ОО';

export const SCHOOL_NAME = 'COALESCE(s.short_name, s.full_name, s.fisoko_login)';

/** An assessment some participant wrote; EXISTS stops at the first row (index on result.assessment_id). */
const WRITTEN = "a.kind = 'vpr' AND EXISTS (SELECT 1 FROM v_vpr v WHERE v.assessment_id = a.assessment_id)";

/**
 * The work is chosen by year → subject → grade → municipality; each list offers only what
 * the data hold for the choices made before it (options may use earlier `:names` only).
 */
export const VPR_PARAMS: IndicatorParam[] = [
  {
    name: 'year',
    label: 'Год',
    type: 'integer',
    options: `SELECT DISTINCT a.year AS value, a.year AS label
FROM assessment a WHERE ${WRITTEN}
ORDER BY a.year DESC`,
  },
  {
    name: 'subject',
    label: 'Предмет',
    type: 'text',
    options: `SELECT DISTINCT a.subject_code AS value, COALESCE(sb.name, a.subject_code) AS label
FROM assessment a LEFT JOIN subject sb ON sb.subject_code = a.subject_code
WHERE a.year = :year AND ${WRITTEN}
ORDER BY label`,
  },
  {
    name: 'grade',
    label: 'Класс',
    type: 'integer',
    options: `SELECT DISTINCT a.grade AS value, a.grade || ' класс' AS label
FROM assessment a WHERE a.year = :year AND a.subject_code = :subject AND ${WRITTEN}
ORDER BY a.grade`,
  },
  {
    name: 'municipality',
    label: 'Муниципалитет',
    type: 'integer',
    options: `SELECT DISTINCT m.municipality_id AS value, m.name AS label
FROM v_vpr v JOIN municipality m ON m.municipality_id = v.municipality_id
WHERE v.year = :year AND v.subject_code = :subject AND v.grade = :grade
ORDER BY m.name`,
  },
];

/** Filter of v_vpr (participants present and with a mark) to the chosen work and municipality. */
export const vprWhere = (alias = '') =>
  [['year', 'year'], ['subject_code', 'subject'], ['grade', 'grade'], ['municipality_id', 'municipality']]
    .map(([column, param]) => `${alias}${column} = :${param}`)
    .join(' AND ');

/**
 * One row per ОО plus the municipality total, computed from the same `metrics` over all
 * participants of the municipality — weighted, never an average of school percentages.
 * `base` must output `school_id` and whatever the metrics read; `metrics` must define `n`,
 * the denominator of the percentages, which also sets `small`. Schools by name, total last.
 */
export function bySchoolWithTotal(base: string, metrics: string): string {
  const indent = (text: string, pad: string) => text.trim().split('\n').map((l) => pad + l.trim()).join('\n');
  const m = indent(metrics, '         ');
  return `WITH base AS (
${indent(base, '  ')}
),
grouped AS (
  SELECT '${SCHOOL_LEVEL}' AS level, ${SCHOOL_NAME} AS name,
${m}
  FROM base JOIN school s ON s.school_id = base.school_id
  GROUP BY s.school_id
  UNION ALL
  SELECT '${TOTAL_LEVEL}' AS level, mu.name AS name,
${m}
  FROM base JOIN municipality mu ON mu.municipality_id = :municipality
  GROUP BY mu.municipality_id
)
SELECT *, n < ${MIN_GROUP} AS small FROM grouped
ORDER BY level = '${TOTAL_LEVEL}', name`;
}

export const pct = (numerator: string, denominator = 'COUNT(*)') => `ROUND(100.0 * ${numerator} / ${denominator}, 2)`;

export const HEAD_COLUMNS: IndicatorColumn[] = [
  { name: 'level', label: 'Уровень', format: 'text' },
  { name: 'name', label: 'ОО / муниципалитет', format: 'text' },
];

export const SMALL_COLUMN: IndicatorColumn = { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true };

export const SMALL_GROUP_NOTE = `Строки с числом участников меньше ${MIN_GROUP} (минимальный размер группы по рекомендациям ФИОКО) отмечены: проценты по ним неустойчивы, распределения при N < 20 интерпретируются осторожно.`;

export const NOT_FOR_TEACHERS = 'Результаты ВПР не используются для оценки деятельности педагогических работников.';

export const TOTAL_NOTE = 'Строка «Муниципалитет» посчитана по всем участникам муниципалитета (взвешенно), а не как среднее процентов ОО.';

// ── chart parts: Vega-Lite fragments, fields are the SQL column names ──

const IS_TOTAL = `datum.level == '${TOTAL_LEVEL}'`;
const IS_SCHOOL = `datum.level == '${SCHOOL_LEVEL}'`;

const Y_NAME = { field: 'name', type: 'nominal', sort: null, title: null };

/** Small groups are drawn paler, the same rows the grid marks. */
const SMALL_OPACITY = { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 };

/** Horizontal bars per ОО with a dashed rule at the municipality value of the same field. */
export function barsWithTotalRule(field: string, title: string, domain?: [number, number]): Record<string, unknown> {
  const x = { field, type: 'quantitative', title, ...(domain ? { scale: { domain } } : {}) };
  return {
    height: { step: 22 },
    layer: [
      {
        transform: [{ filter: IS_SCHOOL }],
        mark: { type: 'bar', tooltip: true, color: '#4c78a8' },
        encoding: { y: Y_NAME, x, opacity: SMALL_OPACITY },
      },
      {
        transform: [{ filter: IS_TOTAL }],
        mark: { type: 'rule', color: '#222', strokeDash: [5, 3], strokeWidth: 2, tooltip: true },
        encoding: { x: { field, type: 'quantitative' } },
      },
      {
        transform: [{ filter: IS_TOTAL }],
        // above the plot, so it never covers a bar or gets cut at 100 %
        mark: { type: 'text', align: 'center', baseline: 'bottom', dy: -3, fontSize: 11, color: '#222' },
        encoding: { x: { field, type: 'quantitative' }, y: { value: 0 }, text: { value: 'муниципалитет' } },
      },
    ],
  };
}

/**
 * Stacked horizontal bars of the given fields per row: shares (normalised to 100 %, the
 * total row outlined) or counts (schools only, since the total would dwarf them).
 * `parts` lists [field, legend label, colour] in stacking order.
 */
export function stackedBars(
  parts: Array<[field: string, label: string, color: string]>,
  title: string,
  kind: 'shares' | 'counts' = 'shares',
): Record<string, unknown> {
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
