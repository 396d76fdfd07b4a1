import type { IndicatorDef } from '../types.ts';
import {
  CLUSTER_NOTE,
  FIOKO_2026,
  HEAD_COLUMNS,
  HIDE_SMALL_PARAM,
  MECHANISM,
  MIN_GROUP,
  NOT_FOR_TEACHERS,
  SMALL_COLUMN,
  TOTAL_NOTE,
  VPR_PARAMS,
  VPR_SCHOOL_CHOICE,
  VPR_SCHOOL_PARAMS,
  bySchoolWithTotal,
  groupedBars,
  numberParam,
  ruleAt,
  vprWhere,
} from './common.ts';

/** A task of the chosen work with a level (ФИС ОКО gives it): 'Б', П or В. */
const LEVELLED = "t.difficulty IN ('Б', 'П', 'В')";

/**
 * Task scores of the chosen work per ОО and task (v_vpr_task), with the task's level: 'Б', or 'ПВ' for
 * П and В (ФИОКО treats them alike) and the maximum they could have scored; plus one row per such ОО
 * with its participants who have task scores (v_vpr_school.tasks_n).
 */
const LEVEL_SCORES = `SELECT g.school_id, CASE t.difficulty WHEN 'Б' THEN 'Б' ELSE 'ПВ' END AS lvl,
       t.max_score * g.n AS max_sum, g.score_sum, 0 AS participants
FROM v_vpr_task g
JOIN assessment_task t ON t.assessment_id = g.assessment_id AND t.task_code = g.task_code
WHERE ${vprWhere('g.')} AND ${LEVELLED}
UNION ALL
SELECT p.school_id, NULL, NULL, NULL, p.tasks_n
FROM v_vpr_school p
WHERE ${vprWhere('p.')} AND EXISTS (
  SELECT 1 FROM assessment_task t JOIN agg_task g ON g.assessment_id = t.assessment_id AND g.school_id = p.school_id AND g.task_code = t.task_code
  WHERE t.assessment_id = p.assessment_id AND ${LEVELLED})`;

const share = (lvl: string) => `100.0 * TOTAL(CASE WHEN lvl = '${lvl}' THEN score_sum END) / SUM(CASE WHEN lvl = '${lvl}' THEN max_sum END)`;

/** ФИОКО: sufficient at ≥ threshold, insufficient below 95 % of it (60 → 57, 30 → 28,5), between — the zone. */
const status = (value: string, threshold: string) =>
  `CASE WHEN ${value} IS NULL THEN NULL WHEN ${value} >= ${threshold} THEN 'достаточно' ` +
  `WHEN ${value} < 0.95 * ${threshold} THEN 'недостаточно' ELSE 'зона неопределённости' END`;

export const V10: IndicatorDef = {
  id: 'V10',
  title: 'Освоение заданий базового и повышенного уровня (пороги ФИОКО)',
  mechanism: MECHANISM.preparation,
  source: `${FIOKO_2026}, с. 6, 17 (пороги 60 ± 3 % для базовых заданий и 30 ± 1,5 % для заданий повышенного и высокого уровня)`,
  formula:
    '% выполнения заданий уровня = Σ баллов участников за задания этого уровня / Σ максимальных баллов этих заданий × 100 ' +
    '(уровень сложности — из отчёта ФИС ОКО, задания П и В объединены). Статус: «достаточно» — не ниже порога ' +
    '(60 % для Б, 30 % для П/В), «недостаточно» — ниже 95 % порога (57 % и 28,5 %), между ними — «зона неопределённости». ' +
    'Инверсия — процент выполнения заданий П/В не ниже, чем заданий Б.',
  params: [...VPR_SCHOOL_PARAMS, numberParam('basic', 'Порог для заданий Б, %', 60), numberParam('advanced', 'Порог для заданий П/В, %', 30)],
  sql: bySchoolWithTotal(
    LEVEL_SCORES,
    `SUM(participants) AS n,
ROUND(${share('Б')}, 2) AS basic_pct,
${status(share('Б'), ':basic')} AS basic_status,
ROUND(${share('ПВ')}, 2) AS advanced_pct,
${status(share('ПВ'), ':advanced')} AS advanced_status,
${share('ПВ')} >= ${share('Б')} AS inversion,
:basic AS basic_threshold,
:advanced AS advanced_threshold`,
  ),
  columns: [
    ...HEAD_COLUMNS,
    { name: 'n', label: 'Участников', format: 'int' },
    { name: 'basic_pct', label: 'Задания Б, %', format: 'pct' },
    { name: 'basic_status', label: 'Задания Б: статус', format: 'text' },
    { name: 'advanced_pct', label: 'Задания П/В, %', format: 'pct' },
    { name: 'advanced_status', label: 'Задания П/В: статус', format: 'text' },
    { name: 'inversion', label: 'П/В выполнены не хуже Б', format: 'int' },
    { name: 'basic_threshold', label: 'Порог Б, %', format: 'num', hidden: true },
    { name: 'advanced_threshold', label: 'Порог П/В, %', format: 'num', hidden: true },
    SMALL_COLUMN,
  ],
  chart: groupedBars(
    [
      ['basic_pct', 'Задания Б', '#4c78a8'],
      ['advanced_pct', 'Задания П/В', '#f58518'],
    ],
    'Выполнение, %',
    { domain: [0, 100], extra: [ruleAt('basic_threshold', '#4c78a8'), ruleAt('advanced_threshold', '#f58518')] },
  ),
  interpretation:
    'Вертикальные линии — пороги ФИОКО для заданий Б и П/В. Если задания повышенного уровня выполнены не хуже базовых ' +
    '(инверсия), это нетипичный профиль: возможный признак, требует анализа (сверьте с распределением баллов V12 и ' +
    `журналом V7). Если уровень сложности заданий не загружен, показатель пуст. ${CLUSTER_NOTE} ${TOTAL_NOTE} ${NOT_FOR_TEACHERS}`,
};

/** Task scores of the chosen work counted and summed per ОО, task and mark (v_vpr_task: n rows, score_sum). */
const BY_MARK = `SELECT t.position, t.task_code, t.difficulty, t.max_score, g.mark, g.n, g.score_sum
FROM v_vpr_task g
JOIN assessment_task t ON t.assessment_id = g.assessment_id AND t.task_code = g.task_code
WHERE ${vprWhere('g.')} AND (:school = 0 OR g.school_id = :school)`;

/** Participants of the group with mark k. */
const groupN = (k: number) => `SUM(CASE WHEN mark = ${k} THEN n ELSE 0 END)`;

const groupPct = (k: number) =>
  `CASE WHEN :hide_small = 1 AND ${groupN(k)} < ${MIN_GROUP} THEN NULL ` +
  `ELSE ROUND(100.0 * TOTAL(CASE WHEN mark = ${k} THEN score_sum END) / (max_score * ${groupN(k)}), 2) END AS pct_${k}`;

export const V11: IndicatorDef = {
  id: 'V11',
  title: 'Выполнение заданий группами участников (по отметкам)',
  mechanism: MECHANISM.preparation,
  source: `ФИС ОКО, отчёт «Выполнение заданий группами участников»; ${FIOKO_2026}, с. 23–24 (минимальная группа — 10 участников)`,
  formula:
    'Для каждого задания и каждой группы участников по отметке ВПР («2», «3», «4», «5»): % выполнения = Σ баллов группы ' +
    'за задание / (максимальный балл задания × число участников группы) × 100. «X» даёт 0 баллов.',
  params: [...VPR_PARAMS, VPR_SCHOOL_CHOICE, { ...HIDE_SMALL_PARAM, label: `Группы менее ${MIN_GROUP} участников`, default: 1 }],
  sql: `WITH scores AS (
${BY_MARK}
)
SELECT position, task_code AS task, difficulty, max_score,
       ${[2, 3, 4, 5].map((k) => `${groupN(k)} AS n_${k}`).join(', ')},
       ${[2, 3, 4, 5].map(groupPct).join(',\n       ')},
       SUM(n) < ${MIN_GROUP} AS small
FROM scores
GROUP BY position, task_code
ORDER BY position, task_code`,
  columns: [
    { name: 'position', label: 'Порядок', format: 'int', hidden: true },
    { name: 'task', label: 'Задание', format: 'text' },
    { name: 'difficulty', label: 'Уровень сложности', format: 'text' },
    { name: 'max_score', label: 'Максимальный балл', format: 'int' },
    { name: 'n_2', label: 'Группа «2», чел.', format: 'int' },
    { name: 'n_3', label: 'Группа «3», чел.', format: 'int' },
    { name: 'n_4', label: 'Группа «4», чел.', format: 'int' },
    { name: 'n_5', label: 'Группа «5», чел.', format: 'int' },
    { name: 'pct_2', label: 'Группа «2», %', format: 'pct' },
    { name: 'pct_3', label: 'Группа «3», %', format: 'pct' },
    { name: 'pct_4', label: 'Группа «4», %', format: 'pct' },
    { name: 'pct_5', label: 'Группа «5», %', format: 'pct' },
    SMALL_COLUMN,
  ],
  chart: {
    transform: [
      { fold: ['pct_2', 'pct_3', 'pct_4', 'pct_5'], as: ['key', 'value'] },
      { filter: 'datum.value != null' },
      {
        calculate: "datum.key == 'pct_2' ? '«2»' : datum.key == 'pct_3' ? '«3»' : datum.key == 'pct_4' ? '«4»' : '«5»'",
        as: 'group',
      },
    ],
    mark: { type: 'line', point: true, tooltip: true },
    encoding: {
      x: { field: 'task', type: 'nominal', sort: null, title: 'Задание', axis: { labelAngle: 0 } },
      y: { field: 'value', type: 'quantitative', title: 'Выполнение, %', scale: { domain: [0, 100] } },
      color: {
        field: 'group',
        type: 'nominal',
        title: 'Отметка',
        scale: { domain: ['«2»', '«3»', '«4»', '«5»'], range: ['#d73027', '#fdae61', '#a6d96a', '#1a9850'] },
      },
    },
  },
  interpretation:
    'Линии групп должны идти «лесенкой»: «5» выше «4», «4» выше «3». Задание, которое сильная группа выполняет не лучше ' +
    'слабой, стоит проверить (формулировка, критерии, проверка). По умолчанию группы меньше 10 участников скрыты, как ' +
    `рекомендует ФИОКО; их можно показать параметром. ${NOT_FOR_TEACHERS}`,
};
