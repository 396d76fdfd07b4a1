/**
 * A mark, in localStorage, that this browser keeps Око sessions. Without it the visit is a first
 * one: the start screen appears at once instead of after IndexedDB has been opened and read
 * (localStorage answers synchronously). A wrong mark costs nothing but that wait: the session
 * list in IndexedDB stays what decides which session opens.
 */
const KEY = 'oko:has-sessions';

function storage(): Storage | undefined {
  try {
    return (globalThis as { localStorage?: Storage }).localStorage;
  } catch {
    return undefined; // a page that may not use storage
  }
}

export function isFirstVisit(): boolean {
  const local = storage();
  if (!local) return false;
  try {
    return local.getItem(KEY) === null;
  } catch {
    return false;
  }
}

export function rememberSessions(): void {
  try {
    storage()?.setItem(KEY, '1');
  } catch {
    /* full or forbidden: the next visit only waits for IndexedDB */
  }
}
