/**
 * What the browser promises about our storage: `navigator.storage.persist()` asks it not to clear
 * IndexedDB when the disk runs low (the answer is shown in «О данных»).
 */
export type PersistAnswer = 'granted' | 'denied' | 'unsupported';

export async function requestPersistence(): Promise<PersistAnswer> {
  const storage = globalThis.navigator?.storage;
  if (!storage?.persist) return 'unsupported';
  try {
    if (await storage.persisted()) return 'granted';
    return (await storage.persist()) ? 'granted' : 'denied';
  } catch {
    return 'unsupported';
  }
}

/** Bytes this site uses and may use, as the browser estimates them; null when it does not say. */
export async function storageEstimate(): Promise<{ usage: number; quota: number } | null> {
  try {
    const estimate = await globalThis.navigator?.storage?.estimate?.();
    return estimate && typeof estimate.usage === 'number' && typeof estimate.quota === 'number' ? { usage: estimate.usage, quota: estimate.quota } : null;
  } catch {
    return null;
  }
}
