/**
 * The import envelope: what every entry point does around its own reading and writing — automatic
 * detection (index.ts, importFile), «Открыть как таблицу» (user-table) and «в таблицу Око»
 * (canonical mapping).
 *
 *   size check → SheetJS and the streaming reader loaded → SHA-256 → duplicate check («Пропустить /
 *   Заменить», «Заменить файлом…») → big XLSX sheets read ahead, when the caller can inflate them
 *   elsewhere → read (the entry point's plan) → one savepoint: the replaced import deleted, an
 *   import_batch row, the rows written, import_batch.rows and warnings set → commit, or roll back
 *   on any throw: the database is then byte-for-byte unchanged.
 */
import type { Database } from '../../db.ts';
import { queryValue, transaction, withPreparedStatements } from '../../db.ts';
import { EncodingRevised } from '../read/csv-reader.ts';
import { formatTimestamp } from '../dates.ts';
import type { DeletedBatch } from './delete-batch.ts';
import { batchOfSha256, deleteBatch } from './delete-batch.ts';
import { refuseDuplicate } from './duplicate.ts';
import { loadSheetJs } from '../read/sheetjs-lib.ts';
import { sha256Hex } from './sha256.ts';
import type { ImportFile, ImportSummary } from '../types.ts';
import { checkFileSize } from '../read/workbook.ts';
import type { PartInflater, XlsxReader } from '../read/xlsx/load.ts';
import { loadStreamingReaderFor, streamingReader } from '../read/xlsx/load.ts';

export interface EnvelopeOptions {
  /** ISO timestamp for import_batch.imported_at; tests pass a fixed one */
  now?: string;
  /** 'sheetjs': no streaming of big XLSX sheets (benchmarks and tests) */
  xlsxReader?: XlsxReader;
  /** «Заменить»: the same bytes imported before are deleted in the same savepoint instead of refused */
  replaceDuplicate?: boolean;
  /** «Заменить файлом…»: this import_batch_id is deleted in the same savepoint */
  replaceBatch?: number;
  /** big XLSX sheets inflated elsewhere while their XML is read here (readAheadStreamed) */
  inflate?: PartInflater;
  /** rows of a big XLSX sheet read so far */
  onRead?: (rowsRead: number, rowsTotal: number) => void;
}

/** What an entry point writes inside the savepoint, once the import_batch row exists. */
export interface BatchWrite {
  batchId: number;
  importedAt: string;
}

export interface Written {
  rows: number;
  taskScores: number;
  schools: number;
  assessments: string[];
  /** Russian warnings; the envelope puts the «загружен заново» notice before them */
  warnings: string[];
}

/** An entry point's reading of the file (outside the savepoint) and its writing (inside). */
export interface ImportPlan<W extends Written> {
  /** import_batch.detected_format */
  format: string;
  /** Russian name of the format, shown to the user */
  label: string;
  write(batch: BatchWrite): W;
}

export type Enveloped<W extends Written> = ImportSummary & Omit<W, keyof Written>;

function replacedWarning(fileName: string, replaced: DeletedBatch): string {
  const when = replaced.importedAt ? ` от ${formatTimestamp(replaced.importedAt)}` : '';
  if (replaced.fileName && replaced.fileName !== fileName) {
    return `Файл «${fileName}» загружен вместо «${replaced.fileName}»: прежняя загрузка${when} удалена.`;
  }
  return `Файл «${fileName}» загружен заново: прежняя загрузка${when} удалена и заменена.`;
}

function batchExists(db: Database, batchId: number): boolean {
  return queryValue(db, 'SELECT 1 FROM import_batch WHERE import_batch_id = ?', [batchId]) !== null;
}

/**
 * The import this file replaces — the one chosen («Заменить файлом…») or the same bytes loaded
 * before («Заменить») — after refusing a duplicate that is not being replaced.
 */
function admit(db: Database, fileName: string, sha256: string, options: EnvelopeOptions): { batchId: number } | null {
  let earlier: { batchId: number } | null = null;
  if (options.replaceBatch !== undefined) {
    if (!batchExists(db, options.replaceBatch)) throw new Error(`Загрузки № ${options.replaceBatch} уже нет в сессии — заменять нечего.`);
    earlier = { batchId: options.replaceBatch };
  } else if (options.replaceDuplicate) {
    earlier = batchOfSha256(db, sha256);
  }
  const same = batchOfSha256(db, sha256);
  if (same && options.replaceBatch !== undefined && same.batchId !== options.replaceBatch) {
    throw new Error(
      `этот файл уже загружен${same.fileName ? ` как «${same.fileName}»` : ''}, поэтому им нельзя заменить другую загрузку. Удалите лишнюю загрузку.`,
    );
  }
  if (same && same.batchId !== earlier?.batchId) refuseDuplicate(db, fileName, sha256);
  return earlier;
}

function commit<W extends Written>(
  db: Database,
  file: ImportFile,
  sha256: string,
  earlier: { batchId: number } | null,
  plan: ImportPlan<W>,
  importedAt: string,
): Enveloped<W> {
  // the same lookups for every school and work the file names are compiled once (db.ts)
  return withPreparedStatements(db, () =>
    transaction(db, () => {
      // The replaced import goes in the same savepoint, so a failure below keeps it.
      const replaced = earlier ? deleteBatch(db, earlier.batchId) : null;
      db.run(`INSERT INTO import_batch (file_name, sha256, detected_format, imported_at, rows, warnings) VALUES (?, ?, ?, ?, 0, '[]')`, [
        file.name,
        sha256,
        plan.format,
        importedAt,
      ]);
      const batchId = Number(queryValue(db, 'SELECT last_insert_rowid()'));
      const written = plan.write({ batchId, importedAt });
      if (replaced) written.warnings.unshift(replacedWarning(file.name, replaced));
      db.run('UPDATE import_batch SET rows = ?, warnings = ? WHERE import_batch_id = ?', [written.rows, JSON.stringify(written.warnings), batchId]);
      return { ...written, fileName: file.name, format: plan.format, formatLabel: plan.label, batchId };
    }),
  );
}

/**
 * Imports one file all or nothing: `read` (outside the savepoint: it reads and recognises, writes
 * nothing) returns the plan whose `write` runs inside it. Throws ImportError, in Russian.
 */
export async function importInEnvelope<W extends Written>(
  db: Database,
  file: ImportFile,
  options: EnvelopeOptions,
  read: () => ImportPlan<W>,
): Promise<Enveloped<W>> {
  checkFileSize(file);
  await loadSheetJs();
  await loadStreamingReaderFor(file.bytes, options.xlsxReader);
  const sha256 = await sha256Hex(file.bytes);
  const earlier = admit(db, file.name, sha256, options);
  if (options.inflate && options.xlsxReader !== 'sheetjs') await streamingReader()?.readAheadStreamed(file, options.inflate, options.onRead);
  const importedAt = options.now ?? new Date().toISOString();
  try {
    return commit(db, file, sha256, earlier, read(), importedAt);
  } catch (error) {
    // A streamed CSV found Windows-1251 after reading it as UTF-8 (decode-text.ts): nothing was kept, read it again.
    if (!(error instanceof EncodingRevised)) throw error;
    return commit(db, file, sha256, earlier, read(), importedAt);
  }
}
