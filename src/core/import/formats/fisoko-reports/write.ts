import type { Database } from '../../../db.ts';
import { queryObjects, queryValue } from '../../../db.ts';
import type { ResolvedWorkFacts } from '../../work/context.ts';
import { workLabel } from '../../work/context.ts';
import { plural } from '../../messages.ts';
import { upsertAssessment } from '../../work/write-assessment.ts';
import { upsertMunicipality, upsertSchool } from '../../schools/write.ts';
import type { ReportEntity } from './entities.ts';
import { entityKey } from './entities.ts';
import type { ParsedReport } from './parsed.ts';

export interface ReportWriteOutcome {
  rows: number;
  schools: Set<number>;
  warnings: string[];
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
function replaceEarlier(
  db: Database,
  assessmentId: number,
  report: string,
  entities: readonly ReportEntity[],
): { rows: number; groups: number; files: Set<string> } {
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
  const assessmentId = upsertAssessment(db, work, parsed.tasks, warnings, 'в отчёте');
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
  const rows = Number(
    queryValue(db, 'SELECT COUNT(*) FROM fisoko_agg WHERE import_batch_id = ? AND assessment_id = ? AND report = ?', [
      batchId,
      assessmentId,
      parsed.kind.report,
    ]),
  );
  return { rows, schools, warnings };
}
