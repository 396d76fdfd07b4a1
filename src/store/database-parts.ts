import type { EngineClient } from '../engine/client.ts';

/**
 * The open database as a Blob, read from the engine a part per request (src/engine/db-file.ts),
 * so a click between two parts is answered at once instead of after a copy of the whole file.
 * Each part goes into a Blob of its own as it arrives — the browser keeps blob data outside the
 * page's memory — and the parts make one Blob without being copied again. Null: the database
 * was written while being read (or `stop()` said the reading is no longer wanted).
 */
export async function readDatabaseParts(engine: EngineClient, stop: () => boolean = () => false): Promise<Blob | null> {
  const plan = await engine.call('savePlan', {});
  const parts: Blob[] = [];
  for (let offset = 0; offset < plan.bytes; offset += plan.partBytes) {
    if (stop()) return null;
    const part = await engine.call('savePart', { plan, offset });
    if (part === null) return null;
    parts.push(new Blob([part as Uint8Array<ArrayBuffer>]));
  }
  return new Blob(parts, { type: 'application/vnd.sqlite3' });
}
