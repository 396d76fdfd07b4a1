import type { Database } from '../db.ts';
import { findAnyReportTitle } from './work/title-block.ts';
import { BATCH_NAMES, IMPORTERS } from './importers.ts';
import type { LoadedBatch } from './pipeline/batches.ts';
import { loadedBatches as listBatches } from './pipeline/batches.ts';
import { firstText } from './read/csv-reader.ts';
import { isTextUnderExcelName, notATable } from './read/file-kind.ts';
import { ImportError } from './types.ts';
import { fileError } from './messages.ts';
import type { EnvelopeOptions } from './pipeline/envelope.ts';
import { importInEnvelope } from './pipeline/envelope.ts';
import type { Detected, Importer } from './pipeline/registry.ts';
import { detectBest } from './pipeline/registry.ts';
import type { ImportFile, ImportOptions, ImportSummary } from './types.ts';
import { CSV_HEAD_DETECT_BYTES, CSV_HEAD_ROWS } from './limits.ts';
import type { SheetGrid } from './read/workbook.ts';
import { csvFormatOf, readWorkbook } from './read/workbook.ts';

export * from './types.ts';
export type { FormatId } from './formats.ts';
export { FORMAT_LABELS } from './formats.ts';
export { recomputeFormMarks } from './work/recompute-marks.ts';
export type { Detected, Importer, RunContext, RunOutcome } from './pipeline/registry.ts';
export { IMPORTERS } from './importers.ts';
export type { LoadedBatch } from './pipeline/batches.ts';
export type { MatchSuggestion, MergeOutcome, UnmatchedCode } from './schools/crosswalk.ts';
export { mergeSchool, suggestMatches, unmatchedRcoiCodes } from './schools/crosswalk.ts';
export type { PreviewSheet, SheetPreview, UserColumn, UserColumnType, UserTableMapping, UserTableOptions } from './formats/user-table/importer.ts';
export { importUserTable, previewSheet, rememberedMapping } from './formats/user-table/importer.ts';
export { MAX_FILE_BYTES } from './limits.ts';
export { fileSizeError } from './file-size.ts';
export type { DeletedBatch } from './pipeline/delete-batch.ts';
export { batchOfSha256, deleteBatch } from './pipeline/delete-batch.ts';

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

/**
 * Imports one file: read → recognise the layout by content (registry.ts) → run the importer inside
 * the import envelope (pipeline/envelope.ts: duplicate check, one savepoint, import_batch). Throws
 * ImportError (Russian message naming the place in the file); after any failure the database is
 * unchanged.
 */
export async function importFile(db: Database, file: ImportFile, options: ImportOptions & Pick<EnvelopeOptions, 'inflate'> = {}): Promise<ImportSummary> {
  return importInEnvelope(db, file, options, () => {
    const sheets = readForImport(file, options);
    const detected = detectFile(file, sheets);
    return {
      format: detected.format,
      label: detected.label,
      write: ({ batchId, importedAt }) => {
        const outcome = detected.run(db, { fileName: file.name, batchId, importedAt, options, onProgress: options.onProgress });
        outcome.warnings.push(...sheets.flatMap((sheet) => sheet.warnings ?? []));
        return outcome;
      },
    };
  });
}

/** Every import of the session, oldest first, each named as the document it is («Загруженные файлы»). */
export function loadedBatches(db: Database): LoadedBatch[] {
  return listBatches(db, BATCH_NAMES);
}
