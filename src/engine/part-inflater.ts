/// <reference lib="webworker" />
/**
 * The big worksheet of an imported XLSX is inflated by a worker of its own while the engine's
 * worker reads the XML of the pieces already inflated (readAheadStreamed, core/import/read/xlsx):
 * on two cores the two halves of reading a 100,000-row Ф1 run side by side. The worker lives for
 * one part; only the part's own bytes go to it, and each inflated piece comes back transferred,
 * not copied. When the engine's worker is terminated («Отменить»), this one goes with it.
 */
import type { PartInflater } from '../core/import/read/xlsx/load.ts';
import type { ZipEntry } from '../core/import/read/zip-guard.ts';

export interface InflateRequest {
  bytes: Uint8Array;
  entry: ZipEntry;
}

export type InflateMessage = { chunk: Uint8Array } | { done: true } | { error: string };

const newWorker = () => new Worker(new URL('./inflate-worker.ts', import.meta.url), { type: 'module', name: 'oko-inflate' });

type ZipParts = typeof import('../core/import/read/xlsx/zip-parts.ts');

/** A worker started and its code loaded ahead of the next big sheet (prepareInflater), or null. */
let spare: Worker | null = null;
/** The streaming reader's own module (fflate with it): not part of the engine worker's start. */
let zipParts: ZipParts | null = null;
const loadZipParts = async (): Promise<ZipParts> => (zipParts ??= await import('../core/import/read/xlsx/zip-parts.ts'));

/**
 * Starts the worker for the next big sheet now, while the user chooses a file (the engine's
 * warmUpImport): starting one and loading its code took 60–150 ms of an import's reading. A spare
 * whose script fails to load is dropped at once, and the next sheet starts a worker of its own.
 */
export function prepareInflater(): void {
  if (spare) return;
  const worker = newWorker();
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    if (spare === worker) spare = null;
  };
  spare = worker;
  void loadZipParts().catch(() => undefined);
}

export const inflateInWorker: PartInflater = async (bytes, entry, onChunk, stop) => {
  // Loaded by the warm-up, the part goes to the worker before this returns: the engine's worker
  // reads the rest of the workbook meanwhile (readAheadStreamed).
  const { partAlone } = zipParts ?? (await loadZipParts());
  const part = partAlone(bytes, entry);
  await new Promise<void>((resolve, reject) => {
    const worker = spare ?? newWorker();
    spare = null;
    let finished = false;
    const finish = (error?: unknown) => {
      if (finished) return;
      finished = true;
      worker.terminate();
      stop?.removeEventListener('abort', stopped);
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const stopped = () => finish(new Error('the inflating was stopped'));
    if (stop?.aborted) return stopped();
    stop?.addEventListener('abort', stopped);
    worker.onmessage = ({ data }: MessageEvent<InflateMessage>) => {
      if (finished) return;
      if ('chunk' in data) {
        try {
          onChunk(data.chunk);
        } catch (error) {
          finish(error);
        }
      } else if ('done' in data) finish();
      else finish(new Error(data.error));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish(new Error(event.message || 'the inflating worker failed'));
    };
    worker.onmessageerror = () => finish(new Error('a piece of the part did not arrive'));
    const request: InflateRequest = part;
    worker.postMessage(request, [part.bytes.buffer]);
  });
};
