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

/** The workspace of a session as IndexedDB keeps it (sessions.ts, `oko:workspace:<id>`). */
export interface WorkspaceRecord {
  /** ISO time of the last change */
  savedAt: string;
  /** oko_workspace entries: 'ui' (Workspace), 'history' (console), 'import' (import settings) … */
  entries: Record<string, string>;
}

/** oko_workspace key of the tabs (Workspace as JSON). */
export const UI_KEY = 'ui';
/** oko_workspace key: when the entries were last written into the database, to tell which copy is newer. */
export const SAVED_AT_KEY = 'workspace_saved_at';

export function emptyWorkspace(): Workspace {
  return { tabs: [], active: -1, sql: '' };
}

export function parseWorkspace(text: string | null): Workspace {
  if (!text) return emptyWorkspace();
  try {
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

function isTab(value: unknown): value is WorkspaceTab {
  if (!value || typeof value !== 'object') return false;
  const tab = value as Record<string, unknown>;
  if (tab.kind === 'table') return typeof tab.name === 'string';
  if (tab.kind === 'indicator') return typeof tab.id === 'string' && !!tab.params && typeof tab.params === 'object';
  return tab.kind === 'sql' || tab.kind === 'report' || tab.kind === 'monitoring';
}

/**
 * Of the database's own entries and the IndexedDB record, the newer wins: the record is written
 * on every change, the database's copy only when the database is saved or downloaded.
 */
export function newerEntries(database: Record<string, string>, record: WorkspaceRecord | null): Record<string, string> {
  const { [SAVED_AT_KEY]: databaseAt, ...own } = database;
  if (!record || (databaseAt !== undefined && databaseAt >= record.savedAt)) return own;
  return { ...own, ...record.entries };
}

export interface WorkspacePersistence {
  readWorkspace(id: string): Promise<WorkspaceRecord | null>;
  writeWorkspace(id: string, record: WorkspaceRecord): Promise<void>;
}

/**
 * The workspace of the open session. A change (a tab, a parameter, the console text) writes only
 * its own small record to IndexedDB — never the database, so a click never waits for the database
 * to be exported. The entries go into the database (oko_workspace) right before it is saved or
 * downloaded, so a .sqlite file carries them.
 */
export class WorkspaceStore {
  private entries: Record<string, string> = {};
  private session: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private writing: Promise<void> = Promise.resolve();
  private now: () => string;
  /** another tab holds the session (session-lock.ts): this tab's tabs and parameters are not written over its */
  private paused = false;

  constructor(
    private readonly persistence: WorkspacePersistence,
    private readonly hooks: {
      onWritten?: () => void;
      /** true from a change until IndexedDB has it (session-status data-workspace) */
      onPending?: (pending: boolean) => void;
      onError?: (error: unknown) => void;
      now?: () => string;
    } = {},
  ) {
    this.now = hooks.now ?? (() => new Date().toISOString());
  }

  /**
   * After a database was opened as session `id`: its entries, or the IndexedDB record's when newer.
   * A session created just now has no record yet (`fresh`): its IndexedDB read, which would wait
   * behind the write of the new session's database, is skipped.
   */
  async load(engine: EngineClient, id: string, { fresh = false }: { fresh?: boolean } = {}): Promise<void> {
    this.cancelPending();
    this.session = null;
    const [database, record] = await Promise.all([engine.call('workspaceEntries', {}), fresh ? null : this.persistence.readWorkspace(id).catch(() => null)]);
    this.entries = newerEntries(database, record);
    this.session = id;
  }

  /** No session open (the start screen, after «Удалить все данные»): changes are kept nowhere. */
  detach(): void {
    this.cancelPending();
    this.hooks.onPending?.(false);
    this.session = null;
    this.entries = {};
  }

  get(key: string): string | null {
    return this.entries[key] ?? null;
  }

  /** Keeps `value`; IndexedDB gets it `delay` ms after the last change. */
  set(key: string, value: string, delay = 300): void {
    if (this.entries[key] === value) return;
    this.entries = { ...this.entries, [key]: value };
    if (this.session === null) return;
    if (this.timer) clearTimeout(this.timer);
    this.hooks.onPending?.(true);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush(true);
    }, delay);
  }

  pause(paused: boolean): void {
    this.paused = paused;
    if (paused) this.cancelPending();
  }

  /** Writes a pending change now (leaving the page, switching sessions). */
  async flush(due = false): Promise<void> {
    const pending = due || this.timer !== null;
    this.cancelPending();
    const session = this.session;
    if (pending && session !== null && !this.paused) {
      const record: WorkspaceRecord = { savedAt: this.now(), entries: this.entries };
      this.writing = this.writing.then(() =>
        this.persistence.writeWorkspace(session, record).then(
          () => this.hooks.onWritten?.(),
          (error) => this.hooks.onError?.(error),
        ),
      );
    }
    await this.writing;
    if (this.timer === null) this.hooks.onPending?.(false);
  }

  /** Right before the database is exported: the entries and their time into oko_workspace (the engine's save revision does not move). */
  async writeIntoDatabase(engine: EngineClient): Promise<void> {
    for (const [key, value] of Object.entries(this.entries)) await engine.call('setWorkspace', { key, value });
    await engine.call('setWorkspace', { key: SAVED_AT_KEY, value: this.now() });
  }

  private cancelPending(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
