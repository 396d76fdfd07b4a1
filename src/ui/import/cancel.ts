/**
 * Cancelling an import that is running in the engine worker.
 *
 * Why it works this way: the worker parses a file with SheetJS and writes it with sql.js, both
 * synchronously — a 100 000-row sheet keeps the worker busy for seconds without ever reading a
 * «cancel» message. The only way to stop it at once is to terminate the worker, and the database
 * lives in that worker's memory. So:
 *
 *  1. right before each file is imported, the session is saved to IndexedDB and the save is
 *     awaited (`restorePoint`) — the bytes there are exactly the database before this file;
 *  2. «Отменить» terminates the worker, starts a new one and opens those bytes (`restartFromSaved`).
 *
 * An import is all or nothing (one savepoint), so the cancelled file had changed nothing worth
 * keeping, and the files finished before it are in the saved bytes: nothing is lost. While the
 * new worker starts, autosave is suspended — it would otherwise save an empty database.
 */
import type { EngineClient } from '../../engine/client.ts';
import type { Autosave } from '../../store/autosave.ts';

/** Saves the session now; true when cancelling the next import can restore it. */
export async function restorePoint(autosave: Autosave): Promise<boolean> {
  try {
    return await autosave.saveNow();
  } catch {
    return false;
  }
}

/**
 * Stops whatever the worker is doing and reopens the restore point. Throws (changing nothing)
 * when the saved bytes cannot be read: then the import cannot be cancelled. `stillRunning`
 * (a stopped query, src/ui/queries/stops.ts): asked once the bytes are read; false leaves the
 * worker alone — the query finished meanwhile — and the result is false.
 */
export async function restartFromSaved(engine: EngineClient, autosave: Autosave, stillRunning: () => boolean = () => true): Promise<boolean> {
  // Read first: if IndexedDB fails, the running import simply goes on.
  const bytes = await autosave.savedBytes();
  if (!bytes) throw new Error('в браузере нет сохранённой копии сессии');
  if (!stillRunning()) return false;
  autosave.suspend();
  engine.restart();
  try {
    // The first request the new worker gets, so nothing reads or writes its empty database first.
    await engine.call('open', { bytes, source: 'saved' }, undefined, [bytes.buffer]);
  } catch (error) {
    // Autosave stays suspended: the copy in IndexedDB is intact, and a reload of the page opens it.
    const reason = error instanceof Error ? error.message : String(error);
    throw new RestoreFailed(`Сессия после отмены не открылась (${reason}). Обновите страницу: сохранённая копия цела.`);
  }
  await autosave.resume();
  return true;
}

/** The worker was restarted but the saved session did not open: only a page reload helps. */
export class RestoreFailed extends Error {
  override name = 'RestoreFailed';
}

/** A call that failed because the worker was restarted (see EngineClient.restart). */
export function wasRestarted(error: unknown): boolean {
  return error instanceof Error && error.name === 'EngineRestarted';
}

/** The worker itself failed (an uncaught error, out of memory): the same restore point brings the session back. */
export function workerCrashed(error: unknown): boolean {
  return error instanceof Error && error.name === 'EngineCrashed';
}
