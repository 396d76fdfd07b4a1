import type { IndicatorDef } from '../types.ts';
import {
  CLUSTER_NOTE,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MECHANISM,
  SCHEME_PARAM,
  DOC,
  SEVEROMORSK_PROBLEMS,
  SMALL_COLUMN,
  TOTAL_NOTE,
  barsWithTotalRule,
  bySchoolWithTotal,
  pct,
} from './common.ts';
import { tableParams } from './staff.ts';

/** D1: coverage by additional education (table additional_education, migration 004). */
export const D1: IndicatorDef = {
  id: 'D1',
  title: 'Охват обучающихся дополнительным образованием',
  mechanism: MECHANISM.upbringing,
  source: `${SEVEROMORSK_PROBLEMS} («Охват учащихся программами дополнительного образования уменьшился с 77% до 44%»); ${DOC.sosnovka}, раздел «${MECHANISM.upbringing}» («обеспечение максимального охвата детей различными видами деятельности в период каникулярного отдыха»)`,
  formula: 'Охват = Σ обучающихся, охваченных программами дополнительного образования / Σ обучающихся × 100 (по ОО и по муниципалитету).',
  params: [...tableParams('additional_education'), SCHEME_PARAM, HIDE_SMALL_PARAM],
  sql: bySchoolWithTotal(
    `SELECT d.school_id, d.students_total, d.students_covered FROM additional_education d JOIN school s ON s.school_id = d.school_id
WHERE d.year = :year AND s.municipality_id = :municipality`,
    `SUM(students_total) AS n,
SUM(students_covered) AS covered_n,
${pct('SUM(students_covered)', 'SUM(students_total)')} AS covered_pct`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Обучающихся', format: 'int' },
    { name: 'covered_n', label: 'Охвачено дополнительным образованием', format: 'int' },
    { name: 'covered_pct', label: 'Охват, %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: barsWithTotalRule('covered_pct', 'Охват дополнительным образованием, %', [0, 100]),
  interpretation:
    'Обучающийся, занимающийся в нескольких объединениях, считается один раз — так таблицу должна заполнять ОО. ' +
    `Муниципальное значение — сумма охваченных по всем ОО, делённая на сумму обучающихся. ${CLUSTER_NOTE} ${TOTAL_NOTE}`,
};
