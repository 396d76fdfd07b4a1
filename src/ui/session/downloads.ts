/**
 * The two downloads of a session (issue 12, item 8): «Резервная копия» and «Для передачи коллеге».
 * The engine builds each from a copy of the database (src/core/session-file/copies.ts); the key
 * that links people never leaves in clear.
 */
import { downloadBlob } from '../../export/download.ts';
import { timestampedBase } from '../../export/filename.ts';
import type { AppHost as App } from '../app-host.ts';

function save(prefix: string, bytes: Uint8Array): void {
  downloadBlob(`${timestampedBase(prefix)}.sqlite`, new Blob([bytes as BlobPart], { type: 'application/vnd.sqlite3' }));
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** With a passphrase the key goes wrapped with it; without one it stays in this browser. True when saved. */
export async function downloadBackup(app: App, passphrase?: string): Promise<boolean> {
  try {
    // The open tabs go with the copy, as they are now (the workspace record into oko_workspace).
    await app.workspaceStore.writeIntoDatabase(app.engine);
    const bytes = await app.schedule(() => app.engine.call('exportBackup', passphrase ? { passphrase } : {}));
    save('око_резервная_копия', bytes);
    app.autosave.touch();
    return true;
  } catch (error) {
    app.notify('error', `Резервная копия не скачана: ${errorText(error)}`);
    return false;
  }
}

export async function downloadShare(app: App): Promise<boolean> {
  try {
    const bytes = await app.schedule(() => app.engine.call('exportShare', {}));
    save('око_для_передачи', bytes);
    return true;
  } catch (error) {
    app.notify('error', `Копия для передачи не скачана: ${errorText(error)}`);
    return false;
  }
}
