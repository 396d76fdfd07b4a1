import type { IndicatorDef } from '../types.ts';
import {
  FIOKO_2026,
  HEAD_COLUMNS,
  MARK_PCT_COLUMNS,
  MARK_SHARES_SQL,
  MECHANISM,
  NOT_FOR_TEACHERS,
  REFERENCE_NOTE,
  SMALL_COLUMN,
  SMALL_GROUP_NOTE,
  TOTAL_NOTE,
  VPR_SCHOOL_PARAMS,
  bySchoolWithTotal,
  fisokoReferences,
  markSharesChart,
  vprWhere,
} from './common.ts';

export const V2: IndicatorDef = {
  id: 'V2',
  title: 'Распределение отметок',
  mechanism: MECHANISM.preparation,
  source: `ФИС ОКО, отчёт «Статистика по отметкам»; ${FIOKO_2026}, с. 7–8`,
  formula: 'Доля отметки k (k = 2, 3, 4, 5) = число участников с отметкой k / число участников × 100.',
  params: VPR_SCHOOL_PARAMS,
  sql: bySchoolWithTotal(
    `SELECT school_id, participants, n_2, n_3, n_4, n_5 FROM v_vpr_school WHERE ${vprWhere()}`,
    `SUM(participants) AS n,
SUM(n_2) AS n_2, SUM(n_3) AS n_3, SUM(n_4) AS n_4, SUM(n_5) AS n_5,
${MARK_SHARES_SQL}`,
    fisokoReferences('marks', ['m_n', 'NULL', 'NULL', 'NULL', 'NULL', 'm_pct_2', 'm_pct_3', 'm_pct_4', 'm_pct_5']),
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'n_2', label: '«2», чел.', format: 'int' },
    { name: 'n_3', label: '«3», чел.', format: 'int' },
    { name: 'n_4', label: '«4», чел.', format: 'int' },
    { name: 'n_5', label: '«5», чел.', format: 'int' },
    ...MARK_PCT_COLUMNS,
    SMALL_COLUMN,
  ],
  chart: markSharesChart(),
  interpretation:
    'Проценты должны совпадать со строкой той же ОО / муниципалитета в отчёте ФИС ОКО «Статистика по отметкам» ' +
    '(сумма может отличаться от 100 на 0,01–0,02 из‑за округления). ФИОКО рекомендует следить за долей «2» в динамике ' +
    '3–5 лет: рост на 10 п.п. и более — негативная тенденция. ' +
    `${REFERENCE_NOTE} ${SMALL_GROUP_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};
