/**
 * What session-status shows of saving (docs/architecture.md, «Сессии и хранение»): the state of the
 * database save, and how many saves of each kind there were since the page opened.
 */
import type { SaveState } from '../../store/autosave.ts';

export class SaveStatus {
  state = $state.raw<SaveState>({ kind: 'idle' });
  /** databases written to IndexedDB since the page opened (data-db-saves: tests read it) */
  databaseSaves = $state(0);
  /** workspace records written since the page opened (data-workspace-saves) */
  workspaceSaves = $state(0);
  /** a workspace change not yet in IndexedDB (data-workspace="pending") */
  workspacePending = $state(false);
}
