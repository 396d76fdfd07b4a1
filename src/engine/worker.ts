/// <reference lib="webworker" />
// Oko's build of sql.js (wasm/build/build.sh), served by the app itself (pinned, checked by a unit test): no CDN.
import initSqlJs from '../../wasm/sql-wasm.js';
import wasmUrl from '../../wasm/sql-wasm.wasm?url';
import type { EngineRequest, EngineResponse, ImportProgress } from './protocol.ts';
import { SqlError } from './sql-error.ts';
import { inflateInWorker, prepareInflater } from './part-inflater.ts';

declare const self: DedicatedWorkerGlobalScope;

// The database module (wasm) is fetched and compiled while the engine's code loads, not after it:
// the engine is a chunk of its own, so this entry is small and starts both at once.
// The engine's code imports modules it shares with the import code, which the build puts in chunks
// of their own; asked for here beside it, they arrive with it instead of a round trip after it
// (tests/e2e/static-site checks that these cover every chunk the engine's chunk imports).
const engineCode = Promise.all([
  import('./engine.ts'),
  import('../core/db.ts'),
  import('../core/import/messages.ts'),
  import('../core/import/limits.ts'),
  import('../core/import/read/sheetjs-lib.ts'),
  import('../core/monitoring/forms/index.ts'),
]);
const ready = Promise.all([initSqlJs({ locateFile: () => wasmUrl }), engineCode]).then(
  ([SQL, [{ Engine }]]) => new Engine(SQL, { xlsxReader: __OKO_XLSX_READER__, ownsBytes: true, inflate: inflateInWorker, prepareInflater }),
);

// One request at a time: sql.js is synchronous, but an import awaits its SHA-256 midway.
let queue: Promise<unknown> = Promise.resolve();

function post(response: EngineResponse, transfer: Transferable[] = []): void {
  self.postMessage(response, transfer);
}

async function handle(request: EngineRequest): Promise<void> {
  const { id, method, args } = request;
  try {
    const engine = await ready;
    const call = engine[method] as (args: unknown, progress?: unknown) => unknown;
    const value = await call.call(engine, args, (progress: ImportProgress) => post({ id, progress }));
    post({ id, ok: true, value }, value instanceof Uint8Array ? [value.buffer] : []);
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    const { position, sqlite } = error instanceof SqlError ? error : {};
    post({ id, ok: false, error: { message: e.message, name: e.name, ...(position ? { position } : {}), ...(sqlite ? { sqlite } : {}) } });
  }
}

// Loading code touches no database: it runs beside the queue, so no request waits for it.
const BESIDE_THE_QUEUE: ReadonlySet<string> = new Set(['warmUpImport']);

self.addEventListener('message', (event: MessageEvent<EngineRequest>) => {
  if (BESIDE_THE_QUEUE.has(event.data.method)) void handle(event.data);
  else queue = queue.then(() => handle(event.data));
});
