/**
 * The streaming reader (index.ts, with fflate) is a file of its own in the built app, fetched by
 * the worker when it first meets a big worksheet: the engine the page starts with stays within
 * its size budget (tests/e2e/static-site.test.ts), and a session that never imports a big XLSX
 * never downloads it. Reading stays synchronous: every async entry point (importFile,
 * importUserTable, importMapped, the engine's previewFile) awaits loadStreamingReaderFor() first,
 * and readWorkbook streams when the reader is there — without it SheetJS reads the file, with the
 * same rows (tests/unit/xlsx-stream.test.ts).
 */
import type { ZipEntry } from '../zip-guard.ts';
import { readZipDirectory } from '../zip-guard.ts';
import { bigWorksheets, type XlsxReader } from './big-sheets.ts';

export { bigWorksheets, STREAM_SHEET_BYTES, type PartInflater, type XlsxReader } from './big-sheets.ts';

type StreamingReader = typeof import('./index.ts');

let loaded: StreamingReader | null = null;
let loading: Promise<StreamingReader> | null = null;

/** The streaming reader, if it has been loaded. */
export function streamingReader(): StreamingReader | null {
  return loaded;
}

export function loadStreamingReader(): Promise<StreamingReader> {
  loading ??= import('./index.ts').then((module) => (loaded = module));
  return loading;
}

/** Loads the streaming reader when `bytes` are a ZIP with a big worksheet (a look at its directory only). */
export async function loadStreamingReaderFor(bytes: Uint8Array, reader: XlsxReader = 'auto'): Promise<void> {
  if (loaded || reader === 'sheetjs' || bytes[0] !== 0x50 || bytes[1] !== 0x4b) return;
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes).entries;
  } catch {
    return; // readWorkbook names what is wrong with the archive
  }
  if (bigWorksheets(entries).length) await loadStreamingReader();
}
