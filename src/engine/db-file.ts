/**
 * The open database's file, read in parts for saving.
 *
 * sql.js's export() copies the whole database in one synchronous call: 0.8–0.9 s for the
 * 1,000,000-result regional session, during which the engine answers nothing — a click waits
 * behind every save. SQLite keeps the database in one file of Emscripten's in-memory file system
 * (MEMFS), which Oko's build of sql.js exports (wasm/build/build.sh); between two requests no
 * statement runs and, outside a transaction, that file is the whole database. So a save reads it
 * a part per request, and other requests are answered between the parts.
 *
 * A part is only good with the parts read before it if the file was not written in between: every
 * write to a MEMFS file goes through one shared stream operation, which is counted here per file.
 * A save takes the count with its plan and every part checks it; a write in between (an edit, an
 * import, the console) makes the save start again.
 */
import type { Database } from '../core/db.ts';
import { queryValue } from '../core/db.ts';
import type { EmscriptenFS, MemFileNode, OkoSqlJs } from '../../wasm/sql-wasm.js';
import type { SavePlan } from './protocol.ts';
import { resizableBuffer } from '../core/resizable-buffer.ts';

/**
 * 4 MiB: 8 MiB parts of the regional session took 136–145 ms at load 12–15 in Chromium (the whole
 * export() 2.2–3.1 s then); half of that keeps a part under 100 ms on such a machine too.
 */
export const SAVE_PART_BYTES = 4 * 1024 * 1024;

const SQLITE_TXN_WRITE = 2;

let files = 0;
const writes = new WeakMap<MemFileNode, number>();
const counted = new WeakSet<object>();

/** Counts writes to every MEMFS file of this module, once: all files share their stream operations. */
function countWrites(FS: EmscriptenFS, node: MemFileNode): void {
  const ops = node.stream_ops;
  if (counted.has(ops)) return;
  const write = ops.write;
  ops.write = function countedWrite(stream, ...rest) {
    writes.set(stream.node, (writes.get(stream.node) ?? 0) + 1);
    return write.call(this, stream, ...rest);
  };
  // a VACUUM also cuts the file down: count that as a write too
  const truncate = FS.truncate;
  FS.truncate = function countedTruncate(path, length) {
    const target = typeof path === 'string' ? FS.lookupPath(path).node : path;
    writes.set(target, (writes.get(target) ?? 0) + 1);
    return truncate.call(this, path, length);
  };
  counted.add(ops);
}

/**
 * MEMFS grows a file past 1 MB by 12.5 % at a time, each time allocating a new array and copying
 * the whole file into it: an import into the regional session (184 MB) copied it three times
 * over, and held the old and the new array at once. A database file here grows in place instead:
 * at its first growth it moves once into a resizable ArrayBuffer (address space reserved, memory
 * taken only as pages are written), and every later growth only resizes that buffer.
 */
const GROWTH_STEP = 1024 * 1024;
const growable = new WeakSet<MemFileNode>();
const patched = new WeakSet<object>();

function growInPlace(node: MemFileNode): void {
  growable.add(node);
  const memfs = node.mount.type;
  if (patched.has(memfs)) return;
  const expand = memfs.expandFileStorage;
  memfs.expandFileStorage = function expandInPlace(target, capacity) {
    const contents = target.contents;
    if (!growable.has(target) || (contents && contents.length >= capacity)) return expand.call(this, target, capacity);
    const wanted = Math.ceil(capacity / GROWTH_STEP) * GROWTH_STEP;
    const buffer = contents?.buffer;
    if (buffer instanceof ArrayBuffer && buffer.resizable && wanted <= buffer.maxByteLength && contents!.byteOffset === 0) {
      buffer.resize(wanted);
      // a view over the whole buffer, growing with it (the file's may have been a fixed-length one)
      target.contents = new Uint8Array(buffer);
      return;
    }
    const moved = resizableBuffer(wanted);
    if (!moved) return expand.call(this, target, capacity);
    const view = new Uint8Array(moved);
    if (contents && target.usedBytes > 0) view.set(contents.subarray(0, target.usedBytes));
    target.contents = view;
  };
  patched.add(memfs);
}

interface SqlJsDatabaseInternals {
  /** sql.js's name of the database's file in MEMFS */
  filename: string;
  /** SQLite's connection handle */
  db: number;
}

export class DatabaseFile {
  readonly id = ++files;
  private readonly node: MemFileNode;
  private readonly txnState: (db: number, schema: number) => number;
  private staging: Uint8Array<ArrayBuffer> | null = null;

  constructor(
    private readonly SQL: OkoSqlJs,
    private readonly db: Database,
  ) {
    this.node = SQL.FS.lookupPath(`/${this.internals.filename}`).node;
    countWrites(SQL.FS, this.node);
    growInPlace(this.node);
    this.txnState = SQL.cwrap('sqlite3_txn_state', 'number', ['number', 'number']) as (db: number, schema: number) => number;
  }

  private get internals(): SqlJsDatabaseInternals {
    return this.db as unknown as SqlJsDatabaseInternals;
  }

  get generation(): number {
    return writes.get(this.node) ?? 0;
  }

  /** What a save reads; refused while a transaction the user began in the console writes. */
  plan(): SavePlan {
    if (this.txnState(this.internals.db, 0) === SQLITE_TXN_WRITE) {
      throw new Error('В консоли начата транзакция (BEGIN): сессия сохранится после COMMIT или ROLLBACK.');
    }
    const bytes = Number(queryValue(this.db, 'PRAGMA page_count')) * Number(queryValue(this.db, 'PRAGMA page_size'));
    return { file: this.id, generation: this.generation, bytes, partBytes: SAVE_PART_BYTES };
  }

  /**
   * The file's bytes from `offset`, a part long at most, as a Blob, or null: the file was written
   * since the plan. The Blob is made here, not on the page: an array sent to the page is garbage
   * there once put in a Blob — the whole database per save, which the page's collector took only
   * seconds later, while an import was already growing the file (docs/benchmarks.md). Blob()
   * refuses a view of a resizable buffer (the file's), so the part goes through one staging array,
   * reused: the Blob has copied it when it returns.
   */
  part(plan: SavePlan, offset: number): Blob | null {
    if (plan.file !== this.id || this.generation !== plan.generation) return null;
    const contents = this.node.contents;
    if (!contents || offset < 0 || offset >= plan.bytes || plan.bytes > this.node.usedBytes) {
      throw new Error(`Часть файла сессии вне его размера: ${offset} из ${plan.bytes}.`);
    }
    const part = contents.subarray(offset, Math.min(offset + plan.partBytes, plan.bytes));
    if (!this.staging || this.staging.length < part.length) this.staging = new Uint8Array(plan.partBytes);
    this.staging.set(part);
    return new Blob([this.staging.subarray(0, part.length)]);
  }
}

/**
 * Runs `open` with every database it opens from bytes taking those bytes as its file as they
 * are: sql.js copies them into MEMFS otherwise, and the tab holds the session twice until the
 * collector takes the bytes (184 MB more for the regional session). Only for bytes nobody else
 * keeps or writes: those the worker received, or an array made for the purpose.
 */
export function withOwnedBytes<T>(SQL: OkoSqlJs, open: () => T): T {
  const FS = SQL.FS;
  const create = FS.createDataFile;
  FS.createDataFile = (parent, name, data, canRead, canWrite) => create.call(FS, parent, name, data, canRead, canWrite, true);
  try {
    return open();
  } finally {
    FS.createDataFile = create;
  }
}
