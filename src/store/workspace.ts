import type { SqlValue } from '../core/db.ts';
import type { EngineClient } from '../engine/client.ts';

/** Where the user was: open tabs, the active one, each indicator's parameters, the console text. */
export type WorkspaceTab =
  | { kind: 'table'; name: string }
  | { kind: 'indicator'; id: string; params: Record<string, SqlValue> }
  | { kind: 'sql' }
  /** the «аналитическая справка»: the view opens the latest one (src/ui/report/) */
  | { kind: 'report' }
  | { kind: 'monitoring' };

export interface Workspace {
  tabs: WorkspaceTab[];
  active: number;
  sql: string;
}

const KEY = 'ui';

export function emptyWorkspace(): Workspace {
  return { tabs: [], active: -1, sql: '' };
}

/** Read from the session file itself (table oko_workspace), so a downloaded session carries it. */
export async function loadWorkspace(engine: EngineClient): Promise<Workspace> {
  try {
    const text = await engine.call('getWorkspace', { key: KEY });
    if (!text) return emptyWorkspace();
    const parsed = JSON.parse(text) as Partial<Workspace>;
    const tabs = Array.isArray(parsed.tabs) ? parsed.tabs.filter(isTab) : [];
    return {
      tabs,
      active: typeof parsed.active === 'number' && parsed.active < tabs.length ? parsed.active : tabs.length - 1,
      sql: typeof parsed.sql === 'string' ? parsed.sql : '',
    };
  } catch {
    return emptyWorkspace();
  }
}

export async function saveWorkspace(engine: EngineClient, workspace: Workspace): Promise<void> {
  await engine.call('setWorkspace', { key: KEY, value: JSON.stringify(workspace) });
}

function isTab(value: unknown): value is WorkspaceTab {
  if (!value || typeof value !== 'object') return false;
  const tab = value as Record<string, unknown>;
  if (tab.kind === 'table') return typeof tab.name === 'string';
  if (tab.kind === 'indicator') return typeof tab.id === 'string' && !!tab.params && typeof tab.params === 'object';
  return tab.kind === 'sql' || tab.kind === 'report' || tab.kind === 'monitoring';
}
