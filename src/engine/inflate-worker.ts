/// <reference lib="webworker" />
// One part of an XLSX inflated in pieces for the engine's worker (part-inflater.ts says why).
import { inflatePartInChunks, inflatePartNatively } from '../core/import/read/xlsx/zip-parts.ts';
import type { InflateMessage, InflateRequest } from './part-inflater.ts';

declare const self: DedicatedWorkerGlobalScope;

function post(message: InflateMessage, transfer: Transferable[] = []): void {
  self.postMessage(message, transfer);
}

function postPiece(chunk: Uint8Array): void {
  // each piece is handed over, not copied; one that is a view of a larger buffer (fflate's last, cut to the declared size) is copied first
  const own = chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength ? chunk : chunk.slice();
  post({ chunk: own }, [own.buffer]);
}

/** The browser's own inflater where it has one for raw DEFLATE (Chromium 103+); fflate otherwise. */
function nativeInflater(): boolean {
  try {
    new DecompressionStream('deflate-raw');
    return true;
  } catch {
    return false;
  }
}

self.onmessage = async ({ data }: MessageEvent<InflateRequest>) => {
  try {
    if (nativeInflater()) await inflatePartNatively(data.bytes, data.entry, postPiece);
    else inflatePartInChunks(data.bytes, data.entry, postPiece);
    post({ done: true });
  } catch (error) {
    post({ error: error instanceof Error ? error.message : String(error) });
  }
};
