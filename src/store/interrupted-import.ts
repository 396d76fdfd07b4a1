/**
 * The files being imported, written down before the import starts and struck out when it ends.
 * A reload (or a crash) in between leaves the note behind, so the next visit can say which files
 * were not loaded — an import is all-or-nothing, so nothing of them is in the session.
 *
 * localStorage, not IndexedDB: it is written synchronously, so the note is there even if the page
 * goes away a moment after the import starts.
 */
const KEY = 'oko.importing';

type Notes = Record<string, string[]>;

function read(storage: Storage | undefined): Notes {
  if (!storage) return {};
  try {
    const value = JSON.parse(storage.getItem(KEY) ?? '{}') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Notes) : {};
  } catch {
    return {};
  }
}

function write(storage: Storage | undefined, notes: Notes): void {
  if (!storage) return;
  try {
    if (Object.keys(notes).length) storage.setItem(KEY, JSON.stringify(notes));
    else storage.removeItem(KEY);
  } catch {
    // a full or forbidden localStorage only costs the notice after a reload
  }
}

export class ImportNotes {
  /** without a storage: the page's localStorage (none in Node: then nothing is noted) */
  constructor(private readonly given?: Storage) {}

  private get storage(): Storage | undefined {
    return this.given ?? (globalThis as { localStorage?: Storage }).localStorage;
  }

  /** Before the import of `files` into session `session` begins. */
  started(session: string, files: readonly string[]): void {
    const notes = read(this.storage);
    notes[session] = [...(notes[session] ?? []), ...files];
    write(this.storage, notes);
  }

  /** The import of `file` ended — loaded, refused or cancelled: the user saw its outcome. */
  ended(session: string, file: string): void {
    const notes = read(this.storage);
    const left = [...(notes[session] ?? [])];
    const at = left.indexOf(file);
    if (at >= 0) left.splice(at, 1);
    if (left.length) notes[session] = left;
    else delete notes[session];
    write(this.storage, notes);
  }

  /** Files whose import a reload cut off in session `session`; the note is cleared once read. */
  takeInterrupted(session: string): string[] {
    const notes = read(this.storage);
    const files = notes[session] ?? [];
    delete notes[session];
    write(this.storage, notes);
    return files;
  }

  /** A deleted session leaves no note behind. */
  forget(session: string): void {
    const notes = read(this.storage);
    delete notes[session];
    write(this.storage, notes);
  }
}

/** The page's notes. */
export const importNotes = new ImportNotes();

/** «Загрузка прервана перезагрузкой страницы: …» — what the user is told on the next visit. */
export function interruptedMessage(files: readonly string[]): string {
  const list = files.map((file) => `«${file}»`).join(', ');
  return files.length === 1
    ? `Загрузка файла ${list} была прервана перезагрузкой или закрытием страницы. Файл не загружен, сессия осталась такой, какой была до него. Загрузите его снова.`
    : `Загрузка файлов ${list} была прервана перезагрузкой или закрытием страницы. Эти файлы не загружены, сессия осталась такой, какой была до них. Загрузите их снова.`;
}
