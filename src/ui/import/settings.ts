import type { WorkspaceStore } from '../../store/workspace.ts';

/**
 * Import settings of this session, kept with its workspace (src/store/workspace.ts; in the session
 * file: oko_workspace, key 'import'), so a downloaded session carries them and a new session
 * starts with the defaults.
 */
export interface ImportSettings {
  /** «Хранить ФИО участников в этой сессии»: off by default (152-ФЗ) */
  keepNames: boolean;
}

const KEY = 'import';

export function loadImportSettings(workspace: WorkspaceStore): ImportSettings {
  try {
    const text = workspace.get(KEY);
    const parsed = text ? (JSON.parse(text) as Partial<ImportSettings>) : {};
    return { keepNames: parsed.keepNames === true };
  } catch {
    return { keepNames: false };
  }
}

export function saveImportSettings(workspace: WorkspaceStore, settings: ImportSettings): void {
  workspace.set(KEY, JSON.stringify(settings), 0);
}
