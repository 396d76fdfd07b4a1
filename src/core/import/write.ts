import type { Database } from '../db.ts';
import { queryValue, transaction } from '../db.ts';
import type { ResolvedWork } from './context.ts';
import { workLabel } from './context.ts';
import type { FormatId } from './formats.ts';
import type { ParticipantRow, TaskDef } from './records.ts';
import { upsertAssessment } from './write-assessment.ts';
import { insertResults, replaceEarlierResults } from './write-results.ts';
import { schoolsOf, upsertSchool } from './write-schools.ts';

export interface WritePlan {
  fileName: string;
  sha256: string;
  format: FormatId;
  importedAt: string;
  work: ResolvedWork;
  tasks: readonly TaskDef[];
  rows: readonly ParticipantRow[];
  /** warnings found before writing; stored with the batch together with the writer's own */
  warnings: readonly string[];
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

export interface WriteOutcome {
  batchId: number;
  rows: number;
  taskScores: number;
  schools: number;
  warnings: string[];
}

/** Writes one import in one transaction: on any error the database is left exactly as it was. */
export function writeImport(db: Database, plan: WritePlan): WriteOutcome {
  return transaction(db, () => {
    const warnings: string[] = [];
    db.run(
      `INSERT INTO import_batch (file_name, sha256, detected_format, imported_at, rows, warnings) VALUES (?, ?, ?, ?, ?, '[]')`,
      [plan.fileName, plan.sha256, plan.format, plan.importedAt, plan.rows.length],
    );
    const batchId = Number(queryValue(db, 'SELECT last_insert_rowid()'));
    const schools = schoolsOf(plan.rows);
    const schoolIds = new Map(schools.map((school) => [school.login, upsertSchool(db, school, warnings)]));
    const assessmentId = upsertAssessment(db, plan.work, plan.tasks, warnings);
    const label = workLabel(plan.work);
    for (const school of schools) {
      const replaced = replaceEarlierResults(db, assessmentId, schoolIds.get(school.login)!, school, label);
      if (replaced) warnings.push(replaced);
    }
    const taskScores = insertResults(db, plan, assessmentId, batchId, schoolIds);
    const all = [...plan.warnings, ...warnings];
    db.run('UPDATE import_batch SET warnings = ? WHERE import_batch_id = ?', [JSON.stringify(all), batchId]);
    return { batchId, rows: plan.rows.length, taskScores, schools: new Set(schoolIds.values()).size, warnings: all };
  });
}
