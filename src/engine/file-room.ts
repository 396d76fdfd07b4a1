/**
 * Room in the database file before a big import.
 *
 * sql.js keeps the database file in Emscripten's in-memory file system (MEMFS), which grows a
 * file past 1 MB by 12.5 % at a time, each time allocating a new array and copying the whole
 * file into it: a 100,000-row Ф1 (a 72 MB database) cost 37 reallocations, 650 MB allocated and
 * copied and about 2 s of CPU — a third of the import. A database opened from bytes gets exactly
 * those bytes as its file, and SQLite ignores pages past the page count its header records: it
 * writes new pages into them, without reading or journalling them, and a save reads only the
 * recorded pages. So before an import expected to add much, the engine copies the database's file
 * into an array with room for the growth and opens that array as the new file, as it is
 * (Engine.makeRoom, db-file.ts): the import then writes into a file that is already large enough.
 *
 * The estimate is only a size: too small, and MEMFS grows the file the old way from there on;
 * too large, and the zeros past the end take memory until the session is opened again. The
 * rows written are the same either way (tests/unit/file-room.test.ts).
 */
import type { Database } from '../core/db.ts';
import { queryValue } from '../core/db.ts';
import { readZipDirectory } from '../core/import/read/zip-guard.ts';

export interface FileRoomOptions {
  /** growth below this is left to MEMFS: a few small steps cost less than a copy of the database */
  minBytes?: number;
  /** growth below this share of the database is left to MEMFS too */
  minShare?: number;
  /** the file is opened with room for the estimate times this */
  headroom?: number;
}

/** Growth under 4 MB costs MEMFS a few copies of a few megabytes: cheaper than reopening. */
const MIN_BYTES = 4 * 1024 * 1024;
/** The database grew by 0.92 of the Ф1's unpacked XML, and by 1.01 of a CSV's bytes: 1.15 covers both. */
const HEADROOM = 1.15;
/**
 * Reopening copies the database once into new memory (the array with room, which the new file
 * takes as it is); growing by 12.5 % steps allocates about nine times what is added. Under half
 * the database the steps are left to MEMFS: at a similar cost they keep the memory peak lower
 * (the old and the new array, 2.1 × the file, against the old file + the file with room).
 */
const MIN_SHARE = 0.5;

const isZip = (bytes: Uint8Array) => bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/**
 * About how many bytes importing `bytes` adds to the database: an XLSX's (ODS's) unpacked parts,
 * as its ZIP directory declares them, or the file's own size (CSV, XLS). A broken archive counts
 * its own size: the import refuses it anyway.
 */
export function importGrowthEstimate(bytes: Uint8Array): number {
  if (!isZip(bytes)) return bytes.byteLength;
  try {
    return readZipDirectory(bytes).uncompressedBytes;
  } catch {
    return bytes.byteLength;
  }
}

/** The size of the database's pages: what a save reads and MEMFS holds at least. */
export function databaseBytes(db: Database): number {
  return Number(queryValue(db, 'PRAGMA page_count')) * Number(queryValue(db, 'PRAGMA page_size'));
}

/** How big the open database's file is known to be, and when to reopen it bigger. */
export class FileRoom {
  /** the length of the bytes the open database was opened from by makeRoom; 0: as SQLite grew it */
  private fileBytes = 0;
  private readonly minBytes: number;
  private readonly minShare: number;
  private readonly headroom: number;
  /** for tests: how often the database was reopened with room */
  reopened = 0;

  constructor(options: FileRoomOptions = {}) {
    this.minBytes = options.minBytes ?? MIN_BYTES;
    this.minShare = options.minShare ?? MIN_SHARE;
    this.headroom = options.headroom ?? HEADROOM;
  }

  /** Bytes the database can take without MEMFS growing its file: the zeros past its pages and its free pages. */
  free(db: Database): number {
    const pageSize = Number(queryValue(db, 'PRAGMA page_size'));
    const freePages = Number(queryValue(db, 'PRAGMA freelist_count'));
    return Math.max(0, this.fileBytes - databaseBytes(db)) + freePages * pageSize;
  }

  /** The file size to reopen the database with before adding about `growth` bytes, or null: leave it to MEMFS. */
  sizeFor(db: Database, growth: number): number | null {
    const used = databaseBytes(db);
    if (growth < this.minBytes || growth < used * this.minShare || growth <= this.free(db)) return null;
    const pageSize = Number(queryValue(db, 'PRAGMA page_size'));
    return Math.ceil((used + growth * this.headroom) / pageSize) * pageSize;
  }

  /** The database was reopened from `bytes` bytes by makeRoom. */
  opened(bytes: number): void {
    this.fileBytes = bytes;
    this.reopened++;
  }

  /**
   * Another database was opened, or SQL of the user's ran (a VACUUM shrinks the file to its
   * pages): nothing is known about the file past its pages.
   */
  forget(): void {
    this.fileBytes = 0;
  }
}
