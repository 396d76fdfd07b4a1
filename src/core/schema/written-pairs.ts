import type { Database, Statement } from 'sql.js';
import { PAIR_TABLES } from './aggregates.ts';
import { notePersonsOfChangedPairs } from './attempts.ts';
import { copyVprYearsOfWork } from './vpr-years.ts';

/**
 * The summaries of (work, ОО) pairs that a writer fills whole — agg_result, agg_score and agg_task
 * summed from the rows in memory as they are written, instead of grouping them again from result
 * and task_score after the import (a Ф1 of 100,000 participants: 2.2–2.6 s of CPU in Node, the
 * better part of it agg_task's 1,500,000 task scores).
 *
 * The writer must write every result of each pair it adds (the ВПР writer first deletes the
 * pair's earlier rows), and nothing else may write between beginWrittenPairs() and store().
 * The sums equal what refreshAggregates() computes — the same rows, the same definitions — and
 * are exact: a pair with a score that is not a multiple of 1/1024 (whose sum could depend on the
 * order of adding) is not stored, and the refresh computes it as before. The rule of the
 * aggregates is kept (aggregates.ts): the stored pairs leave oko_agg_dirty.
 */

/** The fields of a written result the summaries read. */
export interface WrittenResult {
  absent: boolean;
  mark: number | null;
  journalMark: number | null;
  primaryScore: number | null;
}

interface PairSums {
  exact: boolean;
  results: number;
  present: number;
  participants: number;
  /** participants with the mark 2, 3, 4, 5 */
  marks: [number, number, number, number];
  journal: number;
  lowered: number;
  confirmed: number;
  raised: number;
  scored: number;
  scoreSum: number;
  withTasks: number;
  lowered2: number;
  raised2: number;
  absent: number;
  /** participants by whole primary score (CAST AS INTEGER) */
  byScore: Map<number, number>;
  /** by the participant's mark: task scores written and their sum, per task (the writer's order of codes) */
  byMark: Map<number, { n: number[]; sum: number[] }>;
}

/** Sums of such numbers are exact in any order: no rounding can make them differ from SQLite's TOTAL. */
const exactlySummable = (value: number) => Number.isInteger(value * 1024) && Math.abs(value) < 2 ** 30;

function emptySums(): PairSums {
  return {
    exact: true,
    results: 0,
    present: 0,
    participants: 0,
    marks: [0, 0, 0, 0],
    journal: 0,
    lowered: 0,
    confirmed: 0,
    raised: 0,
    scored: 0,
    scoreSum: 0,
    withTasks: 0,
    lowered2: 0,
    raised2: 0,
    absent: 0,
    byScore: new Map(),
    byMark: new Map(),
  };
}

export class WrittenPairs {
  private readonly pairs = new Map<number, PairSums>();

  constructor(
    private readonly assessmentId: number,
    private readonly taskCodes: readonly string[],
  ) {}

  /**
   * One result written in the ОО `schoolId`, with its task scores: a task score row was written for
   * task t (taskCodes[t]) where raws[t] is not null, with the score scores[t].
   */
  add(schoolId: number, result: WrittenResult, scores: readonly (number | null)[], raws: readonly unknown[]): void {
    let pair = this.pairs.get(schoolId);
    if (!pair) this.pairs.set(schoolId, (pair = emptySums()));
    pair.results++;
    if (result.absent) {
      pair.absent++;
      return;
    }
    pair.present++;
    const { mark, journalMark, primaryScore } = result;
    if (mark === null) return;
    // a participant: present and given a mark (aggregates.ts, PARTICIPANT)
    pair.participants++;
    if (mark === 2 || mark === 3 || mark === 4 || mark === 5) pair.marks[mark - 2]++;
    if (journalMark !== null) {
      pair.journal++;
      if (mark < journalMark) pair.lowered++;
      else if (mark === journalMark) pair.confirmed++;
      else pair.raised++;
      if (journalMark - mark >= 2) pair.lowered2++;
      if (mark - journalMark >= 2) pair.raised2++;
    }
    if (primaryScore !== null) {
      pair.scored++;
      pair.scoreSum += primaryScore;
      if (!exactlySummable(primaryScore)) pair.exact = false;
      const whole = Math.trunc(primaryScore);
      pair.byScore.set(whole, (pair.byScore.get(whole) ?? 0) + 1);
    }
    let tasks = pair.byMark.get(mark);
    let written = false;
    for (let t = 0; t < this.taskCodes.length; t++) {
      if (raws[t] === null || raws[t] === undefined) continue;
      written = true;
      if (!tasks) {
        tasks = { n: new Array<number>(this.taskCodes.length).fill(0), sum: new Array<number>(this.taskCodes.length).fill(0) };
        pair.byMark.set(mark, tasks);
      }
      tasks.n[t]++;
      const score = scores[t];
      if (score !== null) {
        tasks.sum[t] += score;
        if (!exactlySummable(score)) pair.exact = false;
      }
    }
    if (written) pair.withTasks++;
  }

  /** Writes the summaries of the pairs added; returns how many were stored (the others are left to the refresh). */
  store(db: Database): number {
    const exact = [...this.pairs].filter(([, sums]) => sums.exact);
    if (exact.length === 0) return 0;
    const statements: Statement[] = [];
    const prepare = (sql: string) => {
      const statement = db.prepare(sql);
      statements.push(statement);
      return statement;
    };
    try {
      const deletes = PAIR_TABLES.map((table) => prepare(`DELETE FROM ${table} WHERE assessment_id = ? AND school_id = ?`));
      const result = prepare(`INSERT INTO agg_result (assessment_id, school_id, results_n, present_n, participants, n_2, n_3, n_4, n_5,
        journal_n, lowered_n, confirmed_n, raised_n, scored_n, score_sum, tasks_n, lowered2_n, raised2_n, absent_n)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const score = prepare('INSERT INTO agg_score (assessment_id, school_id, score, n) VALUES (?, ?, ?, ?)');
      const task = prepare('INSERT INTO agg_task (assessment_id, school_id, task_code, mark, n, score_sum) VALUES (?, ?, ?, ?, ?, ?)');
      const clean = prepare('DELETE FROM oko_agg_dirty WHERE assessment_id = ? AND school_id = ?');
      // the persons of changed ГИА pairs are found through oko_agg_dirty: noted before the pairs leave it
      notePersonsOfChangedPairs(db);
      const work = this.assessmentId;
      for (const [school, s] of exact) {
        for (const statement of deletes) statement.run([work, school]);
        // as the refresh writes them: agg_result for every pair with results, the others only where counted
        result.run([
          work,
          school,
          s.results,
          s.present,
          s.participants,
          ...s.marks,
          s.journal,
          s.lowered,
          s.confirmed,
          s.raised,
          s.scored,
          s.scoreSum,
          s.withTasks,
          s.lowered2,
          s.raised2,
          s.absent,
        ]);
        for (const [whole, n] of s.byScore) score.run([work, school, whole, n]);
        for (const [mark, tasks] of s.byMark) {
          for (let t = 0; t < this.taskCodes.length; t++) if (tasks.n[t] > 0) task.run([work, school, this.taskCodes[t], mark, tasks.n[t], tasks.sum[t]]);
        }
        clean.run([work, school]);
      }
    } finally {
      for (const statement of statements) statement.free();
    }
    copyVprYearsOfWork(db, this.assessmentId);
    return exact.length;
  }
}

/** Before a writer writes its first row. */
export function beginWrittenPairs(assessmentId: number, taskCodes: readonly string[]): WrittenPairs {
  return new WrittenPairs(assessmentId, taskCodes);
}
