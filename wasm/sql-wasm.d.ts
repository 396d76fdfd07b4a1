// Types of Oko's build of sql.js (wasm/build/build.sh): sql.js's own API, plus Emscripten's
// file system, which holds each open database as one file.
import type { SqlJsStatic } from 'sql.js';

export interface MemFileNode {
  /** the file's bytes; MEMFS replaces the array when the file outgrows it */
  contents: Uint8Array | null;
  /** how many bytes of `contents` the file has */
  usedBytes: number;
  stream_ops: MemStreamOps;
  /** the file system the node is in: for a file of MEMFS, MEMFS itself */
  mount: { type: MemFs };
}

export interface MemFs {
  /** grows a file's array to at least `capacity` bytes (by 12.5 % steps past 1 MB, copying the file each time) */
  expandFileStorage(node: MemFileNode, capacity: number): void;
}

export interface MemStreamOps {
  write(stream: { node: MemFileNode }, buffer: Uint8Array, offset: number, length: number, position: number, canOwn?: boolean): number;
}

export interface EmscriptenFS {
  lookupPath(path: string): { node: MemFileNode };
  createDataFile(parent: string, name: string, data: Uint8Array | number[], canRead: boolean, canWrite: boolean, canOwn?: boolean): MemFileNode;
  truncate(path: string | MemFileNode, length: number): void;
}

export interface OkoSqlJs extends SqlJsStatic {
  FS: EmscriptenFS;
  /** a C function of the module as a JavaScript one (Emscripten's cwrap) */
  cwrap(name: string, returns: 'number' | 'string' | null, args: Array<'number' | 'string'>): (...args: Array<number | string>) => number | string;
}

export interface OkoSqlJsConfig {
  locateFile?: (file: string) => string;
  /** the module's bytes (Node: there is nothing to fetch them from) */
  wasmBinary?: ArrayBuffer | Uint8Array;
}

export default function initSqlJs(config?: OkoSqlJsConfig): Promise<OkoSqlJs>;
