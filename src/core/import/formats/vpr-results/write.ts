import type { Database } from '../../../db.ts';
import { queryAll } from '../../../db.ts';
import { workLabel } from '../../work/context.ts';
import { upsertAssessment } from '../../work/write-assessment.ts';
import type { WritePlan } from './write-plan.ts';
import { insertResults, replaceEarlierResults } from './write-results.ts';
import type { ParticipantRow } from '../../work/records.ts';
import type { SchoolFacts } from '../../schools/write.ts';
import { upsertSchool } from '../../schools/write.ts';

export type { WritePlan } from './write-plan.ts';

export interface WriteOutcome {
  rows: number;
  taskScores: number;
  schools: number;
  warnings: string[];
}

/** The schools of a participant table, by login, with the first name and municipality each row gives. */
function schoolsOf(rows: readonly ParticipantRow[]): SchoolFacts[] {
  const byLogin = new Map<string, SchoolFacts>();
  for (const row of rows) {
    const login = row.schoolLogin!;
    const known = byLogin.get(login);
    if (!known) byLogin.set(login, { login, name: row.schoolName, municipality: row.municipalityName, rows: 1 });
    else {
      known.name ??= row.schoolName;
      known.municipality ??= row.municipalityName;
      known.rows++;
    }
  }
  return [...byLogin.values()];
}

/** Writes one participant table; the caller (importFile) holds the transaction and the import_batch row. */
export function writeImport(db: Database, plan: WritePlan): WriteOutcome {
  const warnings: string[] = [];
  const schools = schoolsOf(plan.rows);
  const schoolIds = new Map(schools.map((school) => [school.login, upsertSchool(db, school, warnings)]));
  const assessmentId = upsertAssessment(db, plan.work, plan.tasks, warnings);
  const label = workLabel(plan.work);
  // one look for the work's ОО that have results already: a new work's file (the usual case) has none
  const withEarlier = new Set(queryAll(db, 'SELECT DISTINCT school_id FROM result WHERE assessment_id = ?', [assessmentId]).rows.map(([id]) => Number(id)));
  for (const school of schools) {
    const schoolId = schoolIds.get(school.login)!;
    if (!withEarlier.has(schoolId)) continue;
    const replaced = replaceEarlierResults(db, assessmentId, schoolId, school, label);
    if (replaced) warnings.push(replaced);
  }
  const taskScores = insertResults(db, plan, assessmentId, plan.batchId, schoolIds);
  const all = [...plan.warnings, ...warnings];
  return { rows: plan.rows.length, taskScores, schools: new Set(schoolIds.values()).size, warnings: all };
}
