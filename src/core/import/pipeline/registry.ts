/**
 * Pluggable import formats.
 *
 * How a file goes in (index.ts, inside the envelope of envelope.ts): size check → SHA-256 +
 * duplicate check → read/workbook.ts → every importer in IMPORTERS (../importers.ts) is asked
 * `detect(fileName, sheets)` → the Detected with the highest confidence wins → one savepoint:
 * INSERT import_batch (gives batchId) → `run(db, ctx)` → UPDATE import_batch SET rows, warnings.
 * Any throw inside run() rolls everything back, so a run() may write as it goes and throw
 * ImportError (Russian, naming file/sheet/row/column) at any point: the database is left
 * byte-for-byte unchanged.
 *
 * To add a format (CONTRIBUTING.md, «Формат файла»):
 *  1. A folder formats/<id>/ with `const myImporter: Importer = { id, supported, labels, detect }` in
 *     importer.ts, its parsing and writing beside it. detect() must be pure and cheap (it sees
 *     every dropped file): look at title rows and header text, never at the file name or fixed
 *     positions; return null when the file is not yours.
 *  2. Confidence: 0.9 for a title/header combination only your format has, 0.5–0.8 for a header
 *     match that other layouts might share, ≤ 0.2 for «this is mine but broken» — then run()
 *     throws the explanation, and any healthier importer still wins.
 *  3. run() writes, returns counts and Russian warnings; schools, their aliases and
 *     municipalities only through schools/write.ts. `format` becomes import_batch.detected_format
 *     ('fisoko_marks', 'rcoi_protocol', …); `label` is shown to the user — take it from the
 *     importer's `labels`, by which the list of loaded files names the import later.
 *  4. Append the importer to IMPORTERS in ../importers.ts, add a sample generator as
 *     formats/<id>/sample.ts, and its section of docs/formats.md as formats/<id>/docs.ts, listed in ../docs.ts.
 *
 * School placeholders (contract between the РЦОИ protocol importers and schools/crosswalk.ts):
 * a protocol that names an ОО only by its РЦОИ code («Код ОО» 9306) that matches no
 * `school_code_alias (source 'rcoi')` creates a placeholder school: `school.is_active = 1`,
 * `school.fisoko_login IS NULL`, `school.gia_code = <code>`, `full_name` = the name seen (or
 * «ОО с кодом РЦОИ <code>», which the crosswalk ignores), and an alias row
 * `(source 'rcoi', code, name_seen, school_id)`. crosswalk.ts lists such codes
 * (unmatchedRcoiCodes) and merges a placeholder into the real school (mergeSchool).
 * A school directory row fills fisoko_login (when it has one) and adds an alias with source
 * 'directory': after it the school is no longer a placeholder, even without a login.
 */
import type { Database } from '../../db.ts';
import type { FormatId } from '../formats.ts';
import type { DescribeBatches } from './batches.ts';
import type { ImportOptions } from '../types.ts';
import type { SheetGrid } from '../read/workbook.ts';

export interface RunContext {
  fileName: string;
  /** import_batch row of this import (already inserted); stamp result.import_batch_id with it */
  batchId: number;
  /** ISO timestamp of the import */
  importedAt: string;
  /** what the user told us (options.context) and the progress callback */
  options: ImportOptions;
  onProgress?: (rowsDone: number, rowsTotal: number) => void;
}

export interface RunOutcome {
  /** rows written (result rows, fisoko_agg rows, flags, schools — whatever the format stores) */
  rows: number;
  /** task_score rows written */
  taskScores: number;
  /** distinct schools touched */
  schools: number;
  /** Russian labels of the works touched, e.g. «ВПР 2026, Русский язык, 4 класс» */
  assessments: string[];
  warnings: string[];
}

export interface Detected {
  /** import_batch.detected_format, e.g. 'fisoko_f1', 'fisoko_marks', 'fioko_bias' */
  format: FormatId;
  /** Russian name shown to the user, e.g. «ФИС ОКО: Статистика по отметкам» */
  label: string;
  /** 0…1; the highest wins */
  confidence: number;
  run(db: Database, ctx: RunContext): RunOutcome;
}

export interface Importer {
  id: string;
  /** Russian, for the list of formats shown under «Подробнее» when a file is not recognised */
  supported: string;
  /**
   * The label of every format this importer writes (import_batch.detected_format → Russian): its
   * Detected.label, and how the list of loaded files names the batch.
   */
  labels: Readonly<Partial<Record<FormatId, string>>>;
  /** For the list of loaded files, labels that say more than the format (РЦОИ: the exams a file holds). */
  describeBatches?: DescribeBatches;
  detect(fileName: string, sheets: readonly SheetGrid[]): Detected | null;
}

/** The most confident detection over all importers; ties go to the importer listed first. */
export function detectBest(importers: readonly Importer[], fileName: string, sheets: readonly SheetGrid[]): Detected | null {
  let best: Detected | null = null;
  for (const importer of importers) {
    const detected = importer.detect(fileName, sheets);
    if (detected && (!best || detected.confidence > best.confidence)) best = detected;
  }
  return best;
}
