import type { IndicatorDef } from '../types.ts';
import {
  HEAD_COLUMNS,
  MECHANISM,
  NOT_FOR_TEACHERS,
  REFERENCE_NOTE,
  SMALL_COLUMN,
  SMALL_GROUP_NOTE,
  TOTAL_NOTE,
  VPR_SCHOOL_PARAMS,
  vprWhere,
  barsWithTotalRule,
  SOU_SQL,
  bySchoolWithTotal,
  fisokoReferences,
  pct,
} from './common.ts';

const FORMULAS_SOURCE = 'Общепринятые формулы внутришкольного анализа: абсолютная и качественная успеваемость';

export const V3: IndicatorDef = {
  id: 'V3',
  title: 'Успеваемость (доля без «2»)',
  mechanism: MECHANISM.preparation,
  source: `${FORMULAS_SOURCE}; ФИС ОКО, «Статистика по отметкам» (сумма долей «3», «4», «5»)`,
  formula: 'Успеваемость = (n5 + n4 + n3) / N × 100, где N — число участников ВПР.',
  params: VPR_SCHOOL_PARAMS,
  sql: bySchoolWithTotal(
    `SELECT school_id, participants, n_3, n_4, n_5 FROM v_vpr_school WHERE ${vprWhere()}`,
    `SUM(participants) AS n,
SUM(n_3 + n_4 + n_5) AS n_pass,
${pct('SUM(n_3 + n_4 + n_5)', 'SUM(participants)')} AS pass_pct`,
    fisokoReferences('marks', ['m_n', 'NULL', 'ROUND(m_pct_3 + m_pct_4 + m_pct_5, 2)']),
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'n_pass', label: 'С отметкой «3» и выше', format: 'int' },
    { name: 'pass_pct', label: 'Успеваемость, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('pass_pct', 'Успеваемость, %', [0, 100]),
  interpretation:
    'Доля участников, достигших базового уровня подготовки. Пунктир — значение по муниципалитету. ' +
    `${REFERENCE_NOTE} ${SMALL_GROUP_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};

export const V4: IndicatorDef = {
  id: 'V4',
  title: 'Качество знаний',
  mechanism: MECHANISM.preparation,
  source: `${FORMULAS_SOURCE}; ФИС ОКО, «Статистика по отметкам» (сумма долей «4» и «5»)`,
  formula: 'Качество знаний = (n5 + n4) / N × 100, где N — число участников ВПР.',
  params: VPR_SCHOOL_PARAMS,
  sql: bySchoolWithTotal(
    `SELECT school_id, participants, n_4, n_5 FROM v_vpr_school WHERE ${vprWhere()}`,
    `SUM(participants) AS n,
SUM(n_4 + n_5) AS n_quality,
${pct('SUM(n_4 + n_5)', 'SUM(participants)')} AS quality_pct`,
    fisokoReferences('marks', ['m_n', 'NULL', 'ROUND(m_pct_4 + m_pct_5, 2)']),
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'n_quality', label: 'С отметками «4» и «5»', format: 'int' },
    { name: 'quality_pct', label: 'Качество знаний, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('quality_pct', 'Качество знаний, %', [0, 100]),
  interpretation:
    'Доля участников с отметками «4» и «5». Пунктир — значение по муниципалитету. Очень высокое качество при низком ' +
    'среднем проценте выполнения (V6) — повод сверить результаты с другими процедурами. ' +
    `${REFERENCE_NOTE} ${SMALL_GROUP_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};

export const V5: IndicatorDef = {
  id: 'V5',
  title: 'Степень обученности (СОУ)',
  mechanism: MECHANISM.preparation,
  source: 'В. П. Симонов, «Диагностика степени обученности учащихся», 1999',
  formula:
    'СОУ = (n5·100 + n4·64 + n3·36 + n2·16) / N. Группа с весом 7 («н/а», отметка «1») в данных ВПР не встречается: ' +
    'у участника ВПР всегда отметка 2–5, отсутствовавшие в N не входят.',
  params: VPR_SCHOOL_PARAMS,
  sql: bySchoolWithTotal(
    `SELECT school_id, participants, n_2, n_3, n_4, n_5 FROM v_vpr_school WHERE ${vprWhere()}`,
    `SUM(participants) AS n,
ROUND(${SOU_SQL}, 2) AS sou`,
    fisokoReferences('marks', ['m_n', 'ROUND((100 * m_pct_5 + 64 * m_pct_4 + 36 * m_pct_3 + 16 * m_pct_2) / 100, 2)']),
  ),
  columns: [...HEAD_COLUMNS, { name: 'n', label: 'Участников', format: 'int' }, { name: 'sou', label: 'СОУ, %', format: 'pct' }, SMALL_COLUMN],
  chart: barsWithTotalRule('sou', 'СОУ, %', [0, 100]),
  interpretation:
    'СОУ от 16 % (все «2») до 100 % (все «5»); 36 % соответствует сплошным «3», 64 % — сплошным «4». ' +
    'Показатель чувствителен ко всему распределению отметок, а не только к порогу «3» или «4». Пунктир — муниципалитет. ' +
    `${REFERENCE_NOTE} ${SMALL_GROUP_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};

/**
 * The mean mark and the mean primary score from the sums of v_vpr_school rows, as AVG over the
 * participants computes them (a sum divided by a count): the mean score counts those with a score.
 */
const MEAN_MARK = '(2.0 * SUM(n_2) + 3 * SUM(n_3) + 4 * SUM(n_4) + 5 * SUM(n_5)) / SUM(participants)';
const MEAN_SCORE = '(SUM(score_sum) / SUM(scored_n))';

export const V6: IndicatorDef = {
  id: 'V6',
  title: 'Средняя отметка и средний первичный балл',
  mechanism: MECHANISM.preparation,
  source:
    'Общепринятые формулы внутришкольного анализа (средняя отметка, средний балл); максимальный балл — из заголовка отчёта ФИС ОКО («Максимальный первичный балл»)',
  formula:
    'Средняя отметка = Σ отметок / N; средний первичный балл = Σ первичных баллов / N; ' +
    '% от максимума = средний первичный балл / максимальный первичный балл × 100.',
  params: VPR_SCHOOL_PARAMS,
  sql: bySchoolWithTotal(
    `SELECT school_id, participants, n_2, n_3, n_4, n_5, scored_n, score_sum, max_primary FROM v_vpr_school WHERE ${vprWhere()}`,
    `SUM(participants) AS n,
ROUND(${MEAN_MARK}, 2) AS mean_mark,
ROUND(${MEAN_SCORE}, 2) AS mean_score,
MAX(max_primary) AS max_primary,
ROUND(100.0 * ${MEAN_SCORE} / MAX(max_primary), 2) AS score_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'mean_mark', label: 'Средняя отметка', format: 'num' },
    { name: 'mean_score', label: 'Средний первичный балл', format: 'num' },
    { name: 'max_primary', label: 'Максимальный балл', format: 'int' },
    { name: 'score_pct', label: '% от максимума', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('score_pct', 'Средний первичный балл, % от максимума', [0, 100]),
  interpretation:
    'Средний первичный балл в % от максимума различает ОО с одинаковыми отметками. Если максимальный балл не загружен, ' +
    '% от максимума пуст. На графике — % от максимума, пунктир — муниципалитет. ' +
    `${SMALL_GROUP_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};
