import type { Cell } from '../../cells.ts';
import { isBlank } from '../../cells.ts';
import type { CellReader } from './cell-values.ts';
import type { TaskColumn } from '../../columns.ts';

export interface TaskCells {
  scores: Array<number | null>;
  raws: Array<string | null>;
  /** sum of points («X» counts 0); null when every task cell is blank */
  sum: number | null;
}

export function readTaskCells(reader: CellReader, row: readonly Cell[], excelRow: number, tasks: readonly TaskColumn[]): TaskCells {
  const scores = new Array<number | null>(tasks.length);
  const raws = new Array<string | null>(tasks.length);
  let sum = 0;
  let filled = false;
  for (let i = 0; i < tasks.length; i++) {
    const cell = reader.score(row[tasks[i].index], excelRow, tasks[i]);
    if (cell === null) {
      scores[i] = null;
      raws[i] = null;
    } else {
      filled = true;
      scores[i] = cell.score;
      raws[i] = cell.raw;
      if (cell.score !== null) sum += cell.score;
    }
  }
  return { scores, raws, sum: filled ? sum : null };
}

/** A blank result for absent participants: nothing is stored for their tasks. */
export function noTaskCells(count: number): TaskCells {
  return { scores: new Array<number | null>(count).fill(null), raws: new Array<string | null>(count).fill(null), sum: null };
}

export function hasTaskValues(row: readonly Cell[], tasks: readonly TaskColumn[]): boolean {
  return tasks.some((task) => !isBlank(row[task.index]));
}
