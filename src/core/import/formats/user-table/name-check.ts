import type { Database } from '../../../db.ts';
import { queryValue } from '../../../db.ts';
import { identifierProblem } from './names.ts';

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
