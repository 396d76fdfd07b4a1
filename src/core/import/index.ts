import type { Database } from '../db.ts';
import { applySchoolContext, resolveWork, workLabel } from './context.ts';
import type { Detection } from './detect.ts';
import { detectFormat } from './detect.ts';
import { refuseDuplicate } from './duplicate.ts';
import { FORMAT_LABELS } from './formats.ts';
import { loadVprScale } from './mark-scale.ts';
import { parseFisokoF1 } from './parse-fisoko-f1.ts';
import { parseVprForm } from './parse-vpr-form.ts';
import { scoreRows } from './score-rows.ts';
import { sha256Hex } from './sha256.ts';
import type { ImportFile, ImportOptions, ImportSummary } from './types.ts';
import { validateRows } from './validate.ts';
import { readWorkbook } from './workbook.ts';
import { writeImport } from './write.ts';

export * from './types.ts';
export type { FormatId } from './formats.ts';
export { FORMAT_LABELS } from './formats.ts';
export { recomputeFormMarks } from './recompute-marks.ts';

function skippedSheets({ sheet, otherSheets }: Detection): string[] {
  if (otherSheets.length === 0) return [];
  const names = otherSheets.map((name) => `«${name}»`).join(', ');
  return [`В файле есть и другие листы с результатами (${names}) — загружен только лист «${sheet.name}». Сохраните каждый лист отдельным файлом и загрузите их по очереди.`];
}

/**
 * Imports one file: read → detect the layout by content → parse → validate → write in one
 * transaction, logged in import_batch. Throws ImportError (Russian message naming the place in
 * the file); after any failure the database is unchanged.
 */
export async function importFile(db: Database, file: ImportFile, options: ImportOptions = {}): Promise<ImportSummary> {
  const sha256 = await sha256Hex(file.bytes);
  refuseDuplicate(db, file.name, sha256);

  const sheets = readWorkbook(file);
  const detection = detectFormat(file.name, sheets);
  const parsed = detection.format === 'fisoko_f1' ? parseFisokoF1(file.name, detection) : parseVprForm(file.name, detection);
  validateRows(file.name, parsed);
  const work = resolveWork(db, file.name, parsed, options.context);
  applySchoolContext(parsed, options.context);
  const bands = loadVprScale(db, work.year, work.subjectCode, work.grade);
  const warnings = [...skippedSheets(detection), ...parsed.warnings, ...scoreRows(parsed, work, bands)];

  const outcome = writeImport(db, {
    fileName: file.name,
    sha256,
    format: parsed.format,
    importedAt: options.now ?? new Date().toISOString(),
    work,
    tasks: parsed.tasks,
    rows: parsed.rows,
    warnings,
    onProgress: options.onProgress,
  });
  return {
    fileName: file.name,
    format: parsed.format,
    formatLabel: FORMAT_LABELS[parsed.format],
    batchId: outcome.batchId,
    rows: outcome.rows,
    taskScores: outcome.taskScores,
    schools: outcome.schools,
    assessments: [workLabel(work)],
    warnings: outcome.warnings,
  };
}
