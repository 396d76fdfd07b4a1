// The same build under Node (tests, benchmarks, the build's demo): the module's bytes are read
// from wasm/ here, since the glue is built for the browser and its worker only.
import { readFileSync } from 'node:fs';
import initSqlJs, { type OkoSqlJs } from './sql-wasm.js';

export type { OkoSqlJs };

export default function initSqlJsNode(): Promise<OkoSqlJs> {
  return initSqlJs({ wasmBinary: readFileSync(new URL('./sql-wasm.wasm', import.meta.url)) });
}
