/** The console's history: the session's last queries, newest first, kept in oko_workspace. */
export const HISTORY_KEY = 'sql-history';
export const HISTORY_LIMIT = 50;

export interface HistoryEntry {
  sql: string;
  /** ISO time of the last run */
  at: string;
}

/** The query moves to the top (no duplicates); at most `limit` entries are kept. */
export function pushHistory(list: readonly HistoryEntry[], sql: string, at: Date = new Date(), limit = HISTORY_LIMIT): HistoryEntry[] {
  const text = sql.trim();
  if (!text) return [...list];
  return [{ sql: text, at: at.toISOString() }, ...list.filter((e) => e.sql !== text)].slice(0, limit);
}

/** Tolerant reading: anything malformed is dropped, never thrown. */
export function parseHistory(text: string | null): HistoryEntry[] {
  if (!text) return [];
  try {
    const value = JSON.parse(text) as unknown;
    if (!Array.isArray(value)) return [];
    return value
      .filter(
        (e): e is HistoryEntry => !!e && typeof e === 'object' && typeof (e as HistoryEntry).sql === 'string' && typeof (e as HistoryEntry).at === 'string',
      )
      .slice(0, HISTORY_LIMIT);
  } catch {
    return [];
  }
}

/** One line for the list: whitespace collapsed, cut at `max` characters. */
export function historyLabel(sql: string, max = 120): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
