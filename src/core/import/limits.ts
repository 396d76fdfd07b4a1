/**
 * How much one dropped file may hold before Око refuses it, and why. Every limit is checked
 * before the file is parsed (workbook.ts, zip-guard.ts), so a file over a limit costs nothing but
 * the check and leaves the database untouched. Figures measured on the project machine (2 cores,
 * Chromium 156, Node 20) are in docs/benchmarks.md; change the constants here, nowhere else.
 */

/**
 * Any file: 200 MB. The bytes are copied into the import worker and hashed (SHA-256) before
 * anything else. A CSV is read in chunks (csv-reader.ts), so a 200 MB CSV (~2.5 million rows of
 * 8 columns) still imports as a table of the user's own: in Chromium a 1,000,000-row CSV
 * (76 MB) imported in ~8 s with the tab's renderer at ~0.9 GB, and a 200 MB CSV stays under
 * ~2 GB. Above that the sql.js heap (the database lives in one WASM memory of at most 2 GB,
 * and is exported whole to be saved) becomes the limit, and such a file is better split or
 * loaded into a database outside the browser.
 */
export const MAX_FILE_BYTES = 200 * 1024 * 1024;

/**
 * XLSX/ODS (ZIP) files: the sum of the uncompressed sizes of all entries, 600 MB. SheetJS
 * parses a workbook whole, at ~6× the XML size in JS heap (a 100,000-row Ф1 is 79 MB of XML
 * and peaks at ~0.5 GB); Chromium gives a worker ~4 GB of heap at most. 600 MB of XML is
 * ~750,000 Ф1 rows and ~3.5 GB at the peak — about the most a tab survives (measured in
 * docs/benchmarks.md). Larger tables should come as CSV, which is read in chunks.
 */
export const MAX_ZIP_UNCOMPRESSED_BYTES = 600 * 1024 * 1024;

/**
 * One ZIP entry over 16 MB uncompressed may expand at most 200× (uncompressed / compressed).
 * Deflate cannot exceed ~1032×, and zip bombs sit near that; real spreadsheets compress 3–30×
 * (SheetJS's own Ф1 3.5×, Excel's files with shared strings ~8×, a sheet of one repeated value
 * ~100×); Apache POI refuses at 100×. Small entries may be as repetitive as they like (a 1 MB
 * text cell of one repeated phrase compresses 266×): they cannot exhaust memory, and the total
 * above bounds them all. So a bomb that declares its size honestly — 20 MB from 20 KB, or 500 MB
 * from 500 KB, still under the total — is refused from the directory alone.
 */
export const MAX_ZIP_RATIO = 200;
export const ZIP_RATIO_MIN_ENTRY_BYTES = 16 * 1024 * 1024;

/** A spreadsheet has a few dozen entries (sheets, styles, relations); 10,000 is a broken or hostile archive. */
export const MAX_ZIP_ENTRIES = 10_000;

/**
 * A CSV larger than this is recognised from its first rows only (index.ts): the importers
 * look at the first ≤ 150 rows to recognise a layout, so a file of no known layout is refused
 * as 'unknown-format' without building a grid of millions of rows first; a recognised one is
 * then read whole.
 */
export const CSV_HEAD_DETECT_BYTES = 16 * 1024 * 1024;
/** Rows read for that look (far more than any importer's detect() scans). */
export const CSV_HEAD_ROWS = 2_000;

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
