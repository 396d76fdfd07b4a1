/// <reference lib="webworker" />
// One part of an XLSX inflated in pieces for the engine's worker (part-inflater.ts says why).
import { inflatePartInChunks } from '../core/import/read/xlsx/zip-parts.ts';
import type { InflateMessage, InflateRequest } from './part-inflater.ts';

declare const self: DedicatedWorkerGlobalScope;

function post(message: InflateMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

self.onmessage = ({ data }: MessageEvent<InflateRequest>) => {
  try {
    inflatePartInChunks(data.bytes, data.entry, (chunk) => {
      // fflate hands out a fresh array per piece; the last piece, cut to the declared size, is a view
      const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
      post({ chunk: own }, [own.buffer]);
    });
    post({ done: true });
  } catch (error) {
    post({ error: error instanceof Error ? error.message : String(error) });
  }
};
