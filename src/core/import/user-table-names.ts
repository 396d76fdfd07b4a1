import type { Database } from '../db.ts';
import { queryValue } from '../db.ts';
import { normalizeHeader } from './cells.ts';

const IDENTIFIER = /^[\p{L}_][\p{L}\p{N}_]*$/u;
const MAX_LENGTH = 60;
// Shadowing rowid would break editing in the grid, which addresses rows by rowid.
const RESERVED_COLUMNS = new Set(['rowid', '_rowid_', 'oid']);

/** «Балл за 1 задание» → 'балл_за_1_задание' (letters, digits, underscores; lower case). */
export function suggestIdentifier(text: string, fallback: string): string {
  const slug = normalizeHeader(text)
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, MAX_LENGTH);
  const safe = slug && !/^\p{N}/u.test(slug) ? slug : `${fallback}${slug ? `_${slug}` : ''}`;
  return RESERVED_COLUMNS.has(safe) ? `${safe}_` : safe;
}

/** Distinct names: a repeated header gets _2, _3 … */
export function distinctNames(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    let candidate = name;
    for (let k = 2; used.has(candidate.toLowerCase()); k++) candidate = `${name}_${k}`;
    used.add(candidate.toLowerCase());
    return candidate;
  });
}

/** Why a name cannot be a user table's or column's name; null when it can. */
export function identifierProblem(name: string): string | null {
  if (!IDENTIFIER.test(name)) return 'допустимы только буквы, цифры и знак подчёркивания, и имя не может начинаться с цифры';
  if (name.length > MAX_LENGTH) return `имя длиннее ${MAX_LENGTH} знаков`;
  return null;
}

export function columnNameProblem(name: string): string | null {
  if (RESERVED_COLUMNS.has(name.toLowerCase())) return 'это имя SQLite использует для номера строки';
  return identifierProblem(name);
}

/** A name the user may give a new table: not a table of Око (canonical, workspace, SQLite's own). */
export function tableNameProblem(db: Database, name: string, replace: boolean): string | null {
  const problem = identifierProblem(name);
  if (problem) return problem;
  const lower = name.toLowerCase();
  if (lower.startsWith('sqlite_') || lower.startsWith('oko_')) return 'имена на «sqlite_» и «oko_» заняты служебными таблицами';
  const existing = queryValue(db, "SELECT type FROM sqlite_master WHERE lower(name) = ? AND type IN ('table', 'view')", [lower]);
  if (existing === null) return null;
  const isUser = queryValue(db, 'SELECT 1 FROM oko_user_table WHERE lower(table_name) = ?', [lower]) === 1;
  if (!isUser) return 'так называется таблица Око — выберите другое имя';
  return replace ? null : 'такая таблица уже загружена — выберите другое имя или замените её';
}
