import type { IndicatorDef } from '../types.ts';
import {
  FIOKO_2026,
  HEAD_COLUMNS,
  MECHANISM,
  NOT_FOR_TEACHERS,
  SMALL_COLUMN,
  SMALL_GROUP_NOTE,
  TOTAL_NOTE,
  VPR_SCHOOL_PARAMS,
  bySchoolWithTotal,
  pct,
  stackedBars,
} from './common.ts';

/**
 * V1. Unlike the other V-indicators it reads agg_result itself, not v_vpr_school: the view leaves
 * out the ОО where nobody wrote, and an ОО where everyone was absent is what V1 must show.
 */
export const V1: IndicatorDef = {
  id: 'V1',
  title: 'Участники ВПР',
  mechanism: MECHANISM.preparation,
  source: `ФИС ОКО, отчёт «Статистика по отметкам» (Кол-во участников); ${FIOKO_2026}, с. 5`,
  formula:
    'Участники — писавшие работу и получившие отметку. Отсутствовавшие — строки протокола с пометкой «отсутствовал». ' +
    'Доля отсутствовавших = отсутствовавшие / (участники + отсутствовавшие) × 100.',
  params: VPR_SCHOOL_PARAMS,
  sql: bySchoolWithTotal(
    `SELECT g.school_id, g.participants, g.absent_n
FROM assessment a CROSS JOIN school s
CROSS JOIN agg_result g ON g.assessment_id = a.assessment_id AND g.school_id = s.school_id
WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
  AND s.municipality_id = :municipality
  AND (g.participants > 0 OR g.absent_n > 0)`,
    `SUM(participants) AS n,
SUM(absent_n) AS n_absent,
${pct('SUM(absent_n)', 'SUM(participants + absent_n)')} AS absent_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'n_absent', label: 'Отсутствовали', format: 'int' },
    { name: 'absent_pct', label: 'Отсутствовали, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: stackedBars(
    [
      ['n', 'Писали', '#4c78a8'],
      ['n_absent', 'Отсутствовали', '#bab0ac'],
    ],
    'Число обучающихся',
    'counts',
  ),
  interpretation:
    'Число участников — основа всех остальных показателей. Высокая доля отсутствовавших в ОО искажает её результаты ' +
    '(отсутствовать могли прежде всего слабые обучающиеся) и требует выяснения причин. ' +
    `${SMALL_GROUP_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};
