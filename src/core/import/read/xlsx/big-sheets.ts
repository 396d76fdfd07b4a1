import type { ZipEntry } from '../zip-guard.ts';

/**
 * Worksheet XML above this size is streamed. Below it SheetJS is quick (a 1 MB sheet, ~1,300 Ф1
 * rows, takes it ~0.1 s) and reads every odd file the way it always has.
 */
export const STREAM_SHEET_BYTES = 4 * 1024 * 1024;

/** Which reader reads XLSX: 'auto' streams big sheets; 'sheetjs' never does (benchmarks compare the two). */
export type XlsxReader = 'auto' | 'sheetjs';

const WORKSHEET_PART = /^xl\/worksheets\/[^/]+\.xml$/;

/** The worksheet parts over `minSheetBytes` (as the archive's directory declares them). */
export function bigWorksheets(entries: readonly ZipEntry[], minSheetBytes = STREAM_SHEET_BYTES): ZipEntry[] {
  return entries.filter((entry) => WORKSHEET_PART.test(entry.name) && entry.uncompressedSize > minSheetBytes);
}

/**
 * Inflates a part elsewhere (the engine: a short-lived worker of its own, src/engine/part-inflater.ts)
 * and hands its pieces over as they come, in order, each as inflatePartInChunks (zip-parts.ts)
 * would; resolves when the part is done, rejects when it cannot be inflated or `stop` is aborted.
 */
export type PartInflater = (bytes: Uint8Array, entry: ZipEntry, onChunk: (chunk: Uint8Array) => void, stop?: AbortSignal) => Promise<void>;
