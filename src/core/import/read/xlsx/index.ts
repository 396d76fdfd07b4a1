/**
 * Big XLSX sheets read as a stream. SheetJS turns a whole workbook into one string per part and a
 * cell object per cell: for a 100,000-row Ф1 (79 MB of sheet XML) that was ~65 % of the import
 * (docs/benchmarks.md). Here each big worksheet part is inflated in chunks (fflate) and its XML
 * read row by row (sheet-reader.ts) straight into the grid; SheetJS still reads everything else
 * — the workbook, sheet names and order, shared strings, small sheets — from the same archive
 * with the big parts replaced by one-cell stand-ins, so it keeps deciding which part is which
 * sheet. A stand-in that does not come back as a sheet, or anything the reader does not read as
 * SheetJS would (NotStreamable), and the whole file goes to SheetJS as before.
 */
import type * as XLSX from '@e965/xlsx';
import { sheetJs } from '../sheetjs-lib.ts';
import { ImportError, type ImportFile } from '../../types.ts';
import { sheetJsOptions, sheetOf, sheetToGrid } from '../sheetjs.ts';
import type { SheetGrid } from '../grid.ts';
import type { ZipDirectory, ZipEntry } from '../zip-guard.ts';
import { checkZip, startsAsZip } from '../zip-guard.ts';
import { bigWorksheets, type PartInflater, STREAM_SHEET_BYTES } from './big-sheets.ts';
import { gridOfCells } from './sheet-grid.ts';
import type { SharedString, SheetCells } from './sheet-reader.ts';
import { SheetReader } from './sheet-reader.ts';
import { NotStreamable } from './sheetjs-text.ts';
import { inflatePartInChunks, replaceParts } from './zip-parts.ts';

export { STREAM_SHEET_BYTES, type PartInflater, type XlsxReader } from './big-sheets.ts';

export type StreamedWorkbook = { sheets: SheetGrid[] } | { notStreamed: string };

/** xl/comments1.xml, xl/threadedComments/threadedComment1.xml …: parts that hold cell comments */
const COMMENTS_PART = /^xl\/.*comment/i;

function standIn(marker: string): Uint8Array {
  return new TextEncoder().encode(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      `<sheetData><row r="1"><c r="A1" t="str"><v>${marker}</v></c></row></sheetData></worksheet>`,
  );
}

function randomMarker(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `oko-stream-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** Which stand-in a SheetJS sheet is (its only cell is the marker), or -1. */
function standInIndex(sheet: XLSX.WorkSheet | undefined, markers: readonly string[]): number {
  if (!sheet || sheet['!ref'] !== 'A1') return -1;
  const cell = (sheet as { '!data'?: Array<Array<{ v?: unknown } | undefined> | undefined> })['!data']?.[0]?.[0];
  return typeof cell?.v === 'string' ? markers.indexOf(cell.v) : -1;
}

export interface StreamOptions {
  /** SheetJS's sheetRows: only the first rows of each sheet */
  maxRows?: number;
  /** worksheets above this size are streamed (default STREAM_SHEET_BYTES) */
  minSheetBytes?: number;
  /** rows of a streamed sheet read so far, of the rows its <dimension> declares */
  onRead?: (rowsRead: number, rowsTotal: number) => void;
}

/** What SheetJS made of everything but the big parts, and which sheet is which big part. */
interface StreamPlan {
  workbook: XLSX.WorkBook;
  big: ZipEntry[];
  /** per sheet of the workbook: the index in `big` of its part, or -1 (read by SheetJS) */
  streamed: number[];
  strings: readonly SharedString[];
}

function planStream(file: ImportFile, directory: ZipDirectory, maxRows: number | undefined, minSheetBytes: number): StreamPlan | { notStreamed: string } {
  const big = bigWorksheets(directory.entries, minSheetBytes);
  if (big.length === 0) return { notStreamed: 'no big worksheet' };
  // SheetJS gives a commented empty cell a stub (an empty cell in the grid) and widens the range
  // to it; the reader does not read comments, so a workbook with any is left to SheetJS.
  if (directory.entries.some((entry) => COMMENTS_PART.test(entry.name))) return { notStreamed: 'comments' };
  const markers = big.map(randomMarker);
  const others = replaceParts(file.bytes, directory, new Map(big.map((entry, i) => [entry, standIn(markers[i])])));
  const workbook = sheetJs().read(others, { type: 'array', ...sheetJsOptions(maxRows) });
  const strings = ((workbook as { Strings?: SharedString[] }).Strings ?? []) as readonly SharedString[];
  const streamed = workbook.SheetNames.map((name) => standInIndex(sheetOf(workbook, name), markers));
  const found = streamed.filter((i) => i >= 0);
  if (found.length !== big.length || new Set(found).size !== found.length) return { notStreamed: 'a big part is not one worksheet' };
  return { workbook, big, streamed, strings };
}

function assemble(file: ImportFile, plan: StreamPlan, maxRows: number | undefined, cellsOf: (index: number) => SheetCells): SheetGrid[] {
  return plan.workbook.SheetNames.map((name, n) => {
    const index = plan.streamed[n];
    return index < 0 ? sheetToGrid(file.name, name, sheetOf(plan.workbook, name)) : gridOfCells(file.name, name, cellsOf(index), maxRows ?? 0);
  });
}

function notStreamedBy(error: unknown): { notStreamed: string } {
  // a sheet over a shape limit: SheetJS would refuse it the same way, after reading it all again
  if (error instanceof ImportError) throw error;
  return { notStreamed: error instanceof NotStreamable ? error.message : `error: ${error instanceof Error ? error.message : String(error)}` };
}

/** Workbooks read ahead by readAheadStreamed, by the bytes of their file: taken by the next readStreamedWorkbook of the whole file. */
const readAhead = new WeakMap<Uint8Array, { sheets: SheetGrid[] }>();

/**
 * The workbook of a checked XLSX (zip-guard.ts) with its big worksheets read by the streaming
 * reader, or why it is not (then SheetJS reads the whole file). Throws nothing of its own: a file
 * SheetJS cannot read either is left to SheetJS, for its message.
 */
export function readStreamedWorkbook(file: ImportFile, directory: ZipDirectory, options: StreamOptions = {}): StreamedWorkbook {
  const { maxRows, minSheetBytes = STREAM_SHEET_BYTES, onRead } = options;
  const ready = maxRows === undefined && minSheetBytes === STREAM_SHEET_BYTES ? readAhead.get(file.bytes) : undefined;
  if (ready) {
    readAhead.delete(file.bytes);
    return ready;
  }
  try {
    const plan = planStream(file, directory, maxRows, minSheetBytes);
    if ('notStreamed' in plan) return plan;
    return { sheets: assemble(file, plan, maxRows, (index) => readCells(file, plan.big[index], plan.strings, maxRows ?? 0, onRead)) };
  } catch (error) {
    return notStreamedBy(error);
  }
}

/**
 * The same workbook read ahead, before the import's synchronous reading, with each big part
 * inflated by `inflate` (elsewhere) while this thread reads the XML of the pieces already there:
 * on two cores the two halves of reading a big sheet run side by side. What it reads is kept for
 * the next readStreamedWorkbook of the whole file (the same grids as it would read); anything
 * unusual — not streamable, a failure of the inflater or of the reader — keeps nothing, and that
 * reading does it all again itself, with its own outcome and messages.
 */
export async function readAheadStreamed(file: ImportFile, inflate: PartInflater, onRead?: StreamOptions['onRead']): Promise<void> {
  // only what readWorkbook reads as a ZIP is streamed there
  if (!startsAsZip(file.bytes)) return;
  const stop = new AbortController();
  try {
    const directory = checkZip(file);
    // The first big part is inflated while SheetJS reads the rest of the workbook (planStream):
    // its pieces wait here until the plan says how to read them.
    const first = bigWorksheets(directory.entries, STREAM_SHEET_BYTES)[0];
    const waiting: Uint8Array[] = [];
    let takePiece: (chunk: Uint8Array) => void = (chunk) => {
      waiting.push(chunk);
    };
    const firstInflated = first ? inflate(file.bytes, first, (chunk) => takePiece(chunk), stop.signal) : null;
    firstInflated?.catch(() => undefined);
    const plan = planStream(file, directory, undefined, STREAM_SHEET_BYTES);
    if ('notStreamed' in plan) return;
    const cells: SheetCells[] = [];
    for (const entry of plan.big) {
      const reader = new SheetReader(plan.strings, 0, onRead);
      if (entry === first) {
        for (const chunk of waiting.splice(0)) reader.push(chunk);
        takePiece = (chunk) => reader.push(chunk);
        await firstInflated;
      } else await inflate(file.bytes, entry, (chunk) => reader.push(chunk), stop.signal);
      cells.push(reader.finish());
    }
    readAhead.set(file.bytes, { sheets: assemble(file, plan, undefined, (index) => cells[index]) });
  } catch {
    // read again, synchronously, by readStreamedWorkbook
  } finally {
    // a plan that streams nothing, or a reader that failed: the inflating worker stops too
    stop.abort();
  }
}

function readCells(file: ImportFile, entry: ZipEntry, strings: readonly SharedString[], sheetRows: number, onRead: StreamOptions['onRead']): SheetCells {
  const reader = new SheetReader(strings, sheetRows, onRead);
  inflatePartInChunks(file.bytes, entry, (chunk) => reader.push(chunk));
  return reader.finish();
}
