/**
 * How much one dropped file may hold before Око refuses it, and why. Every limit is checked
 * before the file is parsed (workbook.ts, zip-guard.ts), so a file over a limit costs nothing but
 * the check and leaves the database untouched. Figures measured on the project machine (2 cores,
 * Chromium 156, Node 20) are in docs/benchmarks.md; change the constants here, nowhere else.
 */

/**
 * Any file: 200 MB. The bytes are copied into the import worker and hashed (SHA-256) before
 * anything else. A CSV is read in chunks (csv-reader.ts) and streamed into SQLite, so a CSV this
 * big still imports as a table of the user's own: measured in Chromium 156 (docs/benchmarks.md),
 * a 195 MB CSV of 2,136,804 rows × 8 went in with the tab's process peaking at 1.6 GB, a
 * 1,000,000-row CSV (91 MB) at 0.9 GB. Beyond this the database itself (one sql.js WASM memory,
 * exported whole at every save) grows past what a tab should hold; such data is better split.
 */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * XLSX/ODS (ZIP) files: the sum of the uncompressed sizes of all entries, 450 MB. SheetJS parses
 * a workbook whole: measured in Chromium 156, a workbook of 150 / 300 / 450 MB of sheet XML
 * peaked the tab's process at 0.9 / 1.5 / 2.2 GB and was read in 14 / 23 / 30 s; at 576 MB
 * SheetJS silently returned an empty sheet — one sheet's XML becomes one JavaScript string, and
 * V8 strings stop at 2²⁹ − 24 characters (≈ 512 MB). 450 MB is ~570,000 rows of a Ф1 as SheetJS
 * writes it (79 MB per 100,000). Larger tables should come as CSV, which is read in chunks.
 */
export const MAX_ZIP_UNCOMPRESSED_BYTES = 450 * 1024 * 1024;

/**
 * One ZIP entry over 16 MB uncompressed may expand at most 200× (uncompressed / compressed).
 * Deflate cannot exceed ~1032×, and zip bombs sit near that; real spreadsheets compress 3–30×
 * (SheetJS's own Ф1 3.5×, Excel's files with shared strings ~8×, a sheet of one repeated value
 * ~100×); Apache POI refuses at 100×. Small entries may be as repetitive as they like (a 1 MB
 * text cell of one repeated phrase compresses 266×): they cannot exhaust memory, and the total
 * above bounds them all. So a bomb that declares its size honestly — 20 MB from 20 KB, or 400 MB
 * from 400 KB, still under the total — is refused from the directory alone.
 */
export const MAX_ZIP_RATIO = 200;
export const ZIP_RATIO_MIN_ENTRY_BYTES = 16 * 1024 * 1024;

/** A spreadsheet has a few dozen entries (sheets, styles, relations); 10,000 is a broken or hostile archive. */
export const MAX_ZIP_ENTRIES = 10_000;

/**
 * A CSV larger than this is recognised from its first rows only (index.ts): the importers
 * look at the first ≤ 150 rows to recognise a layout, so a file of no known layout is refused
 * as 'unknown-format' without decoding it whole (it is decoded once, when it is imported as a
 * table of the user's own); a recognised one is then read whole.
 */
export const CSV_HEAD_DETECT_BYTES = 1024 * 1024;
/** Rows read for that look (far more than any importer's detect() scans). */
export const CSV_HEAD_ROWS = 2_000;

/**
 * A sheet may hold values in at most 2,000 columns: SQLite's default SQLITE_MAX_COLUMN (sql.js is
 * built with it), so a wider sheet could never become a table; no known layout comes near it (a Ф1
 * of 40 tasks has ~60). Checked while the file is read (shape-limits.ts), so a 10,000-column sheet
 * is refused before anything is built from it. Blank cells beyond the limit (formatting) are no
 * reason to refuse and are dropped.
 */
export const MAX_COLUMNS = 2_000;

/**
 * A cell may hold at most 32,767 characters, as in Excel: a longer one never came from a real
 * table (a CSV with an unclosed quote runs the rest of the file into one cell). The CSV reader
 * stops at the first such cell, so a 50 MB one-line file costs one chunk, not 50 MB of text.
 */
export const MAX_CELL_CHARS = 32_767;

/** The «Открыть как таблицу» preview shows each cell cut to this many characters. */
export const PREVIEW_CELL_CHARS = 200;

/** A value quoted in a message is cut to this many characters (a 1 MB header cell must not become a 1 MB message). */
export const MAX_QUOTED_CHARS = 120;

/** «1,5 МБ» — sizes in messages, Russian style. */
export function formatBytes(bytes: number): string {
  const units = ['байт', 'КБ', 'МБ', 'ГБ', 'ТБ'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 100 || Number.isInteger(value) ? 0 : 1;
  return `${value.toFixed(digits).replace(/\.0$/, '').replace('.', ',')} ${units[unit]}`;
}
