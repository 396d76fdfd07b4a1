import type { IndicatorDef } from '../types.ts';
import {
  FIOKO_2026,
  HEAD_COLUMNS,
  MECHANISM,
  NOT_FOR_TEACHERS,
  REFERENCE_NOTE,
  SMALL_COLUMN,
  TOTAL_NOTE,
  VPR_SCHOOL_PARAMS,
  barsWithTotalRule,
  bySchoolWithTotal,
  fisokoReferences,
  pct,
  shiftChart,
  shiftColumns,
  JOURNAL_SHIFT_SQL,
  sovgavanRow,
  vprWhere,
} from './common.ts';

const SIGNAL =
  'Сильное отклонение от муниципального значения — возможный признак, требует анализа; это не вывод ' + 'о необъективности текущего или внешнего оценивания.';

const SMALL_NOTE = 'Строки, где сравнимых участников меньше 10 (минимальная группа ФИОКО), отмечены: проценты по ним неустойчивы.';

export const V7: IndicatorDef = {
  id: 'V7',
  title: 'Понизили / подтвердили / повысили отметку по журналу',
  mechanism: MECHANISM.preparation,
  source:
    `${sovgavanRow(1)} ` +
    '«Процент обучающихся, подтвердивших текущую успеваемость результатами ВПР»; ФИС ОКО, отчёт «Сравнение отметок с отметками по журналу»',
  formula:
    'Понизили: отметка ВПР < отметки по журналу; подтвердили: =; повысили: >. Знаменатель — участники ВПР, у которых ' +
    'есть отметка по журналу (как «Кол-во участников» в отчёте ФИС ОКО; в программе Советско-Гаванского района ' +
    'знаменатель — все участники ВПР).',
  params: VPR_SCHOOL_PARAMS,
  sql: bySchoolWithTotal(
    `SELECT school_id, journal_n, lowered_n, confirmed_n, raised_n FROM v_vpr_school WHERE ${vprWhere()} AND journal_n > 0`,
    JOURNAL_SHIFT_SQL,
    fisokoReferences('journal', ['m_n', 'm_lowered_n', 'm_lowered_pct', 'm_confirmed_n', 'm_confirmed_pct', 'm_raised_n', 'm_raised_pct']),
  ),
  columns: [...HEAD_COLUMNS, ...shiftColumns('Участников с отметкой по журналу'), SMALL_COLUMN],
  chart: shiftChart('Доля участников с отметкой по журналу'),
  interpretation:
    'Показатель служит и системе объективности процедур оценки. Большая доля «понизили» означает, что текущие отметки ' +
    'выше отметок ВПР, и требует сопоставления системы текущего оценивания с внешней оценкой; большая доля «повысили» или ' +
    `почти полное «подтвердили» — возможный признак необъективности проведения или проверки ВПР, требует анализа. ${SIGNAL} ${REFERENCE_NOTE} ${SMALL_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};

export const V8: IndicatorDef = {
  id: 'V8',
  title: 'Расхождение с отметкой по журналу на 2 балла и более',
  mechanism: MECHANISM.objectivity,
  source: `${FIOKO_2026}, с. 11 (анализ расхождений отметок ВПР и журнала на 2 балла и более)`,
  formula:
    'Доля = число участников, у которых |отметка ВПР − отметка по журналу| ≥ 2, / число участников с отметкой по ' +
    'журналу × 100. Отдельно — сколько из них написали ВПР ниже журнала и сколько выше.',
  params: VPR_SCHOOL_PARAMS,
  // only participants with a journal mark can be compared («нет отметки» is stored as NULL)
  sql: bySchoolWithTotal(
    `SELECT school_id, journal_n, lowered2_n, raised2_n FROM v_vpr_school WHERE ${vprWhere()} AND journal_n > 0`,
    `SUM(journal_n) AS n,
SUM(lowered2_n + raised2_n) AS diverge_n,
${pct('SUM(lowered2_n + raised2_n)', 'SUM(journal_n)')} AS diverge_pct,
SUM(lowered2_n) AS lower2_n,
SUM(raised2_n) AS higher2_n`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников с отметкой по журналу', format: 'int' },
    { name: 'diverge_n', label: 'Расхождение ≥ 2, чел.', format: 'int' },
    { name: 'diverge_pct', label: 'Расхождение ≥ 2, %', format: 'pct' },
    { name: 'lower2_n', label: 'ВПР ниже журнала на ≥ 2, чел.', format: 'int' },
    { name: 'higher2_n', label: 'ВПР выше журнала на ≥ 2, чел.', format: 'int' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('diverge_pct', 'Расхождение с журналом ≥ 2 балла, %'),
  interpretation:
    'ФИОКО рекомендует разбирать каждый случай расхождения на 2 балла и более. Показатель служит и системе оценки ' +
    `качества подготовки. ${SIGNAL} ${SMALL_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};
