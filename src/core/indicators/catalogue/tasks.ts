import type { IndicatorDef } from '../types.ts';
import { FIOKO_2026, MECHANISM, MIN_GROUP, NOT_FOR_TEACHERS, VPR_PARAMS, VPR_SCHOOL_CHOICE, vprWhere } from './common.ts';

/** ФИОКО mastery thresholds (docs/methodology.md, «Формулы»): 60 % for basic tasks, 30 % for П/В tasks. */
const THRESHOLDS = [
  { threshold: 60, label: '60 % (Б)' },
  { threshold: 30, label: '30 % (П, В)' },
];

export const V9: IndicatorDef = {
  id: 'V9',
  title: 'Выполнение заданий',
  mechanism: MECHANISM.preparation,
  source: `ФИС ОКО, отчёт «Выполнение заданий»; ${FIOKO_2026}, с. 6, 16–19 (пороги 60 % и 30 %)`,
  formula:
    '% выполнения задания = Σ баллов участников за задание / (максимальный балл задания × число участников) × 100. ' +
    'Задание, отмеченное «X» (не приступал), даёт 0 баллов, но участник остаётся в знаменателе.',
  params: [...VPR_PARAMS, VPR_SCHOOL_CHOICE],
  sql: `WITH scores AS (
  SELECT t.position, t.task_code, t.difficulty, t.max_score, g.n, g.score_sum,
         CASE WHEN :school = 0 OR g.school_id = :school THEN g.n ELSE 0 END AS chosen_n,
         CASE WHEN :school = 0 OR g.school_id = :school THEN g.score_sum END AS chosen_sum
  FROM v_vpr_task g
  JOIN assessment_task t ON t.assessment_id = g.assessment_id AND t.task_code = g.task_code
  WHERE ${vprWhere('g.')}
)
SELECT position, task_code AS task, difficulty, max_score,
       SUM(chosen_n) AS n,
       ROUND(100.0 * TOTAL(chosen_sum) / (max_score * SUM(chosen_n)), 2) AS pct,
       ROUND(100.0 * TOTAL(score_sum) / (max_score * SUM(n)), 2) AS mun_pct,
       SUM(chosen_n) < ${MIN_GROUP} AS small
FROM scores
GROUP BY position, task_code
ORDER BY position, task_code`,
  columns: [
    { name: 'position', label: 'Порядок', format: 'int', hidden: true },
    { name: 'task', label: 'Задание', format: 'text' },
    { name: 'difficulty', label: 'Уровень сложности', format: 'text' },
    { name: 'max_score', label: 'Максимальный балл', format: 'int' },
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'pct', label: 'Выполнение, %', format: 'pct' },
    { name: 'mun_pct', label: 'Муниципалитет, %', format: 'pct' },
    { name: 'small', label: `Менее ${MIN_GROUP} участников`, format: 'int', hidden: true },
  ],
  chart: {
    layer: [
      {
        mark: { type: 'bar', tooltip: true },
        encoding: {
          x: { field: 'task', type: 'nominal', sort: null, title: 'Задание', axis: { labelAngle: 0 } },
          y: { field: 'pct', type: 'quantitative', title: 'Выполнение, %', scale: { domain: [0, 100] } },
          color: { field: 'difficulty', type: 'nominal', title: 'Уровень', scale: { scheme: 'tableau10' } },
          opacity: { condition: { test: 'datum.small == 1', value: 0.45 }, value: 1 },
        },
      },
      {
        mark: { type: 'tick', color: '#222', thickness: 2, tooltip: true },
        encoding: {
          x: { field: 'task', type: 'nominal', sort: null },
          y: { field: 'mun_pct', type: 'quantitative', title: 'Выполнение, %' },
        },
      },
      {
        data: { values: THRESHOLDS },
        layer: [
          {
            mark: { type: 'rule', strokeDash: [5, 3], color: '#b2182b' },
            encoding: { y: { field: 'threshold', type: 'quantitative' } },
          },
          {
            mark: { type: 'text', align: 'right', baseline: 'bottom', dy: -2, fontSize: 11, color: '#b2182b' },
            encoding: {
              y: { field: 'threshold', type: 'quantitative' },
              x: { value: 'width' },
              text: { field: 'label' },
            },
          },
        ],
      },
    ],
  },
  interpretation:
    'Пороги ФИОКО: базовое задание освоено при выполнении ≥ 60 % (недостаточно — ниже 57 %, между ними — зона ' +
    'неопределённости), задание повышенного/высокого уровня — при ≥ 30 % (недостаточно — ниже 28,5 %). Чёрная черта — ' +
    'значение по муниципалитету. Если «красными» оказываются большинство заданий одного умения, это системный дефицит. ' +
    `Задачи с числом участников меньше ${MIN_GROUP} отмечены. ${NOT_FOR_TEACHERS}`,
};
