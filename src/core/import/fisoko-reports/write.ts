import type { Database } from '../../db.ts';
import { queryObjects, queryValue } from '../../db.ts';
import type { ResolvedWorkFacts } from '../context.ts';
import { workLabel } from '../context.ts';
import { plural } from '../messages.ts';
import { upsertMunicipality, upsertSchool } from '../write-schools.ts';
import type { ReportEntity } from './entities.ts';
import { entityKey } from './entities.ts';
import type { ParsedReport, ReportTask } from './parsed.ts';

export interface ReportWriteOutcome {
  rows: number;
  schools: Set<number>;
  warnings: string[];
}

/** The ВПР work of a report: found or created; known maxima are kept, the report only fills gaps. */
function upsertReportAssessment(db: Database, work: ResolvedWorkFacts, tasks: readonly ReportTask[], warnings: string[]): number {
  const label = workLabel(work);
  const found = queryObjects<{ assessment_id: number; max_primary: number | null }>(
    db,
    `SELECT assessment_id, max_primary FROM assessment
     WHERE kind = 'vpr' AND year = ? AND subject_code = ? AND grade = ? AND level = '' AND sitting = ''`,
    [work.year, work.subjectCode, work.grade],
  )[0];
  let id: number;
  if (found) {
    id = found.assessment_id;
    if (found.max_primary !== null && work.maxPrimary !== null && found.max_primary !== work.maxPrimary) {
      warnings.push(
        `Работа «${label}»: максимальный первичный балл в отчёте ${work.maxPrimary}, а в базе ${found.max_primary}; в базе оставлено ${found.max_primary}. Проверьте, та ли это работа.`,
      );
    }
    db.run('UPDATE assessment SET max_primary = COALESCE(max_primary, ?), exam_date = COALESCE(exam_date, ?) WHERE assessment_id = ?', [
      work.maxPrimary,
      work.examDate,
      id,
    ]);
  } else {
    db.run(
      `INSERT INTO assessment (kind, year, subject_code, grade, level, sitting, exam_date, max_primary) VALUES ('vpr', ?, ?, ?, '', '', ?, ?)`,
      [work.year, work.subjectCode, work.grade, work.examDate, work.maxPrimary],
    );
    id = Number(queryValue(db, 'SELECT last_insert_rowid()'));
  }
  const upsert = db.prepare(
    `INSERT INTO assessment_task (assessment_id, task_code, position, max_score, skill) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (assessment_id, task_code) DO UPDATE SET
       position = COALESCE(position, excluded.position),
       max_score = COALESCE(max_score, excluded.max_score),
       skill = COALESCE(skill, excluded.skill)`,
  );
  try {
    for (const task of tasks) upsert.run([id, task.code, task.position, task.max, task.skill]);
  } finally {
    upsert.free();
  }
  return id;
}

/** Municipalities and schools named with their ФИС ОКО codes become rows, so a later Ф1 matches them. */
function registerEntity(db: Database, entity: ReportEntity, warnings: string[]): number | null {
  if (entity.level === 'municipality' && /^reg\d+_m\d+$/.test(entity.entity)) {
    upsertMunicipality(db, `${entity.name}(${entity.entity})`, '');
  }
  if (entity.level === 'school' && /^(edu|sch)\d+$/.test(entity.entity)) {
    return upsertSchool(db, { login: entity.entity, name: entity.name || null, municipality: entity.municipality, rows: 0 }, warnings);
  }
  return null;
}

/** A newer export of the same report for the same work replaces each entity's earlier rows. */
function replaceEarlier(db: Database, assessmentId: number, report: string, entities: readonly ReportEntity[]): { rows: number; groups: number; files: Set<string> } {
  let rows = 0;
  let groups = 0;
  const files = new Set<string>();
  for (const entity of entities) {
    const earlier = queryObjects<{ n: number; files: string | null }>(
      db,
      `SELECT COUNT(*) AS n, group_concat(DISTINCT b.file_name) AS files FROM fisoko_agg a
       LEFT JOIN import_batch b ON b.import_batch_id = a.import_batch_id
       WHERE a.assessment_id = ? AND a.report = ? AND a.level = ? AND a.entity = ?`,
      [assessmentId, report, entity.level, entity.entity],
    )[0];
    if (!earlier || earlier.n === 0) continue;
    rows += earlier.n;
    groups++;
    for (const file of earlier.files?.split(',') ?? []) files.add(file);
    db.run('DELETE FROM fisoko_agg WHERE assessment_id = ? AND report = ? AND level = ? AND entity = ?', [assessmentId, report, entity.level, entity.entity]);
  }
  return { rows, groups, files };
}

export function writeReport(db: Database, batchId: number, parsed: ParsedReport, work: ResolvedWorkFacts): ReportWriteOutcome {
  const warnings: string[] = [];
  const assessmentId = upsertReportAssessment(db, work, parsed.tasks, warnings);
  const entities = new Map<string, ReportEntity>();
  for (const value of parsed.values) entities.set(entityKey(value.entity), value.entity);
  const schools = new Set<number>();
  for (const entity of entities.values()) {
    const schoolId = registerEntity(db, entity, warnings);
    if (schoolId !== null) schools.add(schoolId);
  }
  const replaced = replaceEarlier(db, assessmentId, parsed.kind.report, [...entities.values()]);
  if (replaced.groups > 0) {
    const from = replaced.files.size ? ` из файла ${[...replaced.files].map((f) => `«${f}»`).join(', ')}` : '';
    warnings.push(
      `Отчёт «${parsed.kind.label.replace(/^ФИС ОКО: /, '')}» по работе «${workLabel(work)}»: данные по ${replaced.groups} ` +
        `${plural(replaced.groups, 'группе', 'группам', 'группам')} участников, загруженные ранее${from}, заменены данными этого файла.`,
    );
  }
  const insert = db.prepare(
    `INSERT INTO fisoko_agg (assessment_id, report, level, entity, metric, value, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (assessment_id, report, level, entity, metric) DO UPDATE SET value = excluded.value`,
  );
  try {
    for (const value of parsed.values) {
      insert.run([assessmentId, parsed.kind.report, value.entity.level, value.entity.entity, value.metric, value.value, batchId]);
    }
  } finally {
    insert.free();
  }
  const rows = Number(queryValue(db, 'SELECT COUNT(*) FROM fisoko_agg WHERE import_batch_id = ? AND assessment_id = ? AND report = ?', [batchId, assessmentId, parsed.kind.report]));
  return { rows, schools, warnings };
}
