import { del, get, set, setMany } from 'idb-keyval';
import type { EngineClient, ProgressListener } from '../engine/client.ts';
import type { ImportOutcome } from '../engine/protocol.ts';

/** IndexedDB key of the session: the whole SQLite file, as bytes. */
export const SESSION_KEY = 'oko:session';
/** when it was last written (ISO time), for «Сохранено в браузере в 14:32» after a reload */
export const SAVED_AT_KEY = 'oko:session:saved-at';

export type SessionOrigin = 'saved' | 'demo' | 'new';

/**
 * Opens the saved session if there is one, else a new database with the demo data set.
 * A saved file that cannot be opened is kept aside (not lost) and a new session starts.
 */
export async function openSession(
  engine: EngineClient,
  onProgress?: ProgressListener,
): Promise<{ origin: SessionOrigin; demo?: ImportOutcome[]; warning?: string; savedAt?: Date }> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await get<Uint8Array>(SESSION_KEY);
  } catch {
    bytes = undefined;
  }
  if (bytes && bytes.byteLength > 0) {
    try {
      await engine.call('open', { bytes, source: 'saved' });
      const savedAt = await get<string>(SAVED_AT_KEY).catch(() => undefined);
      return { origin: 'saved', savedAt: savedAt ? new Date(savedAt) : undefined };
    } catch (error) {
      await set(`${SESSION_KEY}:broken:${Date.now()}`, bytes).catch(() => undefined);
      await engine.call('open', {});
      const demo = await loadDemo(engine, onProgress);
      const reason = error instanceof Error ? error.message : String(error);
      return { origin: 'demo', demo, warning: `Сохранённая сессия не открылась (${reason}). Она сохранена отдельно, начата новая сессия.` };
    }
  }
  await engine.call('open', {});
  const demo = await loadDemo(engine, onProgress);
  return { origin: demo.length ? 'demo' : 'new', demo };
}

/** The demo data set shipped with the app: public/demo/manifest.json lists its files. */
export async function loadDemo(engine: EngineClient, onProgress?: ProgressListener): Promise<ImportOutcome[]> {
  let names: string[];
  try {
    const response = await fetch('./demo/manifest.json', { cache: 'no-cache' });
    if (!response.ok) return [];
    const manifest = (await response.json()) as { files?: unknown };
    names = Array.isArray(manifest.files) ? manifest.files.filter((n): n is string => typeof n === 'string') : [];
  } catch {
    return [];
  }
  const files = [];
  for (const name of names) {
    // Only plain file names from our own folder: the manifest never points elsewhere.
    if (!/^[^/\\]+$/.test(name)) continue;
    const response = await fetch(`./demo/${encodeURIComponent(name)}`);
    if (!response.ok) continue;
    files.push({ name, bytes: new Uint8Array(await response.arrayBuffer()) });
  }
  if (!files.length) return [];
  return engine.call('importFiles', { files }, onProgress);
}

/** The session bytes IndexedDB holds (the restore point of a cancelled import: src/ui/import/cancel.ts). */
export async function savedSessionBytes(): Promise<Uint8Array | null> {
  const bytes = await get<Uint8Array>(SESSION_KEY);
  return bytes && bytes.byteLength > 0 ? bytes : null;
}

export async function forgetSession(): Promise<void> {
  await del(SESSION_KEY);
  await del(SAVED_AT_KEY);
}

export type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved'; at: Date } | { kind: 'error'; message: string };

/**
 * Saves the database to IndexedDB ~500 ms after the last change. `touch()` after every change
 * (import, edit, SQL that changed data, workspace); the engine's revision tells whether there is
 * anything new, so a touch without a change costs one small request.
 */
export class Autosave {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private savedRevision = -1;
  private running: Promise<void> | null = null;
  private again = false;
  private lastSavedAt: Date | null = null;
  /** while the engine restarts and reopens the saved bytes, nothing is saved (it would be an empty database) */
  private suspended = false;

  constructor(
    private readonly engine: EngineClient,
    private readonly onState: (state: SaveState) => void,
    private readonly delay = 500,
  ) {}

  /** after open: the current revision is what IndexedDB already holds */
  async markSaved(at?: Date): Promise<void> {
    this.savedRevision = await this.engine.call('revision', {});
    this.lastSavedAt = at ?? new Date();
  }

  /**
   * Saves now, waiting for it; true when IndexedDB then holds exactly what the engine holds
   * (the restore point before an import: src/ui/import/cancel.ts).
   */
  async saveNow(): Promise<boolean> {
    // Twice at most: a save already running may have exported an older revision.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (this.suspended) return false;
      await this.flush();
      try {
        if (this.savedRevision === (await this.engine.call('revision', {}))) return true;
      } catch {
        return false;
      }
    }
    return false;
  }

  suspend(): void {
    this.suspended = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** after the engine reopened the saved bytes: they are what IndexedDB holds */
  async resume(savedAt?: Date): Promise<void> {
    this.suspended = false;
    await this.markSaved(savedAt ?? this.lastSavedAt ?? undefined);
    this.onState({ kind: 'saved', at: this.lastSavedAt ?? new Date() });
  }

  touch(): void {
    if (this.suspended) return;
    if (this.timer) clearTimeout(this.timer);
    this.onState({ kind: 'saving' });
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.delay);
  }

  async flush(): Promise<void> {
    if (this.suspended) return;
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
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

  private async save(): Promise<void> {
    if (this.suspended) return;
    try {
      const revision = await this.engine.call('revision', {});
      if (revision === this.savedRevision) {
        this.onState({ kind: 'saved', at: this.lastSavedAt ?? new Date() });
        return;
      }
      this.onState({ kind: 'saving' });
      const bytes = await this.engine.call('exportDatabase', {});
      const at = new Date();
      await setMany([
        [SESSION_KEY, bytes],
        [SAVED_AT_KEY, at.toISOString()],
      ]);
      this.savedRevision = revision;
      this.lastSavedAt = at;
      this.onState({ kind: 'saved', at });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.onState({ kind: 'error', message: `Сессия не сохранена: ${reason}` });
    }
  }
}
