import type { Database } from '../core/db.ts';
import { sqliteInRussian } from '../core/sql-errors.ts';
import type { SqlErrorPosition } from './protocol.ts';

/**
 * An SQL error: the message in Russian (src/core/sql-errors.ts), SQLite's own words in `sqlite`
 * for the console's «Подробнее», the place the console can point at. Crosses the worker boundary
 * as `{message, name, position, sqlite}`.
 */
export class SqlError extends Error {
  override name = 'SqlError';
  constructor(
    message: string,
    readonly position?: SqlErrorPosition,
    readonly sqlite?: string,
  ) {
    super(message);
  }
}

/** «Ошибка SQL. Нет таблицы «x».» from whatever sql.js threw; SQLite's words kept alongside. */
export function sqlErrorOf(error: unknown, position?: SqlErrorPosition): SqlError {
  const sqlite = (error instanceof SqlError && error.sqlite) || (error instanceof Error ? error.message : String(error));
  const russian = sqliteInRussian(sqlite) ?? `SQLite не выполнила запрос: «${sqlite}».`;
  return new SqlError(`Ошибка SQL. ${russian}`, position, sqlite);
}

/** Offsets of string literals, quoted identifiers and comments: a token found there is not code. */
function hiddenRanges(sql: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  const re = /'(?:[^']|'')*'?|"(?:[^"]|"")*"?|`[^`]*`?|\[[^\]]*\]?|--[^\n]*|\/\*[\s\S]*?(?:\*\/|$)/g;
  for (const m of sql.matchAll(re)) ranges.push([m.index, m.index + m[0].length]);
  return ranges;
}

const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}_$]/u.test(c);

/** Where `token` occurs in `sql` from `from` on as a whole token, outside literals (unless it is one). */
function occurrences(sql: string, token: string, from: number): number[] {
  if (!token) return [];
  const hidden = /^['"`[]/.test(token) ? [] : hiddenRanges(sql);
  const wordy = isWordChar(token[0]) || isWordChar(token.at(-1));
  const out: number[] = [];
  const lower = sql.toLowerCase();
  const needle = token.toLowerCase();
  for (let i = lower.indexOf(needle, from); i >= 0; i = lower.indexOf(needle, i + 1)) {
    if (hidden.some(([a, b]) => i >= a && i < b)) continue;
    if (wordy && (isWordChar(sql[i - 1]) || isWordChar(sql[i + token.length]))) continue;
    out.push(i);
  }
  return out;
}

function prepareError(db: Database, sql: string): string | null {
  try {
    db.prepare(sql).free();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Finds the place SQLite complains about. sql.js does not expose sqlite3_error_offset, so:
 * - `near "X": syntax error` — the parser stops at the first token it cannot take, so the
 *   place is the first occurrence of X whose prefix of the statement already fails the same way
 *   (prefixes are only prepared, never run);
 * - `no such table/column/function: X`, `unrecognized token: "X"`, `ambiguous column name: X` —
 *   the first occurrence of X in the statement;
 * - `incomplete input` — the end of the statement.
 * `start` is where the failing statement begins in `sql` (for scripts of several statements).
 */
export function locateSqlError(db: Database, sql: string, start: number, message: string): SqlErrorPosition | undefined {
  const near = /near "((?:[^"]|"")*)": syntax error/.exec(message);
  if (near) {
    const token = near[1];
    const candidates = occurrences(sql, token, start);
    for (const at of candidates) {
      const prefix = sql.slice(start, at + token.length);
      if (prepareError(db, prefix) === near[0]) return { offset: at, length: token.length };
    }
    return candidates.length ? { offset: candidates[0], length: token.length } : undefined;
  }
  if (/incomplete input/.test(message)) {
    const end = sql.trimEnd().length;
    return { offset: Math.max(start, end - 1), length: end > start ? 1 : 0 };
  }
  const named =
    /no such (?:table|column|function): ([^\s]+)/.exec(message) ??
    /unrecognized token: "((?:[^"]|"")*)"/.exec(message) ??
    /ambiguous column name: ([^\s]+)/.exec(message);
  if (named) {
    let token = named[1];
    let found = occurrences(sql, token, start);
    // `no such column: s.x` may have been written `s . x` or "x": fall back to the last part.
    if (!found.length && token.includes('.')) {
      token = token.slice(token.lastIndexOf('.') + 1);
      found = occurrences(sql, token, start);
    }
    if (found.length) return { offset: found[0], length: token.length };
  }
  return undefined;
}
