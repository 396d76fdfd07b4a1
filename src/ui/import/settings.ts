import type { EngineClient } from '../../engine/client.ts';

/**
 * Import settings of this session, kept in the session file itself (oko_workspace, key 'import'),
 * so a downloaded session carries them and a new session starts with the defaults.
 */
export interface ImportSettings {
  /** «Хранить ФИО участников в этой сессии»: off by default (152-ФЗ) */
  keepNames: boolean;
}

const KEY = 'import';

export async function loadImportSettings(engine: EngineClient): Promise<ImportSettings> {
  try {
    const text = await engine.call('getWorkspace', { key: KEY });
    const parsed = text ? (JSON.parse(text) as Partial<ImportSettings>) : {};
    return { keepNames: parsed.keepNames === true };
  } catch {
    return { keepNames: false };
  }
}

export async function saveImportSettings(engine: EngineClient, settings: ImportSettings): Promise<void> {
  await engine.call('setWorkspace', { key: KEY, value: JSON.stringify(settings) });
}
