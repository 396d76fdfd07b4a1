import type { EngineClient } from '../engine/client.ts';

/**
 * The open database as a Blob, read from the engine a part per request (src/engine/db-file.ts),
 * so a click between two parts is answered at once instead of after a copy of the whole file.
 * Each part comes as a Blob the engine made of it — the browser keeps blob data outside the
 * page's memory, and no array of the part is left for the page's collector — and the parts make
 * one Blob without being copied again. Null: the database was written while being read (or
 * `stop()` said the reading is no longer wanted).
 */
export async function readDatabaseParts(engine: EngineClient, stop: () => boolean = () => false): Promise<Blob | null> {
  const plan = await engine.call('savePlan', {});
  const parts: Blob[] = [];
  for (let offset = 0; offset < plan.bytes; offset += plan.partBytes) {
    if (stop()) return null;
    const part = await engine.call('savePart', { plan, offset });
    if (part === null) return null;
    parts.push(part);
  }
  return new Blob(parts, { type: 'application/vnd.sqlite3' });
}
