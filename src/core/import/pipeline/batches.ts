/**
 * The session's imports («Загруженные файлы»): one entry per import_batch row, with what the file
 * was recognised as in the words of the document it is (ФИС ОКО report, РЦОИ protocol …). The
 * words come from the formats: the registry (../importers.ts) hands them in as BatchNames.
 */
import type { Database } from '../../db.ts';
import { queryObjects } from '../../db.ts';

export interface LoadedBatch {
  batchId: number;
  fileName: string;
  /** import_batch.detected_format */
  format: string;
  /** what the file was recognised as, e.g. «ФИС ОКО: Индивидуальные результаты (Ф1)», «Протокол РЦОИ: ОГЭ» */
  label: string;
  rows: number;
  /** ISO time of the import */
  importedAt: string | null;
  /** a table made from the file as it is («Открыть как таблицу…»), which goes with it */
  userTable: string | null;
}

/** A batch as a format sees it when it names the batch. */
export type StoredBatch = Pick<LoadedBatch, 'batchId' | 'format' | 'userTable'>;

/**
 * Labels that say more than the format: of the session's batches, those this format names from
 * what they wrote (РЦОИ: the exams a file holds; an own table: its name).
 */
export type DescribeBatches = (db: Database, batches: readonly StoredBatch[]) => ReadonlyMap<number, string>;

export interface BatchNames {
  /** import_batch.detected_format → label */
  labels: Readonly<Record<string, string>>;
  describe: DescribeBatches;
}

/** A batch no format names (a format the app no longer knows). */
const UNNAMED = 'Таблица';

/** Every import of the session, oldest first. */
export function loadedBatches(db: Database, names: BatchNames): LoadedBatch[] {
  const batches = queryObjects<{
    import_batch_id: number;
    file_name: string | null;
    detected_format: string | null;
    rows: number | null;
    imported_at: string | null;
    table_name: string | null;
  }>(
    db,
    `SELECT b.import_batch_id, b.file_name, b.detected_format, b.rows, b.imported_at, u.table_name
     FROM import_batch b LEFT JOIN oko_user_table u ON u.import_batch_id = b.import_batch_id
     ORDER BY b.import_batch_id`,
  ).map((b) => ({
    batchId: b.import_batch_id,
    fileName: b.file_name ?? `загрузка № ${b.import_batch_id}`,
    format: b.detected_format ?? '',
    label: '',
    rows: b.rows ?? 0,
    importedAt: b.imported_at,
    userTable: b.table_name,
  }));
  const described = names.describe(db, batches);
  return batches.map((batch) => ({ ...batch, label: described.get(batch.batchId) ?? names.labels[batch.format] ?? UNNAMED }));
}
