/**
 * An ArrayBuffer that can grow in place up to 4 GiB (2 GiB where the address space is short), or
 * null where neither can be reserved or `bytes` is past both. The database's file lives in one
 * (src/engine/db-file.ts): growing it then takes no copy of the file, only the pages written.
 */
const MAX_BYTES = [4 * 1024 ** 3, 2 * 1024 ** 3];

export function resizableBuffer(bytes: number): ArrayBuffer | null {
  for (const maxByteLength of MAX_BYTES) {
    if (bytes > maxByteLength) return null;
    try {
      return new ArrayBuffer(bytes, { maxByteLength });
    } catch {
      // no address space this large here: try less
    }
  }
  return null;
}
