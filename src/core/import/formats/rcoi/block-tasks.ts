import type { ExamTask } from './exam.ts';
import type { MaskPart, MaskScore } from './masks.ts';
import { taskCode } from './masks.ts';
import type { ProtocolRow } from './read-protocol.ts';

const PARTS: readonly MaskPart[] = ['short', 'long', 'oral'];

function partMaxima(rows: readonly ProtocolRow[], part: MaskPart): number[] {
  const maxima: number[] = [];
  for (const row of rows) {
    row[part].forEach((score: MaskScore, i) => {
      maxima[i] = Math.max(maxima[i] ?? 0, score.max);
    });
  }
  return maxima;
}

/** The tasks a block's masks imply: short 1…n, long n+1…, oral У1…; maxima as masks.ts explains. */
export function blockTasks(rows: readonly ProtocolRow[]): ExamTask[] {
  const tasks: ExamTask[] = [];
  const shortCount = partMaxima(rows, 'short').length;
  for (const part of PARTS) {
    partMaxima(rows, part).forEach((max, i) => {
      tasks.push({ code: taskCode(part, i, shortCount), part, position: tasks.length + 1, max });
    });
  }
  return tasks;
}

/** task_score rows of one participant: [task_code, score, raw]. */
export function rowTaskScores(row: ProtocolRow, shortCount: number): Array<[string, number | null, string]> {
  const out: Array<[string, number | null, string]> = [];
  for (const part of PARTS) {
    row[part].forEach((score, i) => out.push([taskCode(part, i, shortCount), score.score, score.raw]));
  }
  return out;
}
