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

/** V1. Unlike the other V-indicators it reads `result`, not v_vpr: v_vpr leaves absentees out. */
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
    `SELECT r.school_id, r.absent
FROM result r
JOIN assessment a ON a.assessment_id = r.assessment_id
JOIN school s ON s.school_id = r.school_id
WHERE a.kind = 'vpr' AND a.year = :year AND a.subject_code = :subject AND a.grade = :grade
  AND s.municipality_id = :municipality
  AND (r.absent = 1 OR r.mark IS NOT NULL)`,
    `SUM(absent = 0) AS n,
SUM(absent = 1) AS n_absent,
${pct('SUM(absent = 1)')} AS absent_pct`,
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
