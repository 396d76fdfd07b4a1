/**
 * The open tabs: which, in what order, which one is active, and each indicator's parameters. They
 * are part of the workspace record of the session (src/store/workspace.ts); every change says so to
 * the owner, which writes the record.
 */
import type { SqlValue } from '../../core/db.ts';
import type { Workspace, WorkspaceTab } from '../../store/workspace.ts';

export type Tab = WorkspaceTab & { key: string };

/** One tab per table, per indicator, and one each of the console, the справка and monitoring. */
export function tabKey(tab: WorkspaceTab): string {
  return tab.kind === 'table' ? `table:${tab.name}` : tab.kind === 'indicator' ? `indicator:${tab.id}` : tab.kind;
}

export interface TabsHost {
  /** a tab opened, closed, was chosen, or its parameters changed: the workspace record is to be written */
  changed(): void;
  /** a tab closed at open says why: a notice that stays until the user closes it */
  closedAtOpen(message: string): void;
}

export class Tabs {
  list = $state.raw<Tab[]>([]);
  activeKey = $state<string | null>(null);
  /** keys of the tabs the saved workspace reopened, until each first runs: one the time limit stops is closed */
  readonly restored = new Set<string>();

  constructor(private readonly host: TabsHost) {}

  get active(): Tab | null {
    return this.list.find((t) => t.key === this.activeKey) ?? null;
  }

  /** Opens the tab at the end, or goes to it when it is open already. */
  open(tab: WorkspaceTab): void {
    const key = tabKey(tab);
    if (!this.list.some((t) => t.key === key)) this.list = [...this.list, { ...tab, key }];
    this.activeKey = key;
    this.host.changed();
  }

  activate(key: string): void {
    this.activeKey = key;
    this.host.changed();
  }

  /** Closing the active tab activates the one that took its place (the last one when it was last). */
  close(key: string): void {
    const index = this.list.findIndex((t) => t.key === key);
    if (index < 0) return;
    const tabs = this.list.filter((t) => t.key !== key);
    this.list = tabs;
    if (this.activeKey === key) this.activeKey = tabs[Math.min(index, tabs.length - 1)]?.key ?? null;
    this.host.changed();
  }

  /**
   * A tab the saved workspace reopened whose query the time limit stopped: closed, so the workspace
   * is saved without it and the next open does not hang again, and `message` says why.
   */
  closeAtOpen(key: string, message: string): void {
    this.close(key);
    this.host.closedAtOpen(message);
  }

  setIndicatorParams(id: string, params: Record<string, SqlValue>): void {
    const tab = this.list.find((t) => t.kind === 'indicator' && t.id === id);
    if (!tab || tab.kind !== 'indicator') return;
    if (JSON.stringify(tab.params) === JSON.stringify(params)) return;
    this.list = this.list.map((t) => (t === tab ? { ...tab, params: { ...params } } : t));
    this.host.changed();
  }

  /** A table dropped (by SQL) closes its tab. */
  closeMissingTables(known: ReadonlySet<string>): void {
    for (const tab of this.list) if (tab.kind === 'table' && !known.has(tab.name)) this.close(tab.key);
  }

  /**
   * The tabs of a saved workspace whose table or indicator still exists; with none, `first` when
   * given. The saved active tab stays active when it is still there, else the first one is.
   */
  restore(saved: Pick<Workspace, 'tabs' | 'active'>, exists: (tab: WorkspaceTab) => boolean, first?: WorkspaceTab): void {
    const tabs = saved.tabs.filter(exists).map((t) => ({ ...t, key: tabKey(t) }));
    if (!tabs.length && first) tabs.push({ ...first, key: tabKey(first) });
    this.list = tabs;
    this.restored.clear();
    for (const tab of tabs) this.restored.add(tab.key);
    const active = saved.tabs[saved.active];
    this.activeKey = active && tabs.some((t) => t.key === tabKey(active)) ? tabKey(active) : (tabs[0]?.key ?? null);
  }

  /** Another session opens: no tab is open. */
  reset(): void {
    this.list = [];
    this.activeKey = null;
  }

  /** The tabs as the workspace record keeps them. */
  saved(): Pick<Workspace, 'tabs' | 'active'> {
    const tabs: WorkspaceTab[] = this.list.map(({ key: _key, ...tab }) => tab);
    return { tabs, active: this.list.findIndex((t) => t.key === this.activeKey) };
  }
}
