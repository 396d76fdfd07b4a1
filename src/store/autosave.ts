import type { EngineClient } from '../engine/client.ts';
import { readDatabaseParts } from './database-parts.ts';
import { describeSaveFailure } from './save-failure.ts';
import type { SessionStore } from './sessions.ts';
import type { WorkspaceStore } from './workspace.ts';

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

export interface AutosaveHooks {
  onState: (state: SaveState) => void;
  /** after each database written to IndexedDB (the page shows the count: session-status data-db-saves) */
  onSaved?: (bytes: number) => void;
}

/**
 * Saves the open session's database to IndexedDB `delay` ms after the last change of data or of
 * the session's records. `touch()` after anything that may have changed them (import, edit, SQL,
 * a custom indicator, a справка);
 * the engine's save revision tells whether there is anything new, so a touch without a change
 * costs one small request and no export. Workspace changes (tabs, parameters, console text) never
 * come here: they have their own record (workspace.ts), so a click never waits behind an export.
 */
export class Autosave {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private savedRevision = -1;
  private running: Promise<void> | null = null;
  private again = false;
  private lastSavedAt: Date | null = null;
  /** the session the database belongs to; null: nothing is open, nothing is saved */
  private session: string | null = null;
  /** while the engine restarts and reopens the saved bytes, nothing is saved (it would be an empty database) */
  private suspended = false;
  /** callers of attachedOrIdle() waiting while a session is being entered */
  private waiting: Array<() => void> = [];
  private attaching = false;

  constructor(
    private readonly engine: EngineClient,
    private readonly store: SessionStore,
    private readonly workspace: WorkspaceStore,
    private readonly hooks: AutosaveHooks,
    private readonly delay = 500,
  ) {}

  /** a change of data waits to be saved or is being saved: leaving the page now could lose it */
  get pending(): boolean {
    return this.timer !== null || this.running !== null;
  }

  get sessionId(): string | null {
    return this.session;
  }

  /**
   * The engine now holds session `id`. With `savedAt` its database is what IndexedDB holds (it was
   * just read from there); without, it is new to IndexedDB and is saved at once.
   */
  async attach(id: string, savedAt?: Date): Promise<void> {
    this.cancelTimer();
    this.session = id;
    this.suspended = false;
    this.attaching = true;
    try {
      await this.attachNow(savedAt);
    } finally {
      this.attaching = false;
      this.release();
    }
  }

  private async attachNow(savedAt?: Date): Promise<void> {
    if (savedAt) {
      await this.markSaved(savedAt);
      this.hooks.onState({ kind: 'saved', at: savedAt });
    } else {
      this.savedRevision = -1;
      await this.flush();
    }
  }

  /**
   * Resolves once a session is attached — at once when one is. Views start their queries while the
   * session is being entered, before attach: a query's restore point (src/ui/queries/stops.ts)
   * waits for it rather than finding nothing to save.
   */
  attachedOrIdle(): Promise<void> {
    if (this.session !== null && !this.attaching) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** Nothing open any more (deleting the open session, «Удалить все данные»). */
  detach(): void {
    this.cancelTimer();
    this.session = null;
    this.hooks.onState({ kind: 'idle' });
    this.release();
  }

  /** after open: the current revision is what IndexedDB already holds */
  async markSaved(at?: Date): Promise<void> {
    this.savedRevision = await this.engine.call('saveRevision', {});
    this.lastSavedAt = at ?? new Date();
  }

  /** The database IndexedDB holds for the open session (the restore point of a cancelled import: src/ui/import/cancel.ts). */
  async savedBytes(): Promise<Uint8Array | null> {
    return this.session === null ? null : this.store.readDatabase(this.session);
  }

  /**
   * Saves now, waiting for it; true when IndexedDB then holds exactly what the engine holds
   * (the restore point before an import: src/ui/import/cancel.ts).
   */
  async saveNow(): Promise<boolean> {
    // Twice at most: a save already running may have exported an older revision.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.suspended || this.session === null) return false;
      await this.flush();
      try {
        if (this.savedRevision === (await this.engine.call('saveRevision', {}))) return true;
      } catch {
        return false;
      }
    }
    return false;
  }

  suspend(): void {
    this.suspended = true;
    this.cancelTimer();
  }

  /** after the engine reopened the saved bytes: they are what IndexedDB holds */
  async resume(savedAt?: Date): Promise<void> {
    this.suspended = false;
    await this.markSaved(savedAt ?? this.lastSavedAt ?? undefined);
    this.hooks.onState({ kind: 'saved', at: this.lastSavedAt ?? new Date() });
  }

  /**
   * Reports «saving» at once, so whoever waits for «saved» after a change (a reload, a download,
   * a test) waits for this save, not the previous one; a touch without a change goes back to «saved».
   */
  touch(): void {
    if (this.suspended || this.session === null) return;
    this.cancelTimer();
    this.hooks.onState({ kind: 'saving' });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delay);
  }

  async flush(): Promise<void> {
    if (this.suspended) return;
    this.cancelTimer();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.save();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
    if (this.again) {
      this.again = false;
      await this.flush();
    }
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async save(): Promise<void> {
    const session = this.session;
    if (this.suspended || session === null) return;
    try {
      const revision = await this.engine.call('saveRevision', {});
      if (revision === this.savedRevision) {
        if (this.session === session) this.hooks.onState({ kind: 'saved', at: this.lastSavedAt ?? new Date() });
        return;
      }
      this.hooks.onState({ kind: 'saving' });
      await this.workspace.writeIntoDatabase(this.engine);
      const database = await readDatabaseParts(this.engine, () => this.session !== session);
      // The session was switched while the database was being read: those bytes are not its.
      if (this.session !== session) return;
      // Written while being read: the parts are not of one state, so the save starts again.
      if (database === null) {
        this.again = true;
        return;
      }
      const at = new Date();
      await this.store.writeDatabase(session, database, at.toISOString());
      if (this.session !== session) return;
      this.savedRevision = revision;
      this.lastSavedAt = at;
      this.hooks.onSaved?.(database.size);
      this.hooks.onState({ kind: 'saved', at });
    } catch (error) {
      this.hooks.onState({ kind: 'error', message: `Сессия не сохранена: ${describeSaveFailure(error)}` });
    }
  }
}
