/**
 * The engine's requests that read a file (issue 3): thin wrappers over src/core/import that turn
 * its results and errors into plain outcomes the UI shows. With the readers and every format they
 * are fetched with the first file, not with the worker (Engine, fileRequests).
 */
import type { Database } from '../core/db.ts';
import { queryValue } from '../core/db.ts';
import type { ImportFile, ImportSummary } from '../core/import/index.ts';
import { batchOfSha256, deleteBatch, detectFile, ImportError, importUserTable, previewSheet, rememberedMapping } from '../core/import/index.ts';
import { importMapped, rememberedCanonical } from '../core/import/formats/canonical/importer.ts';
import type { ExamKind, RcoiContext } from '../core/import/formats/rcoi/exam-kind.ts';
import { sha256Hex } from '../core/import/pipeline/sha256.ts';
import { russianError } from '../core/sql-errors.ts';
import { PREVIEW_ROWS, type UserTableOptions } from '../core/import/formats/user-table/importer.ts';
import { readWorkbook } from '../core/import/read/workbook.ts';
import type { DuplicateOf, FilePreview, ImportOutcome, MappedRequest, UserTableRequest } from './protocol.ts';
import type { WithBytes } from './file-bytes.ts';

export type RowProgress = (done: number, total: number) => void;

export { importFile, loadedBatches } from '../core/import/index.ts';
export { canonicalTargetInfos } from '../core/import/formats/canonical/importer.ts';
export { loadStreamingReader, loadStreamingReaderFor } from '../core/import/read/xlsx/load.ts';

/** An import failure as the UI gets it: the Russian message and the place, plus what the dialogs need. */
export async function importFailure(db: Database, file: ImportFile, error: unknown): Promise<Extract<ImportOutcome, { ok: false }>> {
  if (!(error instanceof ImportError)) {
    // SQLite's words (a table too wide, memory) in Russian: src/core/sql-errors.ts
    const text = russianError(error instanceof Error ? error.message : String(error));
    return { ok: false, file: file.name, code: 'unreadable', message: `Файл «${file.name}» не загружен: ${text}` };
  }
  const outcome: Extract<ImportOutcome, { ok: false }> = {
    ok: false,
    file: file.name,
    code: error.code,
    message: error.message,
    sheet: error.sheet,
    row: error.row,
    column: error.column,
    needs: error.needs,
    ...(error.details ? { details: error.details } : {}),
  };
  if (error.code === 'duplicate') outcome.duplicateOf = (await duplicateOf(db, file)) ?? undefined;
  if (error.code === 'needs-context' && error.needs?.fields.includes('grade')) {
    outcome.needs = examKindQuestion(file, error.needs);
    if (outcome.needs.fields.includes('examKind')) outcome.message = outcome.message.replace('класс (9 или 11)', 'вид экзамена (ОГЭ, ГВЭ-9, ЕГЭ или ГВЭ-11)');
  }
  return outcome;
}

async function duplicateOf(db: Database, file: ImportFile): Promise<DuplicateOf | null> {
  const earlier = batchOfSha256(db, await sha256Hex(file.bytes));
  if (!earlier) return null;
  const format = queryValue(db, 'SELECT detected_format FROM import_batch WHERE import_batch_id = ?', [earlier.batchId]);
  const table = queryValue(db, 'SELECT table_name FROM oko_user_table WHERE import_batch_id = ?', [earlier.batchId]);
  return { ...earlier, format: typeof format === 'string' ? format : null, userTable: typeof table === 'string' ? table : null };
}

/**
 * An РЦОИ protocol that cannot tell ОГЭ from ЕГЭ asks for the grade (rcoi/importer.ts); the UI
 * asks «Вид экзамена» instead (ОГЭ, ГВЭ-9, ЕГЭ, ГВЭ-11 → RcoiContext.examKind), which also
 * settles ГВЭ. The file is read again only in this rare case, to be sure it is a protocol.
 */
function examKindQuestion(file: ImportFile, needs: NonNullable<ImportError['needs']>): { fields: Array<keyof RcoiContext>; guess: RcoiContext } {
  let rcoi: boolean;
  try {
    rcoi = detectFile(file, readWorkbook(file)).format.startsWith('rcoi');
  } catch {
    rcoi = false;
  }
  if (!rcoi) return needs;
  const guess: RcoiContext = { ...needs.guess };
  const kind: ExamKind | undefined = guess.grade === 9 ? 'oge' : guess.grade === 11 ? 'ege' : undefined;
  delete guess.grade;
  if (kind) guess.examKind = kind;
  return { fields: needs.fields.map((field) => (field === 'grade' ? 'examKind' : field)), guess };
}

export function previewFile(db: Database, file: ImportFile): FilePreview {
  // The first rows once, for both halves of the remembered mapping.
  const head = readWorkbook(file, { maxRows: PREVIEW_ROWS });
  return { preview: previewSheet(file), remembered: rememberedMapping(db, file, head), canonical: rememberedCanonical(db, file, head) };
}

/** «в таблицу Око»: the sheet appended to a table of Око (core/import/formats/canonical/); «Заменить» in the same savepoint. */
export function mapped(db: Database, request: WithBytes<MappedRequest>, onProgress?: RowProgress): Promise<ImportSummary> {
  const file: ImportFile = { name: request.name, bytes: request.bytes };
  const mapping = { sheet: request.sheet, headerRow: request.headerRow, table: request.table, columns: request.columns, values: request.values };
  return importMapped(db, file, mapping, { replaceDuplicate: request.replaceDuplicate, onProgress });
}

/**
 * Runs `job` after deleting the earlier import of the same bytes, all in one savepoint: a failure
 * keeps the earlier rows. The job may await (SHA-256): the worker runs one request at a time, so
 * nothing else runs inside the savepoint.
 */
async function replacingDuplicate<T>(db: Database, file: ImportFile, job: () => Promise<T>): Promise<T> {
  const earlier = batchOfSha256(db, await sha256Hex(file.bytes));
  if (!earlier) return job();
  db.run('SAVEPOINT oko_replace_duplicate');
  try {
    deleteBatch(db, earlier.batchId);
    const value = await job();
    db.run('RELEASE oko_replace_duplicate');
    return value;
  } catch (error) {
    db.run('ROLLBACK TO oko_replace_duplicate');
    db.run('RELEASE oko_replace_duplicate');
    throw error;
  }
}

export async function userTable(
  db: Database,
  request: WithBytes<UserTableRequest>,
  options: Pick<UserTableOptions, 'onProgress' | 'onRead' | 'xlsxReader'> = {},
): Promise<ImportSummary & { tableName: string }> {
  const file: ImportFile = { name: request.name, bytes: request.bytes };
  const mapping = { sheet: request.sheet, headerRow: request.headerRow, tableName: request.tableName, columns: request.columns };
  const job = () => importUserTable(db, file, mapping, { ...options, replace: request.replace });
  return request.replaceDuplicate ? replacingDuplicate(db, file, job) : job();
}
