import type { Database, SqlValue } from '../db.ts';
import { queryObjects } from '../db.ts';
import type { IndicatorColumn } from '../indicators/types.ts';
import type { Tabular } from './draft/rows.ts';
import { num, text } from './draft/rows.ts';
import { taskStatus } from './draft/vpr.ts';

/** What a task checks and how the region and РФ did, from the ФИС ОКО reports of the work. */
export interface TaskFacts {
  skill: string | null;
  region: number | null;
  rf: number | null;
}

export const PLANNED_REPORT = '«Достижение планируемых результатов»';

/** Said where the task texts are missing. */
export const PLANNED_MISSING =
  `Что проверяет каждое задание, будет видно, когда загружен отчёт ФИС ОКО ${PLANNED_REPORT} (или «Выполнение заданий») по этой работе: ` +
  'тогда в таблице появятся проверяемые умения и значения региона и РФ.';

/**
 * Per task of the ВПР work: the checked requirement (assessment_task.skill, written by the import of
 * «Достижение планируемых результатов») and the region's and РФ's % of completion from that report or
 * from «Выполнение заданий».
 */
export function taskFacts(db: Database, params: Record<string, SqlValue>): Map<string, TaskFacts> {
  const rows = queryObjects<{ task_code: string; skill: string | null; region: number | null; rf: number | null }>(
    db,
    `SELECT t.task_code, t.skill,
            COALESCE(MAX(CASE WHEN f.report = 'planned' AND f.level = 'region' THEN f.value END),
                     MAX(CASE WHEN f.report = 'tasks' AND f.level = 'region' THEN f.value END)) AS region,
            COALESCE(MAX(CASE WHEN f.report = 'planned' AND f.level = 'RF' THEN f.value END),
                     MAX(CASE WHEN f.report = 'tasks' AND f.level = 'RF' THEN f.value END)) AS rf
     FROM assessment a
     JOIN assessment_task t ON t.assessment_id = a.assessment_id
     LEFT JOIN fisoko_agg f ON f.assessment_id = a.assessment_id AND f.metric = 'task:' || t.task_code
     WHERE a.kind = 'vpr' AND a.year = ? AND a.subject_code = ? AND a.grade = ?
     GROUP BY t.task_code`,
    [params.year ?? null, params.subject ?? null, params.grade ?? null],
  );
  return new Map(rows.map((row) => [row.task_code, { skill: row.skill?.trim() || null, region: row.region, rf: row.rf }]));
}

const SKILL: IndicatorColumn = { name: 'skill', label: 'Что проверяет задание (планируемый результат)', format: 'text' };
const REGION: IndicatorColumn = { name: 'region_pct', label: 'Регион (ФИС ОКО), %', format: 'pct' };
const RF: IndicatorColumn = { name: 'rf_pct', label: 'РФ (ФИС ОКО), %', format: 'pct' };
const STATUS: IndicatorColumn = { name: 'status', label: 'По порогу ФИОКО', format: 'text' };

/**
 * The result of V9 («Выполнение заданий») with what each task checks, the region and РФ beside it
 * and the ФИОКО status of each task. Columns with nothing loaded are left out.
 */
export function withPlannedResults(db: Database, declared: readonly IndicatorColumn[]) {
  return (result: Tabular, params: Record<string, SqlValue>): { result: Tabular; columns: IndicatorColumn[] } => {
    const facts = taskFacts(db, params);
    const at = (name: string) => result.columns.indexOf(name);
    const task = at('task');
    const factOf = (row: SqlValue[]) => facts.get(text(row[task]));
    const hasSkill = result.rows.some((row) => factOf(row)?.skill);
    const hasRegion = result.rows.some((row) => factOf(row)?.region !== null && factOf(row)?.region !== undefined);
    const hasRf = result.rows.some((row) => factOf(row)?.rf !== null && factOf(row)?.rf !== undefined);
    const wholeMunicipality = Number(params.school ?? 0) === 0;

    const columns: IndicatorColumn[] = [];
    const getters: Array<(row: SqlValue[]) => SqlValue> = [];
    for (const column of declared) {
      const i = at(column.name);
      if (i < 0) continue;
      // for the whole municipality «Выполнение» and «Муниципалитет» are the same figure
      columns.push(column.name === 'mun_pct' && wholeMunicipality ? { ...column, hidden: true } : column);
      getters.push((row) => row[i]);
      if (column.name === 'task' && hasSkill) {
        columns.push(SKILL);
        getters.push((row) => factOf(row)?.skill ?? null);
      }
      if (column.name === 'mun_pct') {
        if (hasRegion) {
          columns.push(REGION);
          getters.push((row) => factOf(row)?.region ?? null);
        }
        if (hasRf) {
          columns.push(RF);
          getters.push((row) => factOf(row)?.rf ?? null);
        }
        columns.push(STATUS);
        getters.push((row) => {
          const pct = num(row[at('pct')]);
          const difficulty = text(row[at('difficulty')]);
          return pct === null || !difficulty ? null : taskStatus(pct, difficulty);
        });
      }
    }
    return {
      columns,
      result: { columns: columns.map((c) => c.name), rows: result.rows.map((row) => getters.map((get) => get(row))) },
    };
  };
}

/** True when the texts of the tasks of this work are loaded. */
export function hasSkills(db: Database, params: Record<string, SqlValue>): boolean {
  return [...taskFacts(db, params).values()].some((fact) => fact.skill);
}
