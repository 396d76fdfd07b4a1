import { deleteDatabase, type SessionStore } from './sessions.ts';

/**
 * «Удалить все данные»: everything this site keeps in the browser — the service worker, its
 * caches (the app's own files), every IndexedDB database (the sessions) and localStorage (notes
 * of interrupted imports with their file names, the panel's width, the mark that sessions exist).
 * The service worker goes first, so it cannot fill a cache again; after this the next visit
 * starts as the first one.
 */
export async function deleteAllData(sessions: SessionStore): Promise<void> {
  const registrations = (await navigator.serviceWorker?.getRegistrations?.().catch(() => [])) ?? [];
  await Promise.all(registrations.map((registration) => registration.unregister()));
  if (globalThis.caches) {
    const names = await caches.keys();
    await Promise.all(names.map((name) => caches.delete(name)));
  }
  await sessions.deleteDatabase();
  // Any other database of this origin (none today; a later version might add one).
  const others = (await indexedDB.databases?.().catch(() => [])) ?? [];
  for (const { name } of others) if (name) await deleteDatabase(name);
  try {
    localStorage.clear();
  } catch {
    /* a page that may not use storage has nothing there */
  }
}
