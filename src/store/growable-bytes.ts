import { resizableBuffer } from '../core/resizable-buffer.ts';

/**
 * A session's bytes (a Blob from IndexedDB, a File from the disk) in a resizable ArrayBuffer,
 * read piece by piece into it: the engine takes them as the database's file as they are, and
 * the file then grows in place (src/engine/db-file.ts). From a fixed-length array the file would
 * move whole at its first growth, the tab holding the session twice for that moment.
 */
export async function growableBytes(blob: Blob): Promise<Uint8Array> {
  const buffer = resizableBuffer(blob.size);
  if (!buffer) return new Uint8Array(await blob.arrayBuffer());
  const bytes = new Uint8Array(buffer);
  const reader = blob.stream().getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, offset);
    offset += value.byteLength;
  }
  return bytes;
}
