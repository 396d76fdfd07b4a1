import type { Database } from '../db.ts';
import { queryValue, transaction } from '../db.ts';
import { findAnyReportTitle } from './detect.ts';
import { formatTimestamp } from './dates.ts';
import type { DeletedBatch } from './delete-batch.ts';
import { batchOfSha256, deleteBatch } from './delete-batch.ts';
import { refuseDuplicate } from './duplicate.ts';
import { IMPORTERS } from './importers.ts';
import { firstText } from './csv-reader.ts';
import { isTextUnderExcelName, notATable } from './file-kind.ts';
import { ImportError } from './types.ts';
import { fileError } from './messages.ts';
import type { Detected, Importer } from './registry.ts';
import { detectBest } from './registry.ts';
import { sha256Hex } from './sha256.ts';
import type { ImportFile, ImportOptions, ImportSummary } from './types.ts';
import { CSV_HEAD_DETECT_BYTES, CSV_HEAD_ROWS } from './limits.ts';
import type { SheetGrid } from './workbook.ts';
import { checkFileSize, csvFormatOf, readWorkbook } from './workbook.ts';
import { loadStreamingReaderFor } from './xlsx/load.ts';
import { loadSheetJs } from './sheetjs-lib.ts';

export * from './types.ts';
export type { FormatId } from './formats.ts';
export { FORMAT_LABELS } from './formats.ts';
export { recomputeFormMarks } from './recompute-marks.ts';
export type { Detected, Importer, RunContext, RunOutcome } from './registry.ts';
export { IMPORTERS } from './importers.ts';
export type { MatchSuggestion, MergeOutcome, UnmatchedCode } from './crosswalk.ts';
export { mergeSchool, suggestMatches, unmatchedRcoiCodes } from './crosswalk.ts';
export type { PreviewSheet, SheetPreview, UserColumn, UserColumnType, UserTableMapping, UserTableOptions } from './user-table.ts';
export { importUserTable, previewSheet, rememberedMapping } from './user-table.ts';
export { MAX_FILE_BYTES } from './limits.ts';
export { fileSizeError } from './file-size.ts';
export type { DeletedBatch } from './delete-batch.ts';
export { batchOfSha256, deleteBatch } from './delete-batch.ts';

function replacedWarning(fileName: string, replaced: DeletedBatch): string {
  const when = replaced.importedAt ? ` от ${formatTimestamp(replaced.importedAt)}` : '';
  if (replaced.fileName && replaced.fileName !== fileName) {
    return `Файл «${fileName}» загружен вместо «${replaced.fileName}»: прежняя загрузка${when} удалена.`;
  }
  return `Файл «${fileName}» загружен заново: прежняя загрузка${when} удалена и заменена.`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** One short sentence; the list of formats goes to `details` («Подробнее»). */
function unknownFormat(file: ImportFile, sheets: readonly SheetGrid[], importers: readonly Importer[]): Error {
  const report = findAnyReportTitle(sheets);
  if (report) {
    return fileError(
      'unknown-format',
      { file: file.name },
      `это отчёт ФИС ОКО «${report[0].toUpperCase()}${report.slice(1)}», но его таблица не распознана: не найдена строка заголовков ` +
        '(«Группы участников», «Кол-во участников» …). Выгрузите отчёт из ФИС ОКО заново, не удаляя строки и столбцы, и загрузите его.',
    );
  }
  if (isTextUnderExcelName(file.name, file.bytes, firstText(file.bytes))) return notATable(file.name, 'текстовый файл');
  return new ImportError({
    code: 'unknown-format',
    file: file.name,
    message: `Файл «${file.name}»: формат не распознан — загрузите его как свою таблицу («Открыть как таблицу…») или выберите другой файл.`,
    details: importers.map((importer) => capitalized(importer.supported)),
  });
}

/**
 * The grids to import. A big CSV is first recognised from its first CSV_HEAD_ROWS rows (every
 * detect() looks at ≤ 150 rows): one of no known layout — a table of the user's own, say a
 * million rows — is refused as 'unknown-format' at once, without a grid of millions of rows.
 */
function readForImport(file: ImportFile, options: ImportOptions, importers: readonly Importer[] = IMPORTERS): SheetGrid[] {
  if (file.bytes.length > CSV_HEAD_DETECT_BYTES && csvFormatOf(file)) {
    const head = readWorkbook(file, { maxRows: CSV_HEAD_ROWS });
    if (!detectBest(importers, file.name, head)) throw unknownFormat(file, head, importers);
  }
  return readWorkbook(file, { xlsxReader: options.xlsxReader, onRead: options.onRead });
}

/** Recognises the file: the most confident importer, or 'unknown-format' listing what is supported. */
export function detectFile(file: ImportFile, sheets: readonly SheetGrid[], importers: readonly Importer[] = IMPORTERS): Detected {
  const detected = detectBest(importers, file.name, sheets);
  if (!detected) throw unknownFormat(file, sheets, importers);
  return detected;
}

/** The import a file replaces: the one chosen («Заменить файлом…»), or the same bytes loaded before («Заменить»). */
function replacedBatch(db: Database, sha256: string, options: ImportOptions): { batchId: number } | null {
  if (options.replaceBatch !== undefined) {
    if (!batchExists(db, options.replaceBatch)) throw new Error(`Загрузки № ${options.replaceBatch} уже нет в сессии — заменять нечего.`);
    return { batchId: options.replaceBatch };
  }
  return options.replaceDuplicate ? batchOfSha256(db, sha256) : null;
}

function batchExists(db: Database, batchId: number): boolean {
  return queryValue(db, 'SELECT 1 FROM import_batch WHERE import_batch_id = ?', [batchId]) !== null;
}

/**
 * Imports one file: read → recognise the layout by content (registry.ts) → run the importer in
 * one transaction, logged in import_batch. Throws ImportError (Russian message naming the place in
 * the file); after any failure the database is unchanged.
 */
export async function importFile(db: Database, file: ImportFile, options: ImportOptions = {}): Promise<ImportSummary> {
  checkFileSize(file);
  await loadSheetJs();
  await loadStreamingReaderFor(file.bytes, options.xlsxReader);
  const sha256 = await sha256Hex(file.bytes);
  const earlier = replacedBatch(db, sha256, options);
  const same = batchOfSha256(db, sha256);
  if (same && options.replaceBatch !== undefined && same.batchId !== options.replaceBatch) {
    throw new Error(
      `этот файл уже загружен${same.fileName ? ` как «${same.fileName}»` : ''}, поэтому им нельзя заменить другую загрузку. Удалите лишнюю загрузку.`,
    );
  }
  if (same && same.batchId !== earlier?.batchId) refuseDuplicate(db, file.name, sha256);
  const sheets = readForImport(file, options);
  const detected = detectFile(file, sheets);
  const importedAt = options.now ?? new Date().toISOString();

  return transaction(db, () => {
    // «Заменить»: the earlier import goes in the same savepoint, so a failure below keeps it.
    const replaced = earlier ? deleteBatch(db, earlier.batchId) : null;
    db.run(`INSERT INTO import_batch (file_name, sha256, detected_format, imported_at, rows, warnings) VALUES (?, ?, ?, ?, 0, '[]')`, [
      file.name,
      sha256,
      detected.format,
      importedAt,
    ]);
    const batchId = Number(queryValue(db, 'SELECT last_insert_rowid()'));
    const outcome = detected.run(db, { fileName: file.name, batchId, importedAt, options, onProgress: options.onProgress });
    if (replaced) outcome.warnings.unshift(replacedWarning(file.name, replaced));
    outcome.warnings.push(...sheets.flatMap((sheet) => sheet.warnings ?? []));
    db.run('UPDATE import_batch SET rows = ?, warnings = ? WHERE import_batch_id = ?', [outcome.rows, JSON.stringify(outcome.warnings), batchId]);
    return {
      fileName: file.name,
      format: detected.format,
      formatLabel: detected.label,
      batchId,
      rows: outcome.rows,
      taskScores: outcome.taskScores,
      schools: outcome.schools,
      assessments: outcome.assessments,
      warnings: outcome.warnings,
    };
  });
}
