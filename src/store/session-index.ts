/**
 * The list of sessions kept in this browser: one small record in IndexedDB (sessions.ts) that the
 * menu reads without opening any database. Pure functions over plain data, so the rules (names,
 * copies, which session opens next) are tested without a browser.
 */

export interface SessionMeta {
  id: string;
  name: string;
  /** the demo municipality: marked in the header, never the target of «Новая сессия» */
  demo: boolean;
  /** ISO time */
  createdAt: string;
  /** when the database was last written to IndexedDB (ISO), null before the first save */
  savedAt: string | null;
  /** bytes of the saved database */
  size: number;
}

export interface SessionIndex {
  version: 1;
  sessions: SessionMeta[];
  /** the session the app opens on the next visit; null: the start screen */
  current: string | null;
}

export const NAME_MAX = 80;
export const DEMO_SESSION_NAME = 'Демо-муниципалитет';
export const OWN_SESSION_NAME = 'Моя сессия';

export function emptyIndex(): SessionIndex {
  return { version: 1, sessions: [], current: null };
}

/** Whatever IndexedDB holds, as a valid index: entries that are not sessions are dropped. */
export function parseIndex(value: unknown): SessionIndex {
  if (!value || typeof value !== 'object') return emptyIndex();
  const raw = value as { sessions?: unknown; current?: unknown };
  const sessions = Array.isArray(raw.sessions) ? raw.sessions.filter(isMeta) : [];
  const current = typeof raw.current === 'string' && sessions.some((s) => s.id === raw.current) ? raw.current : null;
  return { version: 1, sessions, current };
}

function isMeta(value: unknown): value is SessionMeta {
  if (!value || typeof value !== 'object') return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.id === 'string' &&
    typeof m.name === 'string' &&
    typeof m.demo === 'boolean' &&
    typeof m.createdAt === 'string' &&
    (m.savedAt === null || typeof m.savedAt === 'string') &&
    typeof m.size === 'number'
  );
}

/** A name as typed: spaces collapsed, at most NAME_MAX characters; '' when nothing is left. */
export function cleanName(text: string): string {
  return text.replace(/\s+/g, ' ').trim().slice(0, NAME_MAX).trim();
}

/** `base`, or «base 2», «base 3» … — the first name no session of the index has. */
export function uniqueName(index: SessionIndex, base: string): string {
  const taken = new Set(index.sessions.map((s) => s.name.toLocaleLowerCase('ru')));
  const clean = cleanName(base) || OWN_SESSION_NAME;
  if (!taken.has(clean.toLocaleLowerCase('ru'))) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean.slice(0, NAME_MAX - String(n).length - 1)} ${n}`;
    if (!taken.has(candidate.toLocaleLowerCase('ru'))) return candidate;
  }
}

/** «Мой анализ (копия)», then «Мой анализ (копия) 2» … */
export function copyName(index: SessionIndex, name: string): string {
  return uniqueName(index, `${name.slice(0, NAME_MAX - 8)} (копия)`);
}

/** A session name from a file name: «отчёт_2026.sqlite» → «отчёт_2026». */
export function nameFromFile(fileName: string): string {
  return cleanName(fileName.replace(/\.(sqlite3?|db)$/i, '')) || OWN_SESSION_NAME;
}

/** 16 hex digits: never shown, only keys the session's records. */
export function newSessionId(random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => void globalThis.crypto.getRandomValues(b)): string {
  const bytes = new Uint8Array(8);
  random(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function findSession(index: SessionIndex, id: string | null): SessionMeta | null {
  return index.sessions.find((s) => s.id === id) ?? null;
}

export function addSession(index: SessionIndex, meta: SessionMeta): SessionIndex {
  return { ...index, sessions: [...index.sessions.filter((s) => s.id !== meta.id), meta] };
}

export function setCurrent(index: SessionIndex, id: string | null): SessionIndex {
  return { ...index, current: id !== null && findSession(index, id) ? id : null };
}

/** Renames; a name taken by another session gets a number («Отчёт 2»); an empty name changes nothing. */
export function renameSession(index: SessionIndex, id: string, name: string): SessionIndex {
  const clean = cleanName(name);
  const meta = findSession(index, id);
  if (!meta || !clean || clean === meta.name) return index;
  const others = { ...index, sessions: index.sessions.filter((s) => s.id !== id) };
  const unique = uniqueName(others, clean);
  return { ...index, sessions: index.sessions.map((s) => (s.id === id ? { ...s, name: unique } : s)) };
}

/** Removes a session; when it was the current one, nothing is current (the caller opens another or the start screen). */
export function removeSession(index: SessionIndex, id: string): SessionIndex {
  return { ...index, sessions: index.sessions.filter((s) => s.id !== id), current: index.current === id ? null : index.current };
}

/** After the database of a session was written: when and how big. A session deleted meanwhile stays deleted. */
export function recordSave(index: SessionIndex, id: string, savedAt: string, size: number): SessionIndex {
  return { ...index, sessions: index.sessions.map((s) => (s.id === id ? { ...s, savedAt, size } : s)) };
}

/** The session to open after `removed` was deleted: the most recently saved one left, or none. */
export function nextAfterRemoval(index: SessionIndex): SessionMeta | null {
  return byRecent(index.sessions)[0] ?? null;
}

/** Most recently saved first; never saved ones by creation time. */
export function byRecent(sessions: readonly SessionMeta[]): SessionMeta[] {
  const time = (s: SessionMeta) => s.savedAt ?? s.createdAt;
  return [...sessions].sort((a, b) => (time(a) < time(b) ? 1 : time(a) > time(b) ? -1 : a.name.localeCompare(b.name, 'ru')));
}

export function totalSize(index: SessionIndex): number {
  return index.sessions.reduce((sum, s) => sum + s.size, 0);
}
